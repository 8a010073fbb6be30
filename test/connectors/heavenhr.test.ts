// What is particular to HeavenHR (the contract suite covers the rest): the GET token request with
// Basic base64(client_id:client_secret), one listing per job status (ACTIVE, then INACTIVE: the list
// without jobStatus hides leavers), page/pageSize paging where a 404 past the end is the end (but not
// on the first active page), the list totals checked, each person's record read for endOfContract
// (the leaving date), and HeavenHR's OAuth refusals.
import { CredentialsRejectedError, HrSystemResponseError, RateLimitedError } from '../../connectors/errors';
import { nextPage, parseCursor } from '../../connectors/heavenhr/connector';
import { heavenHr, heavenHrCredentials } from '../../connectors/heavenhr/definition';
import { CHILDREN_KEY, EMPLOYEES_PATH, FAKE_HEAVENHR_CLIENT_ID, FAKE_HEAVENHR_CLIENT_SECRET, startFakeHeavenHr, TOKEN_PATH, type RunningFakeHeavenHr } from '../../connectors/heavenhr/fake-server';
import { mapHeavenHrEmployee, statusOf } from '../../connectors/heavenhr/mapping';
import type { ConnectorContext, EmployeePage } from '../../connectors/types';
import { readAllPages } from '../support/connector-pages';

const noWait: ConnectorContext = { sleep: async () => undefined };
const today = '2026-12-01';

describe('HeavenHR employee mapping', () => {
  const summary = { id: '_e1_', firstName: 'Alex', lastName: 'Marlow', employeeNumber: 716, jobStatus: 'ACTIVE', email: 'list@example.de' };
  const map = (detail: Record<string, unknown>) => {
    const result = mapHeavenHrEmployee(summary, { id: '_e1_', professionalEmail: 'alex@example.de', ...detail }, today);
    if (!result.ok) throw new Error(result.invalid.reason);
    return result.employee;
  };

  it('reads endOfContract as the leaving date and startDate as the hire date', () => {
    expect(map({ endOfContract: '2025-03-31', startDate: '2017-04-13' })).toMatchObject({ leavingDate: '2025-03-31', hireDate: '2017-04-13', status: 'terminated', personnelNumber: '716', email: 'alex@example.de' });
    expect(map({ endOfContract: '2030-06-30' })).toMatchObject({ leavingDate: '2030-06-30', status: 'active' });
    expect(statusOf('INACTIVE', null, null, today)).toBe('inactive');
    expect(statusOf('ACTIVE', '2027-01-04', null, today)).toBe('onboarding');
  });

  it('keeps keys the published sample does not show as custom attributes, and reads gender codes', () => {
    const employee = map({ [CHILDREN_KEY]: 2, gender: 'FEMALE', permanentOrTemporary: 'TEMPORARY' });
    expect(employee.attributes).toMatchObject({ [CHILDREN_KEY]: 2, permanentOrTemporary: 'TEMPORARY', jobStatus: 'ACTIVE' });
    expect(employee.gender).toBe('female');
    expect(map({ gender: 'UNKNOWN' }).gender).toBeNull();
  });

  it('reports a record without id, without a readable record, or with an unreadable end of contract as invalid', () => {
    expect(mapHeavenHrEmployee({ employeeNumber: 9 }, {}, today)).toMatchObject({ ok: false, invalid: { remoteId: '9' } });
    expect(mapHeavenHrEmployee(summary, null, today)).toMatchObject({ ok: false, invalid: { remoteId: '_e1_' } });
    expect(mapHeavenHrEmployee(summary, { endOfContract: 'Ende März' }, today)).toMatchObject({ ok: false, invalid: { reason: expect.stringContaining('endOfContract') } });
  });
});

describe('HeavenHR paging', () => {
  it('ends at the last page by totalPages, checks totalItems, and never ends a full page without totals', () => {
    const at = parseCursor('0:2:20');
    expect(nextPage(at, 20, 20, { totalItems: 60, totalPages: 3 })).toBe(3);
    expect(nextPage(parseCursor('0:3:40'), 20, 20, { totalItems: 60, totalPages: 3 })).toBeNull();
    expect(() => nextPage(parseCursor('0:3:40'), 19, 20, { totalItems: 60, totalPages: 3 })).toThrow(/read 59 employees where HeavenHR counts 60/);
    expect(nextPage(at, 20, 20, {})).toBe(3);
    expect(nextPage(at, 0, 20, null)).toBeNull(); // the 404 past the end
    expect(() => parseCursor('x')).toThrow();
  });
});

describe('HeavenHR connector against the fake', () => {
  let fake: RunningFakeHeavenHr;
  const connect = (extra: Record<string, unknown> = {}, context: ConnectorContext = noWait) =>
    heavenHr.create(heavenHrCredentials.parse({ clientId: FAKE_HEAVENHR_CLIENT_ID, clientSecret: FAKE_HEAVENHR_CLIENT_SECRET, baseUrl: fake.url, pageSize: 10, ...extra }), context);
  const ids = (pages: EmployeePage[]) => pages.flatMap((p) => p.employees.map((e) => e.remoteId));
  const listing = () => fake.log.find({ path: EMPLOYEES_PATH }).map((e) => [e.query.get('jobStatus'), e.query.get('page'), e.status]);

  beforeEach(async () => {
    fake = await startFakeHeavenHr({ employees: 30 });
  });
  afterEach(() => fake.close());

  it('lists ACTIVE then INACTIVE employees page by page, leavers with their end of contract', async () => {
    const pages = await readAllPages(connect());
    expect(new Set(ids(pages))).toEqual(new Set(fake.state.employees.keys()));
    expect(ids(pages)).toHaveLength(30);
    expect(listing()).toEqual([
      ['ACTIVE', '1', 200],
      ['ACTIVE', '2', 200],
      ['ACTIVE', '3', 200],
      ['INACTIVE', '1', 200],
    ]);
    const left = pages.flatMap((p) => p.employees).filter((e) => e.status === 'terminated');
    expect(left.length).toBe(6);
    expect(left.every((e) => e.leavingDate?.startsWith('2025-'))).toBe(true);
  });

  it('reads a 404 past the last page as the end, an empty INACTIVE list as none, but a 404 on the first active page as an error', async () => {
    fake.faults.add({ path: EMPLOYEES_PATH, after: 3, kind: 'answer', response: { status: 404, body: { message: 'No employees found' } } });
    const pages = await readAllPages(connect({ jobStatuses: ['ACTIVE'] }));
    expect(ids(pages)).toHaveLength(24);
    await fake.close();
    fake = await startFakeHeavenHr({ employees: 4 }); // nobody has left yet
    expect(ids(await readAllPages(connect()))).toHaveLength(4);
    fake.faults.add({ path: EMPLOYEES_PATH, kind: 'answer', response: { status: 404, body: { message: 'Not Found' } } });
    await expect(connect().fetchEmployeePage(null)).rejects.toThrow(/404 for the first page of the ACTIVE employee list/);
  });

  it('fails a listing whose totals disagree with what was read, instead of dropping people', async () => {
    fake.faults.add({ path: EMPLOYEES_PATH, kind: 'answer', response: { status: 200, body: { currentPage: 1, pageSize: 10, totalItems: 0, totalPages: 0, data: [] as unknown[] } } });
    await expect(connect().fetchEmployeePage(null)).resolves.toMatchObject({ nextCursor: '1:1:0' }); // an empty page counted as empty ends that status…
    fake.faults.add({ path: EMPLOYEES_PATH, kind: 'answer', response: { status: 200, body: { currentPage: 1, pageSize: 10, totalItems: 25, totalPages: 1, data: [] as unknown[] } } });
    await expect(connect().fetchEmployeePage(null)).rejects.toThrow(/read 0 employees where HeavenHR counts 25/); // …an empty page of 25 does not
    fake.faults.add({ path: EMPLOYEES_PATH, kind: 'answer', response: { status: 200, body: { currentPage: 1, pageSize: 10, totalItems: 25, totalPages: 1, data: [{ id: [...fake.state.employees.keys()][0] }] } } });
    await expect(connect().fetchEmployeePage(null)).rejects.toBeInstanceOf(HrSystemResponseError);
    fake.faults.add({ path: EMPLOYEES_PATH, kind: 'answer', response: { status: 200, body: { currentPage: 2, data: [] as unknown[] } } });
    await expect(connect().fetchEmployeePage(null)).rejects.toThrow(/page 2 instead of 1/);
  });

  it("reports a person whose record disappeared between the list and the detail as unreadable, keeping the rest", async () => {
    const gone = [...fake.state.employees.keys()][2];
    fake.state.dropDetail(gone);
    const page = await connect().fetchEmployeePage(null);
    expect(page.invalid).toEqual([{ remoteId: gone, reason: 'the employee record could not be read' }]);
    expect(page.employees).toHaveLength(9);
  });

  it('gets one token with a GET and Basic client credentials for a whole listing, and renews it after a 401', async () => {
    const connector = connect();
    await readAllPages(connector);
    expect(fake.log.find({ path: TOKEN_PATH }).map((e) => [e.method, e.query.get('grant_type'), e.query.get('scope')])).toEqual([['GET', 'client_credentials', 'all']]);
    fake.state.tokens.expireAll();
    await readAllPages(connector);
    expect(fake.log.count({ path: TOKEN_PATH, status: 200 })).toBe(2);
  });

  it("refuses wrong client credentials with HeavenHR's OAuth reason before any employee is read", async () => {
    const refused = await connect({ clientSecret: 'wrong' })
      .checkCredentials()
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CredentialsRejectedError);
    expect((refused as Error).message).toBe('HeavenHR refused the credentials: Bad client credentials');
    expect(fake.log.count({ path: EMPLOYEES_PATH })).toBe(0);
  });

  it('offers the company fields of the records as custom attributes', async () => {
    const attributes = await connect().listAttributes();
    expect(attributes).toContainEqual({ key: CHILDREN_KEY, label: CHILDREN_KEY, type: 'number', custom: true });
    expect(attributes.filter((a) => a.custom).map((a) => a.key)).not.toContain('endOfContract');
  });

  it('gives up persistent throttling as rate limited', async () => {
    fake.state.throttleNext(10);
    await expect(connect({}, { sleep: async () => undefined, maxAttempts: 3 }).fetchEmployeePage(null)).rejects.toBeInstanceOf(RateLimitedError);
  });
});
