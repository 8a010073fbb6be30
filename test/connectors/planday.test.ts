// What is particular to Planday (the contract suite covers the rest): active and deactivated
// employees on separate lists (read in two passes), the leaving date from deactivationDate (or the day
// of dateTimeDeleted), planned deactivations still on the active list, custom fields and gender only
// by id, the refresh-token grant with the X-ClientId header on every call, the change listing's
// filters, OAuth and scope refusals, and pacing by x-ratelimit-remaining / -reset.
import { CredentialsRejectedError, RateLimitedError } from '../../connectors/errors';
import { readCursor } from '../../connectors/planday/connector';
import { planday, plandayCredentials } from '../../connectors/planday/definition';
import { CHILDREN_FIELD, DEACTIVATED_PATH, EMPLOYEES_PATH, FAKE_PLANDAY_CLIENT_ID, FAKE_PLANDAY_REFRESH_TOKEN, startFakePlanday, type RunningFakePlanday } from '../../connectors/planday/fake-server';
import { customValueOf, leavingDateOf, mapPlandayEmployee, statusOf } from '../../connectors/planday/mapping';
import { RateLimitPacer } from '../../connectors/planday/pacing';
import type { ConnectorContext, EmployeePage } from '../../connectors/types';
import { readAllPages } from '../support/connector-pages';

const noWait: ConnectorContext = { sleep: async () => undefined };
const today = '2026-12-01';
const names = { departments: new Map([['101', 'Kitchen']]), employeeGroups: new Map([['201', 'Chef']]), employeeTypes: new Map([['71286', 'Part-time']]) };

describe('Planday employee mapping', () => {
  const listed = (extra: Record<string, unknown> = {}) => ({ id: 614517, firstName: 'Mindy', lastName: 'Haynes', email: 'mindy@example.dk', salaryIdentifier: 'DKF614517', hiredDate: '2016-01-01', departments: [101], employeeGroups: [201], employeeTypeId: 71286, ...extra });
  const map = (extra: Record<string, unknown> = {}, details: Record<string, unknown> | null = null, list: 'active' | 'deactivated' = 'active') => {
    const result = mapPlandayEmployee(listed(extra), details, list, names, today);
    if (!result.ok) throw new Error(result.invalid.reason);
    return result.employee;
  };

  it('takes the leaving date from deactivationDate, else the UTC day of dateTimeDeleted on the deactivated list', () => {
    expect(leavingDateOf({ deactivationDate: '2025-03-31', dateTimeDeleted: '2025-03-20T10:00:00Z' }, 'deactivated')).toBe('2025-03-31');
    expect(leavingDateOf({ dateTimeDeleted: '2025-07-07T15:07:56.1066449Z' }, 'deactivated')).toBe('2025-07-07');
    // On the active list dateTimeDeleted is never a leaving date.
    expect(leavingDateOf({ dateTimeDeleted: '2025-07-07T15:07:56Z' }, 'active')).toBeNull();
    expect(map({ deactivationDate: '2030-06-30' })).toMatchObject({ leavingDate: '2030-06-30', status: 'active' });
    expect(map({ deactivationDate: '2025-03-31' }, null, 'deactivated')).toMatchObject({ leavingDate: '2025-03-31', status: 'terminated' });
    expect(map({ deactivationDate: '2030-06-30' }, null, 'deactivated')).toMatchObject({ status: 'active' }); // planned, still employed
    expect(statusOf('deactivated', null, null, today)).toBe('terminated');
    expect(statusOf('active', null, '2027-02-01', today)).toBe('onboarding');
  });

  it('reads gender and custom fields from the by-id details, ids as names, salaryIdentifier as personnel number', () => {
    const employee = map({}, { gender: 'Female', hiredFrom: '2016-01-01', [CHILDREN_FIELD]: { name: 'Number of children', type: 'Numeric', value: 2 }, custom_9: true });
    expect(employee).toMatchObject({ gender: 'female', personnelNumber: 'DKF614517', employmentType: 'PART_TIME', hireDate: '2016-01-01' });
    expect(employee.attributes).toMatchObject({ [CHILDREN_FIELD]: 2, custom_9: true, departments: 'Kitchen', employeeGroups: 'Chef', employeeType: 'Part-time', planday_list: 'active' });
    expect(customValueOf({ name: 'x', value: null })).toBeNull();
    expect(map({ email: null, userName: 'login@example.dk' }).email).toBe('login@example.dk');
  });

  it('reports an unreadable date or shape, and a record without id, as invalid records', () => {
    expect(mapPlandayEmployee(listed({ deactivationDate: 'soon' }), null, 'active', names, today)).toMatchObject({ ok: false, invalid: { remoteId: '614517', reason: expect.stringContaining('deactivationDate') } });
    expect(mapPlandayEmployee(listed({ dateTimeDeleted: 'yesterday' }), null, 'deactivated', names, today).ok).toBe(false);
    expect(mapPlandayEmployee(listed({ departments: 'Kitchen' }), null, 'active', names, today).ok).toBe(false);
    expect(mapPlandayEmployee({ firstName: 'x' }, null, 'active', names, today)).toMatchObject({ ok: false, invalid: { remoteId: null } });
  });

  it('reads only cursors of its own listing', () => {
    expect(readCursor(null, ['active', 'deactivated'])).toEqual({ pass: 'active', offset: '0' });
    expect(() => readCursor('changed-active:0', ['active', 'deactivated'])).toThrow();
  });
});

describe('Planday rate-limit pacing', () => {
  it('waits for x-ratelimit-reset once x-ratelimit-remaining reaches 0, and not otherwise', async () => {
    const waits: number[] = [];
    let now = 1_000_000;
    const pacer = new RateLimitPacer({ sleep: async (ms) => void waits.push(ms) }, () => now);
    pacer.afterResponse({ headers: new Headers({ 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '1' }) });
    await pacer.beforeRequest();
    pacer.afterResponse({ headers: new Headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '2' }) });
    await pacer.beforeRequest();
    now += 2000;
    await pacer.beforeRequest();
    expect(waits).toEqual([2000]);
  });
});

describe('Planday connector against the fake', () => {
  let fake: RunningFakePlanday;
  const connect = (extra: Record<string, unknown> = {}, context: ConnectorContext = noWait) =>
    planday.create(plandayCredentials.parse({ clientId: FAKE_PLANDAY_CLIENT_ID, refreshToken: FAKE_PLANDAY_REFRESH_TOKEN, baseUrl: fake.url, ...extra }), context);
  const ids = (pages: EmployeePage[]) => pages.flatMap((p) => p.employees.map((e) => e.remoteId));

  beforeEach(async () => {
    fake = await startFakePlanday({ people: 30, maxLimit: 10 });
  });
  afterEach(() => fake.close());

  it('lists the deactivated employees in a second pass, since the active list hides them', async () => {
    const deactivated = [...fake.state.employees.values()].filter((e) => e.list === 'deactivated').map((e) => String(e.record.id));
    expect(deactivated.length).toBeGreaterThan(0);
    const pages = await readAllPages(connect());
    expect(new Set(ids(pages))).toEqual(new Set(fake.state.employees.keys()));
    expect(ids(pages)).toHaveLength(30);
    const byId = new Map(pages.flatMap((p) => p.employees).map((e) => [e.remoteId, e]));
    for (const id of deactivated) expect(byId.get(id)).toMatchObject({ status: 'terminated', leavingDate: fake.state.leavingDate(id), attributes: expect.objectContaining({ planday_list: 'deactivated' }) });
    const lists = fake.log.entries.filter((e) => e.path === EMPLOYEES_PATH || e.path === DEACTIVATED_PATH);
    expect(lists.map((e) => [e.path, e.query.get('offset'), e.query.get('limit')])).toEqual([
      [EMPLOYEES_PATH, '0', '50'],
      [EMPLOYEES_PATH, '10', '50'],
      [EMPLOYEES_PATH, '20', '50'],
      [DEACTIVATED_PATH, '0', '50'],
    ]);
    // Custom fields come by id: one read per listed employee.
    expect(fake.log.count({ path: /^\/hr\/v1\.0\/employees\/\d+$/ })).toBe(30);
    expect(byId.get(String([...fake.state.employees.values()][0].record.id))!.attributes[CHILDREN_FIELD]).toBe(1);
  });

  it('keeps an employee whose by-id read fails (404), without the custom values', async () => {
    const first = String([...fake.state.employees.values()][0].record.id);
    fake.faults.add({ path: `${EMPLOYEES_PATH}/${first}`, kind: 'answer', response: { status: 404, body: { message: 'Employee not found' } } });
    const [page] = await readAllPages(connect());
    expect(page.employees.find((e) => e.remoteId === first)).toMatchObject({ gender: null, attributes: expect.not.objectContaining({ [CHILDREN_FIELD]: expect.anything() }) });
  });

  it('reads the change listing with modifiedFrom on both lists and deactivatedFrom on the deactivated one', async () => {
    const since = new Date(Date.now() - 1000);
    const [edited, leaver] = [...fake.state.employees.values()].filter((e) => e.list === 'active').map((e) => String(e.record.id));
    fake.state.editEmployee(edited, { jobTitle: 'Sous-chef' });
    fake.state.deactivate(leaver, today);
    const pages = await readAllPages(connect(), since);
    expect([...new Set(ids(pages))].sort()).toEqual([edited, leaver].sort());
    expect(pages.flatMap((p) => p.employees).find((e) => e.remoteId === leaver)).toMatchObject({ leavingDate: today });
    const filters = fake.log.entries.filter((e) => e.path === EMPLOYEES_PATH || e.path === DEACTIVATED_PATH).map((e) => [e.path, e.query.get('modifiedFrom'), e.query.get('deactivatedFrom')]);
    const at = since.toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect(filters).toEqual([
      [EMPLOYEES_PATH, at, null],
      [DEACTIVATED_PATH, at, null],
      [DEACTIVATED_PATH, null, at],
    ]);
  });

  it("refuses a wrong refresh token or client id with Planday's OAuth error, never echoing the token", async () => {
    const grant = await connect({ refreshToken: 'wrong-refresh-token' })
      .checkCredentials()
      .catch((e: unknown) => e);
    expect(grant).toBeInstanceOf(CredentialsRejectedError);
    expect((grant as Error).message).toMatch(/^Planday refused the credentials: invalid_grant \(check the Client ID and refresh token/);
    expect((grant as Error).message).not.toContain('wrong-refresh-token');
    await expect(connect({ clientId: 'another-app' }).checkCredentials()).rejects.toThrow(/invalid_client/);
  });

  it('sends X-ClientId with every API call (the fake refuses calls without it)', async () => {
    const connector = connect();
    await connector.checkCredentials();
    expect(fake.log.count({ status: 401 })).toBe(0);
    expect(fake.log.count({ path: '/connect/token' })).toBe(1);
  });

  it('refuses a 403 (a scope the app lacks) with the scopes it needs', async () => {
    fake.faults.add({ path: '/hr/v1.0/employeetypes', kind: 'answer', response: { status: 403, body: { message: 'Missing scope employeetype:read' } } });
    await expect(connect().checkCredentials()).rejects.toThrow(/^Planday refused the credentials: Missing scope employeetype:read \(the app needs the scopes employee:read, department:read, employeegroup:read and employeetype:read/);
  });

  it('paces by x-ratelimit-remaining / -reset under Planday’s per-second limit, and gives up persistent 429s as rate limited', async () => {
    await fake.close();
    fake = await startFakePlanday({ people: 12, maxLimit: 10, rateLimitPerSecond: 10 });
    const waits: number[] = [];
    const pages = await readAllPages(connect({}, { sleep: (ms) => new Promise((resolve) => setTimeout(() => resolve(void waits.push(ms)), ms)) }));
    expect(ids(pages)).toHaveLength(12);
    expect(waits.length).toBeGreaterThan(0);
    fake.state.throttleNext(10, 30);
    const throttled = await connect({}, { sleep: async () => undefined, maxAttempts: 2, maxRetryWaitMs: 1000 })
      .fetchEmployeePage(null)
      .catch((e: unknown) => e);
    expect(throttled).toBeInstanceOf(RateLimitedError);
    expect((throttled as RateLimitedError).retryAfterMs).toBe(30_000);
  });
});
