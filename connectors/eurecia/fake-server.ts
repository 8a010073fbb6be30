// A local Eurécia for tests, demos and benchmarks, answering like its REST API as Eurécia's developer
// page and the node-eurecia client describe it: GET /eurecia/rest/v1/Auth with an `authToken` header →
// { eureciaResponse: { temporaryToken: { token: { $ } } } } (v1's Badgerfish JSON); every other call
// with that temporary token in a `token` header. GET /eurecia/rest/v4/users?page=N (every user) and
// /v4/users/active (active ones only) answer Spring Data pages from 0 (20 users by default, `size`
// honoured), the entries with the list's fields only; GET /v4/users/{id} the whole user, dates in epoch
// milliseconds at midnight in Paris. Error bodies are not published: v1 answers eureciaResponse.error,
// v4 a Spring error { status, error, message } (assumed). No rate limit is published: throttling (429,
// Retry-After when the script gives one) comes from the fault script.
import { fakePerson, intParam, listingAt, retryAfterHeader, router, serveFake, TokenStore, withCounters, type FakeCounters, type FakeRequest, type FakeResponse, type FaultDialect, type RunningFake } from '../kit/fake';

export interface FakeEureciaOptions {
  authToken?: string;
  /** Generated users (deterministic, fictitious); every 5th has left, every 7th is leaving. */
  users?: number;
  /** List entries without an id, on the first page. */
  malformedRecords?: number;
  tokenLifetimeSeconds?: number;
  port?: number;
}

type Row = Record<string, unknown>;

export interface FakeEureciaState extends FakeCounters {
  /** id → the whole user (GET /v4/users/{id}). */
  readonly users: Map<string, Row>;
  readonly tokens: TokenStore;
  addUser(record: Row): string;
  editUser(id: string, patch: Row): void;
  /** A departure date (YYYY-MM-DD, stored at midnight in Paris). */
  setDeparture(id: string, day: string | null): void;
  throttleNext(count: number, retryAfterSeconds?: number): void;
}

export type RunningFakeEurecia = RunningFake<FakeEureciaState>;

export const FAKE_EURECIA_AUTH_TOKEN = 'fake-eurecia-auth-token-0001';
export const INVALID_AUTH_MESSAGE = 'Invalid authentication token';
/** The additional field this fake company keeps the number of children in. */
export const CHILDREN_FIELD = 'additionalField2';
export const USERS_PATH = '/eurecia/rest/v4/users';
export const AUTH_PATH = '/eurecia/rest/v1/Auth';

const DEFAULT_SIZE = 20;
const CONTRACTS = ['CDI', 'CDI', 'CDI', 'CDD', 'Stage', 'Apprentissage'];
const MARITAL = ['Célibataire', 'Marié(e)', 'Pacsé(e)', 'Divorcé(e)'];

/** Epoch milliseconds of midnight in Paris on `day` (what a French HR system stores for a date). */
export function parisMidnight(day: string): number {
  const utc = Date.parse(`${day}T00:00:00Z`);
  for (const hours of [1, 2]) {
    const ms = utc - hours * 3_600_000;
    const local = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' }).format(new Date(ms));
    if (local.startsWith(day) && local.endsWith('00')) return ms;
  }
  return utc;
}

const idOf = (n: number) => `eu-${String(n).padStart(6, '0')}`;

/** Deterministic fictitious user `n` in node-eurecia's Employee shape. */
function generatedUser(n: number): Row {
  const p = fakePerson(n);
  return {
    id: idOf(n),
    email: `${p.emailLocalPart}@example.fr`,
    firstName: p.firstName,
    lastName: p.lastName,
    jobTitle: n % 2 ? 'Chargé de clientèle' : 'Comptable',
    department: n % 3 ? 'Commercial' : 'Finance',
    structure: n % 2 ? 'Paris' : 'Lyon',
    refNumber: `M${String(300 + n).padStart(5, '0')}`,
    gender: n % 2 ? 'M' : 'F',
    matrialStatus: MARITAL[n % MARITAL.length],
    hiringDate: parisMidnight(p.hireDate),
    entryDate: parisMidnight(p.hireDate),
    departureDate: p.terminationDate ? parisMidnight(p.terminationDate) : null,
    dateEndAccess: p.terminated && p.terminationDate ? parisMidnight(p.terminationDate) + 86_400_000 : null,
    workContract: CONTRACTS[n % CONTRACTS.length],
    professionalStatus: n % 4 ? 'Employé' : 'Cadre',
    workingTimeRate: n % 4 === 1 ? 80 : 100,
    workingTimeUnit: 'DAY',
    archived: p.terminated,
    additionalField1: n % 2 ? 'Badge A' : 'Badge B',
    [CHILDREN_FIELD]: n % 6 === 0 ? null : String(n % 4),
    additionalField3: null,
    dateCreate: parisMidnight(p.hireDate),
    dateUpdate: Date.UTC(2026, 0, 5, 8),
  };
}

/** The list entry: the fields node-eurecia's Employee type always has. */
function entryOf(user: Row): Row {
  const { id, email, firstName, lastName, jobTitle, department, structure } = user;
  return { id, email, firstName, lastName, jobTitle, department, structure };
}

const springError = (status: number, error: string, message: string, path = ''): FakeResponse => ({ status, body: { timestamp: new Date().toISOString(), status, error, message, path } });
const v1Error = (status: number, message: string): FakeResponse => ({ status, body: { eureciaResponse: { error: { code: { $: String(status) }, message: { $: message } } } } });

export async function startFakeEurecia(options: FakeEureciaOptions = {}): Promise<RunningFakeEurecia> {
  const authToken = options.authToken ?? FAKE_EURECIA_AUTH_TOKEN;
  const tokens = new TokenStore(options.tokenLifetimeSeconds ?? 1800, 'fake-eurecia-session-');
  const users = new Map<string, Row>();
  const listed: Row[] = [];
  let lastN = 0;
  const add = (user: Row) => {
    users.set(String(user.id), user);
    listed.push(user);
  };
  for (let n = 1; n <= (options.users ?? 20); n++) {
    add(generatedUser(n));
    if (n === 1) for (let i = 0; i < (options.malformedRecords ?? 0); i++) listed.push({ email: 'orphan@example.fr', firstName: 'Orphan', lastName: 'Record' });
    lastN = n;
  }
  const find = (id: string) => {
    const user = users.get(id);
    if (!user) throw new Error(`fake Eurécia has no user ${id}`);
    return user;
  };

  const state: FakeEureciaState = withCounters<FakeEureciaState>({
    users,
    tokens,
    addUser(record) {
      const user = { ...generatedUser(++lastN), departureDate: null, archived: false, ...record, id: idOf(lastN) };
      add(user);
      return String(user.id);
    },
    editUser(id, patch) {
      Object.assign(find(id), patch, { id, dateUpdate: Date.now() });
    },
    setDeparture(id, day) {
      state.editUser(id, { departureDate: day === null ? null : parisMidnight(day) });
    },
    throttleNext(count, retryAfterSeconds) {
      state.faults.replace('throttleNext', count, { kind: 'throttle', retryAfterSeconds });
    },
  });

  const dialect: FaultDialect = {
    throttled: (seconds) => ({ ...springError(429, 'Too Many Requests', 'Too many requests'), headers: retryAfterHeader(seconds) }),
    unavailable: (status) => springError(status, status === 503 ? 'Service Unavailable' : 'Internal Server Error', 'Try again later'),
    expiredToken: () => {
      tokens.expireAll();
      return springError(401, 'Unauthorized', 'Invalid or expired token');
    },
  };

  function auth(req: FakeRequest): FakeResponse {
    if (req.headers.authtoken !== authToken) return v1Error(401, INVALID_AUTH_MESSAGE);
    return { status: 200, body: { eureciaResponse: { temporaryToken: { token: { $: tokens.issue(undefined) } } } } };
  }

  const signedIn = (req: FakeRequest) => {
    const token = req.headers.token;
    return typeof token === 'string' && tokens.state(token) === 'valid' ? undefined : springError(401, 'Unauthorized', 'Invalid or expired token', req.url.pathname);
  };

  function list(req: FakeRequest, activeOnly: boolean): FakeResponse {
    const refused = signedIn(req);
    if (refused) return refused;
    const page = intParam(req.url.searchParams.get('page'), 0);
    const size = intParam(req.url.searchParams.get('size'), DEFAULT_SIZE);
    if (page === null || size === null || size < 1 || size > 2000) return springError(400, 'Bad Request', 'Invalid paging parameters', req.url.pathname);
    const selected = listed.filter((u) => !activeOnly || u.archived !== true);
    const content = selected.slice(page * size, (page + 1) * size).map((u) => (u.id === undefined ? { ...u } : entryOf(u)));
    const totalPages = Math.ceil(selected.length / size);
    return {
      status: 200,
      body: {
        content,
        pageable: { sort: { empty: true, sorted: false, unsorted: true }, offset: page * size, pageNumber: page, pageSize: size, paged: true, unpaged: false },
        totalElements: selected.length,
        totalPages,
        last: page + 1 >= totalPages,
        number: page,
        sort: { empty: true, sorted: false, unsorted: true },
        size,
        numberOfElements: content.length,
        first: page === 0,
        empty: content.length === 0,
      },
    };
  }

  function detail(req: FakeRequest, id: string): FakeResponse {
    const refused = signedIn(req);
    if (refused) return refused;
    const user = users.get(decodeURIComponent(id));
    return user ? { status: 200, body: structuredClone(user) } : springError(404, 'Not Found', 'User not found', req.url.pathname);
  }

  const handle = router(
    [
      ['GET', AUTH_PATH, auth],
      ['GET', USERS_PATH, (req) => list(req, false)],
      ['GET', `${USERS_PATH}/active`, (req) => list(req, true)],
      ['GET', /^\/eurecia\/rest\/v4\/users\/([^/]+)$/, detail],
    ],
    { notFound: (req, path) => springError(404, 'Not Found', 'No handler found', path), trimSlash: true },
  );

  return serveFake(state, { handle, dialect, listings: [listingAt(USERS_PATH, 'content')], port: options.port });
}
