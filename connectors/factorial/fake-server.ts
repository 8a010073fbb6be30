// A local Factorial for tests, demos and benchmarks, answering like the dated public API
// (/api/<YYYY-MM-DD>/resources/...): x-api-key auth, cursor pagination ({data, meta:{start_cursor,
// end_cursor, has_previous_page, has_next_page, limit, total}}, limit ≤ 100, after_id), employees
// with only_active and updated_at_gteq (whole days; edits bump updated_at), legal entities, contract
// versions, custom fields and their values, and webhook subscriptions with their deliveries
// (fake-webhooks.ts: every add, edit and termination notifies them).
import { FakeFactorialWebhooks } from './fake-webhooks';
import { afterPage, fakePerson, headerGuard, intParam, isoDay, listingAt, retryAfterHeader, router, scheduleThrottles, serveFake, withCounters, type FakeEmployees, type FakeRequest, type FakeResponse, type FaultDialect, type GeneratedFakeOptions, type RunningFake } from '../kit/fake';

/** malformedRecords: employee records without an id, placed among the first page's employees. */
export interface FakeFactorialOptions extends GeneratedFakeOptions {
  apiKey?: string;
  /** Throttle these request numbers (1-based, all endpoints counted) with 429. */
  rateLimit?: { requestNumbers: number[]; retryAfterSeconds?: number };
  /** A new subscription for a type already subscribed: overwrites it (default) or 422. */
  duplicateSubscriptions?: 'overwrite' | 'refuse';
}

type Row = Record<string, unknown>;

/** employees: id → employees_employee record. terminateEmployee: past dates terminate now (active=false), future ones plan the departure (is_terminating). */
export interface FakeFactorialState extends FakeEmployees<Row> {
  /** Employee id → contract versions. */
  readonly contracts: Map<string, Row[]>;
  /** Dated API versions the connector called. */
  readonly apiVersions: Set<string>;
  addEmployee(record: Row, contract?: Row): string;
  setCustomValue(employeeId: string, fieldId: string, value: unknown): void;
  throttleNext(count: number, retryAfterSeconds?: number): void;
  /** Reverses a termination (Factorial's unterminate). */
  unterminateEmployee(id: string): void;
  readonly webhooks: FakeFactorialWebhooks;
}

export type RunningFakeFactorial = RunningFake<FakeFactorialState>;

export const FAKE_FACTORIAL_API_KEY = 'fake-factorial-api-key';
export const NUMBER_OF_CHILDREN_FIELD_ID = '501';
export const SHIRT_SIZE_FIELD_ID = '502';

const MAX_LIMIT = 100;
export const FAKE_LEGAL_ENTITIES: readonly Row[] = [
  { id: '1', company_id: '1', country: 'de', legal_name: 'Example GmbH', currency: 'EUR' },
  { id: '2', company_id: '1', country: 'gb', legal_name: 'Example Ltd', currency: 'GBP' },
];

function generatedEmployee(n: number): { employee: Row; contracts: Row[] } {
  const { firstName: first, lastName: last, emailLocalPart, terminated, leaving, hireDate: hire, terminationDate: terminatedOn } = fakePerson(n);
  const id = String(n);
  const employee: Row = {
    id,
    access_id: String(10_000 + n),
    first_name: first,
    last_name: last,
    full_name: `${first} ${last}`,
    preferred_name: null,
    gender: n % 2 === 0 ? 'female' : 'male',
    email: `${emailLocalPart}@mail.example.net`,
    login_email: `${emailLocalPart}@example.com`,
    birthday_on: isoDay(Date.UTC(1970, 0, 1), (n * 331) % 12000),
    nationality: 'de',
    country: 'de',
    city: 'Berlin',
    company_id: '1',
    legal_entity_id: FAKE_LEGAL_ENTITIES[n % FAKE_LEGAL_ENTITIES.length].id,
    location_id: '1',
    manager_id: n > 1 ? '1' : null,
    created_at: `${hire}T08:00:00.000Z`,
    updated_at: '2026-01-01T08:00:00.000Z',
    is_terminating: leaving,
    terminated_on: terminatedOn,
    termination_reason_type: terminated ? 'voluntary' : null,
    company_identifier: `E-${3000 + n}`,
    seniority_calculation_date: hire,
    active: !terminated,
    attendable: true,
  };
  const contract = (version: number, effectiveOn: string, jobTitle: string): Row => ({
    id: String(n * 10 + version),
    company_id: '1',
    employee_id: id,
    effective_on: effectiveOn,
    starts_on: hire,
    ends_on: terminated ? terminatedOn : null,
    job_title: jobTitle,
    working_hours: n % 3 === 0 ? 20 : 40,
    working_hours_frequency: 'week',
    working_time_percentage_in_cents: n % 3 === 0 ? 5000 : 10000,
    has_payroll: true,
  });
  const contracts = [contract(1, hire, 'Specialist')];
  // Every 4th person was promoted later: the current contract is the newest effective one.
  if (n % 4 === 0) contracts.push(contract(2, isoDay(Date.parse(hire), 400), 'Senior Specialist'));
  return { employee, contracts };
}

export async function startFakeFactorial(options: FakeFactorialOptions = {}): Promise<RunningFakeFactorial> {
  const apiKey = options.apiKey ?? FAKE_FACTORIAL_API_KEY;
  const employees = new Map<string, Row>();
  const contracts = new Map<string, Row[]>();
  /** Listing order; malformed records have no id and live only here. */
  const rows: Row[] = [];
  const customFields: Row[] = [
    { id: NUMBER_OF_CHILDREN_FIELD_ID, label_text: 'Number of children', field_type: 'text', slug: 'number_of_children', position: 1, required: false },
    { id: SHIRT_SIZE_FIELD_ID, label_text: 'Shirt size', field_type: 'single_choice', slug: 'shirt_size', position: 2, required: false },
  ];
  const customValues = new Map<string, Map<string, unknown>>();
  const apiVersions = new Set<string>();
  const webhooks = new FakeFactorialWebhooks('1', options.duplicateSubscriptions);
  let lastId = 0;
  const touch = (employee: Row) => Object.assign(employee, { updated_at: new Date().toISOString() });

  const add = (employee: Row, versions: Row[]) => {
    employees.set(String(employee.id), employee);
    contracts.set(String(employee.id), versions);
    rows.push(employee);
  };
  for (let n = 1; n <= (options.employees ?? 20); n++) {
    const { employee, contracts: versions } = generatedEmployee(n);
    add(employee, versions);
    customValues.set(String(n), new Map<string, unknown>([[NUMBER_OF_CHILDREN_FIELD_ID, String(n % 4)], [SHIRT_SIZE_FIELD_ID, ['S', 'M', 'L'][n % 3]]]));
    if (n === 1) for (let i = 0; i < (options.malformedRecords ?? 0); i++) rows.push({ first_name: 'Orphan', last_name: 'Record', active: true });
    lastId = n;
  }

  const state: FakeFactorialState = withCounters<FakeFactorialState>({
    employees,
    contracts,
    apiVersions,
    webhooks,
    addEmployee(record, contract) {
      const id = String(++lastId);
      const employee = touch({ active: true, is_terminating: false, terminated_on: null, company_id: '1', ...record, id });
      add(employee, contract ? [{ id: `${id}1`, employee_id: id, effective_on: contract.starts_on, ...contract }] : []);
      webhooks.notify('employees/employee/create_with_contract', employee);
      return id;
    },
    editEmployee(id, record) {
      webhooks.notify('employees/employee/update', change(id, record));
    },
    terminateEmployee(id, terminatedOn) {
      const past = terminatedOn <= new Date().toISOString().slice(0, 10);
      webhooks.notify('employees/employee/terminate', change(id, { terminated_on: terminatedOn, active: !past, is_terminating: !past }));
    },
    unterminateEmployee(id) {
      webhooks.notify('employees/employee/unterminate', change(id, { terminated_on: null, active: true, is_terminating: false }));
    },
    addCustomField(label, fieldType = 'text') {
      const id = String(500 + customFields.length + 1);
      customFields.push({ id, label_text: label, field_type: fieldType, slug: label.toLowerCase().replace(/\W+/g, '_'), position: customFields.length + 1, required: false });
      return id;
    },
    setCustomValue(employeeId, fieldId, value) {
      if (!customValues.has(employeeId)) customValues.set(employeeId, new Map());
      customValues.get(employeeId)!.set(fieldId, value);
    },
    throttleNext(count, retryAfterSeconds) {
      state.faults.replace('throttleNext', count, { kind: 'throttle', retryAfterSeconds });
    },
  });
  /** Applies an edit as Factorial records it (updated_at now) and returns the employee. */
  function change(id: string, record: Row): Row {
    const employee = employees.get(id);
    if (!employee) throw new Error(`fake Factorial has no employee ${id}`);
    return touch(Object.assign(employee, record, { id }));
  }
  scheduleThrottles(state.faults, options.rateLimit?.requestNumbers, { retryAfterSeconds: options.rateLimit?.retryAfterSeconds });

  // Factorial throttles with 429, Retry-After when it says how long.
  const dialect: FaultDialect = {
    throttled: (seconds) => ({ status: 429, headers: retryAfterHeader(seconds), body: { error: 'Too Many Requests' } }),
    unavailable: (status) => ({ status, body: { error: 'Service Unavailable', message: 'The server is temporarily unavailable' } }),
  };

  const notFound = (req: FakeRequest): FakeResponse => ({ status: 404, body: { error: 'Not Found', message: `No route ${req.method} ${req.url.pathname}` } });
  // Every resource is GET /api/<YYYY-MM-DD>/resources/<resource>[/]; the version called is noted.
  const resource = (name: string, items: (req: FakeRequest) => readonly Row[]): [string, RegExp, (req: FakeRequest, version: string) => FakeResponse] => [
    'GET',
    new RegExp(`^/api/(\\d{4}-\\d{2}-\\d{2})/resources/${name}/?$`),
    (req, version) => (apiVersions.add(version), paged(items(req), req.url.searchParams)),
  ];
  const employeeIds = (req: FakeRequest) => new Set(req.url.searchParams.getAll('employee_ids[]'));
  const handle = router(
    [
      resource('employees/employees', (req) => rows.filter((r) => (req.url.searchParams.get('only_active') !== 'true' || r.active === true) && updatedSince(r, req.url.searchParams.get('updated_at_gteq')))),
      resource('companies/legal_entities', () => FAKE_LEGAL_ENTITIES),
      resource('custom_fields/fields', () => customFields),
      resource('custom_fields/values', (req) => valueRows(employeeIds(req))),
      resource('contracts/contract_versions', (req) => [...(employeeIds(req).size ? employeeIds(req) : contracts.keys())].flatMap((id) => contracts.get(id) ?? [])),
      ['*', /^\/api\/(\d{4}-\d{2}-\d{2})\/resources\/api_public\/webhook_subscriptions(?:\/([^/]+))?\/?$/, (req, version, id) => (apiVersions.add(version), webhooks.handle(req, id, (items) => paged(items, req.url.searchParams)))],
      ['GET', /^\/api\/(\d{4}-\d{2}-\d{2})\/resources\/.+$/, (req, version) => (apiVersions.add(version), notFound(req))],
    ],
    { guard: headerGuard('x-api-key', apiKey, () => ({ status: 401, body: { error: 'Unauthorized', message: 'Invalid API key' } })), notFound },
  );

  function valueRows(employeeIds: Set<string>): Row[] {
    const out: Row[] = [];
    for (const employeeId of employeeIds.size ? employeeIds : customValues.keys()) {
      for (const [fieldId, value] of customValues.get(employeeId) ?? []) {
        const field = customFields.find((f) => f.id === fieldId);
        const identity = { id: `${fieldId}-${employeeId}`, field_id: fieldId, valuable_id: employeeId, valuable_type: 'Employee', custom_field_identifier: `cf${fieldId}` };
        out.push({ ...identity, label: field?.label_text, value, single_choice_value: field?.field_type === 'single_choice' ? value : null, updated_at: '2026-01-01T08:00:00.000Z' });
      }
    }
    return out;
  }

  return serveFake(state, { handle, dialect, listings: [listingAt(/\/resources\/employees\/employees\/?$/, 'data')], port: options.port });
}

/** updated_at_gteq compares whole days (YYYY-MM-DD); records without updated_at never match. */
function updatedSince(record: Row, day: string | null): boolean {
  if (day === null) return true;
  return typeof record.updated_at === 'string' && record.updated_at.slice(0, 10) >= day;
}

/** Factorial's cursor pagination over an ordered list; cursors are opaque position tokens. */
function paged(items: readonly Row[], query: URLSearchParams): FakeResponse {
  const limit = Math.min(MAX_LIMIT, Math.max(1, intParam(query.get('limit'), MAX_LIMIT) || MAX_LIMIT));
  const page = afterPage('factorial', query.get('after_id'), items, limit);
  if (!page) return { status: 400, body: { error: 'Bad Request', message: 'Invalid after_id cursor' } };
  const meta = { start_cursor: page.first, end_cursor: page.last, has_previous_page: page.start > 0, has_next_page: page.hasMore, limit, total: items.length };
  return { status: 200, body: { data: page.items, meta } };
}
