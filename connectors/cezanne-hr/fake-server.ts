// A local Cezanne HR for tests, demos and benchmarks: an OAuth2 token endpoint (client credentials,
// form-encoded; OAuth error bodies) and the OData data service …/cezanneondemand/v7/dataservice.svc with
// the People set (fields as Cezanne's published v1 field lists name them), $expand of
// PeopleToEmploymentAll and PeopleToCommunications, server-driven paging (`value` + `odata.nextLink`
// with a $skiptoken), and OData v3 error bodies. The token path, the page size, the communications'
// shape and the error texts are this fake's assumptions (NOTES.md); Cezanne publishes no rate limit:
// throttling (429, Retry-After when the script gives one) comes from the fault script.
import { bearerToken, fakePerson, FaultScript, RequestLog, requestFields, retryAfterHeader, router, serveFake, TokenStore, withCounters, type FakeCounters, type FakeRequest, type FakeResponse, type FaultDialect, type RunningFake } from '../kit/fake';

export const FAKE_CEZANNE_CLIENT_ID = 'fake-cezanne-client-0001';
export const FAKE_CEZANNE_CLIENT_SECRET = 'fake-cezanne-client-secret-0001';
export const CHILDREN_FIELD = 'NumberOfChildren';
export const FAKE_CEZANNE_COMPANIES = [
  { code: 'UK01', name: 'Fieldstone Ltd' },
  { code: 'IE01', name: 'Fieldstone Ireland Ltd' },
];
export const INVALID_CLIENT = { error: 'invalid_client', error_description: 'The client credentials are invalid.' };
export const SERVICE_PATH = '/cezanneondemand/v7/dataservice.svc';
export const TOKEN_PATH = '/cezanneondemand/oauth/token';

export interface FakeCezanneOptions {
  /** Generated people: every 5th left in 2025 (ACTIVEEMPLOYEE 0, EFFECTIVETO), every 20th of those without a date; every 7th leaves 2030-06-30. */
  people?: number;
  /** People without PERSONID, on the first page. */
  malformedRecords?: number;
  /** People per page (server-driven paging; assumed 100). */
  pageSize?: number;
  port?: number;
}

type Row = Record<string, unknown>;

export interface FakeCezanneState extends FakeCounters {
  readonly people: Row[];
  tokensIssued(): number;
  tokens(): string[];
  expireTokens(): void;
}

export type RunningFakeCezanne = RunningFake<FakeCezanneState>;

const dateTime = (day: string | null) => (day === null ? null : `${day}T00:00:00`);
const odataError = (status: number, message: string): FakeResponse => ({ status, body: { 'odata.error': { code: '', message: { lang: 'en-US', value: message } } } });

function generate(n: number): Row {
  const p = fakePerson(n);
  const id = `P${String(n).padStart(5, '0')}`;
  const company = FAKE_CEZANNE_COMPANIES[n % 2];
  const withoutDate = p.terminated && n % 20 === 0;
  return {
    PERSONID: id,
    GIVENNAME: p.firstName,
    FAMILYNAME: p.lastName,
    GENDERDESCRIPTION: n % 2 ? 'Female' : 'Male',
    ACTIVEEMPLOYEE: p.terminated ? 0 : 1,
    BIRTHDATE: dateTime(`19${70 + (n % 30)}-0${1 + (n % 9)}-1${n % 9}`),
    [CHILDREN_FIELD]: n % 4 === 0 ? null : n % 3,
    PeopleToEmploymentAll: [
      {
        EMPLOYMENTID: `E${n}`,
        PERSONID: id,
        PRIMARYEMPLOYMENT: 1,
        EFFECTIVEFROM: dateTime(p.hireDate),
        EFFECTIVETO: withoutDate ? null : dateTime(p.terminationDate),
        COMPANYCODE: company.code,
        TRANSLATEDCOMPANYNAME: company.name,
        TERMINATIONREASONDESCRIPTION: p.terminated ? 'Resignation' : null,
      },
    ],
    PeopleToCommunications: [
      { COMMUNICATIONTYPEDESCRIPTION: 'Personal Email', EMAILADDRESS: `${p.emailLocalPart}@home.example` },
      { COMMUNICATIONTYPEDESCRIPTION: 'Work Email', EMAILADDRESS: `${p.emailLocalPart}@fieldstone.example` },
    ],
  };
}

export async function startFakeCezanne(options: FakeCezanneOptions = {}): Promise<RunningFakeCezanne> {
  const people = Array.from({ length: options.people ?? 30 }, (_, i) => generate(i + 1));
  for (let i = 0; i < (options.malformedRecords ?? 0); i++) {
    const { PERSONID: _, ...rest } = generate(9000 + i);
    people.splice(Math.min(people.length, 2 + i), 0, rest);
  }
  const pageSize = options.pageSize ?? 100;
  const tokens = new TokenStore(3600, 'fake-cezanne-token-');
  const state = withCounters<FakeCezanneState>({ people, tokensIssued: () => tokens.issuedCount, tokens: () => [...tokens.keys()], expireTokens: () => tokens.expireAll() }, new RequestLog(), new FaultScript());

  const unauthorized = () => odataError(401, 'Authorization has been denied for this request.');
  const dialect: FaultDialect = {
    throttled: (retryAfter) => ({ ...odataError(429, 'Too many requests.'), headers: retryAfterHeader(retryAfter) }),
    unavailable: (status) => odataError(status, 'The service is temporarily unavailable.'),
    expiredToken: () => {
      tokens.expireAll();
      return unauthorized();
    },
  };

  function token(req: FakeRequest): FakeResponse {
    const f = requestFields(req);
    if (f.grant_type !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'The grant type is not supported.' } };
    if (f.client_id !== FAKE_CEZANNE_CLIENT_ID || f.client_secret !== FAKE_CEZANNE_CLIENT_SECRET) return { status: 400, body: INVALID_CLIENT };
    return { status: 200, body: { access_token: tokens.issue(undefined), token_type: 'bearer', expires_in: 3600 } };
  }

  function listPeople(req: FakeRequest): FakeResponse {
    const q = req.url.searchParams;
    const skip = q.has('$skiptoken') ? Number(q.get('$skiptoken')) : 0;
    if (!Number.isInteger(skip) || skip < 0) return odataError(400, 'The skip token is not valid.');
    const expanded = new Set((q.get('$expand') ?? '').split(',').map((s) => s.trim()));
    const page = people.slice(skip, skip + pageSize).map((p) => {
      // Navigations are only in the answer when expanded (OData).
      const out: Row = structuredClone(p);
      for (const nav of ['PeopleToEmploymentAll', 'PeopleToCommunications']) if (!expanded.has(nav)) delete out[nav];
      return out;
    });
    const base = `http://${req.headers.host}${SERVICE_PATH}`;
    const next = new URL(`${base}/People`);
    for (const [k, v] of q) if (k !== '$skiptoken') next.searchParams.set(k, v);
    next.searchParams.set('$skiptoken', String(skip + pageSize));
    return { status: 200, body: { 'odata.metadata': `${base}/$metadata#People`, value: page, ...(skip + pageSize < people.length ? { 'odata.nextLink': next.toString() } : {}) } };
  }

  const service = router([['GET', `${SERVICE_PATH}/People`, listPeople]], {
    guard: (req) => (tokens.state(bearerToken(req.headers.authorization)) === 'valid' ? undefined : unauthorized()),
    notFound: (_req, path) => odataError(404, `Resource not found for the segment '${path.split('/').pop()}'.`),
  });
  const handle = (req: FakeRequest) => (req.url.pathname === TOKEN_PATH && req.method === 'POST' ? token(req) : service(req));
  return serveFake(state, { handle, dialect, listings: [{ path: `${SERVICE_PATH}/People`, records: (body) => (body as { value?: unknown[] } | undefined)?.value }], port: options.port });
}
