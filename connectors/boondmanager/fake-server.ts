// A local BoondManager for tests, demos and benchmarks: the client token header
// (X-Jwt-Client-Boondmanager, HS256 over { userToken, clientToken, time, mode } with the client key),
// JSON:API answers under /api with page / maxResults paging (capped) and meta.totals.rows, resources
// with a state (0 = left), an agency relationship and the agencies in `included`, GET /api/agencies,
// 401 for a bad token and 501 for an API that is not active. Shapes beyond the auth article are
// assumptions (NOTES.md).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { fakePerson, FaultScript, intParam, isoDay, retryAfterHeader, RequestLog, router, serveVendorFake, type FakeRequest, type FakeResponse, type FaultDialect } from '../kit/fake';
import { CLIENT_TOKEN_HEADER } from './client-token';

export interface FakeBoondManagerOptions {
  userToken?: string;
  clientToken?: string;
  clientKey?: string;
  /** Generated resources (deterministic, fictitious); every 5th has left, every 7th is leaving. */
  people?: number;
  /** Records without an id, on the first page. */
  malformedRecords?: number;
  /** The most served per page whatever maxResults asks (default 500). */
  maxResults?: number;
  /** APIs answered 501 (not active), e.g. '/api/agencies'. */
  inactiveApis?: string[];
  port?: number;
}

type Row = Record<string, unknown>;

export interface FakeBoondManagerState {
  /** Resource id → JSON:API record. */
  readonly resources: Map<string, Row>;
  readonly agencies: readonly Row[];
  readonly log: RequestLog;
  readonly faults: FaultScript;
  addResource(attributes: Row, agencyId?: string): string;
  editResource(id: string, attributes: Row): void;
}

export interface RunningFakeBoondManager {
  url: string;
  faults: FaultScript;
  log: RequestLog;
  close(): Promise<void>;
  state: FakeBoondManagerState;
}

export const FAKE_BOOND_USER_TOKEN = '3330362e7765626b6579';
export const FAKE_BOOND_CLIENT_TOKEN = '7765626b6579';
export const FAKE_BOOND_CLIENT_KEY = 'fake-boondmanager-client-key';
/** The company's own attributes in this fake: where it keeps the leaving date and the number of children. */
export const LEAVING_DATE_ATTRIBUTE = 'exitDate';
export const CHILDREN_ATTRIBUTE = 'numberOfChildren';
export const INVALID_TOKEN_DETAIL = 'Invalid X-Jwt-Client-Boondmanager token';
export const FAKE_BOOND_AGENCIES: readonly Row[] = [
  { id: '1', type: 'agency', attributes: { name: 'Exemple Conseil SAS' } },
  { id: '5', type: 'agency', attributes: { name: 'Exemple Digital SARL' } },
];
/** How far a token's `time` may lie from now (assumed). */
const MAX_SKEW_SECONDS = 600;

function generatedResource(n: number): Row {
  const { firstName, lastName, emailLocalPart, terminated, leaving, terminationDate } = fakePerson(n);
  const agency = FAKE_BOOND_AGENCIES[n % FAKE_BOOND_AGENCIES.length];
  return {
    id: String(n),
    type: 'resource',
    attributes: {
      firstName,
      lastName,
      email1: `${emailLocalPart}@example.com`,
      civility: n % 2,
      state: terminated ? 0 : leaving ? 7 : 1,
      typeOf: n % 3 === 0 ? 10 : 0,
      title: n % 3 === 0 ? 'Consultant' : 'Analyste',
      reference: `RES-${1000 + n}`,
      dateOfBirth: isoDay(Date.UTC(1970, 0, 1), (n * 331) % 12000),
      creationDate: '2020-01-06T09:00:00+0100',
      [LEAVING_DATE_ATTRIBUTE]: terminationDate,
      [CHILDREN_ATTRIBUTE]: n % 4,
    },
    relationships: { agency: { data: { id: agency.id, type: 'agency' } }, mainManager: { data: null } },
  };
}

export async function startFakeBoondManager(options: FakeBoondManagerOptions = {}): Promise<RunningFakeBoondManager> {
  const userToken = options.userToken ?? FAKE_BOOND_USER_TOKEN;
  const clientToken = options.clientToken ?? FAKE_BOOND_CLIENT_TOKEN;
  const clientKey = options.clientKey ?? FAKE_BOOND_CLIENT_KEY;
  const cap = options.maxResults ?? 500;
  const resources = new Map<string, Row>();
  const rows: Row[] = [];
  const log = new RequestLog();
  const faults = new FaultScript();
  let lastN = 0;
  const add = (record: Row) => {
    resources.set(String(record.id), record);
    rows.push(record);
  };
  for (let n = 1; n <= (options.people ?? 20); n++) {
    add(generatedResource(n));
    if (n === 1) for (let i = 0; i < (options.malformedRecords ?? 0); i++) rows.push({ type: 'resource', attributes: { firstName: 'Orphan' } });
    lastN = n;
  }

  const state: FakeBoondManagerState = {
    resources,
    agencies: FAKE_BOOND_AGENCIES,
    log,
    faults,
    addResource(attributes, agencyId = FAKE_BOOND_AGENCIES[0].id as string) {
      const id = String(++lastN);
      add({ id, type: 'resource', attributes: { state: 1, ...attributes }, relationships: { agency: { data: { id: agencyId, type: 'agency' } } } });
      return id;
    },
    editResource(id, attributes) {
      const resource = resources.get(id);
      if (!resource) throw new Error(`fake BoondManager has no resource ${id}`);
      resource.attributes = { ...(resource.attributes as Row), ...attributes };
    },
  };

  const meta = () => ({ version: '9.0.0', isLogged: true });
  const failure = (status: number, code: string, detail: string, headers: Record<string, string> = {}): FakeResponse => ({
    status,
    headers,
    body: { meta: meta(), errors: [{ status: String(status), code, detail }] },
  });
  const dialect: FaultDialect = {
    throttled: (retryAfterSeconds) => failure(429, 'tooManyRequests', 'Too many requests', retryAfterHeader(retryAfterSeconds)),
    unavailable: (status) => failure(status, 'serverError', 'Server error'),
  };

  /** The header must be a JWT this client key signed, for this user and client token, made recently. */
  function tokenValid(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    const [header, payload, signature] = value.split('.');
    if (!header || !payload || !signature) return false;
    const expected = createHmac('sha256', clientKey).update(`${header}.${payload}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Row;
      return claims.userToken === userToken && claims.clientToken === clientToken && claims.mode === 'normal' && typeof claims.time === 'number' && Math.abs(Date.now() / 1000 - claims.time) <= MAX_SKEW_SECONDS;
    } catch {
      return false;
    }
  }

  const guard = (req: FakeRequest) => {
    if (!tokenValid(req.headers[CLIENT_TOKEN_HEADER])) return failure(401, 'invalidToken', INVALID_TOKEN_DETAIL);
    if (options.inactiveApis?.includes(req.url.pathname)) return failure(501, 'apiNotActive', 'This API is not active');
    return undefined;
  };

  function paged(req: FakeRequest, items: readonly Row[], withIncluded: boolean): FakeResponse {
    const page = intParam(req.url.searchParams.get('page'), 1);
    const asked = intParam(req.url.searchParams.get('maxResults'), 30);
    if (page === null || page < 1 || asked === null || asked < 1) return failure(400, 'invalidParameters', 'page and maxResults must be positive integers');
    const size = Math.min(asked, cap);
    const data = items.slice((page - 1) * size, page * size);
    const agencyIds = new Set(data.map((r) => (r.relationships as { agency?: { data?: { id?: string } } } | undefined)?.agency?.data?.id));
    const included = withIncluded ? FAKE_BOOND_AGENCIES.filter((a) => agencyIds.has(a.id as string)) : undefined;
    return { status: 200, body: { meta: { ...meta(), totals: { rows: items.length } }, data, ...(included ? { included } : {}) } };
  }

  const handle = router(
    [
      ['GET', '/api/resources', (req) => paged(req, rows, true)],
      ['GET', '/api/agencies', (req) => paged(req, FAKE_BOOND_AGENCIES, false)],
    ],
    { guard, trimSlash: true, notFound: () => failure(404, 'notFound', 'Not found'), methodNotAllowed: () => failure(405, 'methodNotAllowed', 'Method not allowed') },
  );

  const listings = [{ path: '/api/resources', records: (body: unknown) => (body as { data?: unknown[] } | undefined)?.data }];
  const server = await serveVendorFake({ handle, dialect, listings, faults, log, port: options.port });
  return { url: server.url, faults, log, close: () => server.close(), state };
}
