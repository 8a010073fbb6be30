// A local HeavenHR for tests, demos and benchmarks, answering like the public REST API v2 as HeavenHR's
// API page (api.heavenhr.com) and Knit's description of it publish it: GET /api/v2/oauth2/token
// ?grant_type=client_credentials&scope=all with Basic base64(client_id:client_secret) → an OAuth2
// token answer; GET /api/v2/health/check → { message: "OK" }; GET /api/v2/employees with page (from 1),
// pageSize and jobStatus → { currentPage, pageSize, totalItems, totalPages, data: [summary] }, and 404
// for a page with no employees; GET /api/v2/employees/{id} → the employee in the shape of HeavenHR's
// sample (startDate, endOfContract, professionalEmail, gender "MALE", …). Without jobStatus the fake
// lists ACTIVE employees only (HeavenHR's default is not published). Error bodies (OAuth error fields,
// { message }) and the X-B3-SpanId header follow Spring conventions (assumed). No rate limit is
// published: throttling (429, Retry-After when the script gives one) comes from the fault script.
import { randomUUID } from 'node:crypto';
import { basicCredentials, bearerToken, fakePerson, intParam, listingAt, retryAfterHeader, router, serveFake, TokenStore, withCounters, type FakeCounters, type FakeRequest, type FakeResponse, type FaultDialect, type RunningFake } from '../kit/fake';

export interface FakeHeavenHrOptions {
  clientId?: string;
  clientSecret?: string;
  /** Generated employees (deterministic, fictitious); every 5th has left (INACTIVE), every 7th is leaving. */
  employees?: number;
  /** List entries without an id, among the first active employees. */
  malformedRecords?: number;
  tokenLifetimeSeconds?: number;
  port?: number;
}

type Row = Record<string, unknown>;

export interface FakeHeavenHrState extends FakeCounters {
  /** id → the employee's own record (GET /employees/{id}). */
  readonly employees: Map<string, Row>;
  readonly tokens: TokenStore;
  addEmployee(record: Row): string;
  editEmployee(id: string, patch: Row): void;
  /** Sets the end of contract, and jobStatus INACTIVE once it passed. */
  terminate(id: string, endOfContract: string): void;
  /** Removes an employee's own record only (as if deleted between the list and its detail). */
  dropDetail(id: string): void;
  throttleNext(count: number, retryAfterSeconds?: number): void;
}

export type RunningFakeHeavenHr = RunningFake<FakeHeavenHrState>;

export const FAKE_HEAVENHR_CLIENT_ID = 'fake-heavenhr-client';
export const FAKE_HEAVENHR_CLIENT_SECRET = 'fake-heavenhr-client-secret-0001';
/** A company's own field on the employee record (not in HeavenHR's sample). */
export const CHILDREN_KEY = 'numberOfChildren';
export const BAD_CLIENT_MESSAGE = 'Bad client credentials';
export const EMPLOYEES_PATH = '/api/v2/employees';
export const TOKEN_PATH = '/api/v2/oauth2/token';

const DEPARTMENTS = [
  { id: '_dep0001_', name: 'Sales' },
  { id: '_dep0002_', name: 'Operations' },
];
const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

const idOf = (n: number) => `_emp${String(n).padStart(8, '0')}_`;

/** Deterministic fictitious employee `n` as GET /employees/{id} returns it. */
function generatedEmployee(n: number): Row {
  const p = fakePerson(n);
  const department = DEPARTMENTS[n % DEPARTMENTS.length];
  return {
    id: idOf(n),
    firstName: p.firstName,
    lastName: p.lastName,
    professionalEmail: `${p.emailLocalPart}@example.de`,
    employeeNumber: 700 + n,
    gender: n % 9 === 0 ? 'DIVERSE' : n % 2 ? 'MALE' : 'FEMALE',
    nationality: 'DE',
    startDate: p.hireDate,
    endOfContract: p.terminationDate,
    permanentOrTemporary: p.leaving ? 'TEMPORARY' : 'PERMANENT',
    jobTitle: n % 2 ? 'Account Manager' : 'Operations Manager',
    occupation: 'Manager',
    locationId: '_loc0001_',
    departmentId: department.id,
    departmentName: department.name,
    jobStatus: p.terminated ? 'INACTIVE' : 'ACTIVE',
    updatedTime: '2026-01-05T08:00:00.000Z',
    [CHILDREN_KEY]: n % 6 === 0 ? null : n % 4,
  };
}

/** The list entry of an employee: HeavenHR's list has limited fields. */
function summaryOf(row: Row): Row {
  const { id, firstName, lastName, employeeNumber, jobStatus, updatedTime, departmentName, departmentId, professionalEmail } = row;
  return { id, firstName, lastName, employeeNumber, jobStatus, updatedTime, departmentName, departmentId, email: professionalEmail };
}

const spanHeader = () => ({ 'x-b3-spanid': randomUUID().replace(/-/g, '').slice(0, 16) });
const message = (status: number, text: string): FakeResponse => ({ status, headers: spanHeader(), body: { message: text } });
const oauthError = (status: number, error: string, description: string): FakeResponse => ({ status, headers: spanHeader(), body: { error, error_description: description } });

export async function startFakeHeavenHr(options: FakeHeavenHrOptions = {}): Promise<RunningFakeHeavenHr> {
  const clientId = options.clientId ?? FAKE_HEAVENHR_CLIENT_ID;
  const clientSecret = options.clientSecret ?? FAKE_HEAVENHR_CLIENT_SECRET;
  const lifetime = options.tokenLifetimeSeconds ?? 3600;
  const employees = new Map<string, Row>();
  /** Listing order; malformed entries live only here. */
  const listed: Row[] = [];
  const tokens = new TokenStore(lifetime, 'fake-heavenhr-token-');
  let lastN = 0;
  const add = (row: Row) => {
    employees.set(String(row.id), row);
    listed.push(row);
  };
  for (let n = 1; n <= (options.employees ?? 20); n++) {
    add(generatedEmployee(n));
    if (n === 1) for (let i = 0; i < (options.malformedRecords ?? 0); i++) listed.push({ firstName: 'Orphan', lastName: 'Record', jobStatus: 'ACTIVE' });
    lastN = n;
  }
  const find = (id: string) => {
    const row = employees.get(id);
    if (!row) throw new Error(`fake HeavenHR has no employee ${id}`);
    return row;
  };
  const dropped = new Set<string>();

  const state: FakeHeavenHrState = withCounters<FakeHeavenHrState>({
    employees,
    tokens,
    addEmployee(record) {
      const row = { ...generatedEmployee(++lastN), endOfContract: null, jobStatus: 'ACTIVE', ...record, id: idOf(lastN) };
      add(row);
      return String(row.id);
    },
    editEmployee(id, patch) {
      Object.assign(find(id), patch, { id, updatedTime: new Date().toISOString() });
    },
    terminate(id, endOfContract) {
      state.editEmployee(id, { endOfContract, ...(endOfContract < new Date().toISOString().slice(0, 10) ? { jobStatus: 'INACTIVE' } : {}) });
    },
    dropDetail(id) {
      dropped.add(id);
    },
    throttleNext(count, retryAfterSeconds) {
      state.faults.replace('throttleNext', count, { kind: 'throttle', retryAfterSeconds });
    },
  });

  const dialect: FaultDialect = {
    throttled: (seconds) => ({ ...message(429, 'Too Many Requests'), headers: { ...spanHeader(), ...retryAfterHeader(seconds) } }),
    unavailable: (status) => message(status, status === 503 ? 'Service Unavailable' : 'Internal Server Error'),
    expiredToken: () => {
      tokens.expireAll();
      return oauthError(401, 'invalid_token', 'Access token expired');
    },
  };

  function token(req: FakeRequest): FakeResponse {
    const q = req.url.searchParams;
    if (q.get('grant_type') !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', `Unsupported grant type: ${q.get('grant_type') ?? ''}`);
    const basic = basicCredentials(req.headers.authorization);
    if (!basic) return oauthError(401, 'unauthorized', 'Full authentication is required to access this resource');
    if (basic.user !== clientId || basic.password !== clientSecret) return oauthError(401, 'invalid_client', BAD_CLIENT_MESSAGE);
    return { status: 200, headers: spanHeader(), body: { access_token: tokens.issue(undefined), token_type: 'bearer', expires_in: lifetime, scope: q.get('scope') ?? 'all' } };
  }

  const authorized = (req: FakeRequest): FakeResponse | undefined => {
    const state = tokens.state(bearerToken(req.headers.authorization));
    if (state === 'valid') return undefined;
    return state === 'expired' ? oauthError(401, 'invalid_token', 'Access token expired') : oauthError(401, 'invalid_token', 'Invalid access token');
  };

  function list(req: FakeRequest): FakeResponse {
    const refused = authorized(req);
    if (refused) return refused;
    const q = req.url.searchParams;
    const page = intParam(q.get('page'), 1);
    const size = intParam(q.get('pageSize'), DEFAULT_PAGE_SIZE);
    if (page === null || page < 1) return message(400, 'page must be a positive number');
    if (size === null || size < 1 || size > MAX_PAGE_SIZE) return message(400, `pageSize must be between 1 and ${MAX_PAGE_SIZE}`);
    const status = q.get('jobStatus') ?? 'ACTIVE';
    const selected = listed.filter((row) => row.jobStatus === status);
    const items = selected.slice((page - 1) * size, page * size);
    if (items.length === 0) return message(404, 'No employees found');
    return { status: 200, headers: spanHeader(), body: { currentPage: page, pageSize: size, totalItems: selected.length, totalPages: Math.ceil(selected.length / size), data: items.map((row) => (row.id === undefined ? { ...row } : summaryOf(row))) } };
  }

  function detail(req: FakeRequest, id: string): FakeResponse {
    const refused = authorized(req);
    if (refused) return refused;
    const row = employees.get(decodeURIComponent(id));
    if (!row || dropped.has(String(row.id))) return message(404, 'Employee not found');
    return { status: 200, headers: spanHeader(), body: structuredClone(row) };
  }

  const handle = router(
    [
      ['GET', TOKEN_PATH, token],
      ['GET', '/api/v2/health/check', () => ({ status: 200, body: { message: 'OK' } })],
      ['GET', EMPLOYEES_PATH, list],
      ['GET', /^\/api\/v2\/employees\/([^/]+)$/, detail],
    ],
    { notFound: () => message(404, 'Not Found'), methodNotAllowed: () => message(405, 'Method Not Allowed'), trimSlash: true },
  );

  return serveFake(state, { handle, dialect, listings: [listingAt(EMPLOYEES_PATH, 'data')], port: options.port });
}
