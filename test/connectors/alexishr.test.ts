// What is particular to AlexisHR (the contract suite covers the rest): active and inactive employees
// asked for explicitly (two offset listings), the change listing on filters[updated][$gt], children
// counted from /child (read once, paged), companies as legal entities, employment type names, custom
// fields from the employees' custom objects, the { status, data, total, count, offset } envelope and
// AlexisHR's refusal bodies.
import { CredentialsRejectedError, HrSystemResponseError } from '../../connectors/errors';
import { alexisHr } from '../../connectors/alexishr/definition';
import { FAKE_ALEXISHR_ACCESS_TOKEN, startFakeAlexisHr, type RunningFakeAlexisHr } from '../../connectors/alexishr/fake-server';
import { customFieldKey, mapAlexisHrEmployee, statusOf, type AlexisHrLookups } from '../../connectors/alexishr/mapping';
import type { ConnectorContext } from '../../connectors/types';
import { readAllPages } from '../support/connector-pages';

const noWait: ConnectorContext = { sleep: async () => undefined };
const today = '2026-12-01';

describe('AlexisHR employee mapping', () => {
  const lookups: AlexisHrLookups = {
    companies: new Map([['c1', { id: 'c1', name: 'Example AB' }]]),
    employmentTypes: new Map([['t1', 'Part-time']]),
    children: new Map([['e1', 2]]),
  };
  const map = (fields: Record<string, unknown>) => {
    const result = mapAlexisHrEmployee({ id: 'e1', firstName: 'Alex', lastName: 'Marlow', workEmail: 'alex@example.com', active: true, ...fields }, lookups, today);
    if (!result.ok) throw new Error(result.invalid.reason);
    return result.employee;
  };

  it('reads endDate as the leaving date (the day as written) and active for the status', () => {
    expect(map({ active: false, endDate: '2026-03-31T00:00:00.000Z' })).toMatchObject({ leavingDate: '2026-03-31', status: 'terminated' });
    expect(map({ active: true, endDate: '2030-06-30T00:00:00.000+00:00' })).toMatchObject({ leavingDate: '2030-06-30', status: 'active' });
    // Still marked active after the end date passed: left all the same.
    expect(map({ active: true, endDate: '2026-03-31T00:00:00.000Z' })).toMatchObject({ status: 'terminated' });
    expect(map({ active: false, endDate: null })).toMatchObject({ leavingDate: null, status: 'inactive' });
    expect(statusOf(undefined, null, today)).toBeNull();
  });

  it('makes a record with an unreadable end date or custom object invalid, never "not leaving"', () => {
    expect(mapAlexisHrEmployee({ id: 'e1', endDate: 'soon' }, lookups, today)).toMatchObject({ ok: false, invalid: { remoteId: 'e1' } });
    expect(mapAlexisHrEmployee({ id: 'e1', custom: 'x' }, lookups, today)).toMatchObject({ ok: false });
    expect(mapAlexisHrEmployee({ firstName: 'No id' }, lookups, today)).toMatchObject({ ok: false, invalid: { remoteId: null } });
  });

  it('takes the legal entity from companyId, the employment type from its name, children from the count, custom fields by key', () => {
    expect(map({ companyId: 'c1', employmentTypeId: 't1', employeeNumber: '1001', gender: 'female', custom: { shirt: 'M', tags: ['a', 'b'] } })).toMatchObject({
      legalEntity: { id: 'c1', name: 'Example AB' },
      employmentType: 'PART_TIME',
      numberOfChildren: 2,
      personnelNumber: '1001',
      gender: 'female',
      attributes: { [customFieldKey('shirt')]: 'M', [customFieldKey('tags')]: 'a, b', companyName: 'Example AB', employmentTypeName: 'Part-time' },
    });
    // No child records: none; a company /company does not name is kept by its id.
    expect(mapAlexisHrEmployee({ id: 'e2', companyId: 'c9' }, lookups, today)).toMatchObject({ ok: true, employee: { numberOfChildren: 0, legalEntity: { id: 'c9', name: 'c9' } } });
  });
});

describe('AlexisHR connector against the fake', () => {
  let fake: RunningFakeAlexisHr;
  const connect = (accessToken = FAKE_ALEXISHR_ACCESS_TOKEN) => alexisHr.create(alexisHr.credentialsSchema.parse({ accessToken, baseUrl: fake.url }), noWait);

  beforeEach(async () => {
    fake = await startFakeAlexisHr({ employees: 45, maxLimit: 10 });
  });
  afterEach(() => fake.close());

  it('refuses a wrong token with AlexisHR’s reason, and a 403 as well', async () => {
    const refused = await connect('nope').checkCredentials().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CredentialsRejectedError);
    expect((refused as Error).message).toMatch(/^AlexisHR refused the credentials: Unauthorized/);
    fake.faults.add({ kind: 'answer', response: { status: 403, body: { statusCode: 403, message: 'Forbidden', error: 'Forbidden' } } });
    await expect(connect().checkCredentials()).rejects.toThrow(/AlexisHR refused the credentials: Forbidden/);
    // A pasted "Bearer …" is read as the token.
    await expect(alexisHr.create(alexisHr.credentialsSchema.parse({ accessToken: `Bearer ${FAKE_ALEXISHR_ACCESS_TOKEN}`, baseUrl: fake.url }), noWait).checkCredentials()).resolves.toBeUndefined();
  });

  it('asks for active and inactive employees explicitly, each to its last page, sorted by id', async () => {
    const pages = await readAllPages(connect());
    const employees = pages.flatMap((p) => p.employees);
    expect(employees).toHaveLength(45);
    expect(employees.filter((e) => e.status === 'terminated')).toHaveLength(9);
    const listing = fake.log.find({ path: '/v1/employee' });
    const actives = listing.filter((r) => r.query.get('filters[active][$eq]') === 'true');
    const inactives = listing.filter((r) => r.query.get('filters[active][$eq]') === 'false');
    expect(actives.length).toBe(4); // 36 active, 10 a page
    expect(inactives.length).toBe(1);
    expect(actives.length + inactives.length).toBe(listing.length);
    for (const r of listing) expect(r.query.get('sort[id]')).toBe('asc');
  });

  it('reads /child, /company and /employment-type once per sync, paged to their ends', async () => {
    const employees = (await readAllPages(connect())).flatMap((p) => p.employees);
    expect(fake.log.count({ path: '/v1/child' })).toBe(Math.ceil(fake.state.children.length / 10));
    expect(fake.log.count({ path: '/v1/company' })).toBe(1);
    expect(fake.log.count({ path: '/v1/employment-type' })).toBe(1);
    for (const e of employees) expect(e.numberOfChildren).toBe(fake.state.childCount(e.remoteId));
    expect(new Set(employees.map((e) => e.legalEntity?.id)).size).toBe(3);
  });

  it('lists the changes with filters[updated][$gt] over both lists, to the last page', async () => {
    const since = new Date(Date.now() - 1000);
    const ids = [...fake.state.employees.keys()].slice(0, 25);
    for (const id of ids) fake.state.editEmployee(id, { title: 'Lead' });
    const pages = await readAllPages(connect(), since);
    expect(pages.flatMap((p) => p.employees.map((e) => e.remoteId)).sort()).toEqual([...ids].sort());
    const requests = fake.log.find({ path: '/v1/employee' });
    for (const r of requests) expect(r.query.get('filters[updated][$gt]')).toBe(since.toISOString());
    expect(requests.some((r) => r.query.get('filters[active][$eq]') === 'false')).toBe(true);
  });

  it('offers the custom fields found on employees', async () => {
    fake.state.setCustomValue([...fake.state.employees.keys()][44], 'maritalStatus', 'married');
    const attributes = await connect().listAttributes();
    expect(attributes).toContainEqual(expect.objectContaining({ key: customFieldKey('shirtSize'), custom: true }));
    expect(attributes).toContainEqual(expect.objectContaining({ key: customFieldKey('maritalStatus'), custom: true }));
  });

  it('refuses an answer for another offset or with a status other than ok (never a shifted or short listing)', async () => {
    fake.faults.add({ kind: 'answer', path: '/v1/employee', response: { status: 200, body: { status: 'ok', data: [], total: 45, count: 0, offset: 30 } } });
    await expect(connect().fetchEmployeePage(null)).rejects.toBeInstanceOf(HrSystemResponseError);
    fake.faults.add({ kind: 'answer', path: '/v1/employee', response: { status: 200, body: { status: 'error', data: [], total: 0, count: 0, offset: 0 } } });
    await expect(connect().fetchEmployeePage(null)).rejects.toBeInstanceOf(HrSystemResponseError);
    fake.faults.add({ kind: 'answer', path: '/v1/employee', response: { status: 200, body: { status: 'ok', total: 0 } } });
    await expect(connect().fetchEmployeePage(null)).rejects.toBeInstanceOf(HrSystemResponseError);
  });

  it('answers filters and paging like AlexisHR: $in, $between, a bad filter as 400', async () => {
    const [a, b] = [...fake.state.employees.keys()];
    const get = (qs: string) => fetch(`${fake.url}/v1/employee?${qs}`, { headers: { authorization: `Bearer ${FAKE_ALEXISHR_ACCESS_TOKEN}` } }).then(async (r) => ({ status: r.status, body: await r.json() }));
    expect((await get(`filters[id][$in][]=${a}&filters[id][$in][]=${b}`)).body).toMatchObject({ status: 'ok', total: 2, count: 2, offset: 0 });
    expect((await get('filters[hireDate][$between][]=2000-01-01&filters[hireDate][$between][]=2100-01-01&limit=5')).body).toMatchObject({ total: 45, count: 5 });
    expect(await get('filters[salary][$eq]=1')).toMatchObject({ status: 400, body: { statusCode: 400, error: 'Bad Request' } });
    expect(await fetch(`${fake.url}/v1/employee`).then((r) => r.json())).toEqual({ statusCode: 401, message: 'Unauthorized', error: 'Unauthorized' });
  });
});
