// A local Kallidus Sapling for tests, demos and benchmarks: the US route /api/v1/beta (the UK route
// /hr/api/v1/beta answers the same), `Authorization: Bearer <API key>` (401 "Could not authenticate
// using provided API key"), GET /profiles with `status` (active | inactive; absent: everyone, an
// assumption) and `page`, answering { users, current_page, total_pages } with users in the published
// field shapes plus third-party-named fields (termination_date, employment_status, employee_number,
// gender, marital_status) and a custom field. Kallidus advises ≤ 100 requests a minute per key: the fake
// answers 429 beyond that (rolling minute; off in the contract fixture), without Retry-After (none is
// published).
import { bearerToken, fakePerson, FaultScript, RequestLog, RollingWindowLimit, router, serveFake, withCounters, type FakeCounters, type FakeRequest, type FakeResponse, type FaultDialect, type RunningFake } from '../kit/fake';

export const FAKE_SAPLING_API_KEY = 'fake-sapling-api-key-0000000000000001';
export const CHILDREN_FIELD = 'number_of_children';
export const UNAUTHENTICATED = { status: 401, message: 'Could not authenticate using provided API key' };

export interface FakeSaplingOptions {
  /** Generated profiles: every 5th inactive with a 2025 termination date (every 20th without one), every 7th leaving 2030-06-30. */
  people?: number;
  /** Profiles without guid or id, among the active ones. */
  malformedRecords?: number;
  /** Profiles per page (not published; 50 assumed). */
  pageSize?: number;
  /** The advised 100 requests per minute, enforced; false: off. */
  rateLimit?: { max: number; windowMs: number } | false;
  port?: number;
}

type Row = Record<string, unknown>;

export interface FakeSaplingState extends FakeCounters {
  readonly profiles: Row[];
}

export type RunningFakeSapling = RunningFake<FakeSaplingState>;

function generate(n: number): Row {
  const p = fakePerson(n);
  const withoutDate = p.terminated && n % 20 === 0;
  return {
    id: n,
    guid: `3f2b${String(n).padStart(4, '0')}-0000-4000-8000-sapling00000`,
    first_name: p.firstName,
    last_name: p.lastName,
    preferred_name: null,
    job_title: 'Analyst',
    location: ['London', 'New York'][n % 2],
    department: ['Finance', 'People', 'Engineering'][n % 3],
    state: p.terminated ? 'inactive' : 'active',
    employment_status: n % 3 ? 'Full Time' : 'Part Time',
    employee_number: `S-${n}`,
    start_date: p.hireDate,
    termination_date: withoutDate ? null : p.terminationDate,
    termination_type: p.terminated ? 'Voluntary' : null,
    gender: n % 2 ? 'Female' : 'Male',
    marital_status: ['Single', 'Married'][n % 2],
    company_email: `${p.emailLocalPart}@acme.example`,
    personal_email: `${p.emailLocalPart}@home.example`,
    [CHILDREN_FIELD]: n % 4 === 0 ? null : n % 3,
    compensation: { pay_rate: { currency_type: 'GBP', currency_value: 100 } },
  };
}

export async function startFakeSapling(options: FakeSaplingOptions = {}): Promise<RunningFakeSapling> {
  const profiles = Array.from({ length: options.people ?? 30 }, (_, i) => generate(i + 1));
  for (let i = 0; i < (options.malformedRecords ?? 0); i++) {
    const { id: _i, guid: _g, ...rest } = generate(9000 + i);
    profiles.splice(Math.min(profiles.length, 1 + i), 0, rest);
  }
  const pageSize = options.pageSize ?? 50;
  const limit = options.rateLimit === false ? null : new RollingWindowLimit(options.rateLimit?.max ?? 100, options.rateLimit?.windowMs ?? 60_000);
  const state = withCounters<FakeSaplingState>({ profiles }, new RequestLog(), new FaultScript());
  // No Retry-After: Kallidus publishes none (even where the fault script gives one).
  const tooMany = (): FakeResponse => ({ status: 429, body: { status: 429, message: 'Too many requests have been sent in a given amount of time' } });
  const dialect: FaultDialect = { throttled: () => tooMany(), unavailable: (status) => ({ status, body: { status, message: 'Service unavailable' } }) };

  function list(req: FakeRequest): FakeResponse {
    const q = req.url.searchParams;
    const status = q.get('status');
    if (status !== null && status !== 'active' && status !== 'inactive') return { status: 400, body: { status: 400, message: 'Invalid status' } };
    const page = q.has('page') ? Number(q.get('page')) : 1;
    if (!Number.isInteger(page) || page < 1) return { status: 400, body: { status: 400, message: 'Invalid page' } };
    const matching = profiles.filter((p) => status === null || p.state === status || p.state === undefined);
    const totalPages = Math.max(1, Math.ceil(matching.length / pageSize));
    return { status: 200, body: { users: matching.slice((page - 1) * pageSize, page * pageSize).map((p) => structuredClone(p)), current_page: page, total_pages: totalPages, total_users: matching.length } };
  }

  const routes = (prefix: string) => [['GET', `${prefix}/profiles`, list] as [string, string, typeof list]];
  const handle = router([...routes('/api/v1/beta'), ...routes('/hr/api/v1/beta')], {
    guard: (req) => {
      if (limit && !limit.allow()) return tooMany();
      return bearerToken(req.headers.authorization) === FAKE_SAPLING_API_KEY ? undefined : { status: 401, body: UNAUTHENTICATED };
    },
    notFound: () => ({ status: 404, body: { status: 404, message: 'Resource could not be found' } }),
    methodNotAllowed: () => ({ status: 405, body: { status: 405, message: 'Method not allowed' } }),
  });
  return serveFake(state, { handle, dialect, listings: [{ path: /\/profiles$/, records: (body) => (body as { users?: unknown[] } | undefined)?.users }], port: options.port });
}
