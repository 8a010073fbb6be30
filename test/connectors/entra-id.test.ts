// Contract tests of the Microsoft Entra ID connector against the loopback Graph fake.
import { entraIdDefinition } from '../../connectors/entra-id/definition';
import { fakeExtensionName, fakeUserId, startFakeEntraId, type FakeEntraOptions, type RunningFakeEntra } from '../../connectors/entra-id/fake-server';
import { shiftDays } from '../../connectors/entra-id/fake-people';
import { CredentialsRejectedError, HrSystemResponseError } from '../../connectors/errors';
import type { ConnectorContext, EmployeePage, HrConnector, RemoteEmployee } from '../../connectors/types';

const today = new Date().toISOString().slice(0, 10);
const noWait: ConnectorContext = { sleep: async () => undefined };

let fake: RunningFakeEntra;

async function startFake(options: FakeEntraOptions = {}): Promise<RunningFakeEntra> {
  fake = await startFakeEntraId({ people: 60, ...options });
  return fake;
}

afterEach(async () => {
  await fake?.close();
});

function connect(overrides: { clientSecret?: string; tenantId?: string } = {}, context: ConnectorContext = noWait): HrConnector {
  const credentials = entraIdDefinition.credentialsSchema.parse({
    tenantId: overrides.tenantId ?? fake.tenantId,
    clientId: fake.clientId,
    clientSecret: overrides.clientSecret ?? fake.clientSecret,
    baseUrl: fake.url,
    loginBaseUrl: fake.url,
  });
  return entraIdDefinition.create(credentials, context);
}

async function listAll(connector: HrConnector): Promise<{ pages: EmployeePage[]; employees: RemoteEmployee[] }> {
  const pages: EmployeePage[] = [];
  let cursor: string | null = null;
  do {
    const page = await connector.fetchEmployeePage(cursor);
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor !== null && pages.length < 100);
  return { pages, employees: pages.flatMap((p) => p.employees) };
}

function byId(employees: RemoteEmployee[], n: number): RemoteEmployee {
  const found = employees.find((e) => e.remoteId === fakeUserId(n));
  if (!found) throw new Error(`person ${n} missing`);
  return found;
}

describe('Microsoft Entra ID connector', () => {
  describe('credential check', () => {
    it('reports a wrong client secret with the AADSTS reason and without echoing the secret', async () => {
      await startFake();
      const wrongSecret = 'wrong-secret-value-1234';
      const error = await connect({ clientSecret: wrongSecret }).checkCredentials().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CredentialsRejectedError);
      expect((error as Error).message).toMatch(/^Microsoft Entra ID refused the credentials: AADSTS7000215: Invalid client secret/);
      expect((error as Error).message).not.toContain(wrongSecret);
      expect((error as Error).message).not.toContain('Trace ID');
    });

    it('reports an unknown tenant as refused credentials', async () => {
      await startFake();
      await expect(connect({ tenantId: 'other-tenant.onmicrosoft.com' }).checkCredentials()).rejects.toThrow(/AADSTS90002: Tenant 'other-tenant.onmicrosoft.com' not found/);
    });

    it('refuses when the app was never granted User.Read.All, naming the permission', async () => {
      await startFake({ permissions: { usersRead: false } });
      const error = await connect().checkCredentials().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CredentialsRejectedError);
      expect((error as Error).message).toContain('Insufficient privileges');
      expect((error as Error).message).toContain('User.Read.All');
    });
  });

  describe('employee listing', () => {
    it('maps the Graph properties into the unified fields', async () => {
      await startFake({ people: 5 });
      const hire = fake.state.addUser({
        givenName: 'Tessa',
        surname: 'Quell',
        mail: 'tessa.quell@northwind-benefits.test',
        employeeId: 'P-4711',
        employeeType: 'Part-time',
        employeeHireDate: `${shiftDays(today, 14)}T00:00:00Z`,
        companyName: 'Fabrikam Services AG',
      });
      const { employees } = await listAll(connect());
      expect(employees.find((e) => e.remoteId === hire.id)).toMatchObject({
        firstName: 'Tessa',
        lastName: 'Quell',
        email: 'tessa.quell@northwind-benefits.test',
        status: 'onboarding',
        personnelNumber: 'P-4711',
        employmentType: 'PART_TIME',
        hireDate: shiftDays(today, 14),
        leavingDate: null,
        legalEntity: { id: 'Fabrikam Services AG', name: 'Fabrikam Services AG' },
      });
    });

    it('counts a malformed record as invalid without failing the page', async () => {
      await startFake({ people: 3 });
      fake.state.injectMalformed({ displayName: 'Record without id' });
      fake.state.injectMalformed({ id: 'bad-date-user', givenName: 'Bad', employeeLeaveDateTime: 'next Friday' });
      const page = await connect().fetchEmployeePage(null);
      expect(page.employees).toHaveLength(3);
      expect(page.invalid).toEqual([
        { remoteId: null, reason: expect.stringContaining('id') },
        { remoteId: 'bad-date-user', reason: expect.stringContaining('employeeLeaveDateTime') },
      ]);
    });

    it('never follows a next-page cursor that leaves Microsoft Graph', async () => {
      await startFake({ people: 3 });
      await expect(connect().fetchEmployeePage('https://attacker.example/v1.0/users?$skiptoken=x')).rejects.toBeInstanceOf(HrSystemResponseError);
      expect(fake.state.tokensIssued).toBe(0);
    });
  });

  describe('attributes', () => {
    it('offers extensionAttribute1..15 and the tenant directory extensions as custom attributes', async () => {
      await startFake({ people: 3 });
      const attributes = await connect().listAttributes();
      const custom = attributes.filter((a) => a.custom).map((a) => a.key);
      expect(custom).toEqual(expect.arrayContaining(['onPremisesExtensionAttributes.extensionAttribute1', 'onPremisesExtensionAttributes.extensionAttribute15']));
      expect(attributes).toContainEqual({ key: fakeExtensionName('numberOfChildren'), label: 'numberOfChildren (Northwind HR Sync)', type: 'number', custom: true });
      expect(attributes.find((a) => a.key === 'companyName')).toMatchObject({ custom: false });
    });

    it('picks up a directory extension created after setup on re-sync', async () => {
      await startFake({ people: 3 });
      const connector = connect();
      const key = fakeExtensionName('costUnit');
      expect((await connector.listAttributes()).map((a) => a.key)).not.toContain(key);
      fake.state.registerExtension({ name: key, dataType: 'String' });
      fake.state.editUser(fakeUserId(2), { [key]: 'CU-9' });
      expect((await connector.listAttributes()).map((a) => a.key)).toContain(key);
      const { employees } = await listAll(connector);
      expect(byId(employees, 2).attributes[key]).toBe('CU-9');
    });

    it('returns every attribute value under the same keys listAttributes offers', async () => {
      await startFake({ people: 6 });
      const connector = connect();
      const keys = new Set((await connector.listAttributes()).map((a) => a.key));
      const person = byId((await listAll(connector)).employees, 5);
      for (const key of Object.keys(person.attributes)) expect(keys).toContain(key);
      expect(person.attributes).toMatchObject({
        [fakeExtensionName('numberOfChildren')]: 1,
        [fakeExtensionName('maritalStatus')]: 'divorced',
        'onPremisesExtensionAttributes.extensionAttribute1': 'Site 2',
        'employeeOrgData.costCenter': 'CC-105',
        employeeType: 'Intern',
      });
    });

    it('still lists employees when the app may not read directory extensions', async () => {
      await startFake({ people: 4, permissions: { directoryRead: false } });
      const connector = connect();
      const attributes = await connector.listAttributes();
      expect(attributes.map((a) => a.key)).toContain('onPremisesExtensionAttributes.extensionAttribute3');
      expect(attributes.map((a) => a.key)).not.toContain(fakeExtensionName('numberOfChildren'));
      expect((await connector.fetchEmployeePage(null)).employees).toHaveLength(4);
    });
  });

  describe('legal entities and employment types', () => {
    it('translates the employee types in use into unified employment types', async () => {
      await startFake({ people: 12 });
      expect(await connect().listEmploymentTypes()).toEqual(['CONTRACTOR', 'INTERN', 'OTHER', 'PART_TIME']);
    });
  });
});
