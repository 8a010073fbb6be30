// What is particular to Kallidus Sapling (the contract suite covers the rest): the region's host (US
// saplingapp.io, UK kallidus-suite.com/hr), the API key as a bearer token, profiles read in one pass
// per state (status=active, status=inactive) with { users, current_page, total_pages } paging, the
// advised 100 requests a minute answered 429, and leavers: inactive with termination_date, never a
// guessed date.
import { CredentialsRejectedError, HrSystemResponseError } from '../../connectors/errors';
import { readSaplingCursor } from '../../connectors/kallidus-sapling/connector';
import { kallidusSapling, kallidusSaplingCredentials, saplingBaseUrl } from '../../connectors/kallidus-sapling/definition';
import { CHILDREN_FIELD, FAKE_SAPLING_API_KEY, startFakeSapling, type RunningFakeSapling } from '../../connectors/kallidus-sapling/fake-server';
import { mapSaplingProfile } from '../../connectors/kallidus-sapling/mapping';
import type { ConnectorContext } from '../../connectors/types';
import { readAllPages } from '../support/connector-pages';

const today = '2026-12-01';

describe('Kallidus Sapling mapping and routing', () => {
  const map = (extra: Record<string, unknown>) => {
    const result = mapSaplingProfile({ guid: 'g-1', id: 1, first_name: 'Robin', state: 'active', company_email: 'robin@acme.example', personal_email: 'robin@home.example', ...extra }, today);
    if (!result.ok) throw new Error(result.invalid.reason);
    return result.employee;
  };

  it('reads inactive with termination_date as terminated, inactive without one as inactive with no date', () => {
    expect(map({ state: 'inactive', termination_date: '2025-02-28' })).toMatchObject({ status: 'terminated', leavingDate: '2025-02-28' });
    expect(map({ state: 'inactive' })).toMatchObject({ status: 'inactive', leavingDate: null });
    expect(map({ termination_date: '2030-06-30' })).toMatchObject({ status: 'active', leavingDate: '2030-06-30' });
    expect(map({ start_date: '2027-03-01' })).toMatchObject({ status: 'onboarding' });
    expect(mapSaplingProfile({ guid: 'g-2', termination_date: 'last Friday' }, today)).toMatchObject({ ok: false, invalid: { remoteId: 'g-2' } });
  });

  it('uses the company e-mail only, and keeps unnamed top-level fields as custom attributes (not nested tables)', () => {
    const e = map({ [CHILDREN_FIELD]: 2, compensation: { pay_rate: 1 } });
    expect(e.email).toBe('robin@acme.example');
    expect(e.attributes[CHILDREN_FIELD]).toBe(2);
    expect(e.attributes).not.toHaveProperty('compensation');
    expect(e.attributes).not.toHaveProperty('personal_email');
  });

  it('routes to the region the admin picked', () => {
    expect(saplingBaseUrl({ region: 'us', subdomain: 'acme' })).toBe('https://acme.saplingapp.io/api/v1/beta');
    expect(saplingBaseUrl({ region: 'uk', subdomain: 'acme' })).toBe('https://acme.kallidus-suite.com/hr/api/v1/beta');
    expect(() => kallidusSaplingCredentials.parse({ subdomain: 'acme', apiKey: 'k' })).toThrow();
    expect(readSaplingCursor('inactive:3')).toEqual({ state: 'inactive', page: 3 });
  });
});

describe('Kallidus Sapling connector against the fake', () => {
  let fake: RunningFakeSapling;
  const connect = (region: 'us' | 'uk' = 'us', apiKey = FAKE_SAPLING_API_KEY, context: ConnectorContext = { sleep: async () => undefined }) =>
    kallidusSapling.create(kallidusSaplingCredentials.parse({ region, subdomain: 'acme', apiKey, baseUrl: `${fake.url}${region === 'us' ? '' : '/hr'}/api/v1/beta` }), context);
  const listing = () => fake.log.find({ path: /\/profiles$/ });

  afterEach(() => fake.close());

  it('reads the active pass, then the inactive pass, each to its last page', async () => {
    fake = await startFakeSapling({ people: 40, pageSize: 10, rateLimit: false });
    const pages = await readAllPages(connect());
    expect(listing().map((e) => `${e.query.get('status')}:${e.query.get('page')}`)).toEqual(['active:1', 'active:2', 'active:3', 'active:4', 'inactive:1']);
    const employees = pages.flatMap((p) => p.employees);
    expect(employees).toHaveLength(40);
    expect(employees.filter((e) => e.status === 'terminated' || e.status === 'inactive')).toHaveLength(8);
    expect(employees.find((e) => e.remoteId === String(fake.state.profiles[19].guid))).toMatchObject({ status: 'inactive', leavingDate: null });
  });

  it('reads the UK route the same way', async () => {
    fake = await startFakeSapling({ people: 5, rateLimit: false });
    expect((await readAllPages(connect('uk'))).flatMap((p) => p.employees)).toHaveLength(5);
    expect(listing().every((e) => e.path === '/hr/api/v1/beta/profiles')).toBe(true);
  });

  it('fails a pass that lists people of the other state (the filter was not applied) or another page', async () => {
    fake = await startFakeSapling({ people: 10, rateLimit: false });
    fake.faults.add({ path: /\/profiles$/, kind: 'answer', response: { status: 200, body: { users: [{ guid: 'x', state: 'inactive' }], current_page: 1, total_pages: 1 } } });
    await expect(connect().fetchEmployeePage(null)).rejects.toBeInstanceOf(HrSystemResponseError);
    fake.faults.add({ path: /\/profiles$/, kind: 'answer', response: { status: 200, body: { users: [], current_page: 1, total_pages: 1 } } });
    await expect(connect().fetchEmployeePage('active:2')).rejects.toThrow(/page 1 instead of 2/);
  });

  it('waits out the 100-a-minute limit (429 without Retry-After) and finishes the listing', async () => {
    fake = await startFakeSapling({ people: 30, pageSize: 5, rateLimit: { max: 3, windowMs: 300 } });
    const pages = await readAllPages(connect('us', FAKE_SAPLING_API_KEY, { sleep: (ms) => new Promise((r) => setTimeout(r, ms)) }));
    expect(pages.flatMap((p) => p.employees)).toHaveLength(30);
    expect(fake.log.count({ path: '/api/v1/beta/profiles', status: 429 })).toBeGreaterThan(0);
  });

  it("refuses a wrong key with Kallidus' reason", async () => {
    fake = await startFakeSapling({ people: 2, rateLimit: false });
    const refused = await connect('us', 'wrong').checkCredentials().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CredentialsRejectedError);
    expect((refused as Error).message).toBe('Kallidus (Sapling) refused the credentials: Could not authenticate using provided API key');
  });
});
