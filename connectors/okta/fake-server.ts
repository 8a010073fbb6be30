// A local Okta org for tests, demos and benchmarks, answering like the Management API under /api/v1:
// `Authorization: SSWS <token>` (refusals in Okta's error body { errorCode, errorSummary, errorLink,
// errorId, errorCauses }), GET /api/v1/users with `limit` (default and cap 200) and `after` cursors
// in `Link: <…>; rel="next"` headers, the plain list hiding DEPROVISIONED users, `filter` expressions
// on status and lastUpdated, the user schema with custom profile attributes, and X-Rate-Limit-*
// headers. Throttling and outages come from the fault script (429 with X-Rate-Limit-Reset).
import { randomUUID } from 'node:crypto';
import { fakePerson, FaultScript, isoDay, RequestLog, RollingWindowLimit, serveVendorFake, type FakeRequest, type FakeResponse, type FaultDialect } from '../kit/fake';

export interface FakeOktaOptions {
  apiToken?: string;
  /** Generated users (deterministic, fictitious); every 5th has left, every 7th is leaving. */
  people?: number;
  /** Users records without an id, placed after the first user of the plain list. */
  malformedRecords?: number;
  /** The most served per page (default 200, Okta's cap); lower it to page a few dozen users. */
  maxLimit?: number;
  /** Answer the user schema 403 (E0000006), as for a token whose admin may only read users. */
  schemaForbidden?: boolean;
  /** Answer 429 beyond this many requests a minute (default: no limit of its own). */
  rateLimitPerMinute?: number;
  port?: number;
}

type Row = Record<string, unknown> & { profile?: Record<string, unknown> };

export interface FakeOktaState {
  /** Users in listing order; malformed ones as injected. */
  readonly users: Row[];
  readonly log: RequestLog;
  readonly faults: FaultScript;
  /** A new user (ACTIVE unless given) at the end of the listing; returns its id. */
  addUser(profile: Record<string, unknown>, status?: string): string;
  /** Changes profile attributes (and lastUpdated), as an admin or a provisioning source would. */
  editProfile(id: string, profile: Record<string, unknown>): void;
  setStatus(id: string, status: string): void;
  /** Deactivates a user (DEPROVISIONED), with a leaving date in the terminationDate attribute when given. */
  deprovision(id: string, terminationDate?: string | null): void;
  /** Creates a custom profile attribute in the user schema, as the Profile Editor does. */
  addCustomAttribute(name: string, title: string, type?: string): void;
  injectMalformed(record: unknown): void;
  throttleNext(count: number, retryAfterSeconds?: number): void;
}

export interface RunningFakeOkta {
  url: string;
  faults: FaultScript;
  log: RequestLog;
  close(): Promise<void>;
  state: FakeOktaState;
}

export const FAKE_OKTA_API_TOKEN = '00fakeOktaApiTokenForTests0000000000000000';
/** Custom profile attributes of the fake's schema. */
export const HIRE_DATE_ATTRIBUTE = 'hireDate';
export const TERMINATION_DATE_ATTRIBUTE = 'terminationDate';
export const NUMBER_OF_CHILDREN_ATTRIBUTE = 'numberOfChildren';
export const FAKE_OKTA_ORGANIZATIONS = ['Northwind Benefits GmbH', 'Northwind Services AG', 'Northwind Labs Ltd'];

const MAX_LIMIT = 200;
const USERS_PATH = '/api/v1/users';
const SCHEMA_PATH = '/api/v1/meta/schemas/user/default';
const UPDATED = '2026-01-01T08:00:00.000Z';

/** An Okta-looking user id (20 characters, starting 00u). */
function userId(n: number): string {
  return `00u${String(n).padStart(14, '0')}fk7`;
}

/** Deterministic fictitious user `n` (1-based) in Okta's shapes. */
function generatedUser(n: number): Row {
  const { firstName, lastName, emailLocalPart, terminated, leaving, hireDate, terminationDate } = fakePerson(n);
  // Leavers: deprovisioned with a termination date, every 10th without one, every 20th only suspended.
  const status = terminated ? (n % 20 === 0 ? 'SUSPENDED' : 'DEPROVISIONED') : n % 11 === 4 ? 'STAGED' : n % 13 === 6 ? 'LOCKED_OUT' : n % 17 === 8 ? 'PASSWORD_EXPIRED' : n % 19 === 9 ? 'PROVISIONED' : 'ACTIVE';
  const email = `${emailLocalPart}@northwind-benefits.test`;
  const withoutDate = terminated && n % 10 === 0 && n % 20 !== 0;
  const start = status === 'STAGED' ? '2030-01-04' : hireDate;
  return {
    id: userId(n),
    status,
    created: `${hireDate}T08:00:00.000Z`,
    activated: status === 'STAGED' || status === 'PROVISIONED' ? null : `${hireDate}T08:05:00.000Z`,
    statusChanged: terminated ? `${terminationDate}T18:00:00.000Z` : null,
    lastLogin: null,
    lastUpdated: UPDATED,
    passwordChanged: null,
    type: { id: 'oty00000000000000fk7' },
    profile: {
      firstName,
      lastName,
      login: email,
      email,
      secondEmail: null,
      mobilePhone: null,
      employeeNumber: `OK-${1000 + n}`,
      userType: n % 13 === 6 ? 'Contractor' : n % 3 === 0 ? 'Part-time' : 'Employee',
      organization: FAKE_OKTA_ORGANIZATIONS[n % FAKE_OKTA_ORGANIZATIONS.length],
      division: n % 2 ? 'Operations' : 'Sales',
      department: ['Finance', 'Engineering', 'People', 'Support'][n % 4],
      costCenter: `CC-${100 + (n % 5)}`,
      [HIRE_DATE_ATTRIBUTE]: start,
      [TERMINATION_DATE_ATTRIBUTE]: withoutDate ? null : (terminationDate ?? (leaving ? '2030-06-30' : null)),
      [NUMBER_OF_CHILDREN_ATTRIBUTE]: n % 6 === 0 ? null : n % 4,
      birthDate: isoDay(Date.UTC(1970, 0, 1), (n * 331) % 12000),
    },
    _links: { self: { href: `/api/v1/users/${userId(n)}` } },
  };
}

/** Okta's error answer. */
export function oktaError(status: number, errorCode: string, errorSummary: string, errorCauses: string[] = []): FakeResponse {
  return { status, body: { errorCode, errorSummary, errorLink: errorCode, errorId: `oae${randomUUID().replace(/-/g, '').slice(0, 19)}`, errorCauses: errorCauses.map((s) => ({ errorSummary: s })) } };
}

const BASE_PROPERTIES: Record<string, { title: string; type: string }> = Object.fromEntries(
  [
    ['login', 'Username'],
    ['firstName', 'First name'],
    ['lastName', 'Last name'],
    ['email', 'Primary email'],
    ['secondEmail', 'Secondary email'],
    ['mobilePhone', 'Mobile phone'],
    ['employeeNumber', 'Employee number'],
    ['userType', 'User type'],
    ['organization', 'Organization'],
    ['division', 'Division'],
    ['department', 'Department'],
    ['costCenter', 'Cost center'],
  ].map(([name, title]) => [name, { title, type: 'string' }]),
);

export async function startFakeOkta(options: FakeOktaOptions = {}): Promise<RunningFakeOkta> {
  const apiToken = options.apiToken ?? FAKE_OKTA_API_TOKEN;
  const maxLimit = Math.min(MAX_LIMIT, options.maxLimit ?? MAX_LIMIT);
  const users: Row[] = [];
  const custom: Record<string, Record<string, unknown>> = {
    [HIRE_DATE_ATTRIBUTE]: { title: 'Hire date', type: 'string', description: 'YYYY-MM-DD' },
    [TERMINATION_DATE_ATTRIBUTE]: { title: 'Termination date', type: 'string', description: 'YYYY-MM-DD' },
    [NUMBER_OF_CHILDREN_ATTRIBUTE]: { title: 'Number of children', type: 'integer' },
    birthDate: { title: 'Birth date', type: 'string' },
  };
  const log = new RequestLog();
  const faults = new FaultScript();
  const limiter = options.rateLimitPerMinute ? new RollingWindowLimit(options.rateLimitPerMinute) : null;
  let origin = '';
  let lastN = 0;

  for (let n = 1; n <= (options.people ?? 20); n++) {
    users.push(generatedUser(n));
    if (n === 1) for (let i = 0; i < (options.malformedRecords ?? 0); i++) users.push({ status: 'ACTIVE', profile: { firstName: 'Orphan', lastName: 'Record' } });
    lastN = n;
  }

  const find = (id: string): Row => {
    const user = users.find((u) => u.id === id);
    if (!user) throw new Error(`fake Okta has no user ${id}`);
    return user;
  };
  const touch = (user: Row) => (user.lastUpdated = new Date().toISOString());

  const state: FakeOktaState = {
    users,
    log,
    faults,
    addUser(profile, status = 'ACTIVE') {
      const id = userId(++lastN);
      const now = new Date().toISOString();
      users.push({ id, status, created: now, activated: status === 'ACTIVE' ? now : null, statusChanged: null, lastUpdated: now, type: { id: 'oty00000000000000fk7' }, profile: { ...profile } });
      return id;
    },
    editProfile(id, profile) {
      const user = find(id);
      user.profile = { ...user.profile, ...profile };
      touch(user);
    },
    setStatus(id, status) {
      const user = find(id);
      Object.assign(user, { status, statusChanged: new Date().toISOString() });
      touch(user);
    },
    deprovision(id, terminationDate) {
      if (terminationDate !== undefined) state.editProfile(id, { [TERMINATION_DATE_ATTRIBUTE]: terminationDate });
      state.setStatus(id, 'DEPROVISIONED');
    },
    addCustomAttribute(name, title, type = 'string') {
      custom[name] = { title, type };
    },
    injectMalformed(record) {
      users.push(record as Row);
    },
    throttleNext(count, retryAfterSeconds) {
      faults.replace('throttleNext', count, { kind: 'throttle', retryAfterSeconds });
    },
  };

  const resetIn = (seconds: number) => String(Math.ceil(Date.now() / 1000 + seconds));
  // Okta's throttle: 429, E0000047, X-Rate-Limit-* (Reset in epoch seconds). No Retry-After is sent;
  // without a delay from the script the Reset header is left out (see NOTES.md).
  const throttled = (seconds: number | undefined): FakeResponse => ({
    ...oktaError(429, 'E0000047', 'API call exceeded rate limit due to too many requests.'),
    headers: { 'x-rate-limit-limit': String(options.rateLimitPerMinute ?? 600), 'x-rate-limit-remaining': '0', ...(seconds === undefined ? {} : { 'x-rate-limit-reset': resetIn(seconds) }) },
  });
  const dialect: FaultDialect = {
    throttled,
    unavailable: (status) => oktaError(status, 'E0000009', 'Internal Server Error'),
  };

  const handle = (req: FakeRequest): FakeResponse => {
    const match = typeof req.headers.authorization === 'string' ? /^SSWS (\S+)$/.exec(req.headers.authorization) : null;
    if (!match || match[1] !== apiToken) return oktaError(401, 'E0000011', 'Invalid token provided');
    if (limiter && !limiter.allow()) return throttled(60);
    const path = req.url.pathname.replace(/\/+$/, '');
    if (path !== USERS_PATH && path !== SCHEMA_PATH) return oktaError(404, 'E0000007', `Not found: Resource not found: ${path} (GET)`);
    if (req.method !== 'GET') return oktaError(405, 'E0000022', 'The endpoint does not support the provided HTTP method');
    if (path === SCHEMA_PATH && options.schemaForbidden) return oktaError(403, 'E0000006', 'You do not have permission to perform the requested action');
    const answer = path === SCHEMA_PATH ? { status: 200, body: userSchema() } : listUsers(req.url.searchParams);
    return { ...answer, headers: { ...answer.headers, 'x-rate-limit-limit': String(options.rateLimitPerMinute ?? 600), 'x-rate-limit-remaining': String(options.rateLimitPerMinute ?? 600), 'x-rate-limit-reset': resetIn(60) } };
  };

  function userSchema(): unknown {
    return {
      id: `${origin}${SCHEMA_PATH.replace('/api/v1', '')}`,
      $schema: 'http://json-schema.org/draft-04/schema#',
      name: 'user',
      title: 'User',
      definitions: {
        base: { id: '#base', type: 'object', properties: BASE_PROPERTIES, required: ['login', 'firstName', 'lastName', 'email'] },
        custom: { id: '#custom', type: 'object', properties: custom, required: [] },
      },
      type: 'object',
      properties: { profile: { allOf: [{ $ref: '#/definitions/custom' }, { $ref: '#/definitions/base' }] } },
    };
  }

  /** GET /api/v1/users: the plain list hides DEPROVISIONED users; a filter sees every status. */
  function listUsers(query: URLSearchParams): FakeResponse {
    const raw = query.get('limit');
    const asked = raw === null || raw === '' ? MAX_LIMIT : /^\d+$/.test(raw) && Number(raw) > 0 ? Number(raw) : null;
    if (asked === null) return oktaError(400, 'E0000001', 'Api validation failed: limit', ['limit: must be a positive integer']);
    if (query.has('search') || query.has('q')) return oktaError(400, 'E0000031', 'Invalid search criteria.', ['this fake supports the plain list and filter only']);
    const filter = query.get('filter');
    let matches: (u: Row) => boolean = (u) => u.status !== 'DEPROVISIONED';
    if (filter !== null) {
      const parsed = parseFilter(filter);
      if (!parsed) return oktaError(400, 'E0000031', 'Invalid search criteria.', [`filter: ${filter}`]);
      matches = parsed;
    }
    const selected = users.filter(matches);
    const after = query.get('after');
    let start = 0;
    if (after !== null && after !== '') {
      const at = selected.findIndex((u, i) => cursorOf(u, i) === after);
      if (at === -1) return oktaError(400, 'E0000001', 'Api validation failed: after', ['after: unknown cursor']);
      start = at + 1;
    }
    const limit = Math.min(asked, maxLimit);
    const page = selected.slice(start, start + limit);
    const self = linkTo(query, null);
    const links = [`<${self}>; rel="self"`];
    if (start + page.length < selected.length) links.push(`<${linkTo(query, cursorOf(page[page.length - 1], start + page.length - 1))}>; rel="next"`);
    return { status: 200, headers: { link: links.join(', ') }, body: page };
  }

  /** Okta's after cursor is the last user's id (a record without one gets its position). */
  function cursorOf(user: Row, index: number): string {
    return typeof user?.id === 'string' ? user.id : `pos${index}`;
  }

  function linkTo(query: URLSearchParams, after: string | null): string {
    const next = new URLSearchParams();
    if (after !== null) next.set('after', after);
    for (const [k, v] of query) if (k !== 'after') next.set(k, v);
    return `${origin}${USERS_PATH}?${next.toString()}`;
  }

  const listings = [{ path: USERS_PATH, records: (body: unknown) => (Array.isArray(body) ? body : undefined) }];
  const server = await serveVendorFake({ handle, dialect, listings, faults, log, port: options.port });
  origin = server.url.replace(/\/+$/, '');
  return { url: server.url, faults, log, close: () => server.close(), state };
}

/**
 * The filter expressions Okta documents for users: `status eq "X"`, `lastUpdated gt|ge|lt|le|eq "ISO"`,
 * `id eq`, `profile.login|email|firstName|lastName eq`, joined by `and` / `or` (and binds tighter),
 * parentheses as grouping. null for anything else.
 */
export function parseFilter(expression: string): ((u: Row) => boolean) | null {
  const tokens = expression.match(/\(|\)|"(?:[^"\\]|\\.)*"|[^\s()]+/g) ?? [];
  let i = 0;
  const term = (): ((u: Row) => boolean) | null => {
    if (tokens[i] === '(') {
      i++;
      const inner = or();
      if (!inner || tokens[i++] !== ')') return null;
      return inner;
    }
    const [field, op, literal] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    i += 3;
    if (!field || !op || !literal || !/^".*"$/.test(literal)) return null;
    const value = literal.slice(1, -1).replace(/\\(.)/g, '$1');
    if (field === 'lastUpdated' && ['eq', 'gt', 'ge', 'lt', 'le'].includes(op)) {
      const at = Date.parse(value);
      if (Number.isNaN(at)) return null;
      return (u) => {
        const t = typeof u.lastUpdated === 'string' ? Date.parse(u.lastUpdated) : NaN;
        if (Number.isNaN(t)) return false;
        return op === 'eq' ? t === at : op === 'gt' ? t > at : op === 'ge' ? t >= at : op === 'lt' ? t < at : t <= at;
      };
    }
    if (op !== 'eq') return null;
    if (field === 'status' || field === 'id') return (u) => u[field] === value;
    const profileField = /^profile\.(login|email|firstName|lastName)$/.exec(field)?.[1];
    return profileField ? (u) => u.profile?.[profileField] === value : null;
  };
  const and = (): ((u: Row) => boolean) | null => {
    let left = term();
    while (left && tokens[i] === 'and') {
      i++;
      const right = term();
      if (!right) return null;
      const l = left;
      left = (u) => l(u) && right(u);
    }
    return left;
  };
  const or = (): ((u: Row) => boolean) | null => {
    let left = and();
    while (left && tokens[i] === 'or') {
      i++;
      const right = and();
      if (!right) return null;
      const l = left;
      left = (u) => l(u) || right(u);
    }
    return left;
  };
  const parsed = or();
  return parsed && i === tokens.length ? parsed : null;
}
