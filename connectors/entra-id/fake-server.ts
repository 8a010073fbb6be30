// Loopback fake of the two Microsoft hosts the Entra ID connector talks to, as published:
//  - identity platform: POST /{tenant}/oauth2/v2.0/token (client credentials, AADSTS error bodies)
//  - Graph v1.0: GET /users ($select, $top ≤ 999, @odata.nextLink with $skiptoken, 429 + Retry-After),
//    POST /directoryObjects/getAvailableExtensionProperties (directory extensions), GET /users/delta
//    (fake-delta.ts) and /subscriptions with change notifications on every user change
//    (fake-subscriptions.ts).
import { randomUUID } from 'node:crypto';
import { expireAndRefuse, GeneratedDirectory, listingAt, numberParam, retryAfterHeader, router, serveVendorFake, tokenGuard, tokenPage, TokenStore, type FakeRequest, type FakeResponse, type FaultDialect } from '../kit/fake';
import { DeltaChangeLog, userDelta } from './fake-delta';
import { fakeExtensionName, fakeGraphUser, onPremisesAttributes, type GraphUserRecord } from './fake-people';
import { FakeGraphSubscriptions } from './fake-subscriptions';

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
  /** The clock subscriptions expire by (tests move it forward). */
  now?: () => Date;
  port?: number;
}

export interface DirectoryExtensionDefinition {
  name: string;
  dataType: 'String' | 'Integer' | 'LargeInteger' | 'Boolean' | 'DateTime' | 'Binary';
  isMultiValued?: boolean;
  appDisplayName?: string;
}

/** The fake tenant's data plus knobs and counters for tests (removeUser: the user then only exists in the recycle bin). */
export class FakeEntraState extends GeneratedDirectory<GraphUserRecord> {
  readonly extensions: DirectoryExtensionDefinition[] = [
    { name: fakeExtensionName('numberOfChildren'), dataType: 'Integer', appDisplayName: 'Northwind HR Sync' },
    { name: fakeExtensionName('maritalStatus'), dataType: 'String', appDisplayName: 'Northwind HR Sync' },
  ];

  /** Every change, for /users/delta. */
  readonly changes = new DeltaChangeLog();
  /** Set by the server: sends the change notifications of one change. */
  notifyChange: (id: string) => Promise<unknown> = async () => undefined;
  private readonly deliveries = new Set<Promise<unknown>>();

  constructor(people: number, referenceDate: string, tokenLifetimeSeconds = 3599) {
    const newHire = { employeeLeaveDateTime: null, accountEnabled: true };
    super(people, (n) => fakeGraphUser(n, referenceDate), new TokenStore(tokenLifetimeSeconds, 'fake-graph-token-'), newHire, 'Entra ID');
  }

  override addUser(overrides: Partial<GraphUserRecord> = {}): GraphUserRecord {
    const user = super.addUser(overrides);
    this.changed(user.id);
    return user;
  }

  override editUser(id: string, patch: Record<string, unknown>): void {
    super.editUser(id, patch);
    this.changed(id);
  }

  /** Soft deletion: the user leaves the listing for the recycle bin; Graph notifies it as `updated`. */
  override removeUser(id: string): void {
    super.removeUser(id);
    this.changed(id);
  }

  /** Resolves once the notifications of every change so far were delivered (or failed). */
  async notificationsSent(): Promise<void> {
    while (this.deliveries.size) await Promise.all([...this.deliveries]);
  }

  private changed(id: string): void {
    this.changes.record(id);
    const delivery = this.notifyChange(id).finally(() => this.deliveries.delete(delivery));
    this.deliveries.add(delivery);
  }

  /** Sets the leave date (YYYY-MM-DD, end of that day UTC); optionally disables the account as offboarding does. */
  terminate(id: string, leaveDate: string, options: { disableAccount?: boolean } = {}): void {
    this.editUser(id, { employeeLeaveDateTime: `${leaveDate}T23:59:59Z`, ...(options.disableAccount ? { accountEnabled: false } : {}) });
  }

  registerExtension(extension: DirectoryExtensionDefinition): void {
    this.extensions.push(extension);
  }

  /** Graph answers that were 429. */
  get throttledResponses(): number {
    return this.log.count({ status: 429 });
  }

  /** The next `count` Graph requests answer 429 with Retry-After. */
  throttleNext(count: number, retryAfterSeconds = 1): void {
    this.faults.next(count, { kind: 'throttle', retryAfterSeconds, path: GRAPH_PATH });
  }
}

export interface RunningFakeEntra {
  url: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  state: FakeEntraState;
  /** The change-notification subscriptions Graph holds for the app. */
  subscriptions: FakeGraphSubscriptions;
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
const TOKEN_REFUSALS = {
  missing: 'Access token is empty.',
  unknown: 'Access token validation failure. Invalid signature.',
  expired: 'Lifetime validation failed, the token is expired.',
};

export async function startFakeEntraId(options: FakeEntraOptions = {}): Promise<RunningFakeEntra> {
  const tenantId = options.tenantId ?? '11111111-2222-4333-8444-555555555555';
  const clientId = options.clientId ?? '66666666-7777-4888-8999-aaaaaaaaaaaa';
  const clientSecret = options.clientSecret ?? 'fake-entra-client-secret';
  const permissions = { usersRead: true, directoryRead: true, ...options.permissions };
  const lifetime = options.tokenLifetimeSeconds ?? 3599;
  const state = new FakeEntraState(options.people ?? 250, options.referenceDate ?? new Date().toISOString().slice(0, 10), lifetime);
  let baseUrl = '';
  const subscriptions = new FakeGraphSubscriptions(tenantId, clientId, graphError, options.now);
  state.notifyChange = (id) => subscriptions.notify(id, 'updated');
  const usersRefused = () => (permissions.usersRead ? undefined : graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'));

  // Graph throttles with 429 + Retry-After; an expired token is a 401 InvalidAuthenticationToken.
  const dialect: FaultDialect = {
    throttled: (seconds) => ({ ...graphError(429, 'TooManyRequests', 'Too many requests. Retry after the number of seconds in the Retry-After header.'), headers: retryAfterHeader(seconds) }),
    unavailable: (status) => graphError(status, status === 504 ? 'GatewayTimeout' : 'ServiceUnavailable', 'The service is temporarily unavailable. Retry the request later.'),
    expiredToken: expireAndRefuse(() => state.tokens.expireAll(), () => graphError(401, 'InvalidAuthenticationToken', TOKEN_REFUSALS.expired)),
  };

  const unknownTenant = (req: FakeRequest) => `Tenant '${req.url.pathname.split('/')[1]}' not found. Check that the tenant ID is right and that you are signing in to the right cloud.`;
  const graph = router(
    [
      ['GET', '/v1.0/users', (req) => listUsers(req.url)],
      ['GET', '/v1.0/users/delta', (req) => usersRefused() ?? userDelta(req.url, deltaSource)],
      ['POST', '/v1.0/directoryObjects/getAvailableExtensionProperties', (req) => listExtensions(req.body)],
      // Subscribing to users needs the same permission as reading them.
      ['POST', '/v1.0/subscriptions', (req) => usersRefused() ?? subscriptions.create(req.body)],
      ['GET', /^\/v1\.0\/subscriptions\/([^/]+)$/, (_req, id) => subscriptions.get(decodeURIComponent(id))],
      ['PATCH', /^\/v1\.0\/subscriptions\/([^/]+)$/, (req, id) => subscriptions.update(decodeURIComponent(id), req.body)],
      ['DELETE', /^\/v1\.0\/subscriptions\/([^/]+)$/, (_req, id) => subscriptions.delete(decodeURIComponent(id))],
    ],
    {
      guard: tokenGuard((token) => state.tokens.state(token), (why) => graphError(401, 'InvalidAuthenticationToken', TOKEN_REFUSALS[why])),
      notFound: (_req, path) => graphError(400, 'BadRequest', `Resource not found for the segment '${path.split('/').pop()}'.`),
    },
  );
  const handle = router(
    [
      ['POST', `/${tenantId}/oauth2/v2.0/token`, issueToken],
      ['*', /\/oauth2\/v2\.0\/token$/, (req) => aadstsError(400, 'invalid_request', 90002, unknownTenant(req))],
      ['*', /^\/v1\.0\//, graph],
    ],
    { notFound: (_req, path) => graphError(404, 'Request_ResourceNotFound', `Resource '${path}' does not exist.`) },
  );

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

  function unknownProperty(select: string[]): FakeResponse | undefined {
    const known = new Set([...USER_PROPERTIES, ...state.extensions.map((e) => e.name)]);
    const unknown = select.find((p) => !known.has(p));
    return unknown ? graphError(400, 'Request_BadRequest', `Could not find a property named '${unknown}' on type 'Microsoft.DirectoryServices.User'.`) : undefined;
  }

  const deltaSource = {
    log: state.changes,
    users: state.users,
    // Delta leaves out properties never set; the id is always there.
    project: (user: unknown, select: string[]) => withoutUnset(project(user, select.length ? [...new Set(['id', ...select])] : DEFAULT_PROPERTIES)),
    validateSelect: unknownProperty,
    pageSize: Math.min(options.maxPageSize ?? GRAPH_DEFAULT_TOP, GRAPH_DEFAULT_TOP),
    baseUrl: () => baseUrl,
    error: graphError,
  };

  function listUsers(url: URL): FakeResponse {
    const refused = usersRefused();
    if (refused) return refused;
    const selectParam = url.searchParams.get('$select');
    const select = selectParam ? selectParam.split(',').map((s) => s.trim()).filter(Boolean) : DEFAULT_PROPERTIES;
    const unknown = unknownProperty(select);
    if (unknown) return unknown;
    const top = numberParam(url.searchParams, '$top', GRAPH_DEFAULT_TOP, 1, GRAPH_MAX_TOP);
    if (top === null) return graphError(400, 'Request_UnsupportedQuery', `Invalid page size specified: '${url.searchParams.get('$top')}'. Must be between 1 and ${GRAPH_MAX_TOP} inclusive.`);
    // $skiptoken is opaque to clients; the fake encodes the offset (an empty one is none it made).
    const skip = url.searchParams.get('$skiptoken');
    const page = skip === '' ? null : tokenPage('users', skip, state.users, Math.min(top, options.maxPageSize ?? GRAPH_MAX_TOP));
    if (!page) return graphError(400, 'Request_BadRequest', 'The specified page token value has expired or is invalid.');
    const body: Record<string, unknown> = { '@odata.context': `${baseUrl}/v1.0/$metadata#users(${select.join(',')})`, value: page.items.map((user) => project(user, select)) };
    if (page.next) body['@odata.nextLink'] = `${baseUrl}/v1.0/users?${new URLSearchParams({ ...(selectParam ? { $select: selectParam } : {}), $top: String(top), $skiptoken: page.next })}`;
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

  const server = await serveVendorFake({ handle, dialect, listings: [listingAt('/v1.0/users', 'value')], faults: state.faults, log: state.log, port: options.port });
  baseUrl = server.url;
  return { url: server.url, tenantId, clientId, clientSecret, state, subscriptions, close: () => server.close() };
}

function withoutUnset(record: unknown): unknown {
  if (!record || typeof record !== 'object') return record;
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== null && v !== undefined));
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

