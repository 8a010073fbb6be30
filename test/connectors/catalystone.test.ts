// What is particular to CatalystOne (the contract suite covers the rest): the GET token request with
// the credentials in headers and the token in an Access-Token header, one token per listing (each new
// token invalidates the previous one) renewed after a 401, includeInactive=true on every listing
// (without it leavers vanish), tenant field ids (defaults, overrides, a named id that does not exist),
// dates and list fields read from { data: { value, guid } }, and CatalystOne's { message } refusals.
import { CredentialsRejectedError, HrSystemResponseError, RateLimitedError } from '../../connectors/errors';
import { catalystOne, catalystOneCredentials } from '../../connectors/catalystone/definition';
import { CHILDREN_FIELD_ID, EMPLOYEES_PATH, FAKE_CATALYSTONE_CLIENT_ID, FAKE_CATALYSTONE_CLIENT_SECRET, startFakeCatalystOne, TOKEN_PATH, type RunningFakeCatalystOne } from '../../connectors/catalystone/fake-server';
import { CATALYSTONE_DEFAULT_FIELDS, fieldKey, genderOf, mapCatalystOneEmployee } from '../../connectors/catalystone/mapping';
import type { ConnectorContext } from '../../connectors/types';
import { readAllPages } from '../support/connector-pages';

const noWait: ConnectorContext = { sleep: async () => undefined };
const today = '2026-12-01';

describe('CatalystOne employee mapping', () => {
  const f = (value: unknown, extra: Record<string, unknown> = {}) => ({ name: 'x', type: 'TEXT', data: { value, ...extra } });
  const record = (fields: Record<string, unknown> = {}) => ({ guid: 'g-1', employeeId: '7', field: { '2': f('Alex'), '3': f('Marlow'), '7': f('alex@example.no'), ...fields } });
  const map = (fields: Record<string, unknown> = {}) => {
    const result = mapCatalystOneEmployee(record(fields), CATALYSTONE_DEFAULT_FIELDS, today);
    if (!result.ok) throw new Error(result.invalid.reason);
    return result.employee;
  };

  it('reads the date of termination (field 38) as the leaving date; only a passed one is terminated', () => {
    expect(map({ '38': f('2025-03-31') })).toMatchObject({ leavingDate: '2025-03-31', status: 'terminated' });
    expect(map({ '38': f('2030-06-30') })).toMatchObject({ leavingDate: '2030-06-30', status: 'active' });
    // An inactive account without a date is not read as a leaver.
    expect(map({ '103': f('Inactive'), '38': f('') })).toMatchObject({ leavingDate: null, status: 'active' });
    expect(map({ '37': f('2027-01-04') }).status).toBe('onboarding');
  });

  it('reads list fields with their guid (legal entity), personnel number from field 0 or employeeId, and labels', () => {
    expect(map({ '1002': f('Example AS', { guid: 'le-1' }), '0': f('2001') })).toMatchObject({ legalEntity: { id: 'le-1', name: 'Example AS' }, personnelNumber: '2001' });
    expect(map().personnelNumber).toBe('7');
    expect(map({ '1046': f('Deltid') }).employmentType).toBe('PART_TIME');
    expect(['Male', 'Kvinne', 'Annet', 'Ukjent'].map(genderOf)).toEqual(['male', 'female', 'diverse', null]);
  });

  it('keeps every field as an attribute field.<id>, documents and photos left out', () => {
    const employee = map({ [CHILDREN_FIELD_ID]: f('2'), '1043': { type: 'CHECKBOX', data: [{ value: 'Yes' }, { value: 'No' }] }, '1120': { type: 'PHOTO', data: { link: {} } } });
    expect(employee.attributes).toMatchObject({ [fieldKey(CHILDREN_FIELD_ID)]: '2', 'field.1043': 'Yes, No', guid: 'g-1' });
    expect(employee.attributes).not.toHaveProperty('field.1120');
  });

  it('reports a record without guid, an unreadable termination date, or a field of the wrong shape as invalid', () => {
    expect(mapCatalystOneEmployee({ employeeId: '9', field: {} }, CATALYSTONE_DEFAULT_FIELDS, today)).toMatchObject({ ok: false, invalid: { remoteId: '9' } });
    expect(mapCatalystOneEmployee(record({ '38': f('31.03.2025') }), CATALYSTONE_DEFAULT_FIELDS, today)).toMatchObject({ ok: false, invalid: { remoteId: 'g-1', reason: expect.stringContaining('field 38') } });
    expect(mapCatalystOneEmployee(record({ '7': f({ work: 'x' }) }), CATALYSTONE_DEFAULT_FIELDS, today).ok).toBe(false);
    expect(mapCatalystOneEmployee({ guid: 'g', field: 'x' }, CATALYSTONE_DEFAULT_FIELDS, today).ok).toBe(false);
  });
});

describe('CatalystOne connector against the fake', () => {
  let fake: RunningFakeCatalystOne;
  const connect = (extra: Record<string, unknown> = {}, context: ConnectorContext = noWait) =>
    catalystOne.create(catalystOneCredentials.parse({ domain: 'acme', clientId: FAKE_CATALYSTONE_CLIENT_ID, clientSecret: FAKE_CATALYSTONE_CLIENT_SECRET, baseUrl: fake.url, ...extra }), context);

  beforeEach(async () => {
    fake = await startFakeCatalystOne({ employees: 30 });
  });
  afterEach(() => fake.close());

  it('lists inactive employees only because it asks with includeInactive=true and fullObject=true', async () => {
    const pages = await readAllPages(connect());
    expect(pages).toHaveLength(1);
    expect(pages[0].employees).toHaveLength(30);
    expect(pages[0].employees.filter((e) => e.status === 'terminated').length).toBeGreaterThan(0);
    const [listing] = fake.log.find({ path: EMPLOYEES_PATH });
    expect([listing.query.get('includeInactive'), listing.query.get('fullObject')]).toEqual(['true', 'true']);
  });

  it('gets the token with a GET and header credentials, sends it as Access-Token, and uses one token per listing', async () => {
    const connector = connect();
    await connector.checkCredentials();
    await readAllPages(connector);
    await connector.listAttributes();
    expect(fake.log.find({ path: TOKEN_PATH }).map((e) => [e.method, e.status])).toEqual([['GET', 200]]);
  });

  it('signs in again once after CatalystOne answers 401 Invalid access token (e.g. a newer token invalidated it)', async () => {
    const connector = connect();
    await readAllPages(connector);
    await connect().checkCredentials(); // another connector's token invalidates this one's
    await expect(readAllPages(connector)).resolves.toHaveLength(1);
    expect(fake.log.count({ path: TOKEN_PATH, status: 200 })).toBe(3);
    expect(fake.log.count({ path: EMPLOYEES_PATH, status: 401 })).toBe(1);
  });

  it("refuses a wrong client secret with CatalystOne's message, never echoing the secret", async () => {
    const refused = await connect({ clientSecret: 'wrong-secret' })
      .checkCredentials()
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CredentialsRejectedError);
    expect((refused as Error).message).toBe('CatalystOne refused the credentials: Invalid client credentials');
    expect(fake.log.count({ path: EMPLOYEES_PATH })).toBe(0);
  });

  it('reads field ids the admin names, and refuses a named field id no employee has', async () => {
    for (const guid of fake.state.employees.keys()) fake.state.setField(guid, '1500', '2031-01-31');
    const employees = (await connect({ leavingDateField: '1500' }).fetchEmployeePage(null)).employees;
    expect(employees.every((e) => e.leavingDate === '2031-01-31')).toBe(true);
    await expect(connect({ leavingDateField: '1500' }).checkCredentials()).resolves.toBeUndefined();
    await expect(connect({ leavingDateField: '9999' }).checkCredentials()).rejects.toThrow(/has no field 9999/);
    expect(() => catalystOneCredentials.parse({ domain: 'acme', clientId: 'a', clientSecret: 'b', leavingDateField: 'Date of termination' })).toThrow(/numeric/);
  });

  it('offers the tenant fields under their CatalystOne names, the number of children among the custom ones', async () => {
    const attributes = await connect().listAttributes();
    expect(attributes).toContainEqual({ key: fieldKey(CHILDREN_FIELD_ID), label: 'Antall barn', type: 'number', custom: true });
    expect(attributes).toContainEqual(expect.objectContaining({ key: 'field.38', custom: false, type: 'date' }));
    expect(attributes.map((a) => a.key)).not.toContain('field.1120');
  });

  it('reads a pasted CatalystOne address as the domain', () => {
    expect(catalystOneCredentials.parse({ domain: 'https://Acme.sb.catalystone.com/', clientId: 'a', clientSecret: 'b' }).domain).toBe('acme.sb');
  });

  it('refuses an answer without an employee list, and gives up persistent throttling as rate limited', async () => {
    fake.faults.add({ path: EMPLOYEES_PATH, kind: 'answer', response: { status: 200, body: { message: 'ok' } } });
    await expect(connect().fetchEmployeePage(null)).rejects.toBeInstanceOf(HrSystemResponseError);
    fake.state.throttleNext(10);
    await expect(connect({}, { sleep: async () => undefined, maxAttempts: 3 }).fetchEmployeePage(null)).rejects.toBeInstanceOf(RateLimitedError);
  });
});
