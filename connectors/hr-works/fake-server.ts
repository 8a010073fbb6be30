// A local HR WORKS for tests, demos and benchmarks, answering like API v2 as its OpenAPI description
// ("HR WORKS API v2") publishes it: POST /v2/authentication ({ accessKey, secretAccessKey } → { token },
// a JWT valid 15 minutes; 403 ApiError for wrong credentials), Bearer tokens on every other call
// (401 InvalidBearerTokenError when missing, unknown or expired), GET /v2/persons/master-data with
// onlyActive (default true: persons set to gone are hidden) and page (50 a page, a Link header with
// first / prev / next / last, each keeping the request's other parameters), custom free fields as
// extra person keys, and errors as ApiError { errorCode, type, errorMessage }. HR WORKS publishes no
// rate limit: throttling (429, Retry-After when the script gives one) comes from the fault script.
import { createHmac, randomUUID } from 'node:crypto';
import { bearerToken, fakePerson, FaultScript, isoDay, parseJson, retryAfterHeader, RequestLog, serveVendorFake, type FakeRequest, type FakeResponse, type FaultDialect } from '../kit/fake';

export interface FakeHrWorksOptions {
  accessKey?: string;
  secretAccessKey?: string;
  /**
   * Generated persons (deterministic, fictitious): every 5th has left in 2025 (set to gone, except
   * every 15th whose leave date passed but who is not set to gone yet; every 20th is gone without a
   * leave date), every 7th is leaving on 2030-06-30.
   */
  people?: number;
  /** Person records without a uuid, placed on the first page. */
  malformedRecords?: number;
  /** Persons per page (HR WORKS: 50); lower it to page a few dozen persons. */
  pageSize?: number;
  /** Token lifetime in seconds (HR WORKS: 15 minutes). */
  tokenLifetimeSeconds?: number;
  port?: number;
}

type Row = Record<string, unknown>;

export interface FakeHrWorksState {
  /** Persons in listing order; malformed ones as injected. */
  readonly persons: Row[];
  readonly log: RequestLog;
  readonly faults: FaultScript;
  /** Tokens issued so far (renewals included). */
  readonly tokensIssued: number;
  /** Every JWT issued and still known (secrets: none may reach a history). */
  tokens(): string[];
  addPerson(person: Row): string;
  editPerson(uuid: string, patch: Row): void;
  /** Sets a leave date and, as HR WORKS' "set to gone" does, isActive false (`setGone`, default true). */
  terminate(uuid: string, leaveDate: string | null, setGone?: boolean): void;
  person(uuid: string): Row;
  expireTokens(): void;
  throttleNext(count: number, retryAfterSeconds?: number): void;
}

export interface RunningFakeHrWorks {
  url: string;
  faults: FaultScript;
  log: RequestLog;
  close(): Promise<void>;
  state: FakeHrWorksState;
}

export const FAKE_HR_WORKS_ACCESS_KEY = 'fakeHrWorksAccessKey0001';
export const FAKE_HR_WORKS_SECRET_ACCESS_KEY = 'fake-hr-works-secret-access-key-0001';
/** A custom free field as a company would name it; HR WORKS returns it under that name. */
export const CHILDREN_FIELD = 'Anzahl Kinder';
export const CONFESSION_FIELD = 'Konfession intern';
/** Refusal texts of this fake (HR WORKS' own texts are not published; the types are). */
export const INVALID_CREDENTIALS_MESSAGE = 'The credentials provided with the request were invalid.';
export const INVALID_TOKEN_MESSAGE = 'The Bearer token provided in the request was invalid or expired. Please request a new token via the /authentication endpoint.';

const PAGE_SIZE = 50;
const MASTER_DATA_PATH = '/v2/persons/master-data';
const ORGANIZATION_UNITS = [
  { number: '100', name: 'Verwaltung', uuid: 'ou-0000-verwaltung' },
  { number: '200', name: 'Vertrieb', uuid: 'ou-0000-vertrieb' },
  { number: '300', name: 'Entwicklung', uuid: 'ou-0000-entwicklung' },
];
const EMPLOYMENT_TYPES = ['regularEmployee', 'regularEmployee', 'regularEmployee', 'studentTrainee', 'marginalEmployment', 'apprentice', 'externalWorker'];

/** HR WORKS' error body. */
export function apiError(status: number, type: string, errorMessage: string): FakeResponse {
  return { status, body: { errorCode: status, type, errorMessage } };
}

function uuidOf(n: number): string {
  return `7f1c0000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** Deterministic fictitious person `n` in HR WORKS' Person shape. */
function generatedPerson(n: number): Row {
  const { firstName, lastName, emailLocalPart, terminated, hireDate, terminationDate } = fakePerson(n);
  const unit = ORGANIZATION_UNITS[n % ORGANIZATION_UNITS.length];
  const goneWithoutDate = terminated && n % 20 === 0;
  const notYetGone = terminated && n % 15 === 0;
  return {
    uuid: uuidOf(n),
    personId: emailLocalPart,
    personnelNumber: String(1000 + n),
    personLicenseNumber: String(500000 + n),
    firstName,
    lastName,
    email: `${emailLocalPart}@example.de`,
    gender: n % 11 === 0 ? 'diverse' : n % 9 === 0 ? 'not specified' : n % 2 === 0 ? 'female' : 'male',
    birthday: isoDay(Date.UTC(1970, 0, 1), (n * 331) % 12000),
    employmentType: EMPLOYMENT_TYPES[n % EMPLOYMENT_TYPES.length],
    joinDate: hireDate,
    ...(terminationDate && !goneWithoutDate ? { leaveDate: terminationDate, dateOfNotice: isoDay(Date.parse(terminationDate), -60) } : {}),
    isActive: !(terminated && !notYetGone),
    position: n % 3 === 0 ? 'Buchhaltung' : 'Entwicklung',
    nationality: 'DEU',
    countryCode: 'DEU',
    organizationUnit: { number: unit.number, name: unit.name, uuid: unit.uuid },
    organizationUnitUuid: unit.uuid,
    costCenter: { number: `K${100 + (n % 4)}`, name: `Kostenstelle ${100 + (n % 4)}` },
    workSchedule: { name: n % 4 === 0 ? 'Teilzeit 20h' : 'Vollzeit 40h', key: n % 4 === 0 ? 'TZ20' : 'VZ40', weeklyWorkingHours: n % 4 === 0 ? 20 : 40 },
    superior: n > 1 ? { personnelNumber: '1001', uuid: uuidOf(1) } : null,
    [CHILDREN_FIELD]: n % 6 === 0 ? null : n % 4,
    [CONFESSION_FIELD]: n % 2 ? 'rk' : 'ev',
  };
}

export async function startFakeHrWorks(options: FakeHrWorksOptions = {}): Promise<RunningFakeHrWorks> {
  const accessKey = options.accessKey ?? FAKE_HR_WORKS_ACCESS_KEY;
  const secretAccessKey = options.secretAccessKey ?? FAKE_HR_WORKS_SECRET_ACCESS_KEY;
  const pageSize = Math.max(1, options.pageSize ?? PAGE_SIZE);
  const lifetime = options.tokenLifetimeSeconds ?? 15 * 60;
  const persons: Row[] = [];
  const tokens = new Map<string, number>();
  const log = new RequestLog();
  const faults = new FaultScript();
  const signingKey = randomUUID();
  let issued = 0;
  let lastN = 0;
  let origin = '';

  for (let n = 1; n <= (options.people ?? 20); n++) {
    persons.push(generatedPerson(n));
    if (n === 1) for (let i = 0; i < (options.malformedRecords ?? 0); i++) persons.push({ firstName: 'Orphan', lastName: 'Record', isActive: true });
    lastN = n;
  }

  const find = (uuid: string): Row => {
    const person = persons.find((p) => p.uuid === uuid);
    if (!person) throw new Error(`fake HR WORKS has no person ${uuid}`);
    return person;
  };

  /** A JWT as HR WORKS issues them (claims iss, exp, iat, jti, accessKeyId; HS256 with a key of this fake). */
  const issueToken = (): string => {
    const now = Math.floor(Date.now() / 1000);
    const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const input = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ iss: 'fake-hrworks', exp: now + lifetime, iat: now, jti: randomUUID(), accessKeyId: accessKey })}`;
    const token = `${input}.${createHmac('sha256', signingKey).update(input).digest('base64url')}`;
    tokens.set(token, Date.now() + lifetime * 1000);
    issued++;
    return token;
  };

  const state: FakeHrWorksState = {
    persons,
    log,
    faults,
    get tokensIssued() {
      return issued;
    },
    tokens: () => [...tokens.keys()],
    addPerson(person) {
      const uuid = uuidOf(++lastN);
      persons.push({ ...generatedPerson(lastN), ...person, uuid });
      return uuid;
    },
    editPerson(uuid, patch) {
      Object.assign(find(uuid), patch, { uuid });
    },
    terminate(uuid, leaveDate, setGone = true) {
      const person = find(uuid);
      if (leaveDate === null) delete person.leaveDate;
      else person.leaveDate = leaveDate;
      if (setGone) person.isActive = false;
    },
    person: find,
    expireTokens() {
      for (const token of tokens.keys()) tokens.set(token, 0);
    },
    throttleNext(count, retryAfterSeconds) {
      faults.replace('throttleNext', count, { kind: 'throttle', retryAfterSeconds });
    },
  };

  const invalidToken = () => apiError(401, 'InvalidBearerTokenError', INVALID_TOKEN_MESSAGE);
  const dialect: FaultDialect = {
    // Not published: 429 with an ApiError body, Retry-After only where the script gives a delay.
    throttled: (seconds) => ({ ...apiError(429, 'TooManyRequestsError', 'Too many requests. Please retry later.'), headers: retryAfterHeader(seconds) }),
    unavailable: (status) => apiError(status, 'InternalServerError', 'An internal server error occurred. Please retry the request'),
    expiredToken: () => {
      state.expireTokens();
      return invalidToken();
    },
  };

  const handle = (req: FakeRequest): FakeResponse => {
    const path = req.url.pathname.replace(/\/+$/, '');
    if (path === '/v2/authentication') {
      if (req.method !== 'POST') return apiError(404, 'InvalidEndpointError', 'The requested API endpoint does not exist or is unable to process requests with the provided HTTP verb.');
      const body = parseJson(req.body || '', (json) => json as { accessKey?: unknown; secretAccessKey?: unknown });
      if (!body) return apiError(400, 'InvalidPayloadError', 'The request contained a payload, but the payload was not provided in valid JSON format.');
      if (body.value?.accessKey !== accessKey || body.value?.secretAccessKey !== secretAccessKey) return apiError(403, 'InvalidCredentialsError', INVALID_CREDENTIALS_MESSAGE);
      return { status: 200, body: { token: issueToken() } };
    }
    const header = req.headers.authorization;
    if (header === undefined) return apiError(401, 'MissingAuthorizationHeaderError', 'Your request did not include an authorization header.');
    const token = bearerToken(header);
    if (token === null) return apiError(401, 'MalformedAuthorizationHeaderError', 'The authorization header was malformed.');
    if ((tokens.get(token) ?? 0) <= Date.now()) return invalidToken();
    if (path === '/v2/health-check' && req.method === 'GET') return { status: 200, body: {} };
    if (path === MASTER_DATA_PATH && req.method === 'GET') return masterData(req.url.searchParams);
    return apiError(404, 'InvalidEndpointError', 'The requested API endpoint does not exist or is unable to process requests with the provided HTTP verb.');
  };

  /** GET /v2/persons/master-data: onlyActive (default true) and page (default 1), 50 a page, a Link header. */
  function masterData(query: URLSearchParams): FakeResponse {
    const onlyActive = query.get('onlyActive') ?? 'true';
    if (onlyActive !== 'true' && onlyActive !== 'false') return apiError(400, 'InvalidParameterTypeError', 'The parameter onlyActive must be of type boolean.');
    const rawPage = query.get('page') ?? '1';
    if (!/^[1-9]\d*$/.test(rawPage)) return apiError(400, 'InvalidParameterError', 'The parameter page must be a positive number.');
    if (query.has('persons')) return apiError(400, 'InvalidParameterError', 'This fake lists all persons only (no persons parameter).');
    const page = Number(rawPage);
    // Malformed records count as listed (they have no isActive false).
    const selected = persons.filter((p) => onlyActive === 'false' || p.isActive !== false);
    const lastPage = Math.max(1, Math.ceil(selected.length / pageSize));
    const items = selected.slice((page - 1) * pageSize, page * pageSize);
    const link = (p: number, rel: string) => {
      const params = new URLSearchParams(query);
      params.set('page', String(p));
      return `<${origin}${MASTER_DATA_PATH}?${params.toString()}>; rel="${rel}"`;
    };
    const links = [link(1, 'first'), ...(page > 1 ? [link(page - 1, 'prev')] : []), ...(page < lastPage ? [link(page + 1, 'next')] : []), link(lastPage, 'last')];
    return { status: 200, headers: { link: links.join(', ') }, body: { persons: items } };
  }

  const listings = [{ path: MASTER_DATA_PATH, records: (body: unknown) => (body as { persons?: unknown[] } | undefined)?.persons }];
  const server = await serveVendorFake({ handle, dialect, listings, faults, log, port: options.port });
  origin = server.url.replace(/\/+$/, '');
  return { url: server.url, faults, log, close: () => server.close(), state };
}
