// A local Remote for tests, demos and benchmarks, answering like the Remote API (gateway.remote.com):
// the OAuth2 token endpoint (POST /auth/oauth2/token, client credentials) and company API tokens as
// bearer tokens, errors as { message } (401 "Unauthorized", 404 "… not found", 429 "Too many
// requests"), page-number lists (?page=N&page_size=, default 20, at most 100) in { data: { <items>,
// current_page, total_pages, total_count } }: GET /v1/employments (every status but deleted unless
// status=deleted is asked for; company_id, email and status filters), GET /v1/employments/{id}
// ({ data: { employment } }), GET /v1/offboardings (employment_id, type, include_confidential),
// GET /v1/companies, GET /v1/custom-fields and GET /v1/custom-fields/{id}/values/{employment_id}.
// Throttling and outages come from the fault script (Remote publishes no rate limit: see NOTES.md).
import { basicCredentials, bearerToken, fakePerson, FaultScript, intParam, requestFields, retryAfterHeader, RequestLog, router, serveVendorFake, TokenStore, type FakeRequest, type FakeResponse, type FaultDialect } from '../kit/fake';

export interface FakeRemoteOptions {
  clientId?: string;
  clientSecret?: string;
  /** A company API token the fake accepts as it is (ra_test_…). */
  apiToken?: string;
  /**
   * Generated employments (deterministic, fictitious): every 5th has left (archived, every 15th
   * deleted), every 7th is leaving in 2030 (an offboarding in review), every 11th a new hire.
   */
  people?: number;
  /** Employment records without an id, placed on the list's first page. */
  malformedRecords?: number;
  /** The most served per page (Remote's cap is 100). Lower it to see several pages with few people. */
  maxPageSize?: number;
  /** Lifetime of issued access tokens (seconds). */
  tokenLifetimeSeconds?: number;
  port?: number;
}

type Row = Record<string, unknown>;

export interface FakeRemoteState {
  /** Employment id → full employment (as GET /v1/employments/{id} shows it). */
  readonly employments: Map<string, Row>;
  /** Every offboarding request, in submission order. */
  readonly offboardings: Row[];
  readonly companies: Row[];
  readonly tokens: TokenStore;
  readonly log: RequestLog;
  readonly faults: FaultScript;
  addEmployment(record: Row): string;
  editEmployment(id: string, record: Row): void;
  /** Files an offboarding as Remote's offboarding flow would; returns its id. */
  offboard(employmentId: string, offboarding: Row): string;
  /** Creates a custom field as an admin would in Remote; returns its id. */
  addCustomField(name: string, type?: string): string;
  setCustomValue(employmentId: string, fieldId: string, value: unknown): void;
  customValue(employmentId: string, fieldId: string): unknown;
  throttleNext(count: number, retryAfterSeconds?: number): void;
}

export interface RunningFakeRemote {
  url: string;
  faults: FaultScript;
  log: RequestLog;
  close(): Promise<void>;
  state: FakeRemoteState;
}

export const FAKE_REMOTE_CLIENT_ID = 'fake-remote-client-id';
export const FAKE_REMOTE_CLIENT_SECRET = 'fake-remote-client-secret';
export const FAKE_REMOTE_API_TOKEN = 'ra_test_fake-remote-api-token';
export const NUMBER_OF_CHILDREN_FIELD_ID = 'cf-number-of-children';
export const SHIRT_SIZE_FIELD_ID = 'cf-shirt-size';
export const FAKE_REMOTE_COMPANIES = [
  { id: 'co-example-gmbh', name: 'Example GmbH', country_code: 'DEU', status: 'active' },
  { id: 'co-example-ltd', name: 'Example Ltd', country_code: 'GBR', status: 'active' },
];

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;
const COUNTRIES = [
  { code: 'DEU', alpha_2_code: 'DE', name: 'Germany' },
  { code: 'PRT', alpha_2_code: 'PT', name: 'Portugal' },
  { code: 'GBR', alpha_2_code: 'GB', name: 'United Kingdom' },
];

/** A Remote-looking employment id (UUIDs in the spec's examples). */
function employmentId(n: number): string {
  return `e0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** Deterministic fictitious employment `n` (1-based) and its offboardings in Remote's shapes. */
function generatedEmployment(n: number): { employment: Row; offboardings: Row[] } {
  const { firstName, lastName, emailLocalPart, terminated, leaving, hireDate, terminationDate } = fakePerson(n);
  const newHire = !terminated && !leaving && n % 11 === 4;
  const id = employmentId(n);
  const start = newHire ? '2030-01-04' : hireDate;
  const company = FAKE_REMOTE_COMPANIES[n % FAKE_REMOTE_COMPANIES.length];
  const fullName = `${firstName} ${lastName}`;
  const status = terminated ? (n % 15 === 0 ? 'deleted' : 'archived') : newHire ? 'invited' : 'active';
  const employment: Row = {
    id,
    full_name: fullName,
    job_title: n % 2 === 0 ? 'Engineer' : 'Account manager',
    personal_email: `${emailLocalPart}@mail.example.net`,
    status,
    type: n % 13 === 6 ? 'contractor' : 'employee',
    country: COUNTRIES[n % COUNTRIES.length],
    department: n % 3 === 0 ? 'Sales' : 'Engineering',
    department_id: n % 3 === 0 ? 'dep-sales' : 'dep-engineering',
    company_id: company.id,
    provisional_start_date: start,
    seniority_date: null,
    employment_lifecycle_stage: terminated ? 'offboarded' : newHire ? 'employee_self_enrollment' : 'onboarded',
    // Every 4th has no work e-mail in Remote (the login e-mail is all there is).
    basic_information: { name: fullName, email: `${emailLocalPart}@mail.example.net`, work_email: n % 4 === 0 ? null : `${emailLocalPart}@example.com`, job_title: n % 2 === 0 ? 'Engineer' : 'Account manager', provisional_start_date: start, has_seniority_date: 'no' },
    contract_details: { contract_duration_type: 'indefinite', annual_gross_salary: 6000000 },
    personal_details: {},
    address_details: {},
    administrative_details: {},
    bank_account_details: [],
    billing_address_details: {},
    emergency_contact_details: {},
    files: [],
    onboarding_tasks: {},
    pricing_plan_details: { frequency: 'monthly' },
    created_at: `${hireDate}T08:00:00Z`,
    updated_at: '2026-01-01T08:00:00Z',
  };
  const offboardings: Row[] = [];
  if (n % 8 === 1 && !terminated) {
    // A termination filed and then withdrawn: it must not count.
    offboardings.push(offboarding(n, 0, { type: 'termination', status: 'canceled', termination_date: null, proposed_termination_date: '2026-03-31' }));
  }
  if (terminated) {
    offboardings.push(
      n % 2 === 0
        ? offboarding(n, 1, { type: 'resignation', status: 'done', termination_date: terminationDate, proposed_last_working_day: terminationDate })
        : offboarding(n, 1, { type: 'termination', status: 'done', termination_date: terminationDate, proposed_termination_date: terminationDate }),
    );
  } else if (leaving) {
    // In review: Remote has the proposed date, not yet the termination date.
    offboardings.push(offboarding(n, 1, { type: 'termination', status: 'in_review', termination_date: null, proposed_termination_date: terminationDate }));
  }
  return { employment, offboardings };
}

function offboarding(n: number, k: number, fields: Row): Row {
  const base: Row = {
    id: `ob-${n}-${k}`,
    employment_id: employmentId(n),
    requested_by: 'user-admin-1',
    submitted_at: `2025-01-${String(10 + k).padStart(2, '0')}T09:00:00Z`,
    // Every 3rd is confidential: hidden unless include_confidential=true.
    confidential: n % 3 === 0,
    additional_comments: '',
  };
  if (fields.type === 'termination') Object.assign(base, { termination_reason: 'workforce_reduction', risk_assessment_reasons: ['none_of_these'], will_challenge_termination: false, reason_description: '' });
  else Object.assign(base, { resignation_reason: 'other_job_opportunity', employer_awareness: 'yes' });
  return { ...base, ...fields };
}

/** Remote's error answer: { message }. */
function error(status: number, message: string): FakeResponse {
  return { status, body: { message } };
}
const unauthorized = () => error(401, 'Unauthorized');

/** The minimal employment the list shows (spec: MinimalEmployment). */
function minimal(e: Row): Row {
  const { id, full_name, job_title, personal_email, status, type, country, department, department_id } = e;
  return { id, full_name, job_title, personal_email, status, type, country, department, department_id };
}

export async function startFakeRemote(options: FakeRemoteOptions = {}): Promise<RunningFakeRemote> {
  const clientId = options.clientId ?? FAKE_REMOTE_CLIENT_ID;
  const clientSecret = options.clientSecret ?? FAKE_REMOTE_CLIENT_SECRET;
  const apiToken = options.apiToken ?? FAKE_REMOTE_API_TOKEN;
  const maxPageSize = Math.min(MAX_PAGE_SIZE, options.maxPageSize ?? MAX_PAGE_SIZE);
  const tokens = new TokenStore(options.tokenLifetimeSeconds ?? 3600, 'fake-remote-access-');
  const employments = new Map<string, Row>();
  /** Listing order (creation order); malformed records have no id and live only here. */
  const rows: Row[] = [];
  const offboardings: Row[] = [];
  const companies: Row[] = FAKE_REMOTE_COMPANIES.map((c) => ({ ...c, desired_currency: 'EUR', external_id: null, registration_number: null, tax_number: null, created_at: '2020-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' }));
  const customFields: Row[] = [
    { id: NUMBER_OF_CHILDREN_FIELD_ID, name: 'Number of children', type: 'integer' },
    { id: SHIRT_SIZE_FIELD_ID, name: 'T-shirt size', type: 'single_select' },
  ];
  /** employment id → field id → value. */
  const customValues = new Map<string, Map<string, unknown>>();
  const log = new RequestLog();
  const faults = new FaultScript();
  let lastN = 0;

  const add = (record: Row) => {
    employments.set(String(record.id), record);
    rows.push(record);
  };
  for (let n = 1; n <= (options.people ?? 20); n++) {
    const generated = generatedEmployment(n);
    add(generated.employment);
    offboardings.push(...generated.offboardings);
    customValues.set(employmentId(n), new Map<string, unknown>([[NUMBER_OF_CHILDREN_FIELD_ID, n % 4], [SHIRT_SIZE_FIELD_ID, ['S', 'M', 'L'][n % 3]]]));
    if (n === 1) for (let i = 0; i < (options.malformedRecords ?? 0); i++) rows.push({ full_name: 'Orphan Record', status: 'active', type: 'employee' });
    lastN = n;
  }

  const state: FakeRemoteState = {
    employments,
    offboardings,
    companies,
    tokens,
    log,
    faults,
    addEmployment(record) {
      const id = employmentId(++lastN);
      const now = new Date().toISOString();
      add({ status: 'active', type: 'employee', company_id: FAKE_REMOTE_COMPANIES[0].id, country: COUNTRIES[0], department: null, department_id: null, basic_information: {}, created_at: now, updated_at: now, ...record, id });
      return id;
    },
    editEmployment(id, record) {
      const employment = employments.get(id);
      if (!employment) throw new Error(`fake Remote has no employment ${id}`);
      Object.assign(employment, record, { id, updated_at: new Date().toISOString() });
    },
    offboard(id, fields) {
      if (!employments.has(id)) throw new Error(`fake Remote has no employment ${id}`);
      const n = offboardings.length + 1;
      const row: Row = { id: `ob-x-${n}`, employment_id: id, type: 'termination', status: 'submitted', confidential: false, submitted_at: new Date().toISOString(), termination_date: null, ...fields };
      offboardings.push(row);
      return String(row.id);
    },
    addCustomField(name, type = 'string') {
      const id = `cf-${customFields.length + 1}`;
      customFields.push({ id, name, type });
      return id;
    },
    setCustomValue(id, fieldId, value) {
      if (!customValues.has(id)) customValues.set(id, new Map());
      customValues.get(id)!.set(fieldId, value);
    },
    customValue(id, fieldId) {
      return customValues.get(id)?.get(fieldId) ?? null;
    },
    throttleNext(count, retryAfterSeconds) {
      faults.replace('throttleNext', count, { kind: 'throttle', retryAfterSeconds });
    },
  };

  // No rate limit is published; a throttle is answered 429 { message } (Retry-After when the script gives one).
  const dialect: FaultDialect = {
    throttled: (seconds) => ({ ...error(429, 'Too many requests'), headers: retryAfterHeader(seconds) }),
    unavailable: (status) => error(status, status === 503 ? 'Service Unavailable' : 'Internal Server Error'),
    expiredToken: () => {
      tokens.expireAll();
      return unauthorized();
    },
  };

  /** POST /auth/oauth2/token: the client by Basic header or in the body (form or JSON), grant_type=client_credentials. */
  const token = (req: FakeRequest): FakeResponse => {
    const fields = requestFields(req);
    const basic = basicCredentials(req.headers.authorization);
    const id = basic?.user ?? fields.client_id;
    const secret = basic?.password ?? fields.client_secret;
    if (fields.grant_type !== 'client_credentials') return error(400, 'unsupported grant_type');
    if (id !== clientId || secret !== clientSecret) return unauthorized();
    const accessToken = tokens.issue(undefined);
    return { status: 200, body: { access_token: accessToken, token_type: 'Bearer', expires_in: options.tokenLifetimeSeconds ?? 3600, ...(fields.scope ? { scope: fields.scope } : {}) } };
  };

  const guard = (req: FakeRequest): FakeResponse | undefined => {
    if (req.url.pathname === '/auth/oauth2/token') return undefined;
    const presented = bearerToken(req.headers.authorization);
    if (presented === null) return unauthorized();
    if (presented === apiToken) return undefined;
    return tokens.state(presented) === 'valid' ? undefined : unauthorized();
  };

  /** One page: ?page=N from 1 (default 1), page_size (default 20, capped), the data envelope. */
  function paged(key: string, items: readonly Row[], query: URLSearchParams): FakeResponse {
    const page = intParam(query.get('page'), 1);
    const asked = intParam(query.get('page_size'), DEFAULT_PAGE_SIZE);
    if (page === null || page < 1) return error(422, 'page is invalid');
    if (asked === null || asked < 1) return error(422, 'page_size is invalid');
    const size = Math.min(asked, maxPageSize);
    const totalPages = Math.ceil(items.length / size);
    return { status: 200, body: { data: { [key]: items.slice((page - 1) * size, page * size), current_page: page, total_pages: totalPages, total_count: items.length } } };
  }

  const handle = router(
    [
      ['POST', '/auth/oauth2/token', token],
      [
        'GET',
        '/v1/employments',
        (req) => {
          const q = req.url.searchParams;
          const status = q.get('status');
          const listed = rows.filter((r) => {
            if (r.id === undefined) return status === null || status === 'active';
            if (status !== null ? r.status !== status : r.status === 'deleted') return false;
            if (q.has('company_id') && r.company_id !== q.get('company_id')) return false;
            return !q.has('email') || r.personal_email === q.get('email');
          });
          return paged('employments', listed.map((r) => (r.id === undefined ? r : minimal(r))), q);
        },
      ],
      [
        'GET',
        /^\/v1\/employments\/([^/]+)$/,
        (_req, id) => {
          const employment = employments.get(decodeURIComponent(id));
          return employment ? { status: 200, body: { data: { employment } } } : error(404, 'Employment not found');
        },
      ],
      [
        'GET',
        '/v1/offboardings',
        (req) => {
          const q = req.url.searchParams;
          const listed = offboardings.filter(
            (o) => (q.get('include_confidential') === 'true' || o.confidential !== true) && (!q.has('employment_id') || o.employment_id === q.get('employment_id')) && (!q.has('type') || o.type === q.get('type')),
          );
          return paged('offboardings', listed, q);
        },
      ],
      ['GET', '/v1/companies', () => ({ status: 200, body: { companies } })],
      ['GET', '/v1/custom-fields', (req) => paged('custom_fields', customFields, req.url.searchParams)],
      [
        'GET',
        /^\/v1\/custom-fields\/([^/]+)\/values\/([^/]+)$/,
        (_req, fieldId, id) => {
          const field = decodeURIComponent(fieldId);
          const employment = decodeURIComponent(id);
          if (!customFields.some((f) => f.id === field)) return error(404, 'Custom field not found');
          if (!employments.has(employment)) return error(404, 'Employment not found');
          return { status: 200, body: { data: { custom_field_value: { custom_field_id: field, value: customValues.get(employment)?.get(field) ?? null } } } };
        },
      ],
    ],
    { guard, notFound: () => error(404, 'Not Found'), methodNotAllowed: () => error(405, 'Method Not Allowed'), trimSlash: true },
  );

  const listings = [{ path: '/v1/employments', records: (body: unknown) => (body as { data?: { employments?: unknown[] } } | undefined)?.data?.employments }];
  const server = await serveVendorFake({ handle, dialect, listings, faults, log, port: options.port });
  return { url: server.url, faults, log, close: () => server.close(), state };
}
