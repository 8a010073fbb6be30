// What is particular to Visma Raet Youforce (the contract suite covers the rest): tokens kept for the
// worker process across connector instances (400 token requests a month), persons joined with their
// employments (dischargeDate 9999-12-31 = still employed, rehires), the 90-day retention, nextLink
// query-only paging, the Extensions scope, spike arrest and Visma Connect's refusals.
import { CredentialsRejectedError, RateLimitedError } from '../../connectors/errors';
import type { RunningFake } from '../../connectors/kit/fake';
import type { ConnectorContext } from '../../connectors/types';
import { youforceListing } from '../../connectors/visma-raet/connector';
import { vismaRaet } from '../../connectors/visma-raet/definition';
import { CHILDREN_FIELD_CODE, FAKE_YOUFORCE_CLIENT_ID, FAKE_YOUFORCE_CLIENT_SECRET, FAKE_YOUFORCE_TENANT_ID, OPEN_ENDED, startFakeYouforce, type FakeYouforceOptions, type FakeYouforceState } from '../../connectors/visma-raet/fake-server';
import { extensionKey, mapYouforcePerson } from '../../connectors/visma-raet/mapping';
import { clearSharedTokens, sharedToken } from '../../connectors/visma-raet/shared-tokens';
import { readAllPages } from '../support/connector-pages';

const noWait: ConnectorContext = { sleep: async () => undefined };
const today = '2026-12-01';

describe('Youforce person mapping', () => {
  const person = { id: '100001', personCode: '30001', knownAs: 'Amy', firstNames: 'Amy Beatrice', lastNamePrefix: 'de', lastName: 'Vries', gender: 'Female', emailAddresses: [{ type: 'Private', address: 'amy@home.example' }, { type: 'Business', address: 'amy@example.nl' }] };
  const employment = (hireDate: string, dischargeDate: string, parttimePercentage = 100) => ({ personCode: '30001', hireDate, dischargeDate, workingAmount: { parttimePercentage } });
  const map = (employments: unknown[]) => {
    const result = mapYouforcePerson(person, employments, undefined, today);
    if (!result.ok) throw new Error(result.invalid.reason);
    return result.employee;
  };

  it('reads 9999-12-31 as still employed and the last discharge as the leaving date', () => {
    expect(map([employment('2014-08-25', OPEN_ENDED)])).toMatchObject({ leavingDate: null, status: 'active', hireDate: '2014-08-25', firstName: 'Amy', lastName: 'de Vries', email: 'amy@example.nl', gender: 'female', personnelNumber: '30001' });
    expect(map([employment('2014-08-25', '2026-10-31')])).toMatchObject({ leavingDate: '2026-10-31', status: 'terminated' });
    expect(map([employment('2014-08-25', '2026-10-31'), employment('2015-01-01', '2027-03-31', 50)])).toMatchObject({ leavingDate: '2027-03-31', status: 'active', employmentType: 'PART_TIME' });
  });

  it('keeps a rehire employed with the new hire date, and a person without employments inactive without a date', () => {
    expect(map([employment('2008-02-01', '2011-12-31', 50), employment('2019-05-01', OPEN_ENDED)])).toMatchObject({ leavingDate: null, status: 'active', hireDate: '2019-05-01', employmentType: 'FULL_TIME' });
    expect(map([])).toMatchObject({ leavingDate: null, status: 'inactive' });
    expect(mapYouforcePerson(person, [employment('2014-08-25', 'later')], undefined, today)).toEqual({ ok: false, invalid: { remoteId: '100001', reason: 'dischargeDate "later" is not a date' } });
  });

  it('takes only the query of a next link, on its own path', () => {
    const listing = youforceListing('/iam/v1.0/persons', 'the person list');
    const api = { unexpected: (what: string) => new Error(what) } as never;
    const read = (nextLink: unknown) => listing.read({ status: 200, headers: new Headers(), body: { value: [], nextLink }, text: '' }, null, api);
    expect(read('https://api.youforce.com/iam/v1.0/persons?skip=1000&take=1000').nextCursor).toBe('skip=1000&take=1000');
    expect(read('/IAM/v1.0/persons?bookmark=abc').nextCursor).toBe('bookmark=abc');
    expect(read(null).nextCursor).toBeNull();
    expect(() => read('https://elsewhere.example/iam/v1.0/employments?skip=1')).toThrow(/another listing/);
    expect(listing.request('skip=20&take=1000', api)).toEqual({ path: '/iam/v1.0/persons?skip=20&take=1000' });
  });
});

describe('Youforce tokens shared across connector instances', () => {
  it('renews only near expiry, and shares one request between parallel callers', async () => {
    clearSharedTokens();
    let clock = 0;
    let issued = 0;
    const issue = async () => ({ accessToken: `t${++issued}`, lifetimeMs: 3_600_000 });
    const [a, b] = await Promise.all([sharedToken('k', issue, () => clock), sharedToken('k', issue, () => clock)]);
    expect([a, b, issued]).toEqual(['t1', 't1', 1]);
    clock = 3_600_000 - 6 * 60_000;
    expect(await sharedToken('k', issue, () => clock)).toBe('t1');
    clock = 3_600_000 - 4 * 60_000;
    expect(await sharedToken('k', issue, () => clock)).toBe('t2');
  });
});

describe('Youforce connector against the fake IAM API', () => {
  let fake: RunningFake<FakeYouforceState>;
  const start = async (options: FakeYouforceOptions = {}) => {
    fake = await startFakeYouforce({ people: 40, minIntervalMs: null, ...options });
  };
  const connect = (overrides: Record<string, string> = {}, context: ConnectorContext = noWait) =>
    vismaRaet.create(vismaRaet.credentialsSchema.parse({ clientId: FAKE_YOUFORCE_CLIENT_ID, clientSecret: FAKE_YOUFORCE_CLIENT_SECRET, tenantId: FAKE_YOUFORCE_TENANT_ID, baseUrl: fake.url, ...overrides }), context);
  afterEach(async () => {
    await fake?.close();
  });

  it('asks Visma Connect once for several syncs of new connector instances, and again only after a 401', async () => {
    await start();
    await readAllPages(connect());
    await readAllPages(connect());
    await connect().checkCredentials();
    expect(fake.log.count({ path: '/connect/token' })).toBe(1);
    fake.faults.add({ kind: 'expired-token', path: '/iam/v1.0/persons' });
    await readAllPages(connect());
    expect(fake.log.count({ path: '/connect/token', status: 200 })).toBe(2);
  });

  it('never answers wrong credentials from the cache: a wrong secret or tenant is refused with Visma Connect’s reason', async () => {
    await start();
    await connect().checkCredentials();
    const wrongSecret = await connect({ clientSecret: 'wrong' }).checkCredentials().catch((e: unknown) => e);
    expect(wrongSecret).toBeInstanceOf(CredentialsRejectedError);
    expect((wrongSecret as Error).message).toMatch(/^Visma Raet \(Youforce\) refused the credentials: invalid_client/);
    const wrongTenant = await connect({ tenantId: '999' }).checkCredentials().catch((e: unknown) => e);
    expect((wrongTenant as Error).message).toMatch(/invalid_request: tenant 999 is not authorized/);
  });

  it('lists persons over nextLink pages with their employments; people discharged over 90 days ago are gone', async () => {
    await start({ maxTake: 15 });
    const pages = await readAllPages(connect());
    expect(fake.log.find({ path: '/iam/v1.0/persons' }).map((e) => e.query.get('skip'))).toEqual([null, '15', '30']);
    const employees = new Map(pages.flatMap((p) => p.employees).map((e) => [e.remoteId, e]));
    const visible = fake.state.visiblePersons();
    expect(employees.size).toBe(visible.length);
    expect(visible.length).toBe(38); // persons 15 and 30 (discharged 200 days ago) are gone from the API
    expect(employees.has('100015') || employees.has('100030')).toBe(false);
    const rehired = employees.get('100011')!;
    expect(rehired).toMatchObject({ status: 'active', leavingDate: null });
    const leaver = employees.get('100005')!;
    expect(leaver).toMatchObject({ status: 'terminated', leavingDate: fake.state.leavingDate('30005') });
    expect(employees.get('100003')).toMatchObject({ leavingDate: '2030-06-30', status: 'active' });
  });

  it('offers person extensions as custom attributes, and none without the Extensions scope', async () => {
    await start();
    expect(await connect().listAttributes()).toContainEqual({ key: extensionKey(CHILDREN_FIELD_CODE), label: 'Aantal kinderen', type: 'string', custom: true });
    await fake.close();
    await start({ extensionsScope: false });
    expect((await connect().listAttributes()).filter((a) => a.custom)).toEqual([]);
    expect((await readAllPages(connect())).flatMap((p) => p.employees).length).toBe(fake.state.visiblePersons().length);
  });

  it('waits out the spike arrest (one request per 0.6 s) and stops with a rate-limit error once the token budget is used up', async () => {
    await start({ people: 10, minIntervalMs: 600 });
    const realSleep: ConnectorContext = { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };
    expect((await readAllPages(connect({}, realSleep))).flatMap((p) => p.employees)).toHaveLength(10);
    expect(fake.log.count({ status: 429 })).toBeGreaterThan(0);
    await fake.close();
    await start({ tokenRequestsPerMonth: 0 });
    await expect(connect({}, { sleep: async () => undefined, maxAttempts: 2 }).checkCredentials()).rejects.toBeInstanceOf(RateLimitedError);
  });
});
