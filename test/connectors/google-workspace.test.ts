// Contract tests of the Google Workspace connector against the loopback Directory API fake. The fake
// verifies the service account's JWT with the public half of a key pair generated here.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { CredentialsRejectedError } from '../../connectors/errors';
import { googleWorkspaceDefinition } from '../../connectors/google-workspace/definition';
import { shiftDays } from '../../connectors/google-workspace/fake-people';
import { EMPLOYMENT_SCHEMA, fakeGoogleUserId, startFakeGoogleWorkspace, type FakeGoogleOptions, type RunningFakeGoogle } from '../../connectors/google-workspace/fake-server';
import type { ConnectorContext, EmployeePage, HrConnector, RemoteEmployee } from '../../connectors/types';

const today = new Date().toISOString().slice(0, 10);
const noWait: ConnectorContext = { sleep: async () => undefined };
const CLIENT_EMAIL = 'hr-sync@fake-project.iam.gserviceaccount.com';

function keyPair(): { privatePem: string; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey };
}

const serviceAccount = keyPair();
const otherKey = keyPair();

let fake: RunningFakeGoogle;

async function startFake(options: Partial<FakeGoogleOptions> = {}): Promise<RunningFakeGoogle> {
  fake = await startFakeGoogleWorkspace({ serviceAccount: { clientEmail: CLIENT_EMAIL, publicKey: serviceAccount.publicKey }, people: 60, ...options });
  return fake;
}

afterEach(async () => {
  await fake?.close();
});

function keyFile(privatePem = serviceAccount.privatePem) {
  return {
    type: 'service_account',
    project_id: 'fake-project',
    private_key_id: 'fake-key-1',
    private_key: privatePem,
    client_email: CLIENT_EMAIL,
    client_id: '109876543210987654321',
    token_uri: fake.tokenUrl,
  };
}

interface ConnectOptions {
  key?: unknown;
  adminEmail?: string;
  leavingDateField?: string;
  hireDateField?: string;
  domain?: string;
  context?: ConnectorContext;
}

function connect(options: ConnectOptions = {}): HrConnector {
  const credentials = googleWorkspaceDefinition.credentialsSchema.parse({
    serviceAccountKey: options.key ?? JSON.stringify(keyFile()),
    adminEmail: options.adminEmail ?? fake.adminEmail,
    baseUrl: fake.url,
    hireDateField: options.hireDateField ?? `${EMPLOYMENT_SCHEMA}.hireDate`,
    leavingDateField: options.leavingDateField ?? `${EMPLOYMENT_SCHEMA}.leavingDate`,
    domain: options.domain,
  });
  return googleWorkspaceDefinition.create(credentials, options.context ?? noWait);
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
  const found = employees.find((e) => e.remoteId === fakeGoogleUserId(n));
  if (!found) throw new Error(`person ${n} missing`);
  return found;
}

describe('Google Workspace connector', () => {
  describe('credential check', () => {
    it('accepts the key file as an object too', async () => {
      await startFake();
      await expect(connect({ key: keyFile() }).checkCredentials()).resolves.toBeUndefined();
    });

    it('reports a key Google does not know with its reason, never echoing the key', async () => {
      await startFake();
      const error = await connect({ key: JSON.stringify(keyFile(otherKey.privatePem)) })
        .checkCredentials()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CredentialsRejectedError);
      expect((error as Error).message).toBe('Google Workspace refused the credentials: invalid_grant: Invalid JWT Signature.');
      expect((error as Error).message).not.toContain('PRIVATE KEY');
    });

    it('explains missing domain-wide delegation scopes', async () => {
      await startFake({ delegatedScopes: ['https://www.googleapis.com/auth/admin.directory.user.readonly'] });
      await expect(connect().checkCredentials()).rejects.toThrow(/unauthorized_client: Client is unauthorized .*auth\/admin\.directory\.userschema\.readonly under domain-wide delegation/);
    });

    it('refuses an impersonated user who is not an administrator', async () => {
      await startFake();
      const employee = fake.state.addUser();
      const error = await connect({ adminEmail: employee.primaryEmail }).checkCredentials().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CredentialsRejectedError);
      expect((error as Error).message).toContain('Not Authorized to access this resource/api');
    });

    it('refuses an unknown admin e-mail, a wrong domain and a missing custom field', async () => {
      await startFake();
      await expect(connect({ adminEmail: 'nobody@contoso-benefits.test' }).checkCredentials()).rejects.toThrow(/invalid_grant: Invalid email or User ID/);
      await expect(connect({ domain: 'other.test' }).checkCredentials()).rejects.toThrow(/customer ID or domain.*Domain not found/);
      await expect(connect({ leavingDateField: 'Employment.exitDate' }).checkCredentials()).rejects.toThrow(/no custom field Employment\.exitDate/);
    });

    it('rejects a pasted text that is not a key file before contacting Google', async () => {
      await startFake();
      const parsed = googleWorkspaceDefinition.credentialsSchema.safeParse({ serviceAccountKey: '{"client_email": "x"', adminEmail: fake.adminEmail });
      expect(parsed.success).toBe(false);
      expect(fake.state.requests).toHaveLength(0);
    });
  });

  describe('employee listing', () => {
    it('reads suspended and archived leavers with their leaving date', async () => {
      await startFake({ maxPageSize: 25 });
      fake.state.terminate(fakeGoogleUserId(7), shiftDays(today, -2), { suspend: true });
      const { employees } = await listAll(connect());
      // Left 30 days ago, suspended / archived: still listed, with the leaving date.
      expect(byId(employees, 20)).toMatchObject({ status: 'terminated', leavingDate: shiftDays(today, -30) });
      expect(byId(employees, 40)).toMatchObject({ status: 'terminated', leavingDate: shiftDays(today, -30), attributes: expect.objectContaining({ archived: true }) });
      // Leaves in 60 days, still working.
      expect(byId(employees, 10)).toMatchObject({ status: 'active', leavingDate: shiftDays(today, 60) });
      expect(byId(employees, 7)).toMatchObject({ status: 'terminated', leavingDate: shiftDays(today, -2) });
    });

    it('maps the Directory fields into the unified fields', async () => {
      await startFake({ people: 3 });
      const hire = fake.state.addUser({
        primaryEmail: 'tilda.sommer@contoso-benefits.test',
        name: { givenName: 'Tilda', familyName: 'Sommer', fullName: 'Tilda Sommer' },
        gender: { type: 'other' },
        externalIds: [{ value: 'P-0815', type: 'organization' }, { value: 'x1', type: 'account' }],
        organizations: [
          { name: 'Old Employer AG', primary: false },
          { name: 'Litware Services SE', costCenter: 'CC-9', description: 'Working student', primary: true },
        ],
      });
      fake.state.setCustomField(hire.id, EMPLOYMENT_SCHEMA, 'hireDate', shiftDays(today, 10));
      const { employees } = await listAll(connect());
      expect(employees.find((e) => e.remoteId === hire.id)).toMatchObject({
        firstName: 'Tilda',
        lastName: 'Sommer',
        email: 'tilda.sommer@contoso-benefits.test',
        status: 'onboarding',
        personnelNumber: 'P-0815',
        gender: 'diverse',
        hireDate: shiftDays(today, 10),
        leavingDate: null,
        legalEntity: { id: 'Litware Services SE', name: 'Litware Services SE' },
        attributes: expect.objectContaining({ 'organizations.costCenter': 'CC-9', 'organizations.description': 'Working student' }),
      });
    });

    it('counts malformed records as invalid without failing the page', async () => {
      await startFake({ people: 3 });
      fake.state.injectMalformed({ primaryEmail: 'no-id@contoso-benefits.test' });
      fake.state.injectMalformed({ id: '42', primaryEmail: 'x@contoso-benefits.test', organizations: 'Contoso' });
      const bad = fake.state.addUser();
      fake.state.setCustomField(bad.id, EMPLOYMENT_SCHEMA, 'leavingDate', 'end of March');
      const page = await connect().fetchEmployeePage(null);
      expect(page.employees).toHaveLength(3);
      expect(page.invalid).toEqual([
        { remoteId: null, reason: expect.stringContaining('id') },
        { remoteId: '42', reason: expect.stringContaining('organizations') },
        { remoteId: bad.id, reason: 'customSchemas.Employment.leavingDate: is not a date (YYYY-MM-DD)' },
      ]);
    });
  });

  describe('custom attributes', () => {
    it('discovers custom schema fields as custom attributes and returns their values under the same keys', async () => {
      await startFake({ people: 6 });
      const connector = connect();
      const attributes = await connector.listAttributes();
      expect(attributes).toContainEqual({ key: 'customSchemas.Employment.numberOfChildren', label: 'Employment: Number of children', type: 'number', custom: true });
      expect(attributes).toContainEqual({ key: 'customSchemas.Employment.languages', label: 'Employment: Languages', type: 'list', custom: true });
      expect(attributes.find((a) => a.key === 'organizations.costCenter')).toMatchObject({ custom: false });

      const keys = new Set(attributes.map((a) => a.key));
      const person = byId((await listAll(connector)).employees, 5);
      for (const key of Object.keys(person.attributes)) expect(keys).toContain(key);
      expect(person.attributes).toMatchObject({
        'customSchemas.Employment.numberOfChildren': '1',
        'customSchemas.Employment.maritalStatus': 'divorced',
        'customSchemas.Employment.languages': 'German, English',
        'externalIds.organization': 'E00005',
      });
    });

    it('picks up a custom field created after setup on re-sync', async () => {
      await startFake({ people: 3 });
      const connector = connect();
      expect((await connector.listAttributes()).map((a) => a.key)).not.toContain('customSchemas.Family.children');
      fake.state.defineCustomField('Family', { fieldName: 'children', fieldType: 'INT64', displayName: 'Children' });
      fake.state.setCustomField(fakeGoogleUserId(2), 'Family', 'children', '3');
      expect(await connector.listAttributes()).toContainEqual({ key: 'customSchemas.Family.children', label: 'Family: Children', type: 'number', custom: true });
      expect(byId((await listAll(connector)).employees, 2).attributes['customSchemas.Family.children']).toBe('3');
    });
  });
});
