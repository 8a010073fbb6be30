// A local Planday for tests, demos and benchmarks, answering like the Open API and its identity
// server as Planday documents them: POST /connect/token (form: client_id, grant_type=refresh_token,
// refresh_token → access_token, expires_in 3600; OAuth errors invalid_client / invalid_grant), Bearer
// tokens plus the X-ClientId header on every API call, the HR API's offset/limit lists (at most 50
// a page) in { paging: { offset, limit, total }, data }: GET /hr/v1.0/employees (active; future
// deactivations stay on it until their date), /employees/deactivated (with dateTimeDeleted and the
// deactivationDate), /employees/{id} (custom fields custom_<n> as { name, type, value }, gender),
// /employees/fielddefinitions, /departments, /employeegroups, /employeetypes; modifiedFrom and
// deactivatedFrom filters; x-ratelimit-limit / -remaining / -reset on every answer and 429 beyond an
// optional per-second limit (Planday: 10 a second per portal). Outages from the fault script.
import { bearerToken, fakePerson, FaultScript, isoDay, RequestLog, requestFields, serveVendorFake, TokenStore, type FakeRequest, type FakeResponse, type FaultDialect } from '../kit/fake';

export interface FakePlandayOptions {
  clientId?: string;
  refreshToken?: string;
  /**
   * Generated employees (deterministic, fictitious): every 5th was deactivated in 2025 (every 10th of
   * those without a deactivationDate, only dateTimeDeleted), every 7th has a deactivation planned for
   * 2030-06-30 and is still on the active list.
   */
  people?: number;
  /** Employee records without an id, placed on the active list's first page. */
  malformedRecords?: number;
  /** The most served per page (Planday: 50); lower it to page a few dozen people. */
  maxLimit?: number;
  /** Answer 429 beyond this many requests a second (Planday: 10 per portal); default no limit of its own. */
  rateLimitPerSecond?: number;
  tokenLifetimeSeconds?: number;
  port?: number;
}

type Row = Record<string, unknown>;

export interface FakePlandayEmployee {
  /** Everything GET /hr/v1.0/employees/{id} shows (custom fields as plain values here). */
  record: Row;
  list: 'active' | 'deactivated';
}

export interface FakePlandayState {
  /** Employee id → employee. */
  readonly employees: Map<string, FakePlandayEmployee>;
  readonly tokens: TokenStore;
  readonly log: RequestLog;
  readonly faults: FaultScript;
  addEmployee(record: Row): string;
  /** Changes fields (and dateTimeModified), as an edit in Planday would. */
  editEmployee(id: string, patch: Row): void;
  /**
   * Deactivates as Planday's "deactivate employee" does: the deactivation date on the record; the
   * employee moves to the deactivated list at once unless the date is still ahead.
   */
  deactivate(id: string, deactivationDate: string | null): void;
  /** The leaving date Planday's data says: deactivationDate, else the day of dateTimeDeleted on the deactivated list. */
  leavingDate(id: string): string | null;
  throttleNext(count: number, retryAfterSeconds?: number): void;
}

export interface RunningFakePlanday {
  url: string;
  faults: FaultScript;
  log: RequestLog;
  close(): Promise<void>;
  state: FakePlandayState;
}

export const FAKE_PLANDAY_CLIENT_ID = '6f3c2a1e-0000-4000-8000-fa4e0c11e471';
export const FAKE_PLANDAY_REFRESH_TOKEN = 'fake-planday-refresh-token-Vx1tcy0W';
export const CHILDREN_FIELD = 'custom_123194';
export const SHIRT_SIZE_FIELD = 'custom_123195';
export const EMPLOYEES_PATH = '/hr/v1.0/employees';
export const DEACTIVATED_PATH = '/hr/v1.0/employees/deactivated';

const MAX_LIMIT = 50;
const MODIFIED = '2026-01-01T08:00:00Z';
const CUSTOM_FIELDS: Record<string, { name: string; type: string; ref: string }> = {
  [CHILDREN_FIELD]: { name: 'Number of children', type: 'Numeric', ref: '#/definitions/optionalNumeric' },
  [SHIRT_SIZE_FIELD]: { name: 'Shirt size', type: 'Text', ref: '#/definitions/optionalString' },
};
const DEPARTMENTS = [
  { id: 101, name: 'Kitchen', number: '001' },
  { id: 102, name: 'Bar', number: '002' },
  { id: 103, name: 'Service', number: '003' },
];
const EMPLOYEE_GROUPS = [
  { id: 201, name: 'Chef' },
  { id: 202, name: 'Bartender' },
  { id: 203, name: 'Waiter' },
];
const EMPLOYEE_TYPES = [
  { id: 71285, name: 'Intern', description: 'Intern' },
  { id: 71286, name: 'Part-time', description: 'Part-time employee' },
  { id: 71287, name: 'Full-time', description: 'Full-time employee' },
];
/** What the active and deactivated lists show; gender and custom fields come only by id. */
const LIST_FIELDS = ['id', 'hiredDate', 'deactivationDate', 'dateTimeCreated', 'dateTimeModified', 'dateTimeDeleted', 'employeeTypeId', 'salaryIdentifier', 'firstName', 'lastName', 'userName', 'cellPhone', 'street1', 'zip', 'city', 'email', 'departments', 'primaryDepartmentId', 'employeeGroups'];

/** Deterministic fictitious employee `n` (1-based). */
function generated(n: number): FakePlandayEmployee {
  const { firstName, lastName, emailLocalPart, terminated, leaving, hireDate, terminationDate } = fakePerson(n);
  const id = 614500 + n;
  const department = DEPARTMENTS[n % DEPARTMENTS.length];
  const record: Row = {
    id,
    hiredDate: hireDate,
    deactivationDate: terminated && n % 10 === 0 ? null : terminated || leaving ? terminationDate : null,
    dateTimeCreated: `${hireDate}T09:00:00Z`,
    dateTimeModified: MODIFIED,
    dateTimeDeleted: terminated ? `${terminationDate}T16:00:00Z` : null,
    employeeTypeId: EMPLOYEE_TYPES[n % EMPLOYEE_TYPES.length].id,
    salaryIdentifier: `PD${String(n).padStart(4, '0')}`,
    firstName,
    lastName,
    userName: `${emailLocalPart}@example.dk`,
    cellPhone: `+4520${String(100000 + n)}`,
    street1: `Example Street ${n}`,
    zip: '1924',
    city: 'Copenhagen',
    email: `${emailLocalPart}@example.dk`,
    departments: [department.id],
    primaryDepartmentId: department.id,
    employeeGroups: [EMPLOYEE_GROUPS[n % EMPLOYEE_GROUPS.length].id],
    gender: n % 2 === 0 ? 'Female' : 'Male',
    jobTitle: n % 3 === 0 ? 'Chef' : 'Waiter',
    birthDate: isoDay(Date.UTC(1975, 0, 1), (n * 331) % 12000),
    [CHILDREN_FIELD]: n % 6 === 0 ? null : n % 4,
    [SHIRT_SIZE_FIELD]: n % 2 ? 'M' : 'L',
  };
  return { record, list: terminated ? 'deactivated' : 'active' };
}

/** Planday's OAuth error body (an IdentityServer answer). */
const oauthError = (error: string, description?: string): FakeResponse => ({ status: 400, body: { error, ...(description ? { error_description: description } : {}) } });
const apiError = (status: number, message: string): FakeResponse => ({ status, body: { message } });

export async function startFakePlanday(options: FakePlandayOptions = {}): Promise<RunningFakePlanday> {
  const clientId = options.clientId ?? FAKE_PLANDAY_CLIENT_ID;
  const refreshToken = options.refreshToken ?? FAKE_PLANDAY_REFRESH_TOKEN;
  const maxLimit = Math.min(MAX_LIMIT, options.maxLimit ?? MAX_LIMIT);
  const employees = new Map<string, FakePlandayEmployee>();
  /** Listing order; malformed records live only here (on the active list). */
  const order: Array<{ id?: string; malformed?: Row }> = [];
  const tokens = new TokenStore(options.tokenLifetimeSeconds ?? 3600, 'fake-planday-access-');
  const log = new RequestLog();
  const faults = new FaultScript();
  /** Request times of the current second, when a per-second limit is set. */
  const recent: number[] = [];
  let lastN = 0;

  for (let n = 1; n <= (options.people ?? 20); n++) {
    const employee = generated(n);
    employees.set(String(employee.record.id), employee);
    order.push({ id: String(employee.record.id) });
    if (n === 1) for (let i = 0; i < (options.malformedRecords ?? 0); i++) order.push({ malformed: { firstName: 'Orphan', lastName: 'Record', departments: [101] } });
    lastN = n;
  }

  const find = (id: string) => {
    const employee = employees.get(id);
    if (!employee) throw new Error(`fake Planday has no employee ${id}`);
    return employee;
  };
  const today = () => new Date().toISOString().slice(0, 10);

  const state: FakePlandayState = {
    employees,
    tokens,
    log,
    faults,
    addEmployee(record) {
      const employee = generated(++lastN);
      const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
      Object.assign(employee.record, { deactivationDate: null, dateTimeDeleted: null, dateTimeCreated: now, dateTimeModified: now }, record);
      employee.list = 'active';
      employees.set(String(employee.record.id), employee);
      order.push({ id: String(employee.record.id) });
      return String(employee.record.id);
    },
    editEmployee(id, patch) {
      Object.assign(find(id).record, patch, { id: find(id).record.id, dateTimeModified: new Date().toISOString() });
    },
    deactivate(id, deactivationDate) {
      const employee = find(id);
      const now = new Date().toISOString();
      Object.assign(employee.record, { deactivationDate, dateTimeModified: now });
      if (deactivationDate === null || deactivationDate <= today()) {
        employee.list = 'deactivated';
        employee.record.dateTimeDeleted = now;
      }
    },
    leavingDate(id) {
      const { record, list } = find(id);
      if (typeof record.deactivationDate === 'string') return record.deactivationDate;
      return list === 'deactivated' && typeof record.dateTimeDeleted === 'string' ? record.dateTimeDeleted.slice(0, 10) : null;
    },
    throttleNext(count, retryAfterSeconds) {
      faults.replace('throttleNext', count, { kind: 'throttle', retryAfterSeconds });
    },
  };

  const limit = options.rateLimitPerSecond ?? 100;
  /** Planday's rate-limit headers; the reset only where a wait is known. */
  const rateHeaders = (remaining: number, resetSeconds?: number): Record<string, string> => ({
    'x-ratelimit-limit': `${limit}, 10;w=1, 500;w=60, 100;w=1, 2000;w=60`,
    'x-ratelimit-remaining': String(remaining),
    ...(resetSeconds === undefined ? {} : { 'x-ratelimit-reset': String(resetSeconds) }),
  });
  // Not published: the 429 body. Planday sends no Retry-After; its x-ratelimit-reset says when to go on.
  const throttled = (seconds: number | undefined): FakeResponse => ({ ...apiError(429, 'Too many requests'), headers: rateHeaders(0, seconds) });
  const dialect: FaultDialect = {
    throttled,
    unavailable: (status) => apiError(status, 'The service is unavailable'),
    expiredToken: () => {
      tokens.expireAll();
      return apiError(401, 'Authorization has been denied for this request.');
    },
  };

  const handle = (req: FakeRequest): FakeResponse => {
    const path = req.url.pathname.replace(/\/+$/, '');
    if (path === '/connect/token') return tokenRequest(req);
    if (tokens.state(bearerToken(req.headers.authorization)) !== 'valid') return apiError(401, 'Authorization has been denied for this request.');
    if (req.headers['x-clientid'] !== clientId) return apiError(401, 'The X-ClientId header is missing or does not match the token.');
    let remaining = limit;
    if (options.rateLimitPerSecond) {
      const now = Date.now();
      while (recent.length && now - recent[0] >= 1000) recent.shift();
      if (recent.length >= limit) return throttled(1);
      recent.push(now);
      remaining = limit - recent.length;
    }
    if (req.method !== 'GET') return apiError(405, `The requested resource does not support http method '${req.method}'.`);
    const answer = route(path, req.url.searchParams);
    return { ...answer, headers: { ...rateHeaders(remaining, 1), ...answer.headers } };
  };

  function tokenRequest(req: FakeRequest): FakeResponse {
    if (req.method !== 'POST') return apiError(405, 'Method not allowed');
    const fields = requestFields(req);
    if (fields.client_id !== clientId) return oauthError('invalid_client');
    if (fields.grant_type !== 'refresh_token') return oauthError('unsupported_grant_type');
    if (fields.refresh_token !== refreshToken) return oauthError('invalid_grant');
    return { status: 200, body: { access_token: tokens.issue(undefined), expires_in: options.tokenLifetimeSeconds ?? 3600, token_type: 'Bearer', scope: 'openid offline_access employee:read department:read employeegroup:read employeetype:read' } };
  }

  function route(path: string, query: URLSearchParams): FakeResponse {
    if (path === EMPLOYEES_PATH) return employeeList('active', query);
    if (path === DEACTIVATED_PATH) return employeeList('deactivated', query);
    if (path === `${EMPLOYEES_PATH}/fielddefinitions`) return fieldDefinitions(query);
    if (path === '/hr/v1.0/departments') return paged(DEPARTMENTS, query);
    if (path === '/hr/v1.0/employeegroups') return paged(EMPLOYEE_GROUPS, query);
    if (path === '/hr/v1.0/employeetypes') return paged(EMPLOYEE_TYPES, query);
    const byId = /^\/hr\/v1\.0\/employees\/(\d+)$/.exec(path);
    if (byId) {
      const employee = employees.get(byId[1]);
      if (!employee) return apiError(404, 'Employee not found');
      return { status: 200, body: { data: detailView(employee.record) } };
    }
    return apiError(404, 'No HTTP resource was found that matches the request URI.');
  }

  /** The active list: active employees, and deactivated ones whose deactivation date is still ahead stay on it. */
  function employeeList(list: 'active' | 'deactivated', query: URLSearchParams): FakeResponse {
    const since = (name: string) => (query.has(name) ? Date.parse(query.get(name)!) : null);
    const modifiedFrom = since('modifiedFrom');
    const deactivatedFrom = since('deactivatedFrom');
    if (Number.isNaN(modifiedFrom) || Number.isNaN(deactivatedFrom)) return apiError(400, 'The request is invalid: modifiedFrom / deactivatedFrom must be YYYY-MM-DDTHH:MM:SSZ');
    const unfiltered = modifiedFrom === null && deactivatedFrom === null;
    const items: Row[] = [];
    for (const entry of order) {
      if (entry.malformed) {
        if (list === 'active' && unfiltered) items.push(entry.malformed);
        continue;
      }
      const employee = employees.get(entry.id!)!;
      if (employee.list !== list) continue;
      const view = listView(employee.record, list);
      if (modifiedFrom !== null && !(typeof view.dateTimeModified === 'string' && Date.parse(view.dateTimeModified) > modifiedFrom)) continue;
      if (deactivatedFrom !== null && !(typeof view.dateTimeDeleted === 'string' && Date.parse(view.dateTimeDeleted) > deactivatedFrom)) continue;
      items.push(view);
    }
    return paged(items, query);
  }

  function paged(items: readonly unknown[], query: URLSearchParams): FakeResponse {
    const offset = Number(query.get('offset') ?? 0);
    const asked = Number(query.get('limit') ?? MAX_LIMIT);
    if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(asked) || asked < 1) return apiError(400, 'The request is invalid: limit and offset must be non-negative integers');
    const served = Math.min(asked, maxLimit);
    return { status: 200, body: { paging: { offset, limit: served, total: items.length }, data: items.slice(offset, offset + served) } };
  }

  function listView(record: Row, list: 'active' | 'deactivated'): Row {
    const view = Object.fromEntries(LIST_FIELDS.filter((k) => k in record).map((k) => [k, record[k]]));
    if (list === 'active') delete view.dateTimeDeleted;
    return view;
  }

  function detailView(record: Row): Row {
    const { hiredDate, ...rest } = record;
    const view: Row = { ...rest, hiredFrom: hiredDate };
    for (const [key, field] of Object.entries(CUSTOM_FIELDS)) view[key] = { name: field.name, type: field.type, value: record[key] ?? null };
    return view;
  }

  function fieldDefinitions(query: URLSearchParams): FakeResponse {
    const type = query.get('type');
    if (type !== 'Post' && type !== 'Put') return apiError(400, 'The request is invalid: type must be Post or Put');
    const properties: Row = Object.fromEntries(['firstName', 'lastName', 'email', 'userName', 'salaryIdentifier', 'jobTitle', 'gender', 'hiredFrom', 'employeeTypeId', 'departments'].map((k) => [k, { $ref: '#/definitions/optionalString' }]));
    for (const [key, field] of Object.entries(CUSTOM_FIELDS)) properties[key] = { $ref: field.ref };
    return { status: 200, body: { data: { $schema: 'http://json-schema.org/draft-04/schema#', type: 'object', required: ['firstName', 'lastName'], properties, portalId: 1022990, readOnly: ['email'], unique: [] } } };
  }

  const listings = [{ path: /^\/hr\/v1\.0\/employees(\/deactivated)?$/, records: (body: unknown) => (body as { data?: unknown[] } | undefined)?.data }];
  const server = await serveVendorFake({ handle, dialect, listings, faults, log, port: options.port });
  return { url: server.url, faults, log, close: () => server.close(), state };
}
