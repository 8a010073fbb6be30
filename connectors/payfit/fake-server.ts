// A local PayFit for tests, demos and benchmarks: the Partner API and the OAuth host's introspection
// on one server. Bearer API keys (refusals { error, details }), POST /introspect (RFC 7662: 200 with
// active false for a key it does not know), GET /companies/{companyId} and
// GET /companies/{companyId}/collaborators (maxResults 1–50, default 10; opaque nextPageToken in
// meta). PayFit limits each client application to 50 read requests per second: 429
// { message: "API rate limit exceeded" } with X-RateLimit-Limit-Second / X-RateLimit-Remaining-Second
// and no Retry-After; the fault script throttles the same way.
import { bearerToken, fakePerson, FaultScript, isoDay, numberParam, RequestLog, RollingWindowLimit, router, serveVendorFake, tokenPage, type FakeRequest, type FakeResponse, type FaultDialect, type Guard } from '../kit/fake';

export interface FakePayFitOptions {
  apiKey?: string;
  collaborators?: number;
  /** Listing records without an id (no connector can read them). */
  malformedRecords?: number;
  /** PayFit's read limit (default 50 per rolling 1000 ms); null switches it off. */
  rateLimit?: { requests: number; windowMs: number } | null;
  port?: number;
}

type Row = Record<string, unknown>;

export interface FakePayFitState {
  readonly companyId: string;
  /** Collaborator id → collaborator (as the list shows it); malformed records are not in here. */
  readonly collaborators: Map<string, Row>;
  readonly log: RequestLog;
  readonly faults: FaultScript;
  addCollaborator(record: Row): string;
  editCollaborator(id: string, record: Row): void;
  /** Ends the current contract on `day`, as an admin's exit in PayFit (terminationDate follows). */
  terminate(id: string, day: string, options?: { keepTerminationDate?: boolean }): void;
}

export interface RunningFakePayFit {
  url: string;
  faults: FaultScript;
  log: RequestLog;
  close(): Promise<void>;
  state: FakePayFitState;
}

export const FAKE_PAYFIT_API_KEY = 'fake-payfit-api-key';
export const FAKE_PAYFIT_COMPANY = { id: '5f2a7c0e9d3b4a0012345678', name: 'Exemple SAS', country: 'FR' };
const DEFAULT_MAX_RESULTS = 10;
const MAX_RESULTS = 50;
const TOKEN_SCOPE = 'payfit-collaborators';

const collaboratorId = (n: number) => `60${String(n).padStart(22, '0')}`;

/** Fictitious collaborator n in PayFit's shapes: leavers archived with terminationDate, rehires, future hires. */
function generatedCollaborator(n: number): Row {
  const { firstName, lastName, emailLocalPart, terminated, leaving, hireDate, terminationDate } = fakePerson(n);
  const pending = !terminated && !leaving && n % 11 === 4;
  const rehire = !terminated && !leaving && !pending && n % 9 === 2;
  const contracts: Row[] = [];
  if (rehire) contracts.push({ id: `c${n}a`, startDate: '2014-03-01', endDate: '2018-08-31', status: 'ARCHIVED' });
  contracts.push({
    id: `c${n}`,
    startDate: pending ? '2030-01-04' : rehire ? '2020-02-01' : hireDate,
    endDate: terminationDate,
    status: terminated ? 'ARCHIVED' : pending ? 'PENDING' : 'ACTIVE',
  });
  return {
    id: collaboratorId(n),
    matricule: `M${String(n).padStart(5, '0')}`,
    firstName,
    lastName,
    secondLastName: null,
    birthName: null,
    birthDate: isoDay(Date.UTC(1970, 0, 1), (n * 331) % 12000),
    // Every 10th leaver's date is only on its archived contract (terminationDate is optional); a
    // rehire still carries the old contract's date (PayFit "should" remove it: not relied on).
    terminationDate: rehire ? '2018-08-31' : terminated && n % 10 === 0 ? null : terminationDate,
    gender: ['male', 'female', 'other'][n % 3],
    emails: [
      { email: `${emailLocalPart}@mail.example.net`, type: 'personal' },
      { email: `${emailLocalPart}@example.fr`, type: 'professional' },
    ],
    nationality: 'FR',
    managerId: null,
    teamName: ['Produit', 'Finance', 'Ops'][n % 3],
    numberOfChildren: n % 4,
    contracts,
  };
}

export async function startFakePayFit(options: FakePayFitOptions = {}): Promise<RunningFakePayFit> {
  const apiKey = options.apiKey ?? FAKE_PAYFIT_API_KEY;
  const log = new RequestLog();
  const faults = new FaultScript();
  const rate = options.rateLimit === undefined ? { requests: 50, windowMs: 1000 } : options.rateLimit;
  const limiter = rate ? new RollingWindowLimit(rate.requests, rate.windowMs) : null;
  const collaborators = new Map<string, Row>();
  // The listing order, malformed records included (they take a place like any record).
  const rows: Row[] = [];
  let next = 1;
  const add = (record: Row): string => {
    const id = String(record.id ?? collaboratorId(next));
    next++;
    const row = { ...record, id };
    collaborators.set(id, row);
    rows.push(row);
    return id;
  };
  for (let n = 1; n <= (options.collaborators ?? 25); n++) add(generatedCollaborator(n));
  for (let i = 0; i < (options.malformedRecords ?? 0); i++) rows.splice(Math.min(3 + i, rows.length), 0, { firstName: 'Malformed', note: 'no id' });

  const state: FakePayFitState = {
    companyId: FAKE_PAYFIT_COMPANY.id,
    collaborators,
    log,
    faults,
    addCollaborator: (record) => add({ ...generatedCollaborator(next), ...record }),
    editCollaborator(id, record) {
      Object.assign(collaborators.get(id)!, record);
    },
    terminate(id, day, opts = {}) {
      const c = collaborators.get(id)!;
      const contracts = (c.contracts as Row[]).map((k) => (k.status === 'ACTIVE' ? { ...k, endDate: day, status: day < new Date().toISOString().slice(0, 10) ? 'ARCHIVED' : 'ACTIVE' } : k));
      Object.assign(c, { contracts, terminationDate: opts.keepTerminationDate === false ? null : day });
    },
  };

  const error = (status: number, message: string, details?: Row): FakeResponse => ({ status, body: { error: message, ...(details ? { details } : {}) } });
  const throttled = (): FakeResponse => ({
    status: 429,
    headers: { 'x-ratelimit-limit-second': String(rate?.requests ?? 50), 'x-ratelimit-remaining-second': '0' },
    body: { message: 'API rate limit exceeded' },
  });
  // PayFit documents no Retry-After: the script's delay is not sent.
  const dialect: FaultDialect = {
    throttled,
    unavailable: (status) => error(status, status === 503 ? 'Service Unavailable' : 'Internal Server Error'),
  };

  const guard: Guard = (req) => {
    if (limiter && !limiter.allow()) return throttled();
    // Introspection answers for any token (active or not), as RFC 7662 does.
    if (req.url.pathname === '/introspect') return undefined;
    const token = bearerToken(req.headers.authorization);
    if (token === null) return error(401, 'Missing authorization header');
    if (token !== apiKey) return error(401, 'Invalid token');
    return undefined;
  };

  const introspect = (req: FakeRequest): FakeResponse => {
    let token: unknown;
    try {
      token = (JSON.parse(req.body || '{}') as Row).token;
    } catch {
      return error(400, 'Invalid JSON body');
    }
    if (typeof token !== 'string') return error(400, 'token is required');
    if (token !== apiKey) return { status: 200, body: { active: false } };
    return { status: 200, body: { active: true, scope: 'collaborators:read collaborators:contracts:read', client_id: 'customer-api-key', company_id: FAKE_PAYFIT_COMPANY.id, token_type: 'bearer' } };
  };

  const company = (req: FakeRequest, id: string, answer: () => FakeResponse): FakeResponse =>
    decodeURIComponent(id) === FAKE_PAYFIT_COMPANY.id ? answer() : error(404, 'Company not found', { companyId: decodeURIComponent(id) });

  const listCollaborators = (req: FakeRequest): FakeResponse => {
    const size = numberParam(req.url.searchParams, 'maxResults', DEFAULT_MAX_RESULTS, 1, MAX_RESULTS);
    if (size === null) return error(400, `maxResults must be an integer between 1 and ${MAX_RESULTS}`);
    const page = tokenPage(TOKEN_SCOPE, req.url.searchParams.get('nextPageToken'), rows, size);
    if (page === null) return error(400, 'Invalid nextPageToken');
    return { status: 200, body: { collaborators: page.items.map((r) => structuredClone(r)), meta: { nextPageToken: page.next, count: page.items.length } } };
  };

  const handle = router(
    [
      ['POST', '/introspect', introspect],
      ['GET', /^\/companies\/([^/]+)$/, (req, id) => company(req, id, () => ({ status: 200, body: { ...FAKE_PAYFIT_COMPANY, nbActiveContracts: [...collaborators.values()].filter((c) => (c.contracts as Row[]).some((k) => k.status === 'ACTIVE')).length } }))],
      ['GET', /^\/companies\/([^/]+)\/collaborators$/, (req, id) => company(req, id, () => listCollaborators(req))],
    ],
    { guard, trimSlash: true, notFound: (_req, path) => error(404, `Cannot find ${path}`) },
  );

  const listings = [{ path: /^\/companies\/[^/]+\/collaborators$/, records: (body: unknown) => (body as { collaborators?: unknown[] } | undefined)?.collaborators }];
  const server = await serveVendorFake({ handle, dialect, listings, faults, log, port: options.port });
  return { url: server.url, faults, log, close: () => server.close(), state };
}
