// A local Sesame HR for tests, demos and benchmarks, answering like the Sesame Public API 3.0.0 as
// its OpenAPI description publishes it: a Bearer API token, GET /core/v3/info (the token's company),
// GET /core/v3/employees (page, limit, status=active|inactive; { data, meta: { currentPage,
// lastPage, total, perPage } }), GET /core/v3/custom-fields, and per employee GET
// /contract/v1/contracts/{employeeId} (startDate / endDate) and …/current-contract (workdayType,
// contractType, jobCharge; 404 without one). Unpublished and assumed here (NOTES.md): a listing
// without `status` answers active employees only, 401 { message: "Unauthenticated." }, 404
// { message }, throttling 429 { message } with Retry-After where the script gives one.
import { fakePerson, isoDay, listingAt, retryAfterHeader, router, serveFake, withCounters, type FakeCounters, type FakeRequest, type FakeResponse, type FaultDialect, type RunningFake } from '../kit/fake';

export interface FakeSesameOptions {
  apiToken?: string;
  /** Generated employees (every 5th inactive with a 2025 contract end, every 7th leaving 2030-06-30). */
  people?: number;
  /** Employee records without an id (listed with the active ones). */
  malformedRecords?: number;
  /** The most records a page serves whatever `limit` asks. */
  maxLimit?: number;
  port?: number;
}

type Row = Record<string, unknown>;

export interface FakeSesameState extends FakeCounters {
  /** Employees in listing order; malformed ones as injected. */
  readonly employees: Row[];
  /** Employee id → contracts. */
  readonly contracts: Map<string, Row[]>;
  employee(id: string): Row;
  /** The leaving date as the fake holds it: the latest contract end once none is open. */
  leavingDate(id: string): string | null;
  /** Ends the open contract and, when the date has passed, deactivates the employee. */
  terminate(id: string, endDate: string): void;
}

export const FAKE_SESAME_TOKEN = 'fake-sesame-api-token-0001';
export const UNAUTHENTICATED_MESSAGE = 'Unauthenticated.';
export const COMPANIES = [
  { id: 'c0000000-0000-4000-8000-000000000001', name: 'Sesame Ibérica S.L.' },
  { id: 'c0000000-0000-4000-8000-000000000002', name: 'Sesame Levante S.L.' },
];
const WORKDAY = { full: { id: 'w1', name: 'Completa', editable: false }, part: { id: 'w2', name: 'Parcial', editable: false } };

const message = (status: number, text: string): FakeResponse => ({ status, body: { message: text } });
const uuid = (n: number) => `e0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function generated(n: number): { employee: Row; contracts: Row[] } {
  const p = fakePerson(n);
  const id = uuid(n);
  const employee: Row = {
    id,
    firstName: p.firstName,
    lastName: p.lastName,
    email: `${p.emailLocalPart}@example.es`,
    code: n,
    status: p.terminated ? 'inactive' : 'active',
    workStatus: 'offline',
    gender: n % 9 === 0 ? 'no_response' : n % 2 === 0 ? 'female' : 'male',
    dateOfBirth: isoDay(Date.UTC(1970, 0, 1), (n * 331) % 12000),
    maritalStatus: n % 3 === 0 ? 'Casado/a' : 'Soltero/a',
    children: n % 5 === 4 ? null : n % 4,
    nationality: 'Española',
    city: n % 2 ? 'Valencia' : 'Madrid',
    country: 'España',
    company: { ...COMPANIES[n % COMPANIES.length], language: 'es' },
    customFields: [{ id: 'f1', companyId: COMPANIES[0].id, name: 'Talla camiseta', slug: 'cf_talla_camiseta', type: 'text', value: ['S', 'M', 'L'][n % 3] }],
    createdAt: `${p.hireDate}T09:00:00+01:00`,
    updatedAt: `${p.hireDate}T09:00:00+01:00`,
  };
  const contract = (k: number, startDate: string, endDate: string | null, part: boolean): Row => ({ id: `${id}-c${k}`, startDate, endDate, code: `C${k}`, comment: '', workdayType: part ? WORKDAY.part : WORKDAY.full, contractType: { id: 't1', name: endDate ? 'Temporal' : 'Indefinido', editable: false } });
  const end = p.terminationDate;
  const contracts = n % 6 === 0 ? [contract(1, isoDay(Date.UTC(2010, 0, 1), n), isoDay(Date.UTC(2011, 0, 1), n), true), contract(2, p.hireDate, end, n % 4 === 0)] : [contract(1, p.hireDate, end, n % 4 === 0)];
  return { employee, contracts };
}

export async function startFakeSesame(options: FakeSesameOptions = {}): Promise<RunningFake<FakeSesameState>> {
  const apiToken = options.apiToken ?? FAKE_SESAME_TOKEN;
  const maxLimit = options.maxLimit ?? 100;
  const employees: Row[] = [];
  const contracts = new Map<string, Row[]>();
  for (let n = 1; n <= (options.people ?? 20); n++) {
    const g = generated(n);
    employees.push(g.employee);
    contracts.set(String(g.employee.id), g.contracts);
    if (n === 1) for (let i = 0; i < (options.malformedRecords ?? 0); i++) employees.push({ firstName: 'Orphan', lastName: 'Record', status: 'active' });
  }
  const customFields = [{ id: 'f1', companyId: COMPANIES[0].id, name: 'Talla camiseta', slug: 'cf_talla_camiseta', type: 'text', createdAt: '2020-01-01T10:00:00+01:00', updatedAt: '2020-01-01T10:00:00+01:00' }];

  const state = withCounters<FakeSesameState>({
    employees,
    contracts,
    employee(id) {
      const found = employees.find((e) => e.id === id);
      if (!found) throw new Error(`fake Sesame has no employee ${id}`);
      return found;
    },
    leavingDate(id) {
      const ends = (contracts.get(id) ?? []).map((c) => c.endDate as string | null);
      return ends.length && !ends.includes(null) ? [...(ends as string[])].sort().at(-1)! : null;
    },
    terminate(id, endDate) {
      for (const c of contracts.get(id) ?? []) if (c.endDate === null) c.endDate = endDate;
      if (endDate < new Date().toISOString().slice(0, 10)) state.employee(id).status = 'inactive';
    },
  });

  const dialect: FaultDialect = {
    throttled: (seconds) => ({ ...message(429, 'Too Many Attempts.'), headers: retryAfterHeader(seconds) }),
    unavailable: (status) => message(status, 'Service Unavailable'),
  };

  const paged = (items: readonly Row[], req: FakeRequest): FakeResponse => {
    const q = req.url.searchParams;
    const page = q.has('page') ? Number(q.get('page')) : 1;
    const limit = q.has('limit') ? Number(q.get('limit')) : 20;
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(limit) || limit < 1) return message(422, 'The given data was invalid.');
    const perPage = Math.min(limit, maxLimit);
    const lastPage = Math.max(1, Math.ceil(items.length / perPage));
    return { status: 200, body: { data: items.slice((page - 1) * perPage, page * perPage).map((r) => structuredClone(r)), meta: { currentPage: page, lastPage, total: items.length, perPage } } };
  };

  const today = () => new Date().toISOString().slice(0, 10);
  const handle = router(
    [
      ['GET', '/core/v3/info', () => ({ status: 200, body: { data: { company: { ...COMPANIES[0], language: 'es', notificationEmail: 'rrhh@example.es' } }, meta: { total: 1, perPage: 1 } } })],
      [
        'GET',
        '/core/v3/employees',
        (req) => {
          const status = req.url.searchParams.get('status') ?? 'active';
          if (status !== 'active' && status !== 'inactive') return message(422, 'The selected status is invalid.');
          return paged(employees.filter((e) => e.status === status), req);
        },
      ],
      ['GET', '/core/v3/custom-fields', (req) => paged(customFields, req)],
      [
        'GET',
        /^\/contract\/v1\/contracts\/([^/]+)\/current-contract$/,
        (_req, id) => {
          const list = contracts.get(decodeURIComponent(id));
          const current = list?.find((c) => c.endDate === null || String(c.endDate) >= today());
          if (!current) return message(404, 'Contract not found');
          const { startDate, endDate, ...rest } = current;
          return { status: 200, body: { data: { ...rest, status: 'active', startAt: startDate, endAt: endDate, jobCharge: { id: 'j1', name: 'Técnico', editable: false } }, meta: { total: 1, perPage: 1 } } };
        },
      ],
      [
        'GET',
        /^\/contract\/v1\/contracts\/([^/]+)$/,
        (req, id) => {
          const list = contracts.get(decodeURIComponent(id));
          if (!list) return message(404, 'Employee not found');
          return paged(list.map(({ id: cid, startDate, endDate, code, comment }) => ({ id: cid, startDate, endDate, code, comment })), req);
        },
      ],
    ],
    {
      guard: (req) => (req.headers.authorization === `Bearer ${apiToken}` ? undefined : message(401, UNAUTHENTICATED_MESSAGE)),
      notFound: () => message(404, 'Not Found'),
      trimSlash: true,
    },
  );

  return serveFake(state, { handle, dialect, listings: [listingAt('/core/v3/employees', 'data')], port: options.port });
}
