// A local Officient for tests, demos and benchmarks, answering like the public REST API under /1.0:
// bearer access tokens, GET /1.0/people/list with page numbers from 0 (30 a page, archived people
// only with include_archived=1) in { data, total_record_count }, GET /1.0/people/{id}/detail in
// { data }, GET /1.0/custom_fields/list and GET /1.0/account. Errors are { status_code,
// reason_phrase } as Officient's published examples show them. Throttling and outages come from the
// fault script; an optional rolling-window limit stands in for the unpublished rate limit (NOTES.md).
import { bearerToken, fakePerson, FaultScript, intParam, isoDay, retryAfterHeader, RequestLog, RollingWindowLimit, serveVendorFake, type FakeRequest, type FakeResponse, type FaultDialect } from '../kit/fake';

export interface FakeOfficientOptions {
  accessToken?: string;
  /** Generated people (deterministic, fictitious); every 5th has left, every 7th is leaving. */
  people?: number;
  /** List entries without an id, placed among the first page's people. */
  malformedRecords?: number;
  /** A rate limit of this many requests per `windowMs` (default none: Officient publishes none). */
  rateLimit?: { requests: number; windowMs: number };
  port?: number;
}

type Row = Record<string, unknown>;

export interface FakeOfficientState {
  /** Person id → the person's detail (`data` of GET /1.0/people/{id}/detail) plus `archived` (0/1). */
  readonly people: Map<string, Row>;
  readonly log: RequestLog;
  readonly faults: FaultScript;
  addPerson(record: Row): string;
  editPerson(id: string, record: Row): void;
  /** Records a last employment date; `archive` also archives the person, as an admin does once they left. */
  offboardPerson(id: string, lastEmploymentDate: string | null, archive?: boolean): void;
  /** Creates a custom field for people as an admin would; returns its id. */
  addCustomField(name: string, type?: string): number;
  setCustomValue(personId: string, customFieldId: number, value: unknown): void;
  customValue(personId: string, customFieldId: number): unknown;
  throttleNext(count: number, retryAfterSeconds?: number): void;
}

export interface RunningFakeOfficient {
  url: string;
  faults: FaultScript;
  log: RequestLog;
  close(): Promise<void>;
  state: FakeOfficientState;
}

export const FAKE_OFFICIENT_ACCESS_TOKEN = 'fake-officient-access-token';
export const CHILDREN_FIELD_ID = 101;
export const SHIRT_SIZE_FIELD_ID = 102;
export const ALLERGIES_FIELD_ID = 103;
export const OFFICIENT_PAGE_SIZE = 30;

const SHIRT_SIZES: Record<string, string> = { '301': 'S', '302': 'M', '303': 'L' };
const CIVIL_STATES = ['single', 'married', 'cohabitant', 'divorced', 'widow', 'married', 'single'];
const TEAMS = [
  { id: 4, name: 'R&D team' },
  { id: 5, name: 'Sales' },
  { id: 6, name: 'Operations' },
];
const ROLES = ['Engineer', 'Account manager', 'Planner', 'Analyst'];

function personId(n: number): string {
  return String(1000 + n);
}

/** Deterministic fictitious person `n` (1-based) in Officient's detail shape. */
function generatedPerson(n: number): Row {
  const { firstName, lastName, emailLocalPart, terminated, leaving, hireDate, terminationDate } = fakePerson(n);
  // Most people who left are archived; every 10th (a leaver) is not archived yet.
  const archived = terminated && n % 10 !== 0 ? 1 : 0;
  const newHire = !terminated && !leaving && n % 11 === 4;
  return {
    id: Number(personId(n)),
    deleted: 0,
    name: `${firstName} ${lastName}`,
    first_name: firstName,
    last_name: lastName,
    created_at: Date.UTC(2019, 0, 1) / 1000 + n * 86_400,
    preferred_language_code: ['nl', 'fr', 'en'][n % 3],
    email: `${emailLocalPart}@example.com`,
    personal_email: `${emailLocalPart}@mail.example.net`,
    birthdate: isoDay(Date.UTC(1970, 0, 1), (n * 331) % 12000),
    linked_payroll_provider: 'acerta',
    linked_payroll_employee_id: '',
    linked_payroll_employee_number: n % 8 === 0 ? '' : `OF-${2000 + n}`,
    dependent_adults_below_65: 0,
    dependent_children: n % 4,
    dependent_adults_above_65: 0,
    dependent_disabled_children: n % 9 === 0 ? 1 : 0,
    dependent_disabled_adults_below_65: 0,
    dependent_disabled_adults_above_65: 0,
    spouse_has_income: n % 2 === 0,
    civil_state: CIVIL_STATES[n % CIVIL_STATES.length],
    nationality_country_code: 'BE',
    gender: n % 2 === 0 ? 'female' : 'male',
    team: TEAMS[n % TEAMS.length],
    employment: { first_employment_date: newHire ? '2030-01-04' : hireDate, last_employment_date: terminationDate },
    current_role: { name: ROLES[n % ROLES.length], start_date: hireDate },
    current_reports_to: null,
    archived,
  };
}

/** Officient's error answer. */
function error(status: number, reason: string, headers?: Record<string, string>): FakeResponse {
  return { status, headers, body: { status_code: status, reason_phrase: reason } };
}

export async function startFakeOfficient(options: FakeOfficientOptions = {}): Promise<RunningFakeOfficient> {
  const accessToken = options.accessToken ?? FAKE_OFFICIENT_ACCESS_TOKEN;
  const limit = options.rateLimit ? new RollingWindowLimit(options.rateLimit.requests, options.rateLimit.windowMs) : null;
  const people = new Map<string, Row>();
  /** Listing order; malformed entries have no id and live only here. */
  const rows: Row[] = [];
  const customFields: Row[] = [
    { id: CHILDREN_FIELD_ID, name: 'Children (payroll)', object_type: 'employee', type: 'int', employee_visibility: 'none' },
    { id: SHIRT_SIZE_FIELD_ID, name: 'T-shirt size', object_type: 'employee', type: 'select_option', employee_visibility: 'visible_and_editable' },
    { id: ALLERGIES_FIELD_ID, name: 'Allergies', object_type: 'employee', type: 'string', employee_visibility: 'visible_and_editable' },
    { id: 201, name: 'Expiry date', object_type: 'asset', type: 'date', employee_visibility: 'none' },
  ];
  /** personId → customFieldId → value. */
  const customValues = new Map<string, Map<number, unknown>>();
  const log = new RequestLog();
  const faults = new FaultScript();
  let lastN = 0;

  const add = (record: Row) => {
    people.set(String(record.id), record);
    rows.push(record);
  };
  for (let n = 1; n <= (options.people ?? 40); n++) {
    add(generatedPerson(n));
    customValues.set(personId(n), new Map<number, unknown>([[SHIRT_SIZE_FIELD_ID, String(301 + (n % 3))], ...(n % 5 === 1 ? [[ALLERGIES_FIELD_ID, 'Soy'] as [number, unknown]] : [])]));
    if (n === 1) for (let i = 0; i < (options.malformedRecords ?? 0); i++) rows.push({ name: 'Orphan Record', email: null, role_name: null, archived: 0 });
    lastN = n;
  }

  const state: FakeOfficientState = {
    people,
    log,
    faults,
    addPerson(record) {
      const id = personId(++lastN);
      add({ deleted: 0, archived: 0, employment: { first_employment_date: null, last_employment_date: null }, custom_fields: [], ...record, id: Number(id) });
      return id;
    },
    editPerson(id, record) {
      const person = people.get(id);
      if (!person) throw new Error(`fake Officient has no person ${id}`);
      Object.assign(person, record, { id: Number(id) });
    },
    offboardPerson(id, lastEmploymentDate, archive = false) {
      const person = people.get(id);
      if (!person) throw new Error(`fake Officient has no person ${id}`);
      const employment = (person.employment as Row | null) ?? {};
      state.editPerson(id, { employment: { ...employment, last_employment_date: lastEmploymentDate }, ...(archive ? { archived: 1 } : {}) });
    },
    addCustomField(name, type = 'string') {
      const id = Math.max(...customFields.map((f) => Number(f.id))) + 1;
      customFields.push({ id, name, object_type: 'employee', type, employee_visibility: 'none' });
      return id;
    },
    setCustomValue(pid, fieldId, value) {
      if (!customValues.has(pid)) customValues.set(pid, new Map());
      customValues.get(pid)!.set(fieldId, value);
    },
    customValue(pid, fieldId) {
      return customValues.get(pid)?.get(fieldId);
    },
    throttleNext(count, retryAfterSeconds) {
      faults.replace('throttleNext', count, { kind: 'throttle', retryAfterSeconds });
    },
  };

  // No rate limit is published; a throttle is answered 429 (Retry-After when the script gives one).
  const dialect: FaultDialect = {
    throttled: (seconds) => error(429, 'Too many requests', retryAfterHeader(seconds)),
    unavailable: (status) => error(status, 'Service unavailable'),
  };

  const handle = (req: FakeRequest): FakeResponse => {
    const token = bearerToken(req.headers.authorization);
    if (token === null || token !== accessToken) return error(401, 'Invalid access token');
    if (limit && !limit.allow()) return error(429, 'Too many requests', retryAfterHeader(Math.ceil(options.rateLimit!.windowMs / 1000)));
    if (req.method !== 'GET') return error(405, `Method ${req.method} is not supported by this fake`);
    const path = req.url.pathname.replace(/\/+$/, '');
    const query = req.url.searchParams;
    if (path === '/1.0/people/list') return peopleList(query);
    if (path === '/1.0/custom_fields/list') return { status: 200, body: { data: customFields.map((f) => ({ ...f })) } };
    if (path === '/1.0/account') return { status: 200, body: { data: { company_id: 60002, company_name: 'Example BV', subdomain: 'example' } } };
    const detail = /^\/1\.0\/people\/([^/]+)\/detail$/.exec(path);
    if (detail) return personDetail(decodeURIComponent(detail[1]));
    return error(404, `Route not found: ${path}`);
  };

  /** { data: [list entries], total_record_count }; page from 0, 30 a page; archived only when asked. */
  function peopleList(query: URLSearchParams): FakeResponse {
    const page = intParam(query.get('page'), 0);
    if (page === null) return error(400, 'page has to be numeric');
    const withArchived = query.get('include_archived') === '1';
    const listed = rows.filter((r) => withArchived || r.archived !== 1);
    const data = listed.slice(page * OFFICIENT_PAGE_SIZE, (page + 1) * OFFICIENT_PAGE_SIZE).map(listEntry);
    return { status: 200, body: { data, total_record_count: listed.length } };
  }

  function listEntry(row: Row): Row {
    const role = row.current_role as Row | null | undefined;
    return {
      ...(row.id === undefined ? {} : { id: row.id }),
      name: row.name,
      email: row.email ?? null,
      role_name: role?.name ?? row.role_name ?? null,
      archived: row.archived ?? 0,
      linked_payroll_provider_external_id: row.linked_payroll_employee_id ?? '',
      payroll_provider: row.linked_payroll_provider ?? '',
      linked_integration_alias: '',
    };
  }

  function personDetail(id: string): FakeResponse {
    const person = people.get(id);
    if (!person) return error(400, 'Employee not found or you have no access.');
    const { archived: _archived, ...data } = person;
    void _archived;
    const custom_fields = customFields
      .filter((f) => f.object_type === 'employee')
      .map((f) => {
        const value = customValues.get(id)?.get(Number(f.id));
        return { custom_field_id: f.id, custom_field_name: f.name, type: f.type, value: value ?? null, value_name: f.type === 'select_option' && typeof value === 'string' ? (SHIRT_SIZES[value] ?? null) : null };
      })
      .filter((f) => f.value !== null);
    return { status: 200, body: { data: { ...data, custom_fields } } };
  }

  const listings = [{ path: '/1.0/people/list', records: (body: unknown) => (body as { data?: unknown[] } | undefined)?.data }];
  const server = await serveVendorFake({ handle, dialect, listings, faults, log, port: options.port });
  return { url: server.url, faults, log, close: () => server.close(), state };
}
