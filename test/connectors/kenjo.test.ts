// What is particular to Kenjo (the contract suite covers the rest): the API key exchanged at
// POST /auth/login for a bearer token (one per listing, renewed after a 401, refusals with Kenjo's
// reason), employee lists answered once without paging and joined on _id across sections, and
// leavers seen only as isActive=false: a leaving date only from the contract end date, never guessed.
import { CredentialsRejectedError, HrSystemResponseError } from '../../connectors/errors';
import { expiresInSeconds, kenjo, kenjoCredentials } from '../../connectors/kenjo/definition';
import { CHILDREN_CUSTOM_FIELD, FAKE_KENJO_API_KEY, startFakeKenjo, type RunningFakeKenjo } from '../../connectors/kenjo/fake-server';
import { mapKenjoEmployee, statusOf } from '../../connectors/kenjo/mapping';
import type { ConnectorContext } from '../../connectors/types';

const noWait: ConnectorContext = { sleep: async () => undefined };
const today = '2026-12-01';

describe('Kenjo employee mapping', () => {
  const employee = (account: Record<string, unknown>, work: Record<string, unknown> = {}) =>
    mapKenjoEmployee({ account: { _id: 'e1', email: 'kim@acme.example', isActive: true, ...account }, sections: { personal: { _id: 'e1', firstName: 'Kim', gender: 'Other' }, work: { _id: 'e1', ...work }, home: { _id: 'e1', maritalStatus: 'Domestic Partnership' } } }, new Map(), today);
  const ok = (result: ReturnType<typeof employee>) => {
    if (!result.ok) throw new Error(result.invalid.reason);
    return result.employee;
  };

  it('reads a leaver as inactive without a leaving date when Kenjo gives no contract end date (never guessed)', () => {
    expect(ok(employee({ isActive: false }))).toMatchObject({ status: 'inactive', leavingDate: null });
    expect(ok(employee({ isActive: false }, { contractEndDate: '2025-03-15T00:00:00.000Z' }))).toMatchObject({ status: 'terminated', leavingDate: '2025-03-15' });
    expect(ok(employee({}, { contractEndDate: '2030-06-30T00:00:00.000Z' }))).toMatchObject({ status: 'active', leavingDate: '2030-06-30' });
    expect(ok(employee({}, { startDate: '2027-01-04T00:00:00.000Z' }))).toMatchObject({ status: 'onboarding', hireDate: '2027-01-04' });
    expect(statusOf(undefined, null, null, today)).toBeNull();
  });

  it('maps gender, marital status, the company and custom fields of the sections', () => {
    const e = ok(employee({ externalId: 'E-7' }, { companyId: 'c1', c_Score: 3 }));
    expect(e).toMatchObject({ personnelNumber: 'E-7', gender: 'diverse', maritalStatus: 'registered_partnership', legalEntity: { id: 'c1', name: 'c1' } });
    expect(e.attributes).toMatchObject({ 'work.c_Score': 3, 'account.isActive': true });
  });

  it('reports an account without _id or with an unreadable contract end date as invalid', () => {
    expect(mapKenjoEmployee({ account: { email: 'x@y' }, sections: {} }, new Map(), today)).toMatchObject({ ok: false, invalid: { remoteId: null } });
    expect(employee({}, { contractEndDate: 'next spring' })).toMatchObject({ ok: false, invalid: { remoteId: 'e1', reason: expect.stringContaining('contractEndDate') } });
  });

  it("reads the token's lifetime from X-Expires-After", () => {
    expect(expiresInSeconds('2026-12-01T01:00:00.000Z', Date.UTC(2026, 11, 1))).toBe(3600);
    expect(expiresInSeconds('soon')).toBeUndefined();
  });
});

describe('Kenjo connector against the fake', () => {
  let fake: RunningFakeKenjo;
  const connect = (apiKey = FAKE_KENJO_API_KEY) => kenjo.create(kenjoCredentials.parse({ apiKey, baseUrl: `${fake.url}/api/v1` }), noWait);
  const paths = () => fake.log.find({}).map((e) => e.path);

  beforeEach(async () => {
    fake = await startFakeKenjo({ people: 25 });
  });
  afterEach(() => fake.close());

  it('reads every employee list once, without paging parameters, and joins the sections on _id', async () => {
    const page = await connect().fetchEmployeePage(null);
    expect(page.nextCursor).toBeNull();
    expect(page.employees).toHaveLength(25);
    expect(paths()).toEqual(['/api/v1/auth/login', '/api/v1/employees', '/api/v1/employees/personals', '/api/v1/employees/works', '/api/v1/employees/homes', '/api/v1/companies']);
    expect(fake.log.find({}).every((e) => [...e.query.keys()].length === 0)).toBe(true);
    const first = page.employees.find((e) => e.remoteId === fake.state.employees[0].account._id)!;
    expect(first).toMatchObject({ firstName: fake.state.employees[0].personal.firstName, legalEntity: { name: 'ACME Ltd' } });
    expect(first.attributes[`personal.${CHILDREN_CUSTOM_FIELD}`]).toBe(1);
    await expect(connect().fetchEmployeePage('2')).rejects.toThrow(/one page/);
  });

  it('lists inactive employees: with a contract end date as terminated, without one as inactive with no date', async () => {
    fake.state.deactivate(String(fake.state.employees[0].account._id), null);
    const { employees } = await connect().fetchEmployeePage(null);
    const byId = new Map(employees.map((e) => [e.remoteId, e]));
    expect(byId.get(String(fake.state.employees[0].account._id))).toMatchObject({ status: 'inactive', leavingDate: null });
    expect(byId.get(String(fake.state.employees[4].account._id))).toMatchObject({ status: 'terminated', leavingDate: expect.stringMatching(/^2025-/) });
    expect(byId.get(String(fake.state.employees[19].account._id))).toMatchObject({ status: 'inactive', leavingDate: null }); // every 20th: no date
  });

  it('fails the listing when a section answer has no list, never reading it as empty', async () => {
    fake.faults.add({ path: '/api/v1/employees/works', kind: 'answer', response: { status: 200, body: { items: [] } } });
    await expect(connect().fetchEmployeePage(null)).rejects.toBeInstanceOf(HrSystemResponseError);
  });

  it('exchanges the API key once per listing and signs in again after a 401', async () => {
    const connector = connect();
    await connector.fetchEmployeePage(null);
    await connector.listAttributes();
    expect(fake.state.tokensIssued()).toBe(1);
    expect(fake.log.count({ path: '/api/v1/auth/login' })).toBe(1);
    fake.state.expireTokens();
    await expect(connector.fetchEmployeePage(null)).resolves.toMatchObject({ nextCursor: null });
    expect(fake.state.tokensIssued()).toBe(2);
  });

  it("refuses a wrong API key at /auth/login, and shows Kenjo's message where it sends one", async () => {
    const refused = await connect('wrong-key').checkCredentials().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CredentialsRejectedError);
    expect((refused as Error).message).toBe('Kenjo refused the credentials: the API key was not accepted (HTTP 401)');
    expect(fake.log.count({ path: '/api/v1/employees' })).toBe(0);
    fake.faults.add({ path: '/api/v1/auth/login', kind: 'answer', response: { status: 400, body: { code: 400, message: 'The API access is not activated for this company.' } } });
    await expect(connect().checkCredentials()).rejects.toThrow('Kenjo refused the credentials: The API access is not activated for this company.');
  });
});
