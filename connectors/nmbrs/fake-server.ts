// A local Nmbrs for tests, demos and benchmarks: the identity service's POST /connect/token
// (refresh_token grant; client id and secret in the form or as Basic; OAuth errors invalid_grant /
// invalid_client), and the REST API under /api behind an API gateway that wants X-Subscription-Key
// ({ statusCode, message } refusals, 429 "Rate limit is exceeded" with Retry-After) and a bearer
// token (an expired or unknown one: 401 with WWW-Authenticate). GET /api/companies,
// /api/companies/{id}/employees(/personalinfo|/employments|/children) page with pageNumber/pageSize
// in { data, pagination: { pageNumber, pageSize, totalPages, totalRecords, nextPage } }; personal
// info filters on employeeType (without it, former staff are left out: assumed). See NOTES.md.
import { basicCredentials, fakePerson, FaultScript, RequestLog, retryAfterHeader, RollingWindowLimit, router, serveVendorFake, TokenStore, tokenGuard, firstRefusal, type FakeRequest, type FakeResponse, type FaultDialect, type Guard } from '../kit/fake';
import { NMBRS_EMPLOYEE_TYPES } from './mapping';

export interface FakeNmbrsOptions {
  /** Generated employees, spread over the companies; every 5th has left, every 7th is leaving. */
  employees?: number;
  /** Personal info records without an employeeId, among the first company's payroll page. */
  malformedRecords?: number;
  /** The most served per page (default 100). */
  maxPageSize?: number;
  /** Hand out a new refresh token with every access token, the old one stops working. */
  rotateRefreshTokens?: boolean;
  /** The children records endpoint answers 404 (Nmbrs may not offer it). */
  withoutChildren?: boolean;
  /** A gateway rate limit (requests per window); default none. */
  rateLimit?: { requests: number; windowMs: number } | null;
  port?: number;
}

type Row = Record<string, unknown>;

export interface FakeNmbrsState {
  readonly companies: readonly { companyId: string; number: number; name: string }[];
  /** employeeId → { companyId, type, info (history), employments, children }. */
  readonly employees: Map<string, FakeNmbrsEmployee>;
  readonly tokens: TokenStore;
  /** The refresh tokens that still work. */
  readonly refreshTokens: Set<string>;
  readonly log: RequestLog;
  readonly faults: FaultScript;
  addEmployee(companyId: string, type: string, info: Row, employments?: Row[]): string;
  /** Ends the latest employment as Nmbrs shows it; the type becomes formerPayroll once the day passed. */
  endEmployment(id: string, endDate: string): void;
  /** Replaces an employee's personal info with a newer entry (the history keeps the old one). */
  newInfo(id: string, info: Row): void;
}

export interface FakeNmbrsEmployee {
  companyId: string;
  type: string;
  info: Row[];
  employments: Row[];
  children: Row[];
}

export interface RunningFakeNmbrs {
  url: string;
  faults: FaultScript;
  log: RequestLog;
  close(): Promise<void>;
  state: FakeNmbrsState;
}

export const FAKE_NMBRS_CLIENT_ID = 'fake-nmbrs-client';
export const FAKE_NMBRS_CLIENT_SECRET = 'fake-nmbrs-client-secret';
export const FAKE_NMBRS_REFRESH_TOKEN = 'fake-nmbrs-refresh-token';
export const FAKE_NMBRS_SUBSCRIPTION_KEY = 'fake-nmbrs-subscription-key';
export const FAKE_NMBRS_COMPANIES = [
  { companyId: 'c0000000-0000-4000-8000-000000000001', number: 1, name: 'Voorbeeld B.V.' },
  { companyId: 'c0000000-0000-4000-8000-000000000002', number: 2, name: 'Voorbeeld Detachering B.V.' },
  { companyId: 'c0000000-0000-4000-8000-000000000003', number: 3, name: 'Voorbeeld Holding B.V.' },
] as const;

const TOKEN_LIFETIME_SECONDS = 3600;
const MAX_PAGE_SIZE = 100;
const CURRENT_TYPES = ['newHire', 'payroll', 'external'];
const ALL_TYPES = [...NMBRS_EMPLOYEE_TYPES, 'applicant', 'rejectedApplicant'];

const employeeId = (n: number) => `e0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
/** Nmbrs date-times: the day at midnight UTC. */
const dateTime = (day: string | null): string | null => (day === null ? null : `${day}T00:00:00Z`);

/** Deterministic fictitious employee `n` (1-based) in Nmbrs' shapes. */
function generatedEmployee(n: number): FakeNmbrsEmployee {
  const { firstName, lastName, emailLocalPart, terminated, hireDate, terminationDate } = fakePerson(n);
  const onboarding = !terminated && n % 11 === 4;
  const external = !terminated && n % 13 === 6;
  const type = terminated ? (n % 10 === 0 ? 'formerExternal' : 'formerPayroll') : onboarding ? 'newHire' : external ? 'external' : 'payroll';
  const start = onboarding ? '2030-01-06' : hireDate;
  const info = (createdAt: string, email: string): Row => ({
    personalInfoId: `p${String(n).padStart(7, '0')}-${createdAt.slice(0, 4)}`,
    basicInfo: { employeeNumber: 1000 + n, firstName, firstNameInFull: firstName, prefix: n % 6 === 0 ? 'van der' : null, initials: `${firstName[0]}.`, lastName, employeeType: type },
    birthInfo: { birthDate: dateTime(`19${70 + (n % 30)}-0${1 + (n % 9)}-1${n % 10}`), birthCountry: { codeISO: 'NL' }, nationality: { codeISO: 'NL' }, deceasedOn: null, gender: ['male', 'female', 'unspecified', 'unknown'][n % 4] },
    contactInfo: { privateEmail: `${emailLocalPart}@mail.example.net`, businessEmail: email, businessPhone: null, businessMobilePhone: null, privatePhone: null, privateMobilePhone: null, otherPhone: null },
    partnerInfo: { partnerPrefix: null, partnerName: null, ascriptionCode: 0 },
    period: { year: Number(createdAt.slice(0, 4)), period: 1 },
    createdAt,
  });
  // Every 8th has an older personal info entry with an old address: only the newest counts.
  const history = n % 8 === 0 ? [info('2019-01-01T09:00:00Z', `${emailLocalPart}@old.example.com`), info('2024-02-01T09:00:00Z', `${emailLocalPart}@example.nl`)] : [info('2024-02-01T09:00:00Z', `${emailLocalPart}@example.nl`)];
  const employments: Row[] = [{ employmentId: `a${String(n).padStart(7, '0')}`, startDate: dateTime(start), endDate: dateTime(terminationDate), seniorityDate: dateTime(start), endOfContractReason: terminated ? 3 : null, createdAt: dateTime(start) }];
  // Every 9th was employed before (an ended earlier employment): the latest one counts.
  if (n % 9 === 0) employments.unshift({ employmentId: `b${String(n).padStart(7, '0')}`, startDate: dateTime('2008-03-01'), endDate: dateTime('2010-12-31'), seniorityDate: null, endOfContractReason: 1, createdAt: dateTime('2008-03-01') });
  const children = Array.from({ length: n % 4 }, (_, i) => ({ childId: `k${n}-${i}`, firstName: `Kind ${i + 1}`, lastName, birthDate: dateTime(`201${i}-05-0${1 + i}`), gender: i % 2 ? 'female' : 'male' }));
  return { companyId: FAKE_NMBRS_COMPANIES[n % FAKE_NMBRS_COMPANIES.length].companyId, type, info: history, employments, children };
}

export async function startFakeNmbrs(options: FakeNmbrsOptions = {}): Promise<RunningFakeNmbrs> {
  const maxPageSize = Math.min(MAX_PAGE_SIZE, options.maxPageSize ?? MAX_PAGE_SIZE);
  const limiter = options.rateLimit ? new RollingWindowLimit(options.rateLimit.requests, options.rateLimit.windowMs) : null;
  const employees = new Map<string, FakeNmbrsEmployee>();
  /** Listing order; malformed records (no employeeId) live only here. */
  const order: (string | Row)[] = [];
  const log = new RequestLog();
  const faults = new FaultScript();
  const tokens = new TokenStore(TOKEN_LIFETIME_SECONDS, 'fake-nmbrs-access-');
  const refreshTokens = new Set([FAKE_NMBRS_REFRESH_TOKEN]);
  let base = '';
  let lastN = 0;
  let rotation = 0;

  for (let n = 1; n <= (options.employees ?? 20); n++) {
    employees.set(employeeId(n), generatedEmployee(n));
    order.push(employeeId(n));
    if (n === 3) for (let i = 0; i < (options.malformedRecords ?? 0); i++) order.push({ companyId: FAKE_NMBRS_COMPANIES[0].companyId, type: 'payroll', record: { info: [] } });
    lastN = n;
  }

  const state: FakeNmbrsState = {
    companies: FAKE_NMBRS_COMPANIES,
    employees,
    tokens,
    refreshTokens,
    log,
    faults,
    addEmployee(companyId, type, info, employments = []) {
      const id = employeeId(++lastN);
      employees.set(id, { companyId, type, info: [{ createdAt: new Date().toISOString(), ...info }], employments, children: [] });
      order.push(id);
      return id;
    },
    endEmployment(id, endDate) {
      const e = employees.get(id);
      if (!e) throw new Error(`fake Nmbrs has no employee ${id}`);
      const latest = e.employments.at(-1);
      if (!latest) throw new Error(`fake Nmbrs employee ${id} has no employment`);
      latest.endDate = dateTime(endDate);
      if (endDate < new Date().toISOString().slice(0, 10)) e.type = e.type === 'external' ? 'formerExternal' : 'formerPayroll';
    },
    newInfo(id, info) {
      const e = employees.get(id);
      if (!e) throw new Error(`fake Nmbrs has no employee ${id}`);
      e.info.push({ ...e.info.at(-1), ...info, createdAt: new Date().toISOString() });
    },
  };

  /** RFC 7807 problem details, as the API answers errors. */
  const problem = (status: number, title: string, detail: string): FakeResponse => ({
    status,
    headers: { 'content-type': 'application/problem+json' },
    body: { type: `https://developer.nmbrs.com/docs/errors#${status}`, title, status, detail },
  });
  /** The API gateway's own answers. */
  const gateway = (status: number, message: string, headers: Record<string, string> = {}): FakeResponse => ({ status, headers, body: { statusCode: status, message } });
  const rateLimited = (seconds: number | undefined) => gateway(429, `Rate limit is exceeded. Try again in ${seconds ?? 1} seconds.`, retryAfterHeader(seconds));
  const bearerRefused = (description: string): FakeResponse => ({ status: 401, headers: { 'www-authenticate': `Bearer error="invalid_token", error_description="${description}"` }, body: '' });

  const dialect: FaultDialect = {
    throttled: (seconds) => rateLimited(seconds),
    unavailable: (status) => problem(status, status === 503 ? 'Service Unavailable' : 'Internal Server Error', 'The service is temporarily unavailable.'),
    expiredToken: () => {
      tokens.expireAll();
      return bearerRefused('The token expired');
    },
  };

  function issueToken(req: FakeRequest): FakeResponse {
    const form = new URLSearchParams(req.body);
    const basic = basicCredentials(req.headers.authorization);
    const clientId = basic?.user ?? form.get('client_id');
    const clientSecret = basic?.password ?? form.get('client_secret');
    if (clientId !== FAKE_NMBRS_CLIENT_ID || clientSecret !== FAKE_NMBRS_CLIENT_SECRET) return { status: 400, body: { error: 'invalid_client' } };
    if (form.get('grant_type') !== 'refresh_token') return { status: 400, body: { error: 'unsupported_grant_type' } };
    const refreshToken = form.get('refresh_token') ?? '';
    if (!refreshTokens.has(refreshToken)) return { status: 400, body: { error: 'invalid_grant' } };
    let next = refreshToken;
    if (options.rotateRefreshTokens) {
      refreshTokens.delete(refreshToken);
      next = `${FAKE_NMBRS_REFRESH_TOKEN}-${++rotation}`;
      refreshTokens.add(next);
    }
    return { status: 200, body: { access_token: tokens.issue(undefined), expires_in: TOKEN_LIFETIME_SECONDS, token_type: 'Bearer', refresh_token: next, scope: 'company.info.read employee.info.read employee.employment.read offline_access' } };
  }

  /** One page of a list: pageNumber (from 1) and pageSize (1–100). */
  function page(req: FakeRequest, items: unknown[]): FakeResponse {
    const query = req.url.searchParams;
    const pageNumber = query.has('pageNumber') ? Number(query.get('pageNumber')) : 1;
    const askedSize = query.has('pageSize') ? Number(query.get('pageSize')) : maxPageSize;
    if (!Number.isInteger(pageNumber) || pageNumber < 1) return problem(400, 'Bad Request', 'pageNumber must be 1 or more.');
    if (!Number.isInteger(askedSize) || askedSize < 1 || askedSize > MAX_PAGE_SIZE) return problem(400, 'Bad Request', `pageSize must be between 1 and ${MAX_PAGE_SIZE}.`);
    const pageSize = Math.min(askedSize, maxPageSize);
    const totalPages = Math.ceil(items.length / pageSize);
    const next = new URL(`${base}${req.url.pathname}${req.url.search}`);
    next.searchParams.set('pageNumber', String(pageNumber + 1));
    return {
      status: 200,
      body: {
        data: items.slice((pageNumber - 1) * pageSize, pageNumber * pageSize),
        pagination: { pageNumber, pageSize, totalPages, totalRecords: items.length, nextPage: pageNumber < totalPages ? next.toString() : null },
      },
    };
  }

  const inCompany = (companyId: string) => [...employees].filter(([, e]) => e.companyId === companyId);
  const companyOr404 = (req: FakeRequest, id: string, answer: (companyId: string) => FakeResponse): FakeResponse =>
    FAKE_NMBRS_COMPANIES.some((c) => c.companyId === decodeURIComponent(id)) ? answer(decodeURIComponent(id)) : problem(404, 'Not Found', `Company ${id} was not found.`);

  function personalInfo(req: FakeRequest, companyId: string): FakeResponse {
    const asked = req.url.searchParams.get('employeeType');
    if (asked !== null && !ALL_TYPES.includes(asked)) return problem(400, 'Bad Request', `employeeType must be one of ${ALL_TYPES.join(', ')}.`);
    const types = asked === null ? CURRENT_TYPES : [asked];
    const rows: Row[] = [];
    for (const entry of order) {
      if (typeof entry !== 'string') {
        if (entry.companyId === companyId && types.includes(String(entry.type))) rows.push({ ...(entry.record as Row) });
        continue;
      }
      const e = employees.get(entry)!;
      if (e.companyId === companyId && types.includes(e.type)) rows.push({ employeeId: entry, info: e.info.map((i) => ({ ...i, basicInfo: { ...(i.basicInfo as Row), employeeType: e.type } })) });
    }
    return page(req, rows);
  }

  const guard: Guard = firstRefusal(
    () => (limiter && !limiter.allow() ? rateLimited(1) : undefined),
    (req) => {
      const key = req.headers['x-subscription-key'];
      if (key === undefined) return gateway(401, 'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.');
      return key === FAKE_NMBRS_SUBSCRIPTION_KEY ? undefined : gateway(401, 'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.');
    },
    tokenGuard((token) => tokens.state(token), (why) => (why === 'missing' ? { status: 401, headers: { 'www-authenticate': 'Bearer' }, body: '' } : bearerRefused(why === 'expired' ? 'The token expired' : 'The token is not valid'))),
  );

  const api = router(
    [
      ['GET', '/api/companies', (req) => page(req, FAKE_NMBRS_COMPANIES.map((c) => ({ ...c, debtorId: 'd0000000-0000-4000-8000-000000000001' })))],
      ['GET', /^\/api\/companies\/([^/]+)\/employees$/, (req, id) => companyOr404(req, id, (cid) => page(req, inCompany(cid).filter(([, e]) => e.type === (req.url.searchParams.get('employeeType') ?? e.type)).map(([eid, e]) => ({ employeeId: eid, employeeBasicInfo: { ...(e.info.at(-1)!.basicInfo as Row), employeeType: e.type } }))))],
      ['GET', /^\/api\/companies\/([^/]+)\/employees\/personalinfo$/, (req, id) => companyOr404(req, id, (cid) => personalInfo(req, cid))],
      ['GET', /^\/api\/companies\/([^/]+)\/employees\/employments$/, (req, id) => companyOr404(req, id, (cid) => page(req, inCompany(cid).map(([eid, e]) => ({ employeeId: eid, employments: e.employments.map((x) => ({ ...x })) }))))],
      [
        'GET',
        /^\/api\/companies\/([^/]+)\/employees\/children$/,
        (req, id) => (options.withoutChildren ? problem(404, 'Not Found', 'Resource not found.') : companyOr404(req, id, (cid) => page(req, inCompany(cid).filter(([, e]) => e.children.length).map(([eid, e]) => ({ employeeId: eid, children: e.children }))))),
      ],
    ],
    { guard, trimSlash: true, notFound: (_req, path) => problem(404, 'Not Found', `No resource at ${path}.`) },
  );

  const handle = (req: FakeRequest) => (req.method === 'POST' && req.url.pathname === '/connect/token' ? issueToken(req) : api(req));
  const listings = [{ path: /^\/api\/companies\/[^/]+\/employees\/personalinfo$/, records: (body: unknown) => (body as { data?: unknown[] } | undefined)?.data }];
  const server = await serveVendorFake({ handle, dialect, listings, faults, log, port: options.port });
  base = server.url;
  return { url: server.url, faults, log, close: () => server.close(), state };
}
