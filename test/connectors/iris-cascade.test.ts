// What is particular to IRIS Cascade (the contract suite covers the rest): the token request with a
// Basic header and a string expires_in, an explicit $top on every page (the default page grew to
// 1,000 in Feb 2026), leaver dates from EmploymentLeftDate / LastWorkingDate, the LastModifiedOn
// change filter, the per-minute rate limit, IRIS' coded errors and the beta user defined fields.
import { CredentialsRejectedError, HrSystemResponseError, RateLimitedError } from '../../connectors/errors';
import { expiresInSeconds } from '../../connectors/iris-cascade/auth';
import { IRIS_PAGE_SIZE } from '../../connectors/iris-cascade/connector';
import { irisCascade } from '../../connectors/iris-cascade/definition';
import { CHILDREN_FIELD, CHILDREN_SCHEMA, FAKE_IRIS_CLIENT_KEY, FAKE_IRIS_CLIENT_SECRET, irisProblem, startFakeIris, type FakeIrisOptions } from '../../connectors/iris-cascade/fake-server';
import { mapIrisEmployee, udfKey } from '../../connectors/iris-cascade/mapping';
import type { RunningFake } from '../../connectors/kit/fake';
import type { ConnectorContext } from '../../connectors/types';
import { readAllPages } from '../support/connector-pages';

const noWait: ConnectorContext = { sleep: async () => undefined };
const today = '2026-12-01';

describe('IRIS Cascade employee mapping', () => {
  const employee = (fields: Record<string, unknown>) => ({ Id: 'e-1', FirstName: 'Jo', LastName: 'Doe', Emails: [{ Ownership: 'Personal', Value: 'jo@home.example' }, { Ownership: 'Organization', Value: 'jo@example.co.uk' }], ...fields });
  const map = (fields: Record<string, unknown>, job?: Record<string, unknown>) => {
    const result = mapIrisEmployee(employee(fields), job, undefined, today);
    if (!result.ok) throw new Error(result.invalid.reason);
    return result.employee;
  };

  it('reads the leaving date from EmploymentLeftDate, else LastWorkingDate, as the calendar day written', () => {
    expect(map({ EmploymentLeftDate: '2025-03-31T00:00:00+01:00', LastWorkingDate: '2025-03-28T00:00:00Z' })).toMatchObject({ leavingDate: '2025-03-31', status: 'terminated' });
    expect(map({ EmploymentLeftDate: null, LastWorkingDate: '2030-06-30T00:00:00Z' })).toMatchObject({ leavingDate: '2030-06-30', status: 'active' });
    expect(map({})).toMatchObject({ leavingDate: null, status: 'active' });
    expect(mapIrisEmployee(employee({ EmploymentLeftDate: 'soon' }), undefined, undefined, today)).toEqual({ ok: false, invalid: { remoteId: 'e-1', reason: 'EmploymentLeftDate "soon" is not a date' } });
  });

  it('takes the organisation-owned e-mail, DisplayId, the active job’s contract and clear gender labels only', () => {
    expect(map({ DisplayId: 'E7', Gender: 'Female', MaritalStatus: 'Married', EmploymentStartDate: '2014-08-25T00:00:00Z' }, { Contract: 'Part Time' })).toMatchObject({
      email: 'jo@example.co.uk',
      personnelNumber: 'E7',
      gender: 'female',
      maritalStatus: 'married',
      hireDate: '2014-08-25',
      employmentType: 'PART_TIME',
    });
    expect(map({ Gender: 'Not Known', Emails: [{ Ownership: 'Personal', Value: 'jo@home.example' }] })).toMatchObject({ gender: null, email: null });
    expect(mapIrisEmployee(employee({ Emails: 'jo@example.co.uk' }), undefined, undefined, today)).toMatchObject({ ok: false, invalid: { remoteId: 'e-1' } });
    expect(mapIrisEmployee({ FirstName: 'No id' }, undefined, undefined, today)).toMatchObject({ ok: false, invalid: { remoteId: null } });
  });

  it('reads expires_in as IRIS sends it: a string of seconds', () => {
    expect(expiresInSeconds('3599')).toBe(3599);
    expect(expiresInSeconds(3599)).toBe(3599);
    expect(expiresInSeconds('soon')).toBeNull();
    expect(expiresInSeconds(undefined)).toBeNull();
  });
});

describe('IRIS Cascade connector against the fake IRIS HR API', () => {
  let fake: RunningFake<Awaited<ReturnType<typeof startFakeIris>>['state']>;
  const start = async (options: FakeIrisOptions = {}) => {
    fake = await startFakeIris({ people: 600, rateLimitPerMinute: null, ...options });
  };
  const connect = (clientSecret = FAKE_IRIS_CLIENT_SECRET, context: ConnectorContext = noWait) =>
    irisCascade.create(irisCascade.credentialsSchema.parse({ clientKey: FAKE_IRIS_CLIENT_KEY, clientSecret, baseUrl: `${fake.url}/hr/v2` }), context);
  afterEach(async () => {
    await fake?.close();
  });

  it('sends $top on every page although IRIS would serve 1,000 without it, and pages by $skip to @odata.count', async () => {
    await start();
    const pages = await readAllPages(connect());
    const listing = fake.log.find({ path: '/hr/v2/employees' });
    expect(listing.map((e) => [e.query.get('$top'), e.query.get('$skip')])).toEqual([
      [String(IRIS_PAGE_SIZE), '0'],
      [String(IRIS_PAGE_SIZE), '250'],
      [String(IRIS_PAGE_SIZE), '500'],
    ]);
    for (const entry of listing) expect(entry.query.get('$count')).toBe('true');
    expect(new Set(pages.flatMap((p) => p.employees.map((e) => e.remoteId))).size).toBe(600);
    // One token (expires_in "3599" read as seconds) for the listing, the jobs and the user defined fields.
    expect(fake.log.count({ path: '/oauth2/v1/token' })).toBe(1);
  });

  it('keeps leavers with their dates, the last working date where the left date is empty', async () => {
    await start({ people: 30 });
    const employees = new Map((await readAllPages(connect())).flatMap((p) => p.employees).map((e) => [e.remoteId, e]));
    const onlyLastWorking = fake.state.employees.find((e) => e.EmploymentLeftDate === null && e.LastWorkingDate !== null)!;
    expect(employees.get(String(onlyLastWorking.Id))).toMatchObject({ status: 'terminated', leavingDate: String(onlyLastWorking.LastWorkingDate).slice(0, 10) });
    expect([...employees.values()].filter((e) => e.status === 'terminated').length).toBe(6);
  });

  it('lists changes with $filter=LastModifiedOn gt <since>, explicit $top included', async () => {
    await start({ people: 30 });
    const since = new Date(Date.now() - 1000);
    const id = String(fake.state.employees[3].Id);
    fake.state.editEmployee(id, { EmploymentLeftDate: '2031-01-31T00:00:00Z' });
    const pages = await readAllPages(connect(), since);
    expect(pages.flatMap((p) => p.employees)).toEqual([expect.objectContaining({ remoteId: id, leavingDate: '2031-01-31' })]);
    const [entry] = fake.log.find({ path: '/hr/v2/employees' });
    expect(entry.query.get('$filter')).toBe(`LastModifiedOn gt ${since.toISOString().replace(/\.\d{3}Z$/, 'Z')}`);
    expect(entry.query.get('$top')).toBe(String(IRIS_PAGE_SIZE));
  });

  it('refuses wrong credentials with IRIS’ reason, and a key without the read scope', async () => {
    await start({ people: 3 });
    const refused = await connect('wrong').checkCredentials().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CredentialsRejectedError);
    expect((refused as Error).message).toBe('IRIS Cascade refused the credentials: Invalid client key or client secret');
    fake.faults.add({ kind: 'answer', path: '/hr/v2/employees', response: irisProblem(403, '403-000-0001', 'Forbidden', 'Missing scope.') });
    await expect(connect().checkCredentials()).rejects.toThrow(/^IRIS Cascade refused access: Missing scope. \(403-000-0001\) \(the API key needs the iris.hr.read scope\)$/);
  });

  it('renews an expired token once (401-000-0001) and shows IRIS’ coded 400 instead of an empty page', async () => {
    await start({ people: 3 });
    const connector = connect();
    await connector.checkCredentials();
    fake.faults.add({ kind: 'expired-token', path: '/hr/v2/employees' });
    expect((await connector.fetchEmployeePage(null)).employees).toHaveLength(3);
    expect(fake.log.count({ path: '/oauth2/v1/token', status: 200 })).toBe(2);
    fake.faults.add({ kind: 'answer', path: '/hr/v2/employees', response: irisProblem(400, '400-004-0001', 'OData Pagination Exception', "Top value '250' did not fall within acceptable range [1 - 100].") });
    const failed = await connector.fetchEmployeePage(null).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(HrSystemResponseError);
    expect((failed as Error).message).toMatch(/answered 400 for \/employees: Top value '250' did not fall within acceptable range \[1 - 100\]. \(400-004-0001\)/);
  });

  it('gives up with a rate-limit error when the 100 calls a minute are used up, never a short listing', async () => {
    await start({ people: 30, rateLimitPerMinute: 3 });
    const connector = connect(FAKE_IRIS_CLIENT_SECRET, { sleep: async () => undefined, maxAttempts: 2 });
    await expect(readAllPages(connector)).rejects.toBeInstanceOf(RateLimitedError);
    expect(fake.log.count({ status: 429 })).toBeGreaterThan(0);
  });

  it('offers user defined fields as custom attributes, and none (no failure) where the beta service is not enabled', async () => {
    await start({ people: 10 });
    const attributes = await connect().listAttributes();
    expect(attributes).toContainEqual({ key: udfKey(CHILDREN_SCHEMA, CHILDREN_FIELD), label: `${CHILDREN_FIELD} (${CHILDREN_SCHEMA})`, type: 'string', custom: true });
    await fake.close();
    await start({ people: 10, userDefinedFields: false });
    expect((await connect().listAttributes()).filter((a) => a.custom)).toEqual([]);
    const [page] = await readAllPages(connect());
    expect(page.employees).toHaveLength(10);
  });
});
