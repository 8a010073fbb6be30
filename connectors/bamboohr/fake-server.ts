// A local BambooHR for tests, demos and benchmarks. It answers the endpoints the connector uses the
// way BambooHR documents them: Basic auth with the API key as user name (refusals carry the reason
// in X-BambooHR-Error-Message), /meta/fields and /meta/lists, and the custom report that returns
// every employee with string values, "0000-00-00" for empty dates, unknown fields silently left out.
import { basicCredentials, fakePerson, FaultScript, retryAfterHeader, RequestLog, serveVendorFake, type FakeRequest, type FakeResponse, type FaultDialect } from '../kit/fake';

export interface FakeBambooHrOptions {
  apiKey?: string;
  /** Generated people (deterministic, fictitious); every 5th has left, every 7th is leaving. */
  employees?: number;
  /** Throttle these request numbers (1-based, all endpoints counted). */
  rateLimit?: { requestNumbers: number[]; status?: 429 | 503; retryAfterSeconds?: number };
  /** Report rows without an employee id, appended after the real ones. */
  malformedRecords?: number;
  port?: number;
}

type FieldValues = Record<string, string | null>;

interface FakeField {
  id: number;
  name: string;
  type: string;
  alias?: string;
  deprecated?: boolean;
}

export interface FakeBambooHrState {
  /** Employee id → field values keyed like the report keys (alias, or id for custom fields). */
  readonly employees: Map<string, FieldValues>;
  readonly requestCount: number;
  /** Every request and its answer; the per-request fault script. */
  readonly log: RequestLog;
  readonly faults: FaultScript;
  addEmployee(values: FieldValues): string;
  editEmployee(id: string, values: FieldValues): void;
  terminateEmployee(id: string, terminationDate: string): void;
  /** Creates a custom field (no alias, as when an admin adds one); returns its report key. */
  addCustomField(name: string, type?: string): string;
  /** Answer the next `count` requests with a throttling response. */
  throttleNext(count: number, status?: 429 | 503, retryAfterSeconds?: number): void;
}

export interface RunningFakeBambooHr {
  url: string;
  faults: FaultScript;
  log: RequestLog;
  close(): Promise<void>;
  state: FakeBambooHrState;
}

export const FAKE_BAMBOOHR_API_KEY = 'fake-bamboohr-api-key';
export const NUMBER_OF_CHILDREN_FIELD_ID = 4001;

const STANDARD_FIELDS: FakeField[] = [
  { id: 1, name: 'First Name', type: 'text', alias: 'firstName' },
  { id: 2, name: 'Last Name', type: 'text', alias: 'lastName' },
  { id: 15, name: 'Work Email', type: 'email', alias: 'workEmail' },
  { id: 16, name: 'Status', type: 'status', alias: 'status' },
  { id: 17, name: 'Employee #', type: 'text', alias: 'employeeNumber' },
  { id: 1360, name: 'Employment Status', type: 'list', alias: 'employmentHistoryStatus' },
  { id: 18, name: 'Hire Date', type: 'date', alias: 'hireDate' },
  { id: 1372, name: 'Termination Date', type: 'date', alias: 'terminationDate' },
  { id: 154, name: 'Gender', type: 'gender', alias: 'gender' },
  { id: 156, name: 'Marital Status', type: 'marital_status', alias: 'maritalStatus' },
  { id: 1355, name: 'Division', type: 'list', alias: 'division' },
  { id: 4, name: 'Department', type: 'list', alias: 'department' },
  { id: 5, name: 'Location', type: 'list', alias: 'location' },
  { id: 6, name: 'Job Title', type: 'list', alias: 'jobTitle' },
  { id: 4200, name: 'ACA Status', type: 'list', alias: 'acaStatus', deprecated: true },
];

const DIVISIONS = ['Example GmbH', 'Example Services GmbH', 'Example Ltd'];
const MARITAL = ['Single', 'Married', 'Domestic Partnership', 'Divorced', 'Widowed'];

/** Deterministic fictitious person number `n` (1-based). */
function generatedPerson(n: number): FieldValues {
  const { firstName, lastName, emailLocalPart, terminated, hireDate, terminationDate } = fakePerson(n);
  return {
    firstName,
    lastName,
    workEmail: `${emailLocalPart}@example.com`,
    status: terminated ? 'Inactive' : 'Active',
    employeeNumber: String(1000 + n),
    employmentHistoryStatus: terminated ? 'Terminated' : n % 3 === 0 ? 'Part-Time' : 'Full-Time',
    hireDate,
    terminationDate,
    gender: n % 2 === 0 ? 'Female' : 'Male',
    maritalStatus: MARITAL[n % MARITAL.length],
    division: DIVISIONS[n % DIVISIONS.length],
    department: n % 2 === 0 ? 'Operations' : 'Engineering',
    location: 'Berlin',
    jobTitle: 'Specialist',
    [String(NUMBER_OF_CHILDREN_FIELD_ID)]: String(n % 4),
    customShirtSize: ['S', 'M', 'L'][n % 3],
  };
}

export async function startFakeBambooHr(options: FakeBambooHrOptions = {}): Promise<RunningFakeBambooHr> {
  const apiKey = options.apiKey ?? FAKE_BAMBOOHR_API_KEY;
  const fields: FakeField[] = [
    ...STANDARD_FIELDS,
    { id: NUMBER_OF_CHILDREN_FIELD_ID, name: 'Number of children', type: 'int' },
    { id: 4002, name: 'Shirt size', type: 'list', alias: 'customShirtSize' },
  ];
  const employees = new Map<string, FieldValues>();
  let nextId = 1;
  for (; nextId <= (options.employees ?? 20); nextId++) employees.set(String(nextId), generatedPerson(nextId));
  const log = new RequestLog();
  const faults = new FaultScript();
  // Scheduled throttles: request n (all endpoints counted) is the (n-1)th after the start.
  for (const n of options.rateLimit?.requestNumbers ?? []) {
    faults.add({ kind: 'throttle', after: n - 1, retryAfterSeconds: options.rateLimit?.retryAfterSeconds ?? 1, detail: String(options.rateLimit?.status ?? 429) });
  }

  const state: FakeBambooHrState = {
    employees,
    get requestCount() {
      return log.total;
    },
    log,
    faults,
    addEmployee(values) {
      const id = String(nextId++);
      employees.set(id, { status: 'Active', ...values });
      return id;
    },
    editEmployee(id, values) {
      const current = employees.get(id);
      if (!current) throw new Error(`fake BambooHR has no employee ${id}`);
      employees.set(id, { ...current, ...values });
    },
    terminateEmployee(id, terminationDate) {
      state.editEmployee(id, { status: 'Inactive', terminationDate, employmentHistoryStatus: 'Terminated' });
    },
    addCustomField(name, type = 'text') {
      const id = Math.max(...fields.map((f) => f.id)) + 1;
      fields.push({ id, name, type });
      return String(id);
    },
    throttleNext(count, status = 429, retryAfterSeconds = 1) {
      faults.replace('throttleNext', count, { kind: 'throttle', retryAfterSeconds, detail: String(status) });
    },
  };

  // BambooHR throttles with 429 (503 before September 2026), Retry-After in seconds, empty body.
  const dialect: FaultDialect = {
    throttled: (seconds, status) => ({ status: Number(status ?? 429), headers: retryAfterHeader(seconds), body: '' }),
    unavailable: (status) => ({ status, headers: { 'x-bamboohr-error-message': 'Service Unavailable' }, body: '' }),
  };

  const handle = (req: FakeRequest): FakeResponse => {
    if (basicCredentials(req.headers.authorization)?.user !== apiKey) {
      return { status: 401, headers: { 'x-bamboohr-error-message': 'Invalid API key' }, body: '' };
    }
    const path = req.url.pathname.replace(/\/+$/, '');
    if (req.method === 'GET' && path === '/api/v1/meta/fields') return { status: 200, body: fields };
    if (req.method === 'GET' && path === '/api/v1/meta/lists') return { status: 200, body: metaLists() };
    if (req.method === 'POST' && path === '/api/v1/reports/custom') return customReport(req);
    return { status: 404, headers: { 'x-bamboohr-error-message': 'Not found' }, body: '' };
  };

  function metaLists() {
    const list = (fieldId: number, alias: string, name: string, values: string[]) => ({
      fieldId,
      alias,
      manageable: 'yes',
      multiple: 'no',
      name,
      options: values.map((v, i) => ({ id: fieldId * 100 + i + 1, archived: 'no', name: v })),
    });
    return [
      list(1355, 'division', 'Division', DIVISIONS),
      list(1360, 'employmentHistoryStatus', 'Employment Status', ['Full-Time', 'Part-Time', 'Contractor', 'Terminated']),
      list(4, 'department', 'Department', ['Engineering', 'Operations']),
    ];
  }

  function customReport(req: FakeRequest): FakeResponse {
    // BambooHR treats anything but exactly application/json as an XML body.
    if (req.headers['content-type'] !== 'application/json') {
      return { status: 400, headers: { 'x-bamboohr-error-message': 'Malformed XML' }, body: '' };
    }
    let requested: unknown;
    try {
      requested = (JSON.parse(req.body) as { fields?: unknown }).fields;
    } catch {
      return { status: 400, headers: { 'x-bamboohr-error-message': 'Malformed JSON' }, body: '' };
    }
    if (!Array.isArray(requested) || requested.length === 0) {
      return { status: 400, headers: { 'x-bamboohr-error-message': 'No fields requested' }, body: '' };
    }
    if (requested.length > 400) {
      return { status: 400, headers: { 'x-bamboohr-error-message': 'Too many fields requested (maximum 400)' }, body: '' };
    }
    const byKey = new Map(fields.map((f) => [f.alias ?? String(f.id), f]));
    const known = requested.map(String).filter((key) => byKey.has(key));
    const rows: unknown[] = [...employees].map(([id, values]) => {
      const row: Record<string, string | null> = { id };
      for (const key of known) row[key] = reportValue(byKey.get(key)!, values[key]);
      return row;
    });
    for (let i = 0; i < (options.malformedRecords ?? 0); i++) rows.push({ firstName: 'No', lastName: 'Identifier' });
    return {
      status: 200,
      body: {
        title: 'Employee benefits sync',
        fields: known.map((key) => ({ id: key, type: byKey.get(key)!.type, name: byKey.get(key)!.name })),
        employees: rows,
      },
    };
  }

  const listings = [{ path: '/api/v1/reports/custom', records: (body: unknown) => (body as { employees?: unknown[] } | undefined)?.employees }];
  const server = await serveVendorFake({ handle, dialect, listings, faults, log, port: options.port });
  return { url: server.url, faults, log, close: () => server.close(), state };
}

function reportValue(field: FakeField, value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return field.type === 'date' ? '0000-00-00' : null;
  return value;
}
