// A local BambooHR for tests, demos and benchmarks. It answers the endpoints the connector uses the
// way BambooHR documents them: Basic auth with the API key as user name (refusals carry the reason
// in X-BambooHR-Error-Message), /meta/fields and /meta/lists, and the custom report that returns
// every employee with string values, "0000-00-00" for empty dates, unknown fields silently left out
// (filtered by employee ids or last change where asked); /employees/changed (who changed since when,
// Inserted / Updated / Deleted); and the webhooks with their signed deliveries (fake-webhooks.ts).
import { FakeBambooWebhooks } from './fake-webhooks';
import { basicUserGuard, fakePerson, listingAt, parseJson, retryAfterHeader, router, scheduleThrottles, serveFake, withCounters, type FakeEmployees, type FakeRequest, type FakeResponse, type FaultDialect, type GeneratedFakeOptions, type RunningFake } from '../kit/fake';

/** malformedRecords: report rows without an employee id, appended after the real ones. */
export interface FakeBambooHrOptions extends GeneratedFakeOptions {
  apiKey?: string;
  /** Throttle these request numbers (1-based, all endpoints counted). */
  rateLimit?: { requestNumbers: number[]; status?: 429 | 503; retryAfterSeconds?: number };
}

type FieldValues = Record<string, string | null>;

interface FakeField {
  id: number;
  name: string;
  type: string;
  alias?: string;
  deprecated?: boolean;
}

/** Employee id → field values keyed like the report keys (alias, or id for custom fields); custom fields get no alias. */
export interface FakeBambooHrState extends FakeEmployees<FieldValues> {
  /** Answer the next `count` requests with a throttling response. */
  throttleNext(count: number, status?: 429 | 503, retryAfterSeconds?: number): void;
  /** Deletes an employee record (BambooHR reports it as "Deleted" among the changes). */
  deleteEmployee(id: string): void;
  /** The webhooks; every add, edit and delete above notifies them as BambooHR does. */
  readonly webhooks: FakeBambooWebhooks;
}

/** Employee id → BambooHR's last change: what /employees/changed answers. */
type ChangeLog = Map<string, { action: 'Inserted' | 'Updated' | 'Deleted'; lastChanged: string }>;

/** Generated people were last changed long before any test's `since`. */
const GENERATED_LAST_CHANGED = '2026-01-01T08:00:00+00:00';
const changedNow = () => `${new Date().toISOString().slice(0, 19)}+00:00`;

export type RunningFakeBambooHr = RunningFake<FakeBambooHrState>;

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
  const changes: ChangeLog = new Map();
  let nextId = 1;
  for (; nextId <= (options.employees ?? 20); nextId++) {
    employees.set(String(nextId), generatedPerson(nextId));
    changes.set(String(nextId), { action: 'Inserted', lastChanged: GENERATED_LAST_CHANGED });
  }
  const monitorable = () => fields.filter((f) => !f.deprecated).map((f) => ({ id: String(f.id), name: f.name, alias: f.alias ?? null }));
  const webhooks = new FakeBambooWebhooks(monitorable);
  const state: FakeBambooHrState = withCounters<FakeBambooHrState>({
    employees,
    webhooks,
    addEmployee(values) {
      const id = String(nextId++);
      employees.set(id, { status: 'Active', ...values });
      changes.set(id, { action: 'Inserted', lastChanged: changedNow() });
      webhooks.notify('created', id);
      return id;
    },
    editEmployee(id, values) {
      const current = employees.get(id);
      if (!current) throw new Error(`fake BambooHR has no employee ${id}`);
      const changedKeys = Object.keys(values).filter((key) => current[key] !== values[key]);
      employees.set(id, { ...current, ...values });
      if (changedKeys.length === 0) return;
      changes.set(id, { action: 'Updated', lastChanged: changedNow() });
      webhooks.notify('updated', id, changedKeys);
    },
    deleteEmployee(id) {
      if (!employees.delete(id)) throw new Error(`fake BambooHR has no employee ${id}`);
      changes.set(id, { action: 'Deleted', lastChanged: changedNow() });
      webhooks.notify('deleted', id);
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
      state.faults.replace('throttleNext', count, { kind: 'throttle', retryAfterSeconds, detail: String(status) });
    },
  });
  scheduleThrottles(state.faults, options.rateLimit?.requestNumbers, { retryAfterSeconds: options.rateLimit?.retryAfterSeconds ?? 1, detail: String(options.rateLimit?.status ?? 429) });

  // BambooHR throttles with 429 (503 before September 2026), Retry-After in seconds, empty body.
  const dialect: FaultDialect = {
    throttled: (seconds, status) => ({ status: Number(status ?? 429), headers: retryAfterHeader(seconds), body: '' }),
    unavailable: (status) => refused(status, 'Service Unavailable'),
  };

  const handle = router(
    [
      ['GET', '/api/v1/meta/fields', () => ({ status: 200, body: fields })],
      ['GET', '/api/v1/meta/lists', () => ({ status: 200, body: metaLists() })],
      ['POST', '/api/v1/reports/custom', customReport],
      ['GET', '/api/v1/employees/changed', changedEmployees],
      ...webhooks.routes(),
    ],
    { guard: basicUserGuard(apiKey, () => refused(401, 'Invalid API key')), notFound: () => refused(404, 'Not found'), trimSlash: true },
  );

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
    if (req.headers['content-type'] !== 'application/json') return refused(400, 'Malformed XML');
    const body = parseJson(req.body, (json) => json as { fields?: unknown; filters?: ReportFilters });
    if (!body || typeof body.value !== 'object' || body.value === null) return refused(400, 'Malformed JSON');
    const requested = body.value.fields;
    const included = reportFilter(body.value.filters);
    if (!Array.isArray(requested) || requested.length === 0) return refused(400, 'No fields requested');
    if (requested.length > 400) return refused(400, 'Too many fields requested (maximum 400)');
    const byKey = new Map(fields.map((f) => [f.alias ?? String(f.id), f]));
    const known = requested.map(String).filter((key) => byKey.has(key));
    const rows: unknown[] = [...employees].filter(([id]) => included(id)).map(([id, values]) => {
      const row: Record<string, string | null> = { id };
      for (const key of known) row[key] = reportValue(byKey.get(key)!, values[key]);
      return row;
    });
    // Rows without an id only show in unfiltered reports (a filter selects by id).
    if (!body.value.filters) for (let i = 0; i < (options.malformedRecords ?? 0); i++) rows.push({ firstName: 'No', lastName: 'Identifier' });
    const columns = known.map((key) => ({ id: key, type: byKey.get(key)!.type, name: byKey.get(key)!.name }));
    return { status: 200, body: { title: 'Employee benefits sync', fields: columns, employees: rows } };
  }

  interface ReportFilters {
    lastChanged?: { value?: unknown; includeNull?: unknown };
    employeeIds?: unknown;
  }

  /** Which employees a report's filters keep: by id, and changed at or after a time. */
  function reportFilter(filters: ReportFilters | undefined): (id: string) => boolean {
    const ids = Array.isArray(filters?.employeeIds) ? new Set(filters.employeeIds.map(String)) : null;
    const after = typeof filters?.lastChanged?.value === 'string' ? Date.parse(filters.lastChanged.value) : null;
    return (id) => (ids === null || ids.has(id)) && (after === null || Date.parse(changes.get(id)?.lastChanged ?? '') >= after);
  }

  function changedEmployees(req: FakeRequest): FakeResponse {
    const sinceParam = req.url.searchParams.get('since');
    const since = sinceParam === null ? NaN : Date.parse(sinceParam);
    if (Number.isNaN(since)) return refused(400, 'The since parameter must be an ISO 8601 date');
    const type = req.url.searchParams.get('type') ?? 'all';
    const actions: Record<string, string[]> = { all: ['Inserted', 'Updated', 'Deleted'], inserted: ['Inserted'], updated: ['Updated'], deleted: ['Deleted'] };
    if (!actions[type]) return refused(400, 'Invalid type');
    const changed: Record<string, { id: string; action: string; lastChanged: string }> = {};
    let latest = sinceParam!;
    for (const [id, change] of changes) {
      if (Date.parse(change.lastChanged) < since || !actions[type].includes(change.action)) continue;
      changed[id] = { id, ...change };
      if (Date.parse(change.lastChanged) > Date.parse(latest)) latest = change.lastChanged;
    }
    return { status: 200, body: { latest, employees: changed } };
  }

  return serveFake(state, { handle, dialect, listings: [listingAt('/api/v1/reports/custom', 'employees')], port: options.port });
}

/** BambooHR's refusals: the reason in X-BambooHR-Error-Message, an empty body. */
const refused = (status: number, message: string): FakeResponse => ({ status, headers: { 'x-bamboohr-error-message': message }, body: '' });

function reportValue(field: FakeField, value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return field.type === 'date' ? '0000-00-00' : null;
  return value;
}
