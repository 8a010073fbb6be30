// A local AlexisHR for tests, demos and benchmarks, answering like the public REST API under /v1:
// a bearer access token (refusals { statusCode, message, error } as in AlexisHR's API description),
// GET /employee, /company, /employment-type and /child with limit/offset, sort[field]=asc|desc and
// filters[field][$op]=value ($eq, $neq, $gt, $gte, $lt, $lte, $in, $nin, $between; a bare
// filters[field]=value is $eq), answers in { status: "ok", data, total, count, offset, relations }.
// Without a filter on active the fake lists everyone (what AlexisHR does is not described: NOTES.md).
// Throttling and outages come from the fault script (AlexisHR publishes no rate limit).
import { fakePerson, headerGuard, intParam, isoDay, listingAt, retryAfterHeader, router, serveFake, withCounters, type FakeCounters, type FakeRequest, type FakeResponse, type FaultDialect, type RunningFake } from '../kit/fake';

export interface FakeAlexisHrOptions {
  accessToken?: string;
  /** Generated employees (deterministic, fictitious); every 5th has left (inactive), every 7th is leaving. */
  employees?: number;
  /** Employee records without an id, placed among the first employees. */
  malformedRecords?: number;
  /** The most served per page whatever is asked (default 100; unverified: AlexisHR publishes none). */
  maxLimit?: number;
  port?: number;
}

type Row = Record<string, unknown>;

export interface FakeAlexisHrState extends FakeCounters {
  /** Employee id → record as GET /employee lists it. */
  readonly employees: Map<string, Row>;
  readonly companies: Row[];
  readonly employmentTypes: Row[];
  readonly children: Row[];
  addEmployee(record: Row): string;
  /** Edits an employee as the AlexisHR UI would: `updated` becomes now. */
  editEmployee(id: string, record: Row): void;
  /** Ends someone's employment: the end date, and `active` false once it passed. */
  terminateEmployee(id: string, endDate: string): void;
  setCustomValue(id: string, key: string, value: unknown): void;
  addChild(employeeId: string, name: string, birthdate: string): string;
  /** Child records of one employee. */
  childCount(employeeId: string): number;
  throttleNext(count: number, retryAfterSeconds?: number): void;
}

export type RunningFakeAlexisHr = RunningFake<FakeAlexisHrState>;

export const FAKE_ALEXISHR_ACCESS_TOKEN = 'fake-alexishr-access-token';
/** The custom field key a customer keeps the payroll number of children in (fixture's mapping). */
export const CHILDREN_CUSTOM_KEY = 'childrenPayroll';
export const SHIRT_SIZE_CUSTOM_KEY = 'shirtSize';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;
const OPERATORS = ['$eq', '$neq', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$between'] as const;
type Operator = (typeof OPERATORS)[number];

/** A MongoDB-ObjectId-looking id (AlexisHR's ids are 24 hex digits). */
export function objectId(kind: number, n: number): string {
  return `${kind.toString(16).padStart(8, '0')}${n.toString(16).padStart(16, '0')}`;
}

/** AlexisHR's date-times as its examples write them. */
const at = (day: string) => `${day}T00:00:00.000Z`;

const COMPANIES: Row[] = [
  { id: objectId(1, 1), name: 'Example AB', legalName: 'Example AB', orgNumber: '556000-0001' },
  { id: objectId(1, 2), name: 'Example GmbH', legalName: 'Example Deutschland GmbH', orgNumber: 'HRB 0002' },
  { id: objectId(1, 3), name: 'Example Oy', legalName: 'Example Finland Oy', orgNumber: '0000003-3' },
];
const EMPLOYMENT_TYPES: Row[] = [
  { id: objectId(2, 1), companyId: COMPANIES[0].id, name: 'Full-time permanent', vacation: true, country: 'SE' },
  { id: objectId(2, 2), companyId: COMPANIES[0].id, name: 'Part-time', vacation: true, country: 'SE' },
  { id: objectId(2, 3), companyId: COMPANIES[0].id, name: 'Contractor', vacation: false, country: 'SE' },
];

/** Deterministic fictitious employee `n` (1-based) in AlexisHR's field shapes. */
function generatedEmployee(n: number): Row {
  const { firstName, lastName, emailLocalPart, terminated, hireDate, terminationDate } = fakePerson(n);
  const type = n % 13 === 6 ? EMPLOYMENT_TYPES[2] : n % 3 === 0 ? EMPLOYMENT_TYPES[1] : EMPLOYMENT_TYPES[0];
  return {
    id: objectId(3, n),
    active: !terminated,
    employeeNumber: String(1000 + n),
    title: n % 2 ? 'Engineer' : 'Consultant',
    firstName,
    lastName,
    workEmail: `${emailLocalPart}@example.com`,
    privateEmail: `${emailLocalPart}@mail.example.net`,
    gender: n % 9 === 0 ? 'other' : n % 2 === 0 ? 'female' : 'male',
    birthDate: at(isoDay(Date.UTC(1970, 0, 1), (n * 331) % 12000)),
    hireDate: at(hireDate),
    endDate: terminationDate ? at(terminationDate) : null,
    companyId: COMPANIES[n % COMPANIES.length].id,
    employmentId: objectId(4, n),
    employmentTypeId: type.id,
    employmentCountry: 'SE',
    custom: { [SHIRT_SIZE_CUSTOM_KEY]: ['S', 'M', 'L'][n % 3] },
    created: at(hireDate),
    updated: '2026-01-01T08:00:00.000Z',
  };
}

/** AlexisHR's error answer. */
function error(statusCode: number, error: string, message: unknown = error): FakeResponse {
  return { status: statusCode, body: { statusCode, message, error } };
}

export async function startFakeAlexisHr(options: FakeAlexisHrOptions = {}): Promise<RunningFakeAlexisHr> {
  const accessToken = options.accessToken ?? FAKE_ALEXISHR_ACCESS_TOKEN;
  const maxLimit = Math.min(MAX_LIMIT, options.maxLimit ?? MAX_LIMIT);
  const employees = new Map<string, Row>();
  /** Listing order (creation order); malformed records have no id and live only here. */
  const rows: Row[] = [];
  const children: Row[] = [];
  let lastN = 0;
  let lastChild = 0;

  const add = (record: Row) => {
    employees.set(String(record.id), record);
    rows.push(record);
  };
  const addChild = (employeeId: string, name: string, birthdate: string) => {
    const id = objectId(5, ++lastChild);
    children.push({ id, employeeId, name, birthdate: at(birthdate) });
    return id;
  };
  for (let n = 1; n <= (options.employees ?? 20); n++) {
    const record = generatedEmployee(n);
    add(record);
    for (let c = 0; c < n % 4; c++) addChild(String(record.id), `Child ${c + 1}`, isoDay(Date.UTC(2010, 0, 1), n * 40 + c * 400));
    if (n === 1) for (let i = 0; i < (options.malformedRecords ?? 0); i++) rows.push({ firstName: 'Orphan', lastName: 'Record', active: true });
    lastN = n;
  }

  const state: FakeAlexisHrState = withCounters<FakeAlexisHrState>({
    employees,
    companies: COMPANIES,
    employmentTypes: EMPLOYMENT_TYPES,
    children,
    addEmployee(record) {
      const id = objectId(3, ++lastN);
      const now = new Date().toISOString();
      add({ active: true, endDate: null, companyId: COMPANIES[0].id, custom: {}, created: now, updated: now, ...record, id });
      return id;
    },
    editEmployee(id, record) {
      const employee = employees.get(id);
      if (!employee) throw new Error(`fake AlexisHR has no employee ${id}`);
      Object.assign(employee, record, { id, updated: new Date().toISOString() });
    },
    terminateEmployee(id, endDate) {
      state.editEmployee(id, { endDate: at(endDate), ...(endDate < new Date().toISOString().slice(0, 10) ? { active: false } : {}) });
    },
    setCustomValue(id, key, value) {
      const employee = employees.get(id);
      if (!employee) throw new Error(`fake AlexisHR has no employee ${id}`);
      employee.custom = { ...(employee.custom as Row | null), [key]: value };
    },
    addChild,
    childCount(employeeId) {
      return children.filter((c) => c.employeeId === employeeId).length;
    },
    throttleNext(count, retryAfterSeconds) {
      state.faults.replace('throttleNext', count, { kind: 'throttle', retryAfterSeconds });
    },
  });

  // No rate limit or throttle answer is published; a throttle is answered 429 in the error shape.
  const dialect: FaultDialect = {
    throttled: (seconds) => ({ ...error(429, 'Too Many Requests', 'ThrottlerException: Too Many Requests'), headers: retryAfterHeader(seconds) }),
    unavailable: (status) => error(status, status === 503 ? 'Service Unavailable' : 'Internal Server Error', status === 503 ? 'Service Unavailable' : 'Internal server error'),
  };

  const handle = router(
    [
      ['GET', '/v1/employee', (req) => list(rows, req, EMPLOYEE_FIELDS)],
      ['GET', '/v1/company', (req) => list(COMPANIES, req, ['id'])],
      ['GET', '/v1/employment-type', (req) => list(EMPLOYMENT_TYPES, req, ['id', 'companyId', 'name'])],
      ['GET', '/v1/child', (req) => list(children, req, ['id', 'employeeId', 'name', 'birthdate'])],
    ],
    {
      guard: headerGuard('authorization', `Bearer ${accessToken}`, () => error(401, 'Unauthorized')),
      notFound: (req, path) => error(404, 'Not Found', `Cannot ${req.method} ${path}`),
      trimSlash: true,
    },
  );

  /** One page of a list endpoint: filters, sort, limit (default 50, capped) and offset. */
  function list(items: readonly Row[], req: FakeRequest, filterable: readonly string[]): FakeResponse {
    const query = req.url.searchParams;
    const limit = intParam(query.get('limit'), DEFAULT_LIMIT);
    const offset = intParam(query.get('offset'), 0);
    if (limit === null) return error(400, 'Bad Request', ['limit must be an integer number']);
    if (offset === null) return error(400, 'Bad Request', ['offset must be an integer number']);
    const filters = parseFilters(query, filterable);
    if (typeof filters === 'string') return error(400, 'Bad Request', [filters]);
    let selected = items.filter((row) => filters.every((f) => f(row)));
    const sort = [...query.keys()].map((k) => /^sort\[(\w+)\]$/.exec(k)).find((m) => m !== null);
    if (sort) {
      const direction = query.get(sort[0]) === 'desc' ? -1 : 1;
      // Records without the field (e.g. malformed ones) keep their place at the start.
      selected = [...selected].sort((a, b) => direction * String(a[sort[1]] ?? '').localeCompare(String(b[sort[1]] ?? '')));
    }
    const data = selected.slice(offset, offset + Math.min(limit, maxLimit));
    return { status: 200, body: { status: 'ok', data, total: selected.length, count: data.length, offset, relations: {} } };
  }

  return serveFake(state, { handle, dialect, listings: [listingAt('/v1/employee', 'data')], port: options.port });
}

const EMPLOYEE_FIELDS = ['id', 'active', 'companyId', 'employmentId', 'employmentTypeId', 'employeeNumber', 'workEmail', 'privateEmail', 'firstName', 'lastName', 'gender', 'hireDate', 'endDate', 'birthDate', 'created', 'updated'];

/** filters[field][$op]=v (or filters[field]=v, filters[field][$in][]=v…) as predicates; a message for a bad one. */
function parseFilters(query: URLSearchParams, filterable: readonly string[]): Array<(row: Row) => boolean> | string {
  const byKey = new Map<string, { field: string; op: Operator; values: string[] }>();
  for (const [key, value] of query) {
    const match = /^filters\[(\w+)\](?:\[(\$\w+)\])?(\[\])?$/.exec(key);
    if (!match) {
      if (key.startsWith('filters')) return `${key} is not a valid filter`;
      continue;
    }
    const [, field, rawOp = '$eq'] = match;
    if (!filterable.includes(field)) return `filters.${field} is not allowed`;
    if (!(OPERATORS as readonly string[]).includes(rawOp)) return `filters.${field}.${rawOp} is not a valid condition`;
    const entry = byKey.get(`${field}${rawOp}`) ?? { field, op: rawOp as Operator, values: [] };
    entry.values.push(value);
    byKey.set(`${field}${rawOp}`, entry);
  }
  return [...byKey.values()].map(({ field, op, values }) => (row: Row) => compare(row[field], op, values));
}

/** One condition on one value; booleans compare as "true"/"false", date-times as instants. */
function compare(raw: unknown, op: Operator, values: string[]): boolean {
  const value = raw === null || raw === undefined ? null : String(raw);
  const order = (a: string, b: string) => {
    const [x, y] = [Date.parse(a), Date.parse(b)];
    return /^\d{4}-\d{2}-\d{2}/.test(a) && /^\d{4}-\d{2}-\d{2}/.test(b) && !Number.isNaN(x) && !Number.isNaN(y) ? x - y : a.localeCompare(b);
  };
  switch (op) {
    case '$eq':
      return value === values[0];
    case '$neq':
      return value !== values[0];
    case '$in':
      return value !== null && values.includes(value);
    case '$nin':
      return value === null || !values.includes(value);
    case '$between':
      return value !== null && values.length === 2 && order(value, values[0]) >= 0 && order(value, values[1]) <= 0;
    default: {
      if (value === null) return false;
      const c = order(value, values[0]);
      return op === '$gt' ? c > 0 : op === '$gte' ? c >= 0 : op === '$lt' ? c < 0 : c <= 0;
    }
  }
}
