// What is particular to Nmbrs (the contract suite covers the rest): the REST API only (no SOAP), the
// refresh-token grant plus X-Subscription-Key on every request, the gateway's and the identity
// service's refusals, companies as legal entities, one pass per employee type per company (former
// staff asked for explicitly), the leaving date from the latest employment, the newest personal info
// entry and the business e-mail only, pageNumber/pageSize paging, and the gateway's 429.
import { CredentialsRejectedError, HrSystemResponseError } from '../../connectors/errors';
import { nmbrs } from '../../connectors/nmbrs/definition';
import { FAKE_NMBRS_CLIENT_ID, FAKE_NMBRS_CLIENT_SECRET, FAKE_NMBRS_COMPANIES, FAKE_NMBRS_REFRESH_TOKEN, FAKE_NMBRS_SUBSCRIPTION_KEY, startFakeNmbrs, type RunningFakeNmbrs } from '../../connectors/nmbrs/fake-server';
import { CHILDREN_COUNT_KEY, mapNmbrsEmployee, type NmbrsContext } from '../../connectors/nmbrs/mapping';
import type { ConnectorContext } from '../../connectors/types';
import { readAllPages } from '../support/connector-pages';

const noWait: ConnectorContext = { sleep: async () => undefined };
const PERSONAL_INFO = /^\/api\/companies\/[^/]+\/employees\/personalinfo$/;

describe('Nmbrs employee mapping', () => {
  const context = (employments: unknown[] | undefined, extra: Partial<NmbrsContext> = {}): NmbrsContext => ({ company: { id: 'c1', name: 'Voorbeeld B.V.' }, employeeType: 'payroll', employments, childrenCount: 2, today: '2026-12-01', ...extra });
  const info = (createdAt: string, businessEmail: string) => ({ createdAt, basicInfo: { employeeNumber: 7, firstName: 'Alex', prefix: 'van der', lastName: 'Marlow' }, birthInfo: { gender: 'female' }, contactInfo: { businessEmail, privateEmail: 'alex@mail.example.net' } });
  const map = (record: unknown, ctx: NmbrsContext) => {
    const result = mapNmbrsEmployee(record, ctx);
    if (!result.ok) throw new Error(result.invalid.reason);
    return result.employee;
  };

  it('takes the newest personal info entry, the business e-mail only, the prefix in the last name', () => {
    const record = { employeeId: 'e1', info: [info('2024-02-01T09:00:00Z', 'new@example.nl'), info('2019-01-01T09:00:00Z', 'old@example.nl')] };
    expect(map(record, context([]))).toMatchObject({ email: 'new@example.nl', firstName: 'Alex', lastName: 'van der Marlow', personnelNumber: '7', gender: 'female', legalEntity: { id: 'c1', name: 'Voorbeeld B.V.' } });
    const noBusiness = { employeeId: 'e1', info: [{ ...info('2024-02-01T09:00:00Z', ''), contactInfo: { privateEmail: 'alex@mail.example.net' } }] };
    expect(map(noBusiness, context([])).email).toBeNull();
  });

  it('reads the leaving date from the latest employment; a rehire running again has none; former staff without an end are inactive', () => {
    const record = { employeeId: 'e1', info: [info('2024-02-01T09:00:00Z', 'a@example.nl')] };
    const ended = { startDate: '2012-03-01T00:00:00Z', endDate: '2025-04-30T00:00:00Z' };
    expect(map(record, context([ended], { employeeType: 'formerPayroll' }))).toMatchObject({ leavingDate: '2025-04-30', hireDate: '2012-03-01', status: 'terminated' });
    expect(map(record, context([ended, { startDate: '2026-01-01T00:00:00Z', endDate: null }]))).toMatchObject({ leavingDate: null, hireDate: '2026-01-01', status: 'active' });
    expect(map(record, context([{ startDate: '2012-03-01T00:00:00Z', endDate: '2030-06-30T00:00:00Z' }]))).toMatchObject({ leavingDate: '2030-06-30', status: 'active' });
    expect(map(record, context(undefined, { employeeType: 'formerPayroll' }))).toMatchObject({ leavingDate: null, status: 'inactive' });
    expect(map(record, context([], { employeeType: 'external' })).employmentType).toBe('CONTRACTOR');
    expect(mapNmbrsEmployee(record, context([{ startDate: '2012-03-01', endDate: 'soon' }]))).toEqual({ ok: false, invalid: { remoteId: 'e1', reason: 'employment.endDate "soon" is not a date' } });
    expect(mapNmbrsEmployee({ employeeId: 'e1', info: 'x' }, context([]))).toMatchObject({ ok: false, invalid: { remoteId: 'e1' } });
    expect(mapNmbrsEmployee({ info: [] }, context([]))).toMatchObject({ ok: false, invalid: { remoteId: null } });
  });
});

describe('Nmbrs connector against the fake Nmbrs', () => {
  let fake: RunningFakeNmbrs;
  afterEach(async () => fake?.close());
  const credentials = (extra: Record<string, unknown> = {}) =>
    nmbrs.credentialsSchema.parse({ clientId: FAKE_NMBRS_CLIENT_ID, clientSecret: FAKE_NMBRS_CLIENT_SECRET, refreshToken: FAKE_NMBRS_REFRESH_TOKEN, subscriptionKey: FAKE_NMBRS_SUBSCRIPTION_KEY, baseUrl: fake.url, ...extra });
  const connect = (extra: Record<string, unknown> = {}, context: ConnectorContext = noWait) => nmbrs.create(credentials(extra), context);
  const refusal = (promise: Promise<unknown>): Promise<Error> => promise.then(() => new Error('not refused'), (e: unknown) => e as Error);

  it('walks every company and, per company, each employee type to its last page, former staff included', async () => {
    fake = await startFakeNmbrs({ employees: 60, maxPageSize: 5 });
    const leaver = [...fake.state.employees.keys()][1];
    fake.state.endEmployment(leaver, '2026-02-28');
    const pages = await readAllPages(connect(), undefined, 200);
    const employees = pages.flatMap((p) => p.employees);
    expect(employees).toHaveLength(60);
    expect(new Set(employees.map((e) => e.remoteId)).size).toBe(60);
    expect(employees.find((e) => e.remoteId === leaver)).toMatchObject({ status: 'terminated', leavingDate: '2026-02-28' });
    expect(employees.filter((e) => e.status === 'terminated').length).toBe(13);
    // Every request names its employee type and its page; pageSize is the connector's, Nmbrs served 5.
    const asked = fake.log.find({ path: PERSONAL_INFO }).filter((e) => e.path.includes(FAKE_NMBRS_COMPANIES[0].companyId));
    expect([...new Set(asked.map((e) => e.query.get('employeeType')))]).toEqual(['payroll', 'newHire', 'formerPayroll', 'external', 'formerExternal']);
    expect(asked.filter((e) => e.query.get('employeeType') === 'payroll').map((e) => e.query.get('pageNumber'))).toEqual(['1', '2', '3']);
    expect(asked.every((e) => e.query.get('pageSize') === '100')).toBe(true);
    // Employments are read once per company (to their last page), not once per page of people.
    expect(fake.log.find({ path: /\/employees\/employments$/ }).map((e) => e.query.get('pageNumber'))).toEqual(['1', '2', '3', '4', '1', '2', '3', '4', '1', '2', '3', '4']);
    expect(employees.every((e) => FAKE_NMBRS_COMPANIES.some((c) => c.companyId === e.legalEntity?.id))).toBe(true);
  });

  it('refuses an answer for another page, and never takes an unfiltered answer for the end', async () => {
    fake = await startFakeNmbrs({ employees: 30, maxPageSize: 5 });
    const connector = connect();
    const first = await connector.fetchEmployeePage(null);
    fake.faults.add({ kind: 'answer', path: PERSONAL_INFO, response: { status: 200, body: { data: [], pagination: { pageNumber: 1, pageSize: 5, totalPages: 2, totalRecords: 10 } } } });
    await expect(connector.fetchEmployeePage(first.nextCursor)).rejects.toBeInstanceOf(HrSystemResponseError);
    // Without totals or a nextPage, a full page is not the end: only an empty one is.
    fake.faults.add({ kind: 'answer', path: PERSONAL_INFO, response: { status: 200, body: { data: [{ employeeId: 'x', info: [] }] } } });
    expect((await connect().fetchEmployeePage(null)).nextCursor).toMatch(/\|payroll\|2$/);
  });

  it('sends the bearer token and X-Subscription-Key; refuses a wrong refresh token, client or subscription key with the reason', async () => {
    fake = await startFakeNmbrs({ employees: 3 });
    await expect(connect().checkCredentials()).resolves.toBeUndefined();
    expect(((await refusal(connect({ refreshToken: 'used-up' }).checkCredentials())) as Error).message).toBe(
      'Nmbrs refused the credentials: invalid_grant (the refresh token expired, was revoked or was already used: the Nmbrs user must approve the app again)',
    );
    expect(((await refusal(connect({ clientSecret: 'wrong' }).checkCredentials())) as Error).message).toMatch(/^Nmbrs refused the credentials: invalid_client/);
    const badKey = await refusal(connect({ subscriptionKey: 'wrong-key' }).checkCredentials());
    expect(badKey).toBeInstanceOf(CredentialsRejectedError);
    expect(badKey.message).toBe('Nmbrs refused the credentials: Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.');
    for (const secret of [FAKE_NMBRS_CLIENT_SECRET, FAKE_NMBRS_SUBSCRIPTION_KEY, 'used-up', 'wrong-key']) expect(badKey.message).not.toContain(secret);
    fake.faults.add({ kind: 'answer', path: '/api/companies', response: { status: 403, body: { type: 'x', title: 'Forbidden', status: 403, detail: 'Insufficient scope' } } });
    expect(((await refusal(connect().checkCredentials())) as Error).message).toMatch(/^Nmbrs refused access: Forbidden: Insufficient scope \(the app needs the scopes company\.info\.read/);
  });

  it('keeps using a refresh token Nmbrs hands back in place of the old one', async () => {
    fake = await startFakeNmbrs({ employees: 6, rotateRefreshTokens: true });
    const connector = connect();
    await connector.fetchEmployeePage(null);
    fake.faults.add({ kind: 'expired-token', path: PERSONAL_INFO });
    expect((await readAllPages(connector)).flatMap((p) => p.employees)).toHaveLength(6);
    expect(fake.log.count({ path: '/connect/token', status: 200 })).toBe(2);
    // The stored (first) refresh token no longer works: the next connector is refused.
    expect(((await refusal(connect().checkCredentials())) as Error).message).toMatch(/invalid_grant/);
  });

  it('throttles with the gateway’s 429 and Retry-After, which the connector waits out', async () => {
    fake = await startFakeNmbrs({ employees: 4, rateLimit: { requests: 4, windowMs: 300 } });
    const waits: number[] = [];
    const realWait: ConnectorContext = { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, (waits.push(ms), Math.min(ms, 300)))) };
    const employees = (await readAllPages(connect({}, realWait))).flatMap((p) => p.employees);
    expect(employees).toHaveLength(4);
    expect(fake.log.count({ status: 429 })).toBeGreaterThan(0);
    expect(waits.every((ms) => ms === 1000)).toBe(true);
  });

  it('offers the companies as legal entities and the number of children only where Nmbrs answers the children records', async () => {
    fake = await startFakeNmbrs({ employees: 8 });
    expect((await connect().listLegalEntities()).map((e) => e.name).sort()).toEqual(FAKE_NMBRS_COMPANIES.map((c) => c.name).sort());
    expect(await connect().listAttributes()).toContainEqual(expect.objectContaining({ key: CHILDREN_COUNT_KEY, custom: true }));
    await fake.close();
    fake = await startFakeNmbrs({ employees: 8, withoutChildren: true });
    const connector = connect();
    expect((await connector.listAttributes()).map((a) => a.key)).not.toContain(CHILDREN_COUNT_KEY);
    const employees = (await readAllPages(connector)).flatMap((p) => p.employees);
    expect(employees).toHaveLength(8);
    expect(employees.every((e) => !(CHILDREN_COUNT_KEY in e.attributes))).toBe(true);
    expect(connector.fetchChangedEmployeePage).toBeUndefined();
  });
});
