import { bambooHr } from '../../connectors/bamboohr/definition';
import { FAKE_BAMBOOHR_API_KEY, NUMBER_OF_CHILDREN_FIELD_ID, startFakeBambooHr, type RunningFakeBambooHr } from '../../connectors/bamboohr/fake-server';
import { mapBambooEmployee } from '../../connectors/bamboohr/mapping';
import { HrSystemUnavailableError, RateLimitedError } from '../../connectors/errors';
import type { ConnectorContext } from '../../connectors/types';

const noWait: ConnectorContext = { sleep: async () => undefined };

describe('BambooHR connector against the fake BambooHR', () => {
  let fake: RunningFakeBambooHr;
  afterEach(async () => fake?.close());

  const connect = (apiKey = FAKE_BAMBOOHR_API_KEY, context: ConnectorContext = noWait) =>
    bambooHr.create(bambooHr.credentialsSchema.parse({ companyDomain: 'example', apiKey, baseUrl: fake.url }), context);

  it('maps the report’s string values, a planned leaver and “0000-00-00” into the unified fields', async () => {
    fake = await startFakeBambooHr({ employees: 30 });
    const page = await connect().fetchEmployeePage(null);

    const leaving = page.employees.find((e) => e.remoteId === '3')!;
    expect(leaving).toMatchObject({ status: 'active', leavingDate: '2030-06-30' });

    const first = page.employees.find((e) => e.remoteId === '1')!;
    expect(first).toMatchObject({
      email: expect.stringMatching(/@example\.com$/),
      personnelNumber: '1001',
      employmentType: 'FULL_TIME',
      gender: 'male',
      maritalStatus: 'married',
      legalEntity: { id: 'Example Services GmbH', name: 'Example Services GmbH' },
      hireDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      leavingDate: null, // BambooHR sends "0000-00-00"
    });
  });

  it('follows state changes: a new hire appears, a termination shows its date', async () => {
    fake = await startFakeBambooHr({ employees: 3 });
    const id = fake.state.addEmployee({ firstName: 'Nova', lastName: 'Example', workEmail: 'nova@example.com', hireDate: '2026-01-05' });
    fake.state.terminateEmployee('2', '2026-12-31');
    const page = await connect().fetchEmployeePage(null);
    expect(page.employees.find((e) => e.remoteId === id)).toMatchObject({ firstName: 'Nova', status: 'active' });
    expect(page.employees.find((e) => e.remoteId === '2')).toMatchObject({ status: 'terminated', leavingDate: '2026-12-31', employmentType: null });
  });

  it('treats the pre-September-2026 throttling 503 as temporary, never as refused credentials', async () => {
    fake = await startFakeBambooHr({ employees: 5 });
    fake.state.throttleNext(2, 503, 2);
    await expect(connect().checkCredentials()).resolves.toBeUndefined();

    fake.state.throttleNext(100, 503, 2);
    const failure = connect(FAKE_BAMBOOHR_API_KEY, { ...noWait, maxAttempts: 3 }).fetchEmployeePage(null);
    await expect(failure).rejects.toBeInstanceOf(HrSystemUnavailableError);
    fake.state.throttleNext(100, 429, 2);
    await expect(connect(FAKE_BAMBOOHR_API_KEY, { ...noWait, maxAttempts: 3 }).fetchEmployeePage(null)).rejects.toBeInstanceOf(RateLimitedError);
  });

  it('discovers custom fields, including one created later, and carries their values', async () => {
    fake = await startFakeBambooHr({ employees: 4 });
    const connector = connect();
    const attributes = await connector.listAttributes();
    expect(attributes).toContainEqual({ key: String(NUMBER_OF_CHILDREN_FIELD_ID), label: 'Number of children', type: 'number', custom: true });
    expect(attributes).toContainEqual({ key: 'customShirtSize', label: 'Shirt size', type: 'list', custom: true });
    expect(attributes).toContainEqual({ key: 'firstName', label: 'First Name', type: 'string', custom: false });
    expect(attributes.map((a) => a.key)).not.toContain('acaStatus'); // deprecated

    const page = await connector.fetchEmployeePage(null);
    const second = page.employees.find((e) => e.remoteId === '2')!;
    expect(second.attributes[String(NUMBER_OF_CHILDREN_FIELD_ID)]).toBe('2');
    expect(second.attributes.customShirtSize).toBe('L');

    const key = fake.state.addCustomField('Kita voucher eligible', 'checkbox');
    fake.state.editEmployee('2', { [key]: 'yes' });
    expect(await connector.listAttributes()).toContainEqual({ key, label: 'Kita voucher eligible', type: 'boolean', custom: true });
    const again = await connector.fetchEmployeePage(null);
    expect(again.employees.find((e) => e.remoteId === '2')!.attributes[key]).toBe('yes');
  });

  it('offers the employment statuses as types', async () => {
    fake = await startFakeBambooHr();
    await expect(connect().listEmploymentTypes()).resolves.toEqual(['FULL_TIME', 'PART_TIME', 'CONTRACTOR']);
  });

  it('requires the company subdomain and the API key, and keeps the key secret', () => {
    expect(bambooHr.credentialsSchema.safeParse({ companyDomain: 'acme.bamboohr.com', apiKey: 'k' }).success).toBe(false);
    expect(bambooHr.credentialsSchema.safeParse({ companyDomain: 'acme' }).success).toBe(false);
    expect(bambooHr.secretKeys).toEqual(['apiKey']);
    expect(bambooHr.supportedFields).not.toContain('numberOfChildren');
  });
});

describe('BambooHR mapping', () => {
  it('reads a future hire (Inactive until the first day) as onboarding, not as a leaver', () => {
    const mapped = mapBambooEmployee({ id: '9', status: 'Inactive', hireDate: '2027-02-01', terminationDate: '0000-00-00' }, '2026-11-27');
    expect(mapped).toMatchObject({ ok: true, employee: { status: 'onboarding', leavingDate: null } });
  });

  it('rejects a record whose fields have the wrong shape', () => {
    expect(mapBambooEmployee({ id: '9', firstName: { nested: true } }, '2026-11-27')).toEqual({
      ok: false,
      invalid: { remoteId: '9', reason: 'field "firstName" has an unexpected shape' },
    });
  });
});
