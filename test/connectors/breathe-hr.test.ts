// What is particular to Breathe HR (the contract suite covers the rest): the X-API-KEY header,
// page/per_page paging at Breathe's maximum of 100 with the Link and Total headers, the 60-a-minute
// limit answered 429 { error: { type: "Rate Limit Reached" } }, status texts other than "Current
// employee" never read as a departure on their own, and Breathe's refusal reason.
import { CredentialsRejectedError, HrSystemResponseError, RateLimitedError } from '../../connectors/errors';
import { hasMore } from '../../connectors/breathe-hr/connector';
import { breatheBaseUrl, breatheHr, breatheHrCredentials } from '../../connectors/breathe-hr/definition';
import { CHILDREN_FIELD, FAKE_BREATHE_API_KEY, startFakeBreathe, type RunningFakeBreathe } from '../../connectors/breathe-hr/fake-server';
import { customFieldKey, mapBreatheEmployee } from '../../connectors/breathe-hr/mapping';
import type { ConnectorContext } from '../../connectors/types';
import { readAllPages } from '../support/connector-pages';

const today = '2026-12-01';

describe('Breathe HR mapping and paging', () => {
  const map = (extra: Record<string, unknown>) => {
    const result = mapBreatheEmployee({ id: 7, first_name: 'Sam', email: 'sam@practice.example', status: 'Current employee', ...extra }, today);
    if (!result.ok) throw new Error(result.invalid.reason);
    return result.employee;
  };

  it('reads status texts other than "Current employee" as a departure only with a passed leaving date', () => {
    expect(map({ status: 'Former employee', leaving_date: '2025-04-30' })).toMatchObject({ status: 'terminated', leavingDate: '2025-04-30' });
    expect(map({ status: 'Former employee' })).toMatchObject({ status: 'inactive', leavingDate: null });
    expect(map({ status: 'On probation' })).toMatchObject({ status: null, leavingDate: null });
    expect(map({ leaving_date: '2030-06-30' })).toMatchObject({ status: 'active', leavingDate: '2030-06-30' });
    expect(mapBreatheEmployee({ id: 7, leaving_date: 'end of May' }, today)).toMatchObject({ ok: false, invalid: { remoteId: '7' } });
  });

  it('reads custom fields as an object or as a list of { name, value }, and full or part time', () => {
    expect(map({ custom_fields: { Kids: 2 }, full_or_part_time: 'Part Time' })).toMatchObject({ employmentType: 'PART_TIME', attributes: { [customFieldKey('Kids')]: 2 } });
    expect(map({ custom_fields: [{ name: 'Kids', value: 3 }] }).attributes[customFieldKey('Kids')]).toBe(3);
  });

  it('sends sandbox keys to the sandbox host', () => {
    expect(breatheBaseUrl({ apiKey: 'sandbox-abc' })).toBe('https://api.sandbox.breathehr.info/v1');
    expect(breatheBaseUrl({ apiKey: 'prod-abc' })).toBe('https://api.breathehr.com/v1');
  });

  it('goes on while Link says next or Total says more, and never ends a full page without either', () => {
    expect(hasMore(1, 100, 100, '<https://api.breathehr.com/v1/employees?page=2>; rel="next"', '250')).toBe(true);
    expect(hasMore(2, 100, 100, null, '250')).toBe(true);
    expect(hasMore(3, 50, 100, '<https://api.breathehr.com/v1/employees?page=1>; rel="first"', '250')).toBe(false);
    expect(hasMore(1, 100, 100, null, null)).toBe(true);
    expect(hasMore(2, 0, 100, null, null)).toBe(false);
  });
});

describe('Breathe HR connector against the fake', () => {
  let fake: RunningFakeBreathe;
  const connect = (apiKey = FAKE_BREATHE_API_KEY, context: ConnectorContext = { sleep: async () => undefined }) =>
    breatheHr.create(breatheHrCredentials.parse({ apiKey, baseUrl: `${fake.url}/v1` }), context);
  const listing = () => fake.log.find({ path: '/v1/employees' });

  afterEach(() => fake.close());

  it('asks for 100 a page with page/per_page and the X-API-KEY header, and lists leavers with their dates', async () => {
    fake = await startFakeBreathe({ people: 230, rateLimit: false });
    const pages = await readAllPages(connect());
    expect(listing().map((e) => [e.query.get('page'), e.query.get('per_page')])).toEqual([
      ['1', '100'],
      ['2', '100'],
      ['3', '100'],
    ]);
    const employees = pages.flatMap((p) => p.employees);
    expect(employees).toHaveLength(230);
    expect(employees.find((e) => e.remoteId === '5')).toMatchObject({ status: 'terminated', leavingDate: '2025-06-15' });
    expect(employees.find((e) => e.remoteId === '1')!.attributes[customFieldKey(CHILDREN_FIELD)]).toBe(1);
  });

  it('waits out Breathe’s 60 requests a minute (429 without Retry-After) and finishes the listing', async () => {
    fake = await startFakeBreathe({ people: 40, maxPerPage: 10, rateLimit: { max: 2, windowMs: 300 } });
    const waits: number[] = [];
    const pages = await readAllPages(connect(FAKE_BREATHE_API_KEY, { sleep: (ms) => new Promise((r) => setTimeout(r, ms, waits.push(ms))) }));
    expect(pages.flatMap((p) => p.employees)).toHaveLength(40);
    expect(fake.log.count({ path: '/v1/employees', status: 429 })).toBeGreaterThan(0);
    expect(waits.length).toBeGreaterThan(0);
  });

  it('gives up as rate limited, never as a short listing, when the limit persists', async () => {
    fake = await startFakeBreathe({ people: 10, rateLimit: false });
    fake.faults.add({ path: '/v1/employees', kind: 'throttle', times: 50 });
    await expect(connect(FAKE_BREATHE_API_KEY, { sleep: async () => undefined, maxAttempts: 3 }).fetchEmployeePage(null)).rejects.toBeInstanceOf(RateLimitedError);
    expect(fake.log.find({ path: '/v1/employees', status: 429 })).toHaveLength(3);
  });

  it("refuses a wrong key with Breathe's reason, and an answer without an employee list as unreadable", async () => {
    fake = await startFakeBreathe({ people: 5, rateLimit: false });
    const refused = await connect('prod-wrong').checkCredentials().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CredentialsRejectedError);
    expect((refused as Error).message).toBe('Breathe HR refused the credentials: Unauthorised: Invalid API key');
    fake.faults.add({ path: '/v1/employees', kind: 'answer', response: { status: 200, body: { error: { type: 'x' } } } });
    await expect(connect().fetchEmployeePage(null)).rejects.toBeInstanceOf(HrSystemResponseError);
  });

});
