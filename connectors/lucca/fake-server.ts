// A local Lucca for tests, demos and benchmarks, answering like the Lucca API (Api-Version
// 2024-11-01) under /lucca-api plus the global authorization server's POST /connect/token: OAuth2
// client credentials (form body; OAuth errors { error }), bearer tokens of 1800 s, the required
// Api-Version header, RFC 7807 problem details for errors, cursor paging (limit default 25, at most
// 100; `page` continuation tokens; links.next.href, totalCount and embedded only when ?include asks),
// employees whose status is calculated from their employment (active, upcoming, deactivated; former
// employees are listed only when ?status asks for them), employments, employment templates, legal
// entities, employee extension definitions and values, and Lucca's 50 requests a minute (429 with
// Retry-After). Outages and throttles also come from the fault script.
import {
  expireAndRefuse,
  fakePerson,
  headerGuard,
  listingAt,
  positionToken,
  readPositionToken,
  retryAfterHeader,
  RollingWindowLimit,
  router,
  serveFake,
  tokenGuard,
  TokenStore,
  firstRefusal,
  withCounters,
  type FakeCounters,
  type FakeRequest,
  type FakeResponse,
  type FaultDialect,
  type RunningFake,
} from '../kit/fake';
import { FakeLuccaWebhooks } from './fake-webhooks';

export const FAKE_LUCCA_TENANT = 'example';
export const FAKE_LUCCA_CLIENT_ID = 'fake-lucca-client-id';
export const FAKE_LUCCA_CLIENT_SECRET = 'fake-lucca-client-secret';
export const NUMBER_OF_CHILDREN_EXTENSION = 'e_number_of_children';
export const SHIRT_SIZE_EXTENSION = 'e_tshirt_size';
export const FAKE_LUCCA_API_VERSION = '2024-11-01';
/** The fake's refusal of unknown client credentials (IdentityServer-style body; Lucca's own text is not published). */
export const INVALID_CLIENT_ERROR = 'invalid_client';

const TOKEN_LIFETIME_SECONDS = 1800;
const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;
const STATUSES = ['active', 'upcoming', 'deactivated'];

export interface FakeLuccaOptions {
  /** Generated employees (deterministic, fictitious): every 5th has left, every 7th is leaving in 2030. */
  people?: number;
  /** Employee records without an id, placed among the first page. */
  malformedRecords?: number;
  /** The most served per page (default 100, Lucca's cap); lower it for many pages from few people. */
  maxLimit?: number;
  /** Requests a minute on /lucca-api before 429 (default 50, Lucca's limit); null: no limit. */
  requestsPerMinute?: number | null;
  /** Employments left out of `embedded` (ids), to be read one by one. */
  unembeddedEmployments?: string[];
  /** Scopes the client application was granted (default: every read scope the connector asks for). */
  grantedScopes?: string[];
  port?: number;
}

type Row = Record<string, unknown>;

export interface FakeLuccaState extends FakeCounters {
  /** Employee id → employee record (status kept in step with the employment). */
  readonly employees: Map<string, Row>;
  /** Employment id → employment record. */
  readonly employments: Map<string, Row>;
  readonly tokens: TokenStore;
  /** Employee id → extension definition id → value. */
  readonly extensionValues: Map<string, Map<string, unknown>>;
  addEmployee(record: Row, employment?: Row): string;
  editEmployee(id: string, record: Row): void;
  /** Ends the employee's employment on this day (status follows). */
  terminateEmployee(id: string, endDate: string): void;
  addExtensionDefinition(name: string, schemaType?: string): string;
  setExtension(employeeId: string, definitionId: string, value: unknown): void;
  extension(employeeId: string, definitionId: string): unknown;
  /** Legal entity id of an employee's employment. */
  legalEntityOf(employeeId: string): string | null;
  endDateOf(employeeId: string): string | null;
  /** Declared webhook-endpoints; every add, edit and termination above posts its events to them. */
  readonly webhooks: FakeLuccaWebhooks;
}

export type RunningFakeLucca = RunningFake<FakeLuccaState>;

export const FAKE_LEGAL_ENTITIES = [
  { id: '1', legalName: 'Example France S.A.S.', countryCode: 'FRA' },
  { id: '2', legalName: 'Example Suisse S.A.', countryCode: 'CHE' },
];
const TEMPLATES = [
  { id: '1', title: 'CDI', term: 'permanent', audience: 'employee' },
  { id: '2', title: 'CDD', term: 'fixed', audience: 'employee' },
  { id: '3', title: 'Convention de stage', term: 'fixed', audience: 'student' },
  { id: '4', title: 'Freelance', term: 'fixed', audience: 'external' },
];

function problem(status: number, title: string, detail: string): FakeResponse {
  return { status, headers: { 'content-type': 'application/problem+json' }, body: { type: `https://developers.lucca.fr/errors/${status}`, title, status, detail } };
}

const ref = (type: string, id: string, base: string, path: string) => ({ id, type, url: `${base}/lucca-api/${path}/${id}` });

/** Status as Lucca calculates it from the employment. */
function statusOf(employment: Row, today: string): string {
  const start = (employment.start as { date: string }).date;
  const end = (employment.end as { date: string } | null)?.date ?? null;
  if (start > today) return 'upcoming';
  if (end !== null && end < today) return 'deactivated';
  return 'active';
}

export async function startFakeLucca(options: FakeLuccaOptions = {}): Promise<RunningFakeLucca> {
  const maxLimit = Math.min(MAX_LIMIT, options.maxLimit ?? MAX_LIMIT);
  const granted = new Set(options.grantedScopes ?? ['employees.readonly', 'employments.readonly', 'employment-templates.readonly', 'legal-entities.readonly', 'employee-extensions.readonly']);
  const limit = options.requestsPerMinute === null ? null : new RollingWindowLimit(options.requestsPerMinute ?? 50);
  const unembedded = new Set(options.unembeddedEmployments ?? []);
  const today = () => new Date().toISOString().slice(0, 10);
  let base = '';
  const employees = new Map<string, Row>();
  const employments = new Map<string, Row>();
  const extensionValues = new Map<string, Map<string, unknown>>();
  const definitions: Row[] = [
    { id: NUMBER_OF_CHILDREN_EXTENSION, type: 'employee-extension-definition', name: 'Number of children', schema: { type: ['integer', 'null'] }, multipleValueHandling: null, isArchived: false },
    { id: SHIRT_SIZE_EXTENSION, type: 'employee-extension-definition', name: 'T-shirt size', schema: { type: ['string', 'null'] }, multipleValueHandling: null, isArchived: false },
  ];
  /** Listing order (id ascending, as Lucca sorts by default); malformed records live only here. */
  const rows: Row[] = [];
  let lastN = 0;

  const addEmployment = (employeeId: string, values: Row): string => {
    const id = String(4000 + Number(employeeId));
    employments.set(id, {
      id,
      type: 'employment',
      url: '',
      employee: { id: employeeId, type: 'employee' },
      legalEntity: { id: '1', type: 'legal-entity' },
      start: { date: '2020-01-01' },
      end: null,
      template: { id: '1', type: 'employment-template' },
      createdAt: '2024-01-01T08:00:00.0001Z',
      lastUpdatedAt: '2024-01-01T08:00:00.0001Z',
      ...values,
    });
    return id;
  };
  const add = (record: Row) => {
    employees.set(String(record.id), record);
    rows.push(record);
  };

  for (let n = 1; n <= (options.people ?? 20); n++) {
    const { firstName, lastName, emailLocalPart, terminated, leaving, hireDate, terminationDate } = fakePerson(n);
    const upcoming = !terminated && !leaving && n % 11 === 4;
    const id = String(n);
    const employmentId = addEmployment(id, {
      legalEntity: { id: FAKE_LEGAL_ENTITIES[n % 2].id, type: 'legal-entity' },
      start: { date: upcoming ? '2030-01-04' : hireDate },
      end: terminationDate ? { date: terminationDate } : null,
      template: { id: TEMPLATES[n % 13 === 6 ? 3 : n % 17 === 3 ? 2 : terminationDate && n % 2 ? 1 : 0].id, type: 'employment-template' },
    });
    add({
      id,
      type: 'employee',
      remoteId: null,
      givenName: firstName,
      familyName: lastName,
      employeeNumber: `E${String(n).padStart(6, '0')}`,
      email: `${emailLocalPart}@example.com`,
      birthDay: { day: (n % 28) + 1, month: (n % 12) + 1 },
      phoneNumber: null,
      applicableEmployment: { id: employmentId, type: 'employment' },
      createdAt: `${hireDate}T08:00:00.0001Z`,
      lastUpdatedAt: '2026-01-01T08:00:00.0001Z',
    });
    extensionValues.set(id, new Map<string, unknown>([[NUMBER_OF_CHILDREN_EXTENSION, n % 4], [SHIRT_SIZE_EXTENSION, ['S', 'M', 'L'][n % 3]]]));
    if (n === 1) for (let i = 0; i < (options.malformedRecords ?? 0); i++) rows.push({ type: 'employee', givenName: 'Orphan', familyName: 'Record', status: 'active' });
    lastN = n;
  }

  const employmentOf = (employee: Row) => employments.get(String((employee.applicableEmployment as { id?: string } | null)?.id));
  const touch = (row: Row) => (row.lastUpdatedAt = new Date().toISOString());

  const webhooks = new FakeLuccaWebhooks(FAKE_LUCCA_API_VERSION, () => base);
  const state = withCounters<FakeLuccaState>({
    webhooks,
    employees,
    employments,
    extensionValues,
    tokens: new TokenStore(TOKEN_LIFETIME_SECONDS, 'fake-lucca-token-'),
    addEmployee(record, employment = {}) {
      const id = String(++lastN);
      const employmentId = addEmployment(id, { start: { date: today() }, ...employment });
      add({ type: 'employee', remoteId: null, phoneNumber: null, createdAt: new Date().toISOString(), lastUpdatedAt: new Date().toISOString(), ...record, id, applicableEmployment: { id: employmentId, type: 'employment' } });
      webhooks.emit('employee.created', employeeView(employees.get(id)!));
      webhooks.emit('employment.created', employmentView(employments.get(employmentId)!));
      return id;
    },
    editEmployee(id, record) {
      const employee = employees.get(id);
      if (!employee) throw new Error(`fake Lucca has no employee ${id}`);
      const previousAttributes = Object.fromEntries(Object.keys(record).map((k) => [k, employee[k] ?? null]));
      Object.assign(employee, record, { id });
      touch(employee);
      webhooks.emit('employee.updated', { ...employeeView(employee), previousAttributes });
    },
    terminateEmployee(id, endDate) {
      const employment = employmentOf(employees.get(id) ?? {});
      if (!employment) throw new Error(`fake Lucca has no employment for employee ${id}`);
      const previousAttributes = { end: employment.end ?? null };
      employment.end = { date: endDate };
      touch(employment);
      touch(employees.get(id)!);
      webhooks.emit('employment.updated', { ...employmentView(employment), previousAttributes });
    },
    addExtensionDefinition(name, schemaType = 'string') {
      const id = `e_custom_${definitions.length + 1}`;
      definitions.push({ id, type: 'employee-extension-definition', name, schema: { type: [schemaType, 'null'] }, multipleValueHandling: null, isArchived: false });
      return id;
    },
    setExtension(employeeId, definitionId, value) {
      if (!extensionValues.has(employeeId)) extensionValues.set(employeeId, new Map());
      extensionValues.get(employeeId)!.set(definitionId, value);
    },
    extension(employeeId, definitionId) {
      return extensionValues.get(employeeId)?.get(definitionId) ?? null;
    },
    legalEntityOf(employeeId) {
      const employment = employmentOf(employees.get(employeeId) ?? {});
      return (employment?.legalEntity as { id?: string } | null)?.id ?? null;
    },
    endDateOf(employeeId) {
      const employment = employmentOf(employees.get(employeeId) ?? {});
      return (employment?.end as { date?: string } | null)?.date ?? null;
    },
  });

  const unauthorized = (detail: string) => problem(401, 'Unauthorized', detail);
  const dialect: FaultDialect = {
    throttled: (seconds) => ({ ...problem(429, 'Too Many Requests', 'More than 50 requests in a 60 seconds window.'), headers: { 'content-type': 'application/problem+json', ...retryAfterHeader(seconds) } }),
    unavailable: (status) => problem(status, status === 503 ? 'Service Unavailable' : 'Internal Server Error', 'The Lucca API is unavailable. Retry later.'),
    expiredToken: expireAndRefuse(() => state.tokens.expireAll(), () => unauthorized('The access token expired.')),
  };

  /** Each record with the server's URLs; employees carry the status calculated from their employment. */
  const employeeView = (row: Row): Row => {
    if (row.id === undefined) return { ...row };
    const employment = employmentOf(row);
    return { ...row, url: `${base}/lucca-api/employees/${row.id}`, status: employment ? statusOf(employment, today()) : 'deactivated', applicableEmployment: employment ? ref('employment', String(employment.id), base, 'employments') : null };
  };
  const employmentView = (row: Row): Row => ({
    ...row,
    url: `${base}/lucca-api/employments/${row.id}`,
    status: statusOf(row, today()),
    employee: ref('employee', String((row.employee as { id: string }).id), base, 'employees'),
    legalEntity: ref('legal-entity', String((row.legalEntity as { id: string }).id), base, 'legal-entities'),
    template: ref('employment-template', String((row.template as { id: string }).id), base, 'employment-templates'),
  });

  /** One page of a collection: limit, page token, include (embedded, links, totalCount). */
  function collection(req: FakeRequest, type: string, path: string, items: Row[], embed?: (page: Row[]) => Record<string, Record<string, Row>>): FakeResponse {
    const query = req.url.searchParams;
    const rawLimit = query.get('limit');
    const asked = rawLimit === null || rawLimit === '' ? DEFAULT_LIMIT : Number(rawLimit);
    if (!Number.isInteger(asked) || asked < 0 || asked > MAX_LIMIT) return problem(400, 'Bad Request', `limit must be an integer between 0 and ${MAX_LIMIT}.`);
    const size = Math.min(asked, maxLimit);
    const token = query.get('page');
    const at = token === null ? 0 : token.startsWith('!') ? readPositionToken(type, token.slice(1)) : null;
    if (at === null) return problem(400, 'Bad Request', 'The page token is invalid or expired.');
    const page = items.slice(at, at + size);
    const include = new Set((query.getAll('include').join(',') || '').split(',').map((s) => s.trim()).filter(Boolean));
    const next = at + page.length < items.length && size > 0 ? `${base}/lucca-api/${path}?page=!${positionToken(type, at + page.length)}&limit=${size}` : null;
    const body: Row = { type, url: `${base}${req.url.pathname}${req.url.search}`, items: page };
    if (include.has('totalCount')) body.totalCount = items.length;
    if (include.has('embedded')) body.embedded = embed ? embed(page) : null;
    if (include.has('links')) body.links = { prev: at > 0 ? { href: `${base}/lucca-api/${path}?page=!${positionToken(type, Math.max(0, at - size))}&limit=${size}` } : null, next: next ? { href: next } : null };
    return { status: 200, body };
  }

  /** ?name=a,b or ?name=a&name=b. */
  const listParam = (query: URLSearchParams, name: string): string[] | null => {
    const values = query.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
    return values.length ? values : null;
  };

  function listEmployees(req: FakeRequest): FakeResponse {
    const statuses = listParam(req.url.searchParams, 'status') ?? ['active', 'upcoming'];
    const unknown = statuses.find((s) => !STATUSES.includes(s));
    if (unknown) return problem(400, 'Bad Request', `'${unknown}' is not a valid employee status.`);
    const ids = listParam(req.url.searchParams, 'id');
    const items = rows.map(employeeView).filter((e) => e.id === undefined || (statuses.includes(String(e.status)) && (!ids || ids.includes(String(e.id)))));
    return collection(req, 'employees', 'employees', items, (page) => {
      const embedded: Record<string, Row> = {};
      for (const e of page) {
        const employment = e.id === undefined ? undefined : employmentOf(employees.get(String(e.id)) ?? {});
        if (employment && !unembedded.has(String(employment.id))) embedded[String(employment.id)] = employmentView(employment);
      }
      return { employment: embedded };
    });
  }

  function issueToken(req: FakeRequest): FakeResponse {
    if (!String(req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) return { status: 400, body: { error: 'invalid_request' } };
    const form = new URLSearchParams(req.body);
    if (form.get('grant_type') !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type' } };
    if (form.get('client_id') !== FAKE_LUCCA_CLIENT_ID || form.get('client_secret') !== FAKE_LUCCA_CLIENT_SECRET) return { status: 400, body: { error: INVALID_CLIENT_ERROR } };
    const scopes = (form.get('scope') ?? '').split(/\s+/).filter(Boolean);
    if (scopes.some((s) => !granted.has(s))) return { status: 400, body: { error: 'invalid_scope' } };
    return { status: 200, body: { access_token: state.tokens.issue(undefined), token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS, scope: scopes.join(' ') } };
  }

  const needs = (scope: string, handler: (req: FakeRequest, ...captures: string[]) => FakeResponse) => (req: FakeRequest, ...captures: string[]) =>
    granted.has(scope) ? handler(req, ...captures) : problem(403, 'Forbidden', `The client application lacks the scope ${scope}.`);

  const api = router(
    [
      ['GET', '/lucca-api/employees', needs('employees.readonly', listEmployees)],
      ['GET', /^\/lucca-api\/employments\/([^/]+)$/, needs('employments.readonly', (_req, id) => {
        const employment = employments.get(decodeURIComponent(id));
        return employment ? { status: 200, body: employmentView(employment) } : problem(404, 'Not Found', `No employment ${id}.`);
      })],
      ['GET', '/lucca-api/employment-templates', needs('employment-templates.readonly', (req) => collection(req, 'employment-templates', 'employment-templates', TEMPLATES.map((t) => ({ ...t, type: 'employment-template', url: `${base}/lucca-api/employment-templates/${t.id}` }))))],
      ['GET', '/lucca-api/legal-entities', needs('legal-entities.readonly', (req) => collection(req, 'legal-entities', 'legal-entities', FAKE_LEGAL_ENTITIES.map((l) => ({ ...l, type: 'legal-entity', url: `${base}/lucca-api/legal-entities/${l.id}`, isArchived: false }))))],
      ['GET', '/lucca-api/employee-extension-definitions', needs('employee-extensions.readonly', (req) => collection(req, 'employee-extension-definitions', 'employee-extension-definitions', definitions))],
      ['GET', '/lucca-api/employee-extensions', needs('employee-extensions.readonly', (req) => collection(req, 'employee-extensions', 'employee-extensions', extensionRows()))],
      // The scope webhook-endpoints need is not published: the fake asks for none.
      ['POST', '/lucca-api/webhook-endpoints', (req) => webhooks.create(req)],
      ['GET', '/lucca-api/webhook-endpoints', (req) => collection(req, 'webhook-endpoints', 'webhook-endpoints', webhooks.list())],
      ['GET', /^\/lucca-api\/webhook-endpoints\/([^/]+)$/, (_req, id) => webhooks.get(decodeURIComponent(id))],
      ['DELETE', /^\/lucca-api\/webhook-endpoints\/([^/]+)$/, (_req, id) => webhooks.delete(decodeURIComponent(id))],
    ],
    {
      guard: firstRefusal(
        tokenGuard((token) => state.tokens.state(token), (why) => unauthorized(why === 'missing' ? 'No access token was given.' : why === 'expired' ? 'The access token expired.' : 'The access token is not valid.')),
        (req) => (req.headers['api-version'] === undefined ? problem(400, 'Bad Request', 'The Api-Version header is required.') : undefined),
        headerGuard('api-version', FAKE_LUCCA_API_VERSION, () => problem(400, 'Bad Request', `Unsupported Api-Version; available: ${FAKE_LUCCA_API_VERSION}.`)),
        () => (limit === null || limit.allow() ? undefined : { ...problem(429, 'Too Many Requests', 'More than 50 requests in a 60 seconds window.'), headers: { 'content-type': 'application/problem+json', 'retry-after': '60' } }),
      ),
      notFound: (_req, path) => problem(404, 'Not Found', `No resource at ${path}.`),
      methodNotAllowed: (req) => problem(405, 'Method Not Allowed', `${req.method} is not supported by this fake.`),
    },
  );

  function extensionRows(): Row[] {
    const out: Row[] = [];
    for (const [employeeId, values] of extensionValues) {
      for (const [definitionId, value] of values) {
        if (value === null || value === undefined) continue;
        out.push({ id: `${definitionId}-${employeeId}`, type: 'employee-extension', extensionDefinition: ref('employee-extension-definition', definitionId, base, 'employee-extension-definitions'), employee: ref('employee', employeeId, base, 'employees'), value });
      }
    }
    return out;
  }

  const handle = router(
    [
      ['POST', '/connect/token', issueToken],
      ['*', /^\/lucca-api\//, api],
    ],
    { notFound: (_req, path) => problem(404, 'Not Found', `No resource at ${path}.`) },
  );

  const running = await serveFake(state, { handle, dialect, listings: [listingAt('/lucca-api/employees', 'items')], port: options.port });
  base = running.url;
  return running;
}
