// Loopback fake of the two Microsoft hosts the Entra ID connector talks to, as published:
//  - identity platform: POST /{tenant}/oauth2/v2.0/token (client credentials, AADSTS error bodies)
//  - Graph v1.0: GET /users ($select, $top ≤ 999, @odata.nextLink with $skiptoken, 429 + Retry-After)
//    and POST /directoryObjects/getAvailableExtensionProperties (directory extensions).
import { randomUUID } from 'node:crypto';
import { bearerToken, FaultScript, positionToken, readPositionToken, retryAfterHeader, RequestLog, serveVendorFake, TokenStore, type FakeRequest, type FakeResponse, type FaultDialect } from '../kit/fake';
import { fakeExtensionName, fakeGraphUser, onPremisesAttributes, type GraphUserRecord } from './fake-people';

export { FAKE_EXTENSION_APP_ID, fakeExtensionName, fakeUserId } from './fake-people';

export interface FakeEntraOptions {
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  /** Generated people (default 250). */
  people?: number;
  /** Leave dates of generated people are relative to this day (default: today, UTC). */
  referenceDate?: string;
  /** Server-side page cap below Graph's 999, to get many pages from few people. */
  maxPageSize?: number;
  /** Application permissions consented for the app (default: all three the connector uses). */
  permissions?: { usersRead?: boolean; directoryRead?: boolean };
  tokenLifetimeSeconds?: number;
  port?: number;
}

export interface DirectoryExtensionDefinition {
  name: string;
  dataType: 'String' | 'Integer' | 'LargeInteger' | 'Boolean' | 'DateTime' | 'Binary';
  isMultiValued?: boolean;
  appDisplayName?: string;
}

/** The fake tenant's data plus knobs and counters for tests. */
export class FakeEntraState {
  /** Raw records in listing order; malformed ones are stored as injected. */
  readonly users: unknown[] = [];
  readonly extensions: DirectoryExtensionDefinition[] = [
    { name: fakeExtensionName('numberOfChildren'), dataType: 'Integer', appDisplayName: 'Northwind HR Sync' },
    { name: fakeExtensionName('maritalStatus'), dataType: 'String', appDisplayName: 'Northwind HR Sync' },
  ];
  /** Every request and its answer; the per-request fault script. */
  readonly log = new RequestLog();
  readonly faults = new FaultScript();
  /** Issued access tokens. */
  readonly tokens: TokenStore;
  private nextPerson: number;

  constructor(people: number, private readonly referenceDate: string, tokenLifetimeSeconds = 3599) {
    this.tokens = new TokenStore(tokenLifetimeSeconds, 'fake-graph-token-');
    for (let n = 1; n <= people; n++) this.users.push(fakeGraphUser(n, referenceDate));
    this.nextPerson = people + 1;
  }

  /** A new hire at the end of the listing (generated person, with overrides). */
  addUser(overrides: Partial<GraphUserRecord> = {}): GraphUserRecord {
    const user = { ...fakeGraphUser(this.nextPerson++, this.referenceDate), employeeLeaveDateTime: null, accountEnabled: true, ...overrides };
    this.users.push(user);
    return user;
  }

  editUser(id: string, patch: Record<string, unknown>): void {
    Object.assign(this.user(id), patch);
  }

  /** Sets the leave date (YYYY-MM-DD, end of that day UTC); optionally disables the account as offboarding does. */
  terminate(id: string, leaveDate: string, options: { disableAccount?: boolean } = {}): void {
    this.editUser(id, { employeeLeaveDateTime: `${leaveDate}T23:59:59Z`, ...(options.disableAccount ? { accountEnabled: false } : {}) });
  }

  /** Hard deletion (the user then only exists in the tenant's recycle bin, not in /users). */
  removeUser(id: string): void {
    this.users.splice(this.users.indexOf(this.user(id)), 1);
  }

  registerExtension(extension: DirectoryExtensionDefinition): void {
    this.extensions.push(extension);
  }

  /** Appends a record as-is (e.g. without id, or with a date that is not one). */
  injectMalformed(record: unknown): void {
    this.users.push(record);
  }

  get requests(): Array<{ method: string; path: string }> {
    return this.log.entries.map(({ method, path }) => ({ method, path }));
  }

  get tokensIssued(): number {
    return this.tokens.issuedCount;
  }

  /** Graph answers that were 429. */
  get throttledResponses(): number {
    return this.log.count({ status: 429 });
  }

  /** Invalidates every issued token, as a secret rotation or revoked consent would. */
  revokeTokens(): void {
    this.tokens.revokeAll();
  }

  /** The next `count` Graph requests answer 429 with Retry-After. */
  throttleNext(count: number, retryAfterSeconds = 1): void {
    this.faults.next(count, { kind: 'throttle', retryAfterSeconds, path: GRAPH_PATH });
  }

  private user(id: string): GraphUserRecord {
    const found = this.users.find((u): u is GraphUserRecord => !!u && typeof u === 'object' && (u as GraphUserRecord).id === id);
    if (!found) throw new Error(`fake Entra ID has no user ${id}`);
    return found;
  }
}

export interface RunningFakeEntra {
  url: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  state: FakeEntraState;
  close(): Promise<void>;
}

// Properties a Graph user has (a $select naming anything else is a 400, as on Graph).
const USER_PROPERTIES = new Set([
  'id', 'displayName', 'givenName', 'surname', 'mail', 'userPrincipalName', 'accountEnabled', 'employeeId', 'employeeType',
  'employeeHireDate', 'employeeLeaveDateTime', 'companyName', 'department', 'jobTitle', 'officeLocation', 'usageLocation',
  'employeeOrgData', 'onPremisesExtensionAttributes', 'businessPhones', 'mobilePhone', 'preferredLanguage', 'createdDateTime',
]);
// What /users returns without $select.
const DEFAULT_PROPERTIES = ['businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id'];
const GRAPH_MAX_TOP = 999;
const GRAPH_PATH = /^\/v1\.0\//;
const GRAPH_DEFAULT_TOP = 100;

export async function startFakeEntraId(options: FakeEntraOptions = {}): Promise<RunningFakeEntra> {
  const tenantId = options.tenantId ?? '11111111-2222-4333-8444-555555555555';
  const clientId = options.clientId ?? '66666666-7777-4888-8999-aaaaaaaaaaaa';
  const clientSecret = options.clientSecret ?? 'fake-entra-client-secret';
  const permissions = { usersRead: true, directoryRead: true, ...options.permissions };
  const lifetime = options.tokenLifetimeSeconds ?? 3599;
  const state = new FakeEntraState(options.people ?? 250, options.referenceDate ?? new Date().toISOString().slice(0, 10), lifetime);
  let baseUrl = '';

  // Graph throttles with 429 + Retry-After; an expired token is a 401 InvalidAuthenticationToken.
  const dialect: FaultDialect = {
    throttled: (seconds) => ({ ...graphError(429, 'TooManyRequests', 'Too many requests. Retry after the number of seconds in the Retry-After header.'), headers: retryAfterHeader(seconds) }),
    unavailable: (status) => graphError(status, status === 504 ? 'GatewayTimeout' : 'ServiceUnavailable', 'The service is temporarily unavailable. Retry the request later.'),
    expiredToken: () => {
      state.tokens.expireAll();
      return graphError(401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.');
    },
  };

  const handle = (req: FakeRequest): FakeResponse => {
    const path = req.url.pathname;
    if (req.method === 'POST' && path === `/${tenantId}/oauth2/v2.0/token`) return issueToken(req);
    if (path.endsWith('/oauth2/v2.0/token')) return aadstsError(400, 'invalid_request', 90002, `Tenant '${path.split('/')[1]}' not found. Check that the tenant ID is right and that you are signing in to the right cloud.`);
    if (path.startsWith('/v1.0/')) return graph(req);
    return graphError(404, 'Request_ResourceNotFound', `Resource '${path}' does not exist.`);
  };

  function issueToken(req: FakeRequest): FakeResponse {
    const form = new URLSearchParams(req.body);
    if (form.get('grant_type') !== 'client_credentials') return aadstsError(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
    if (form.get('client_id') !== clientId) {
      return aadstsError(400, 'unauthorized_client', 700016, `Application with identifier '${form.get('client_id')}' was not found in the directory '${tenantId}'.`);
    }
    if (form.get('client_secret') !== clientSecret) {
      return aadstsError(401, 'invalid_client', 7000215, `Invalid client secret provided. Send the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`);
    }
    const scope = form.get('scope') ?? '';
    if (!scope.endsWith('/.default')) {
      return aadstsError(400, 'invalid_scope', 1002012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.`);
    }
    const token = state.tokens.issue(undefined);
    return { status: 200, body: { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: token } };
  }

  function graph(req: FakeRequest): FakeResponse {
    const token = bearerToken(req.headers.authorization);
    if (!token) return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    const tokenState = state.tokens.state(token);
    if (tokenState === 'unknown') return graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid signature.');
    if (tokenState === 'expired') return graphError(401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.');
    const path = req.url.pathname;
    if (req.method === 'GET' && path === '/v1.0/users') return listUsers(req.url);
    if (req.method === 'POST' && path === '/v1.0/directoryObjects/getAvailableExtensionProperties') return listExtensions(req.body);
    return graphError(400, 'BadRequest', `Resource not found for the segment '${path.split('/').pop()}'.`);
  }

  function listUsers(url: URL): FakeResponse {
    if (!permissions.usersRead) return graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    const selectParam = url.searchParams.get('$select');
    const select = selectParam ? selectParam.split(',').map((s) => s.trim()).filter(Boolean) : DEFAULT_PROPERTIES;
    const known = new Set([...USER_PROPERTIES, ...state.extensions.map((e) => e.name)]);
    const unknown = select.find((p) => !known.has(p));
    if (unknown) return graphError(400, 'Request_BadRequest', `Could not find a property named '${unknown}' on type 'Microsoft.DirectoryServices.User'.`);
    const top = url.searchParams.has('$top') ? Number(url.searchParams.get('$top')) : GRAPH_DEFAULT_TOP;
    if (!Number.isInteger(top) || top < 1 || top > GRAPH_MAX_TOP) {
      return graphError(400, 'Request_UnsupportedQuery', `Invalid page size specified: '${url.searchParams.get('$top')}'. Must be between 1 and ${GRAPH_MAX_TOP} inclusive.`);
    }
    const offset = readSkipToken(url.searchParams.get('$skiptoken'));
    if (offset === null) return graphError(400, 'Request_BadRequest', 'The specified page token value has expired or is invalid.');
    const pageSize = Math.min(top, options.maxPageSize ?? GRAPH_MAX_TOP);
    const slice = state.users.slice(offset, offset + pageSize);
    const body: Record<string, unknown> = {
      '@odata.context': `${baseUrl}/v1.0/$metadata#users(${select.join(',')})`,
      value: slice.map((user) => project(user, select)),
    };
    if (offset + pageSize < state.users.length) {
      const next = new URLSearchParams();
      if (selectParam) next.set('$select', selectParam);
      next.set('$top', String(top));
      next.set('$skiptoken', writeSkipToken(offset + pageSize));
      body['@odata.nextLink'] = `${baseUrl}/v1.0/users?${next}`;
    }
    return { status: 200, body };
  }

  function listExtensions(requestBody: string): FakeResponse {
    if (!permissions.directoryRead) return graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    const synced = (JSON.parse(requestBody || '{}') as { isSyncedFromOnPremises?: boolean }).isSyncedFromOnPremises;
    return {
      status: 200,
      body: {
        '@odata.context': `${baseUrl}/v1.0/$metadata#Collection(microsoft.graph.extensionProperty)`,
        value: state.extensions
          .filter(() => synced !== true) // all fake extensions are cloud-only
          .map((e, i) => ({
            id: `e0000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
            deletedDateTime: null,
            appDisplayName: e.appDisplayName ?? 'Northwind HR Sync',
            dataType: e.dataType,
            isMultiValued: e.isMultiValued ?? false,
            isSyncedFromOnPremises: false,
            name: e.name,
            targetObjects: ['User'],
          })),
      },
    };
  }

  function aadstsError(status: number, error: string, code: number, message: string): FakeResponse {
    const traceId = randomUUID();
    const correlationId = randomUUID();
    const timestamp = new Date().toISOString().replace('T', ' ').slice(0, 19) + 'Z';
    return {
      status,
      body: {
        error,
        error_description: `AADSTS${code}: ${message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
        error_codes: [code],
        timestamp,
        trace_id: traceId,
        correlation_id: correlationId,
        error_uri: `${baseUrl}/error?code=${code}`,
      },
    };
  }

  const listings = [{ path: '/v1.0/users', records: (body: unknown) => (body as { value?: unknown[] } | undefined)?.value }];
  const server = await serveVendorFake({ handle, dialect, listings, faults: state.faults, log: state.log, port: options.port });
  baseUrl = server.url;
  return { url: server.url, tenantId, clientId, clientSecret, state, close: () => server.close() };
}

/** Graph returns every selected property (null when unset); directory extensions only when set. */
function project(user: unknown, select: string[]): unknown {
  if (!user || typeof user !== 'object') return user;
  const record = user as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const property of select) {
    if (property.startsWith('extension_')) {
      if (record[property] !== undefined && record[property] !== null) out[property] = record[property];
    } else if (property === 'onPremisesExtensionAttributes') {
      out[property] = record[property] === undefined ? onPremisesAttributes() : record[property];
    } else {
      out[property] = record[property] ?? null;
    }
  }
  return out;
}

function graphError(status: number, code: string, message: string): FakeResponse {
  const date = new Date().toISOString().slice(0, 19);
  const requestId = randomUUID();
  return { status, body: { error: { code, message, innerError: { date, 'request-id': requestId, 'client-request-id': requestId } } } };
}

// $skiptoken is opaque to clients; the fake encodes the offset.
const writeSkipToken = (offset: number) => positionToken('users', offset);
const readSkipToken = (token: string | null) => (token === '' ? null : readPositionToken('users', token));
