// A local Hailey HR for tests, demos and benchmarks. Hailey HR's API description is not public, so
// this fake follows what integration vendors describe (NOTES.md): a personal access token as bearer
// token, GET /Company/Employee with limit/offset (capped per page) and updated_gte, GET /Company,
// answers as bare JSON arrays, refusals as problem details. Every shape here is an assumption.
import { bearerToken, fakePerson, FaultScript, intParam, isoDay, retryAfterHeader, RequestLog, router, serveVendorFake, type FakeRequest, type FakeResponse, type FaultDialect } from '../kit/fake';

export interface FakeHaileyHrOptions {
  accessToken?: string;
  /** Generated employees (deterministic, fictitious); every 5th has left, every 7th is leaving. */
  people?: number;
  /** Records without an id, placed on the first page. */
  malformedRecords?: number;
  /** The most served per page whatever is asked (default 100). */
  maxLimit?: number;
  port?: number;
}

type Row = Record<string, unknown>;

export interface FakeHaileyHrState {
  /** Employee id → record as the list serves it. */
  readonly employees: Map<string, Row>;
  readonly companies: readonly Row[];
  readonly log: RequestLog;
  readonly faults: FaultScript;
  addEmployee(record: Row): string;
  editEmployee(id: string, record: Row): void;
  /** Seeds a custom field value (null removes it) without touching updatedAt; editEmployee is an edit. */
  setCustomValue(id: string, name: string, value: string | number | null): void;
}

export interface RunningFakeHaileyHr {
  url: string;
  faults: FaultScript;
  log: RequestLog;
  close(): Promise<void>;
  state: FakeHaileyHrState;
}

export const FAKE_HAILEY_HR_ACCESS_TOKEN = 'fake-hailey-hr-personal-access-token';
export const NUMBER_OF_CHILDREN_FIELD = 'numberOfChildren';
export const INVALID_TOKEN_DETAIL = 'The access token is invalid or has expired.';
export const FAKE_HAILEY_HR_COMPANIES: readonly Row[] = [
  { id: 'c0a80001-0000-4000-8000-000000000001', name: 'Example AB', organizationNumber: '556000-0001' },
  { id: 'c0a80001-0000-4000-8000-000000000002', name: 'Example AS', organizationNumber: '900000001' },
];

const DEFAULT_LIMIT = 100;

const employeeId = (n: number) => `e0a80001-0000-4000-8000-${String(n).padStart(12, '0')}`;

function generatedEmployee(n: number): Row {
  const { firstName, lastName, emailLocalPart, terminated, hireDate, terminationDate } = fakePerson(n);
  const company = FAKE_HAILEY_HR_COMPANIES[n % FAKE_HAILEY_HR_COMPANIES.length];
  const other = FAKE_HAILEY_HR_COMPANIES[(n + 1) % FAKE_HAILEY_HR_COMPANIES.length];
  const type = n % 4 === 1 ? 'Part-time' : 'Full-time';
  const employments: Row[] = [{ id: `j${n}`, priority: 1, companyId: company.id, companyName: company.name, employmentType: type, startDate: hireDate, endDate: terminationDate }];
  // Every 6th has a parallel employment at the other company (priority 2), listed first.
  if (n % 6 === 0) employments.unshift({ id: `j${n}b`, priority: 2, companyId: other.id, companyName: other.name, employmentType: 'Part-time', startDate: hireDate, endDate: null });
  return {
    id: employeeId(n),
    employeeNumber: String(1000 + n),
    firstName,
    lastName,
    email: `${emailLocalPart}@example.com`,
    personalEmail: `${emailLocalPart}@mail.example.net`,
    gender: n % 2 === 0 ? 'Female' : 'Male',
    dateOfBirth: isoDay(Date.UTC(1970, 0, 1), (n * 331) % 12000),
    title: n % 3 === 0 ? 'Engineer' : 'Analyst',
    department: ['Delivery', 'Finance', 'People'][n % 3],
    isActive: !terminated,
    employmentStartDate: hireDate,
    employmentEndDate: terminationDate,
    employments,
    customFields: { [NUMBER_OF_CHILDREN_FIELD]: n % 4, shirtSize: ['S', 'M', 'L'][n % 3] },
    updatedAt: '2026-01-01T08:00:00.000Z',
  };
}

export async function startFakeHaileyHr(options: FakeHaileyHrOptions = {}): Promise<RunningFakeHaileyHr> {
  const accessToken = options.accessToken ?? FAKE_HAILEY_HR_ACCESS_TOKEN;
  const maxLimit = options.maxLimit ?? DEFAULT_LIMIT;
  const employees = new Map<string, Row>();
  const rows: Row[] = [];
  const log = new RequestLog();
  const faults = new FaultScript();
  let lastN = 0;
  const add = (record: Row) => {
    employees.set(String(record.id), record);
    rows.push(record);
  };
  for (let n = 1; n <= (options.people ?? 20); n++) {
    add(generatedEmployee(n));
    if (n === 1) for (let i = 0; i < (options.malformedRecords ?? 0); i++) rows.push({ firstName: 'Orphan', lastName: 'Record' });
    lastN = n;
  }

  const state: FakeHaileyHrState = {
    employees,
    companies: FAKE_HAILEY_HR_COMPANIES,
    log,
    faults,
    addEmployee(record) {
      const id = employeeId(++lastN);
      add({ isActive: true, employmentEndDate: null, employments: [], customFields: {}, ...record, id, updatedAt: new Date().toISOString() });
      return id;
    },
    editEmployee(id, record) {
      const employee = employees.get(id);
      if (!employee) throw new Error(`fake Hailey HR has no employee ${id}`);
      Object.assign(employee, record, { id, updatedAt: new Date().toISOString() });
    },
    setCustomValue(id, name, value) {
      const custom = { ...((employees.get(id)?.customFields as Row | undefined) ?? {}) };
      if (value === null) delete custom[name];
      else custom[name] = value;
      employees.get(id)!.customFields = custom;
    },
  };

  /** A problem-details answer (assumed: the API's casing suggests ASP.NET). */
  const problem = (status: number, title: string, detail?: string, headers: Record<string, string> = {}): FakeResponse => ({
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
    body: { type: `https://tools.ietf.org/html/rfc9110#section-15.${status >= 500 ? 6 : 5}`, title, status, ...(detail ? { detail } : {}) },
  });

  const dialect: FaultDialect = {
    throttled: (retryAfterSeconds) => problem(429, 'Too Many Requests', undefined, retryAfterHeader(retryAfterSeconds)),
    unavailable: (status) => problem(status, status === 503 ? 'Service Unavailable' : 'Internal Server Error'),
  };

  const guard = (req: FakeRequest): FakeResponse | undefined => {
    const token = bearerToken(req.headers.authorization);
    if (token === null) return problem(401, 'Unauthorized', 'No access token was provided.');
    return token === accessToken ? undefined : problem(401, 'Unauthorized', INVALID_TOKEN_DETAIL);
  };

  function listEmployees(req: FakeRequest): FakeResponse {
    const query = req.url.searchParams;
    const limit = intParam(query.get('limit'), DEFAULT_LIMIT);
    const offset = intParam(query.get('offset'), 0);
    if (limit === null || limit < 1 || offset === null) return problem(400, 'Bad Request', 'limit and offset must be non-negative integers.');
    let matching = rows;
    const since = query.get('updated_gte');
    if (since !== null) {
      const at = Date.parse(since);
      if (Number.isNaN(at)) return problem(400, 'Bad Request', 'updated_gte must be a date-time.');
      matching = rows.filter((r) => typeof r.updatedAt === 'string' && Date.parse(r.updatedAt) >= at);
    }
    return { status: 200, body: matching.slice(offset, offset + Math.min(limit, maxLimit)) };
  }

  const handle = router(
    [
      ['GET', '/Company/Employee', listEmployees],
      ['GET', '/Company', () => ({ status: 200, body: FAKE_HAILEY_HR_COMPANIES.map((c) => ({ ...c })) })],
    ],
    {
      guard,
      trimSlash: true,
      notFound: () => problem(404, 'Not Found'),
      methodNotAllowed: () => problem(405, 'Method Not Allowed'),
    },
  );

  const listings = [{ path: '/Company/Employee', records: (body: unknown) => (Array.isArray(body) ? body : undefined) }];
  const server = await serveVendorFake({ handle, dialect, listings, faults, log, port: options.port });
  return { url: server.url, faults, log, close: () => server.close(), state };
}
