// A local Breathe HR for tests, demos and benchmarks, answering like API v1 as developer.breathehr.com
// describes it: the X-API-KEY header on every request, GET /v1/employees with page / per_page (default
// 25, at most 100) in `{ employees: [...] }`, Link (first/prev/next/last) and Total headers, and the
// rate limit of 60 requests per 60 seconds per customer, answered 429 `{ error: { type: "Rate Limit
// Reached" } }` (no Retry-After: none is published). The refusal of a wrong key and the texts of
// leavers' statuses are not published: this fake's choices are in NOTES.md.
import { fakePerson, FaultScript, RequestLog, RollingWindowLimit, router, serveFake, withCounters, type FakeCounters, type FakeRequest, type FakeResponse, type FaultDialect, type RunningFake } from '../kit/fake';

export const FAKE_BREATHE_API_KEY = 'prod-FakeBreatheHrApiKey0000000000000000001';
export const CHILDREN_FIELD = 'Number of children';
/** The leaver status this fake uses (Breathe publishes only "Current employee"). */
export const FORMER_EMPLOYEE = 'Former employee';
export const WRONG_KEY_ERROR = { error: { type: 'Unauthorised', message: 'Invalid API key' } };
const RATE_LIMITED = { error: { type: 'Rate Limit Reached' } };

export interface FakeBreatheOptions {
  /** Generated employees: every 5th left in 2025 (Former employee, leaving_date), every 7th leaves on 2030-06-30. */
  people?: number;
  /** Records without an id, placed on the first page. */
  malformedRecords?: number;
  /** The most served per page (Breathe: 100); lower it to page a few dozen employees. */
  maxPerPage?: number;
  /** Breathe's 60 requests per 60 s; false switches it off (tests whose retries do not wait). */
  rateLimit?: { max: number; windowMs: number } | false;
  port?: number;
}

type Row = Record<string, unknown>;

export interface FakeBreatheState extends FakeCounters {
  readonly employees: Row[];
  leave(id: number, leavingDate: string, status?: string): void;
}

export type RunningFakeBreathe = RunningFake<FakeBreatheState>;

function generate(n: number): Row {
  const p = fakePerson(n);
  return {
    id: n,
    account_id: 1,
    first_name: p.firstName,
    last_name: p.lastName,
    email: `${p.emailLocalPart}@practice.example`,
    employee_ref: `EMP${String(n).padStart(4, '0')}`,
    job_title: 'Associate',
    status: p.terminated ? FORMER_EMPLOYEE : 'Current employee',
    company_join_date: p.hireDate,
    job_start_date: p.hireDate,
    leaving_date: p.terminationDate,
    full_or_part_time: n % 3 ? 'Full Time' : 'Part Time',
    gender: n % 2 ? 'Female' : 'Male',
    marital_status: ['Single', 'Married', 'Civil Partnership'][n % 3],
    working_pattern: { id: 1, name: 'Default working week M-F 8hrs', total_hours: '40.0', default: true },
    department: { id: 1 + (n % 3), name: ['Operations', 'Finance', 'Clinical'][n % 3] },
    line_manager: null,
    custom_fields: { [CHILDREN_FIELD]: n % 4 === 0 ? null : n % 3 },
    created_at: '2015-01-22T10:44:35Z',
    updated_at: '2015-01-22T10:44:35Z',
  };
}

export async function startFakeBreathe(options: FakeBreatheOptions = {}): Promise<RunningFakeBreathe> {
  const employees = Array.from({ length: options.people ?? 30 }, (_, i) => generate(i + 1));
  for (let i = 0; i < (options.malformedRecords ?? 0); i++) {
    const { id: _, ...rest } = generate(9000 + i);
    employees.splice(Math.min(employees.length, 2 + i), 0, rest);
  }
  const maxPerPage = options.maxPerPage ?? 100;
  const limit = options.rateLimit === false ? null : new RollingWindowLimit(options.rateLimit?.max ?? 60, options.rateLimit?.windowMs ?? 60_000);
  const log = new RequestLog();
  const faults = new FaultScript();
  const state = withCounters<FakeBreatheState>(
    {
      employees,
      leave(id, leavingDate, status = FORMER_EMPLOYEE) {
        const e = employees.find((r) => r.id === id);
        if (!e) throw new Error(`no Breathe employee ${id}`);
        Object.assign(e, { leaving_date: leavingDate, status });
      },
    },
    log,
    faults,
  );

  const dialect: FaultDialect = {
    throttled: () => ({ status: 429, body: RATE_LIMITED }),
    unavailable: (status) => ({ status, body: { error: { type: 'Service Unavailable' } } }),
  };

  function listEmployees(req: FakeRequest): FakeResponse {
    const q = req.url.searchParams;
    const page = Math.max(1, Number(q.get('page') ?? 1) || 1);
    const perPage = Math.min(maxPerPage, Math.max(1, Number(q.get('per_page') ?? 25) || 25));
    const last = Math.max(1, Math.ceil(employees.length / perPage));
    const link = (p: number, rel: string) => {
      const url = new URL(req.url.toString());
      url.searchParams.set('page', String(p));
      url.searchParams.set('per_page', String(perPage));
      return `<${url.toString()}>; rel="${rel}"`;
    };
    const rels = [link(1, 'first'), ...(page > 1 ? [link(page - 1, 'prev')] : []), ...(page < last ? [link(page + 1, 'next')] : []), link(last, 'last')];
    const slice = employees.slice((page - 1) * perPage, page * perPage);
    return { status: 200, headers: { link: rels.join(', '), total: String(employees.length) }, body: { employees: slice.map((e) => structuredClone(e)) } };
  }

  const handle = router([['GET', '/v1/employees', listEmployees]], {
    guard: (req) => {
      // The limit counts every request of the customer, refused ones too.
      if (limit && !limit.allow()) return { status: 429, body: RATE_LIMITED };
      return req.headers['x-api-key'] === FAKE_BREATHE_API_KEY ? undefined : { status: 401, body: WRONG_KEY_ERROR };
    },
    notFound: () => ({ status: 404, body: { error: { type: 'Not Found' } } }),
  });

  return serveFake(state, { handle, dialect, listings: [{ path: '/v1/employees', records: (body) => (body as { employees?: unknown[] } | undefined)?.employees }], port: options.port });
}
