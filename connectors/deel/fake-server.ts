// A local Deel for tests, demos and benchmarks, answering like the REST API v2 under /rest/v2:
// bearer API tokens (refusals in Deel's error shape { request: {…}, errors: [{ message, path }] }),
// GET /people with offset paging (limit 1–200, offset) in { data, page: { total_rows,
// items_per_page, offset } } and the hiring_statuses[] filter (inactive people only when asked for),
// GET /people/custom_fields (definitions), GET /people/{id}/custom_fields (a person's values),
// GET /people/{id}, GET /legal-entities, webhook subscriptions with signed deliveries of the people
// events (fake-webhooks.ts). Deel's rate limit is 5 requests per
// rolling second per organization, answered 429 without any rate-limit header; the fault script
// throttles the same way (no Retry-After even where the script gives one).
import { bearerToken, fakePerson, FaultScript, intParam, isoDay, RequestLog, RollingWindowLimit, router, serveVendorFake, type FakeRequest, type FakeResponse, type FaultDialect, type Guard } from '../kit/fake';
import { FakeDeelWebhooks } from './fake-webhooks';

export interface FakeDeelOptions {
  apiToken?: string;
  /** Generated people (deterministic, fictitious); every 5th has left, every 7th is leaving. */
  people?: number;
  /** People records without an id, placed among the active people's first page. */
  malformedRecords?: number;
  /** The most served per page (default 200, Deel's cap). Lower it to see a connector cope with fewer than asked. */
  maxLimit?: number;
  /** Deel's organization-wide limit (default 5 requests per rolling 1000 ms); null switches it off. */
  rateLimit?: { requests: number; windowMs: number } | null;
  port?: number;
}

type Row = Record<string, unknown>;

export interface FakeDeelState {
  /** Person id → person record (as GET /people lists it). */
  readonly people: Map<string, Row>;
  readonly legalEntities: Row[];
  readonly log: RequestLog;
  readonly faults: FaultScript;
  addPerson(record: Row): string;
  editPerson(id: string, record: Row): void;
  /** Ends someone's employment as Deel shows it: completion dates, and inactive once the day passed. */
  offboardPerson(id: string, completionDate: string, options?: { onlyOnEmployment?: boolean }): void;
  /** Creates a people custom field as an admin would in Deel; returns its id. */
  addCustomField(name: string, type?: string): string;
  /** Sets (or, with null, removes) a person's value of a custom field. */
  setCustomValue(personId: string, fieldId: string, value: string | number | null): void;
  customValue(personId: string, fieldId: string): string | number | null;
  throttleNext(count: number): void;
  /** Webhook subscriptions; addPerson, editPerson and offboardPerson post their events to them. */
  readonly webhooks: FakeDeelWebhooks;
}

export interface RunningFakeDeel {
  url: string;
  faults: FaultScript;
  log: RequestLog;
  close(): Promise<void>;
  state: FakeDeelState;
}

export const FAKE_DEEL_API_TOKEN = 'fake-deel-api-token';
export const NUMBER_OF_CHILDREN_FIELD_ID = 'cf000000-0000-4000-8000-000000000001';
export const SHIRT_SIZE_FIELD_ID = 'cf000000-0000-4000-8000-000000000002';
export const FAKE_DEEL_LEGAL_ENTITIES: readonly Row[] = [
  { id: '1e000000-0000-4000-8000-000000000001', name: 'Example GmbH', country: 'DE', entity_type: 'company', entity_subtype: 'gmbh' },
  { id: '1e000000-0000-4000-8000-000000000002', name: 'Example Ltd', country: 'GB', entity_type: 'company', entity_subtype: 'ltd' },
  { id: '1e000000-0000-4000-8000-000000000003', name: 'Example Inc', country: 'US', entity_type: 'company', entity_subtype: 'c_corp' },
];

const HIRING_STATUSES = ['active', 'inactive', 'onboarding'];
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;
const DOCS = 'https://developer.deel.com/api';

/** A Deel-looking person id (a UUID). */
function personId(n: number): string {
  return `9b000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

const instant = (day: string | null): string | null => (day === null ? null : `${day}T00:00:00.000Z`);

/** Deterministic fictitious person `n` (1-based) in Deel's field shapes. */
function generatedPerson(n: number): Row {
  const { firstName, lastName, emailLocalPart, terminated, leaving, hireDate, terminationDate } = fakePerson(n);
  // Every 10th person (a leaver) has the completion date only on the ended employment.
  const onlyOnEmployment = terminated && n % 10 === 0;
  const onboarding = !terminated && !leaving && n % 11 === 4;
  const start = onboarding ? '2030-01-04' : hireDate;
  const entity = FAKE_DEEL_LEGAL_ENTITIES[n % FAKE_DEEL_LEGAL_ENTITIES.length];
  const hiringType = n % 13 === 6 ? 'contractor' : n % 4 === 1 ? 'eor' : 'direct_employee';
  const status = terminated ? 'inactive' : onboarding ? 'onboarding' : 'active';
  return {
    id: personId(n),
    first_name: firstName,
    last_name: lastName,
    full_name: `${firstName} ${lastName}`,
    emails: [
      { type: 'personal', value: `${emailLocalPart}@mail.example.net`, primary: false },
      { type: 'work', value: `${emailLocalPart}@example.com`, primary: true },
    ],
    birth_date: instant(isoDay(Date.UTC(1970, 0, 1), (n * 331) % 12000)),
    start_date: start,
    completion_date: onlyOnEmployment ? null : instant(terminationDate),
    hiring_status: status,
    new_hiring_status: status,
    hiring_type: hiringType,
    job_title: n % 3 === 0 ? 'Engineer' : 'Analyst',
    seniority: null,
    country: entity.country,
    nationality: null,
    timezone: 'Europe/Berlin',
    work_location: 'Remote',
    state: null,
    client_legal_entity: { id: entity.id, name: entity.name },
    department: { id: `de000000-0000-4000-8000-00000000000${n % 3}`, name: ['Delivery', 'Finance', 'People'][n % 3], parent: null },
    direct_manager: null,
    direct_reports: [],
    direct_reports_count: 0,
    employments: [
      {
        id: `c${String(n).padStart(6, '0')}`,
        name: `${firstName} ${lastName}`,
        is_ended: terminated,
        start_date: start,
        completion_date: instant(terminationDate),
        contract_status: terminated ? 'completed' : onboarding ? 'waiting_for_client_sign' : 'in_progress',
        voluntarily_left: terminated ? String(n % 2 === 0) : 'false',
        hiring_type: hiringType,
        hiring_status: status,
        client_legal_entity: { id: entity.id, name: entity.name },
        work_email: `${emailLocalPart}@example.com`,
      },
    ],
    created_at: `${hireDate}T08:00:00.000Z`,
    updated_at: '2026-01-01T08:00:00.000Z',
  };
}

export async function startFakeDeel(options: FakeDeelOptions = {}): Promise<RunningFakeDeel> {
  const apiToken = options.apiToken ?? FAKE_DEEL_API_TOKEN;
  const maxLimit = Math.min(MAX_LIMIT, options.maxLimit ?? MAX_LIMIT);
  const rate = options.rateLimit === undefined ? { requests: 5, windowMs: 1000 } : options.rateLimit;
  const limiter = rate ? new RollingWindowLimit(rate.requests, rate.windowMs) : null;
  const people = new Map<string, Row>();
  /** Listing order (creation order); malformed records have no id and live only here. */
  const rows: Row[] = [];
  const customFields: Row[] = [
    { id: NUMBER_OF_CHILDREN_FIELD_ID, name: 'Number of children', type: 'number', placement: 'personal' },
    { id: SHIRT_SIZE_FIELD_ID, name: 'T-shirt size', type: 'list', placement: 'personal', options: ['S', 'M', 'L'] },
  ];
  /** personId → fieldId → value. */
  const customValues = new Map<string, Map<string, string | number>>();
  const legalEntities = FAKE_DEEL_LEGAL_ENTITIES.map((e) => ({ ...e }));
  const log = new RequestLog();
  const faults = new FaultScript();
  let lastN = 0;

  const add = (record: Row) => {
    people.set(String(record.id), record);
    rows.push(record);
  };
  for (let n = 1; n <= (options.people ?? 20); n++) {
    add(generatedPerson(n));
    customValues.set(personId(n), new Map<string, string | number>([[NUMBER_OF_CHILDREN_FIELD_ID, n % 4], [SHIRT_SIZE_FIELD_ID, ['S', 'M', 'L'][n % 3]]]));
    if (n === 1) for (let i = 0; i < (options.malformedRecords ?? 0); i++) rows.push({ first_name: 'Orphan', last_name: 'Record', hiring_status: 'active', emails: [] });
    lastN = n;
  }

  // Deel's error shape is defined below; the webhooks answer with it once requests arrive.
  const webhooks = new FakeDeelWebhooks((...args) => error(...args));
  /** Deel's employee events name the person by their id (HRIS profile id). */
  const employeeEvent = (person: Row) => ({ id: person.id, hiring_type: person.hiring_type, hiring_status: person.hiring_status, updated_at: person.updated_at });
  const createdEvent = (hiringType: unknown) => (hiringType === 'contractor' ? 'employee.created.contractor' : hiringType === 'eor' ? 'employee.created.eor' : 'employee.created.direct');
  const state: FakeDeelState = {
    webhooks,
    people,
    legalEntities,
    log,
    faults,
    addPerson(record) {
      const id = personId(++lastN);
      const now = new Date().toISOString();
      add({ hiring_status: 'active', completion_date: null, employments: [], created_at: now, updated_at: now, ...record, id });
      webhooks.emit(createdEvent(people.get(id)!.hiring_type), employeeEvent(people.get(id)!));
      return id;
    },
    editPerson(id, record) {
      const person = people.get(id);
      if (!person) throw new Error(`fake Deel has no person ${id}`);
      Object.assign(person, record, { id, updated_at: new Date().toISOString() });
      webhooks.emit('employee.updated.direct', employeeEvent(person));
    },
    offboardPerson(id, completionDate, { onlyOnEmployment = false } = {}) {
      const person = people.get(id);
      if (!person) throw new Error(`fake Deel has no person ${id}`);
      const passed = completionDate < new Date().toISOString().slice(0, 10);
      const employments = ((person.employments as Row[] | undefined) ?? []).map((e) => ({ ...e, is_ended: passed, completion_date: instant(completionDate), ...(passed ? { contract_status: 'completed' } : {}) }));
      state.editPerson(id, { completion_date: onlyOnEmployment ? null : instant(completionDate), employments, ...(passed ? { hiring_status: 'inactive', new_hiring_status: 'inactive' } : {}) });
      for (const e of employments as Row[]) webhooks.emit('contract.terminated', { id: e.id, worker_id: id, completion_date: e.completion_date });
    },
    addCustomField(name, type = 'text') {
      const id = `cf000000-0000-4000-8000-${String(customFields.length + 1).padStart(12, '0')}`;
      customFields.push({ id, name, type, placement: 'personal' });
      return id;
    },
    setCustomValue(pid, fieldId, value) {
      if (!customValues.has(pid)) customValues.set(pid, new Map());
      if (value === null) customValues.get(pid)!.delete(fieldId);
      else customValues.get(pid)!.set(fieldId, value);
    },
    customValue(pid, fieldId) {
      return customValues.get(pid)?.get(fieldId) ?? null;
    },
    throttleNext(count) {
      faults.replace('throttleNext', count, { kind: 'throttle' });
    },
  };

  let requestNumber = 0;
  /** Deel's error answer. */
  const error = (req: FakeRequest | null, status: number, code: string, message: string, path?: string): FakeResponse => ({
    status,
    body: {
      request: {
        method: req?.method ?? 'GET',
        url: req ? `${req.url.pathname}${req.url.search}` : '/rest/v2',
        status,
        api_req_id: `00000000-0000-4000-8000-${String(++requestNumber).padStart(12, '0')}`,
        docs: DOCS,
        source: status === 400 ? 'AJV' : 'API',
        code,
      },
      errors: [{ message, ...(path ? { path } : {}) }],
    },
  });

  // A throttle is Deel's 429 with no Retry-After or X-RateLimit-* header (Deel sends none).
  const dialect: FaultDialect = {
    throttled: () => error(null, 429, 'TOO_MANY_REQUESTS', 'Too many requests'),
    unavailable: (status) => error(null, status, status === 503 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_SERVER_ERROR', status === 503 ? 'Service unavailable' : 'Internal server error'),
  };

  const guard: Guard = (req) => {
    // The limit counts every request of the organization, refused ones too.
    if (limiter && !limiter.allow()) return error(req, 429, 'TOO_MANY_REQUESTS', 'Too many requests');
    const header = req.headers.authorization;
    if (header === undefined) return error(req, 401, 'UNAUTHORIZED', 'Authorization header is missing');
    if (bearerToken(header) !== apiToken) return error(req, 401, 'UNAUTHORIZED', 'Invalid token');
    return undefined;
  };

  function listPeople(req: FakeRequest): FakeResponse {
    const query = req.url.searchParams;
    const limitRaw = query.get('limit');
    const askedLimit = intParam(limitRaw, DEFAULT_LIMIT);
    if (askedLimit === null || askedLimit < 1 || askedLimit > MAX_LIMIT) return error(req, 400, 'VALIDATION_ERROR', `must be >= 1 and <= ${MAX_LIMIT}`, '/query/limit');
    const offset = intParam(query.get('offset'), 0);
    if (offset === null || offset < 0) return error(req, 400, 'VALIDATION_ERROR', 'must be >= 0', '/query/offset');
    const asked = query.getAll('hiring_statuses[]');
    const unknown = asked.find((s) => !HIRING_STATUSES.includes(s));
    if (unknown !== undefined) return error(req, 400, 'VALIDATION_ERROR', `must be equal to one of the allowed values: ${HIRING_STATUSES.join(', ')}`, '/query/hiring_statuses[]');
    // Without the filter, inactive people are left out (Deel lists them only when asked for).
    const statuses = asked.length ? asked : ['active', 'onboarding'];
    const matching = rows.filter((r) => statuses.includes(String(r.hiring_status)));
    const limit = Math.min(askedLimit, maxLimit);
    return { status: 200, body: { data: matching.slice(offset, offset + limit), page: { total_rows: matching.length, items_per_page: limit, offset } } };
  }

  /** A person's custom field values as GET /people/{id}/custom_fields lists them: { id, name, type, data }. */
  function valuesOf(pid: string): Row[] {
    const values = customValues.get(pid) ?? new Map<string, string | number>();
    return customFields.flatMap((f) => {
      const value = values.get(String(f.id));
      if (value === undefined) return [];
      return [{ id: f.id, name: f.name, type: f.type, data: f.type === 'list' ? { option: value } : { value } }];
    });
  }

  const personOr404 = (req: FakeRequest, id: string, answer: (person: Row) => FakeResponse): FakeResponse => {
    const person = people.get(decodeURIComponent(id));
    return person ? answer(person) : error(req, 404, 'NOT_FOUND', 'Person not found');
  };

  const handle = router(
    [
      ['GET', '/rest/v2/people', listPeople],
      ['GET', '/rest/v2/people/custom_fields', () => ({ status: 200, body: { data: customFields } })],
      ['GET', /^\/rest\/v2\/people\/([^/]+)\/custom_fields$/, (req, id) => personOr404(req, id, (p) => ({ status: 200, body: { data: valuesOf(String(p.id)) } }))],
      // The detail (Deel REST API 1.25.0): the person with custom_fields as { name, value }.
      ['GET', /^\/rest\/v2\/people\/([^/]+)$/, (req, id) =>
        personOr404(req, id, (p) => ({ status: 200, body: { data: { ...p, custom_fields: valuesOf(String(p.id)).map((v) => ({ name: v.name, value: String((v.data as Row).value ?? (v.data as Row).option) })) } } })),
      ],
      ['GET', '/rest/v2/legal-entities', () => ({ status: 200, body: { data: legalEntities } })],
      ['POST', '/rest/v2/webhooks', (req) => webhooks.create(req)],
      ['GET', '/rest/v2/webhooks', () => webhooks.list()],
      ['GET', /^\/rest\/v2\/webhooks\/([^/]+)$/, (req, id) => webhooks.get(req, decodeURIComponent(id))],
      ['DELETE', /^\/rest\/v2\/webhooks\/([^/]+)$/, (req, id) => webhooks.delete(req, decodeURIComponent(id))],
    ],
    {
      guard,
      trimSlash: true,
      notFound: (req, path) => error(req, 404, 'NOT_FOUND', `Route ${req.method} ${path} not found`),
      methodNotAllowed: (req) => error(req, 405, 'METHOD_NOT_ALLOWED', `Method ${req.method} is not allowed`),
    },
  );

  const listings = [{ path: '/rest/v2/people', records: (body: unknown) => (body as { data?: unknown[] } | undefined)?.data }];
  const server = await serveVendorFake({ handle, dialect, listings, faults, log, port: options.port });
  return { url: server.url, faults, log, close: () => server.close(), state };
}
