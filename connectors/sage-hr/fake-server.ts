// A local Sage HR for tests, demos and benchmarks, answering like the public REST API under /api:
// the X-Auth-Token header (refusals in the { error_code, errors } shape Sage HR uses for its other
// errors), active employees on GET /employees and terminated ones on GET /terminated-employees, both
// page-number listings (?page=N, a fixed page size) in { data, meta: { current_page, next_page,
// previous_page, total_pages, per_page, total_entries } }, and each employee's custom fields on
// GET /employees/{id}/custom-fields. Throttling and outages come from the fault script (Sage HR
// publishes no rate limit: see NOTES.md).
import { fakePerson, FaultScript, intParam, isoDay, retryAfterHeader, RequestLog, serveVendorFake, type FakeRequest, type FakeResponse, type FaultDialect } from '../kit/fake';

export interface FakeSageHrOptions {
  apiKey?: string;
  /**
   * Generated employees (deterministic, fictitious): every 5th has left (terminated list), every 7th
   * is leaving in 2030 (half of them still on the active list with a termination_date, half already
   * on the terminated list with the future date).
   */
  people?: number;
  /** Employee records without an id, placed among the active list's first page. */
  malformedRecords?: number;
  /** Records per page (Sage HR's examples show 50). */
  perPage?: number;
  port?: number;
}

type Row = Record<string, unknown>;

export interface FakeSageHrState {
  /** Employee id → record as its list shows it (active and terminated; `list` says which). */
  readonly employees: Map<string, Row>;
  /** Which list each employee is on. */
  readonly list: Map<string, 'active' | 'terminated'>;
  readonly log: RequestLog;
  readonly faults: FaultScript;
  addEmployee(record: Row): string;
  editEmployee(id: string, record: Row): void;
  /**
   * Terminates someone: the termination date on the record, and the move to the terminated list
   * (`moveToTerminatedList`, default: once the date has passed).
   */
  terminateEmployee(id: string, terminationDate: string, moveToTerminatedList?: boolean): void;
  /** Creates a custom field as an admin would in Sage HR; returns its id. */
  addCustomField(label: string, type?: string, options?: string[] | null): number;
  setCustomValue(employeeId: string, fieldId: number, value: unknown): void;
  customValue(employeeId: string, fieldId: number): unknown;
  throttleNext(count: number, retryAfterSeconds?: number): void;
}

export interface RunningFakeSageHr {
  url: string;
  faults: FaultScript;
  log: RequestLog;
  close(): Promise<void>;
  state: FakeSageHrState;
}

export const FAKE_SAGE_HR_API_KEY = 'fake-sage-hr-api-key';
export const FAKE_SAGE_HR_SUBDOMAIN = 'example';
export const NUMBER_OF_CHILDREN_FIELD_ID = 7;
export const HOBBY_FIELD_ID = 8;
export const LANGUAGES_FIELD_ID = 9;
/** Refusal texts of this fake (Sage HR's own are not published). */
export const INVALID_KEY_MESSAGE = 'Invalid API token';
export const MISSING_KEY_MESSAGE = 'API token is missing';

const DEFAULT_PER_PAGE = 50;
const TEAMS = [
  { id: 1, name: 'Engineering' },
  { id: 2, name: 'Sales' },
  { id: 3, name: 'People' },
];
const POSITIONS = [
  { id: 11, name: 'Developer' },
  { id: 12, name: 'Account manager' },
  { id: 13, name: 'HR partner' },
];

/** Deterministic fictitious employee `n` (1-based) as the active list shows one. */
function generatedEmployee(n: number): { record: Row; list: 'active' | 'terminated' } {
  const { firstName, lastName, emailLocalPart, terminated, leaving, hireDate, terminationDate } = fakePerson(n);
  const team = TEAMS[n % TEAMS.length];
  const position = POSITIONS[n % POSITIONS.length];
  // Planned leavers: odd ones are already on the terminated list with their future date.
  const list = terminated || (leaving && n % 2 === 1) ? 'terminated' : 'active';
  const record: Row = {
    id: n,
    email: `${emailLocalPart}@example.com`,
    first_name: firstName,
    last_name: lastName,
    picture_url: null,
    employment_start_date: hireDate,
    date_of_birth: isoDay(Date.UTC(1970, 0, 1), (n * 331) % 12000),
    team: team.name,
    team_id: team.id,
    position: position.name,
    position_id: position.id,
    reports_to_employee_id: n > 1 ? 1 : null,
    gender: n % 9 === 0 ? 'Other' : n % 2 === 0 ? 'Female' : 'Male',
    employee_number: `A${String(n).padStart(3, '0')}`,
    employment_status: n % 13 === 6 ? 'Contractor' : n % 3 === 0 ? 'Part-time' : 'Full-time',
  };
  if (terminationDate) record.termination_date = terminationDate;
  return { record, list };
}

/** What the terminated list shows of someone (Sage HR's example has fewer fields there). */
function terminatedView(record: Row): Row {
  const { id, termination_date, employee_number, email, first_name, last_name, picture_url, employment_start_date, date_of_birth, position } = record;
  return { id, termination_date: termination_date ?? null, employee_number, email, first_name, last_name, picture_url, employment_start_date, date_of_birth, position };
}

/** Sage HR's error answer: { error_code, errors: [...] }. */
function error(status: number, code: string, ...errors: string[]): FakeResponse {
  return { status, body: { error_code: code, errors } };
}

export async function startFakeSageHr(options: FakeSageHrOptions = {}): Promise<RunningFakeSageHr> {
  const apiKey = options.apiKey ?? FAKE_SAGE_HR_API_KEY;
  const perPage = Math.max(1, options.perPage ?? DEFAULT_PER_PAGE);
  const employees = new Map<string, Row>();
  const lists = new Map<string, 'active' | 'terminated'>();
  /** Listing order (creation order); malformed records have no id and live only here. */
  const rows: Array<{ record: Row; malformed?: boolean }> = [];
  const customFields: Array<{ id: number; label: string; type: string; options: string[] | null }> = [
    { id: NUMBER_OF_CHILDREN_FIELD_ID, label: 'Number of children', type: 'CustomDropdownField', options: ['0', '1', '2', '3', '4', '5'] },
    { id: HOBBY_FIELD_ID, label: 'Hobby', type: 'CustomTextField', options: null },
    { id: LANGUAGES_FIELD_ID, label: 'Languages', type: 'CustomTags', options: null },
  ];
  /** employee id → field id → value. */
  const customValues = new Map<string, Map<number, unknown>>();
  const log = new RequestLog();
  const faults = new FaultScript();
  let lastId = 0;

  const add = (record: Row, list: 'active' | 'terminated') => {
    employees.set(String(record.id), record);
    lists.set(String(record.id), list);
    rows.push({ record });
  };
  for (let n = 1; n <= (options.people ?? 20); n++) {
    const { record, list } = generatedEmployee(n);
    add(record, list);
    customValues.set(
      String(n),
      new Map<number, unknown>([
        [NUMBER_OF_CHILDREN_FIELD_ID, String(n % 4)],
        [HOBBY_FIELD_ID, n % 3 === 0 ? null : 'Hockey'],
        [LANGUAGES_FIELD_ID, n % 2 === 0 ? ['English', 'German'] : ['English']],
      ]),
    );
    if (n === 1) for (let i = 0; i < (options.malformedRecords ?? 0); i++) rows.push({ record: { first_name: 'Orphan', last_name: 'Record', email: null }, malformed: true });
    lastId = n;
  }

  const state: FakeSageHrState = {
    employees,
    list: lists,
    log,
    faults,
    addEmployee(record) {
      const id = ++lastId;
      add({ ...record, id }, 'active');
      return String(id);
    },
    editEmployee(id, record) {
      const employee = employees.get(id);
      if (!employee) throw new Error(`fake Sage HR has no employee ${id}`);
      Object.assign(employee, record, { id: employee.id });
    },
    terminateEmployee(id, terminationDate, moveToTerminatedList) {
      state.editEmployee(id, { termination_date: terminationDate });
      const move = moveToTerminatedList ?? terminationDate < new Date().toISOString().slice(0, 10);
      if (move) lists.set(id, 'terminated');
    },
    addCustomField(label, type = 'CustomTextField', fieldOptions = null) {
      const id = Math.max(...customFields.map((f) => f.id)) + 1;
      customFields.push({ id, label, type, options: fieldOptions });
      return id;
    },
    setCustomValue(employeeId, fieldId, value) {
      if (!customValues.has(employeeId)) customValues.set(employeeId, new Map());
      customValues.get(employeeId)!.set(fieldId, value);
    },
    customValue(employeeId, fieldId) {
      return customValues.get(employeeId)?.get(fieldId) ?? null;
    },
    throttleNext(count, retryAfterSeconds) {
      faults.replace('throttleNext', count, { kind: 'throttle', retryAfterSeconds });
    },
  };

  // No rate limit or throttle answer is published; a throttle is answered 429 (Retry-After when the script gives one).
  const dialect: FaultDialect = {
    throttled: (seconds) => ({ ...error(429, 'too_many_requests', 'Too many requests'), headers: retryAfterHeader(seconds) }),
    unavailable: (status) => error(status, 'service_unavailable', 'Service unavailable'),
  };

  const handle = (req: FakeRequest): FakeResponse => {
    const key = req.headers['x-auth-token'];
    if (key === undefined || key === '') return error(401, 'unauthorized', MISSING_KEY_MESSAGE);
    if (key !== apiKey) return error(401, 'unauthorized', INVALID_KEY_MESSAGE);
    if (req.method !== 'GET') return error(405, 'method_not_allowed', `Method ${req.method} is not supported by this fake`);
    const path = req.url.pathname.replace(/\/+$/, '');
    const query = req.url.searchParams;
    if (path === '/api/employees') return paged(rows.filter((r) => r.malformed || lists.get(String(r.record.id)) === 'active').map((r) => r.record), query);
    if (path === '/api/terminated-employees') {
      return paged(
        rows.filter((r) => !r.malformed && lists.get(String(r.record.id)) === 'terminated').map((r) => terminatedView(r.record)),
        query,
      );
    }
    const custom = /^\/api\/employees\/([^/]+)\/custom-fields$/.exec(path);
    if (custom) {
      const id = decodeURIComponent(custom[1]);
      if (!employees.has(id)) return error(404, 'not_found');
      const values = customValues.get(id);
      return { status: 200, body: { data: customFields.map((f) => ({ id: f.id, label: f.label, type: f.type, value: values?.get(f.id) ?? null, options: f.options })) } };
    }
    return error(404, 'not_found');
  };

  /** One page: ?page=N from 1 (default 1), a fixed page size, the meta envelope. */
  function paged(items: readonly Row[], query: URLSearchParams): FakeResponse {
    const page = intParam(query.get('page'), 1);
    if (page === null || page < 1) return error(422, 'validation_failed', 'page must be a positive integer');
    const totalPages = Math.ceil(items.length / perPage);
    const data = items.slice((page - 1) * perPage, page * perPage);
    return {
      status: 200,
      body: {
        data,
        meta: {
          current_page: page,
          next_page: page < totalPages ? page + 1 : null,
          previous_page: page > 1 ? page - 1 : null,
          total_pages: totalPages,
          per_page: perPage,
          total_entries: items.length,
        },
      },
    };
  }

  const listings = [{ path: /^\/api\/(employees|terminated-employees)$/, records: (body: unknown) => (body as { data?: unknown[] } | undefined)?.data }];
  const server = await serveVendorFake({ handle, dialect, listings, faults, log, port: options.port });
  return { url: server.url, faults, log, close: () => server.close(), state };
}
