// Loopback fake of what the Google Workspace connector uses, as published:
//  - OAuth2 token endpoint, JWT-bearer grant: verifies the RS256 signature against the service
//    account's public key, iss/sub/aud/iat/exp and the domain-wide-delegation scopes; Google's
//    {error, error_description} bodies (invalid_grant 400, unauthorized_client 401).
//  - Directory API: users.list (customer|domain, projection basic|custom|full, maxResults ≤ 500,
//    pageToken → nextPageToken) and schemas.list; Google's error bodies, throttling as 403
//    userRateLimitExceeded; users.watch and channels.stop with a message per user change
//    (fake-channels.ts).
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { expireAndRefuse, GeneratedDirectory, grantGuard, numberParam, router, serveVendorFake, tokenPage, TokenStore, type FakeRequest, type FakeResponse, type FaultDialect, type RunningFake } from '../kit/fake';
import { FakeWatchChannels } from './fake-channels';
import { employmentSchema, EMPLOYMENT_SCHEMA, FAKE_CUSTOMER_ID, FAKE_GOOGLE_DOMAIN, fakeGoogleUser, type GoogleUserRecord } from './fake-people';

export { EMPLOYMENT_SCHEMA, FAKE_CUSTOMER_ID, FAKE_GOOGLE_DOMAIN, fakeGoogleUserId } from './fake-people';

const USER_READ_SCOPES = ['https://www.googleapis.com/auth/admin.directory.user.readonly', 'https://www.googleapis.com/auth/admin.directory.user'];
const SCHEMA_READ_SCOPES = ['https://www.googleapis.com/auth/admin.directory.userschema.readonly', 'https://www.googleapis.com/auth/admin.directory.userschema'];
const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const MAX_RESULTS = 500;
const DEFAULT_RESULTS = 100;
const CLOCK_SKEW_SECONDS = 300;

export interface FakeGoogleOptions {
  /** The service account whose key signs the assertions (tests generate the pair). */
  serviceAccount: { clientEmail: string; publicKey: KeyObject | string };
  domain?: string;
  customerId?: string;
  /** Admin users the service account may impersonate (default: admin@<domain>). */
  admins?: string[];
  /** Scopes authorised for the client under domain-wide delegation (default: both read-only scopes). */
  delegatedScopes?: string[];
  /** Generated people (default 250). */
  people?: number;
  /** Leaving dates of generated people are relative to this day (default: today, UTC). */
  referenceDate?: string;
  /** Server-side page cap below 500, to get many pages from few people. */
  maxPageSize?: number;
  tokenLifetimeSeconds?: number;
  /** The clock watch channels expire by (tests move it forward). */
  now?: () => Date;
  port?: number;
}

interface IssuedToken {
  subject: string;
  scopes: string[];
}

const DIRECTORY_PATH = /^\/admin\/directory\/v1\//;

/** The fake account's data plus knobs and counters for tests (removeUser: Google keeps it only under showDeleted). */
export class FakeGoogleState extends GeneratedDirectory<GoogleUserRecord, IssuedToken> {
  readonly schemas: Array<ReturnType<typeof employmentSchema>>;

  constructor(people: number, referenceDate: string, domain: string, customerId: string, tokenLifetimeSeconds = 3599) {
    const newHire = { suspended: false, archived: false };
    super(people, (n) => fakeGoogleUser(n, referenceDate, domain), new TokenStore<IssuedToken>(tokenLifetimeSeconds, 'ya29.fake-'), newHire, 'Google Workspace');
    this.schemas = [employmentSchema(customerId)];
  }

  /** Set by the server: the watch channels' messages for one change. */
  onChange: (event: 'add' | 'update' | 'delete', user: GoogleUserRecord) => void = () => undefined;

  override addUser(overrides: Partial<GoogleUserRecord> = {}): GoogleUserRecord {
    const user = super.addUser(overrides);
    this.onChange('add', user);
    return user;
  }

  override editUser(id: string, patch: Record<string, unknown>): void {
    super.editUser(id, patch);
    this.onChange('update', this.user(id));
  }

  override removeUser(id: string): void {
    const user = this.user(id);
    super.removeUser(id);
    this.onChange('delete', user);
  }

  /** Sets a custom field value, e.g. setCustomField(id, 'Employment', 'numberOfChildren', '2'). */
  setCustomField(id: string, schemaName: string, fieldName: string, value: unknown): void {
    const user = this.user(id);
    const schemas = (user.customSchemas ??= {}) as Record<string, Record<string, unknown>>;
    (schemas[schemaName] ??= {})[fieldName] = value;
    this.onChange('update', user);
  }

  /** Records the leaving date in Employment.leavingDate and suspends (or archives) the account. */
  terminate(id: string, leavingDate: string, options: { archive?: boolean; suspend?: boolean } = {}): void {
    this.setCustomField(id, EMPLOYMENT_SCHEMA, 'leavingDate', leavingDate);
    if (options.archive) this.editUser(id, { archived: true, suspended: false });
    else if (options.suspend) this.editUser(id, { suspended: true, suspensionReason: 'ADMIN' });
  }

  /** Adds a field to a schema (created if new), as an admin would in the Admin console. */
  defineCustomField(schemaName: string, field: { fieldName: string; fieldType: string; displayName?: string; multiValued?: boolean }): void {
    let schema = this.schemas.find((s) => s.schemaName === schemaName);
    if (!schema) {
      schema = { ...employmentSchema(), schemaId: `sch-${schemaName}`, schemaName, displayName: schemaName, fields: [] };
      this.schemas.push(schema);
    }
    schema.fields.push({
      kind: 'admin#directory#schema#fieldspec',
      fieldId: `fld-${field.fieldName}`,
      etag: `"fld-${field.fieldName}"`,
      fieldType: field.fieldType,
      fieldName: field.fieldName,
      displayName: field.displayName ?? field.fieldName,
      multiValued: field.multiValued ?? false,
      readAccessType: 'ADMINS_AND_SELF',
      indexed: true,
    });
  }

  /** The next `count` Directory API requests answer 403 with this rate-limit reason. */
  throttleNext(count: number, reason: 'userRateLimitExceeded' | 'rateLimitExceeded' | 'quotaExceeded' = 'userRateLimitExceeded'): void {
    this.faults.next(count, { kind: 'throttle', detail: reason, path: DIRECTORY_PATH });
  }

  /** Directory API answers that were throttled. */
  get throttledResponses(): number {
    return this.log.entries.filter((e) => e.fault === 'throttle').length;
  }
}

export interface RunningFakeGoogle extends Pick<RunningFake<FakeGoogleState>, 'url' | 'state' | 'close'> {
  /** The watch channels Google holds. */
  channels: FakeWatchChannels;
  tokenUrl: string;
  domain: string;
  customerId: string;
  adminEmail: string;
}

export async function startFakeGoogleWorkspace(options: FakeGoogleOptions): Promise<RunningFakeGoogle> {
  const domain = options.domain ?? FAKE_GOOGLE_DOMAIN;
  const customerId = options.customerId ?? FAKE_CUSTOMER_ID;
  const admins = options.admins ?? [`admin@${domain}`];
  const delegatedScopes = new Set(options.delegatedScopes ?? [USER_READ_SCOPES[0], SCHEMA_READ_SCOPES[0]]);
  const publicKey = typeof options.serviceAccount.publicKey === 'string' ? createPublicKey(options.serviceAccount.publicKey) : options.serviceAccount.publicKey;
  const lifetime = options.tokenLifetimeSeconds ?? 3599;
  const state = new FakeGoogleState(options.people ?? 250, options.referenceDate ?? new Date().toISOString().slice(0, 10), domain, customerId, lifetime);
  let tokenUrl = '';
  let baseUrl = '';
  const channels = new FakeWatchChannels(
    (code, status, reason, message) => googleError(code, status, reason, message),
    () => baseUrl,
    options.now,
  );
  state.onChange = (event, user) => channels.notify(event, user);

  // Google throttles the Directory API with 403 usageLimits reasons (no Retry-After); 5xx as backendError.
  const dialect: FaultDialect = {
    throttled: (_seconds, reason = 'userRateLimitExceeded') => googleError(403, 'PERMISSION_DENIED', reason, reason === 'quotaExceeded' ? 'Quota exceeded.' : 'User Rate Limit Exceeded', {}, 'usageLimits'),
    unavailable: (status) => googleError(status, 'UNAVAILABLE', 'backendError', 'Backend Error'),
    expiredToken: expireAndRefuse(() => state.tokens.expireAll(), unauthenticated),
  };

  const notFound = () => googleError(404, 'NOT_FOUND', 'notFound', 'Not Found');
  const forbidden = () => googleError(403, 'PERMISSION_DENIED', 'forbidden', 'Not Authorized to access this resource/api');
  const { guard, grantOf } = grantGuard(state.tokens, unauthenticated, (issued) => (admins.includes(issued.subject) ? undefined : forbidden()));
  const directory = router(
    [
      ['GET', '/admin/directory/v1/users', (req) => listUsers(req.url, grantOf(req))],
      ['GET', /^\/admin\/directory\/v1\/customer\/([^/]+)\/schemas$/, (req, customer) => listSchemas(decodeURIComponent(customer), grantOf(req))],
      // Watching users needs the scope that reads them.
      ['POST', '/admin/directory/v1/users/watch', (req) => userScopeRefused(grantOf(req)) ?? channels.watch(req.url, req.body)],
    ],
    { guard, notFound },
  );
  // channels.stop lives under directory_v1, as Google's discovery document names it.
  const channelRoutes = router([['POST', '/admin/directory_v1/channels/stop', (req) => userScopeRefused(grantOf(req)) ?? channels.stop(req.body)]], { guard, notFound });
  const handle = router(
    [
      ['POST', '/token', issueToken],
      ['*', DIRECTORY_PATH, directory],
      ['*', /^\/admin\/directory_v1\//, channelRoutes],
    ],
    { notFound },
  );

  function userScopeRefused(issued: IssuedToken): FakeResponse | undefined {
    return issued.scopes.some((s) => USER_READ_SCOPES.includes(s)) ? undefined : insufficientScopes();
  }

  function issueToken(req: FakeRequest): FakeResponse {
    const form = new URLSearchParams(req.body);
    if (form.get('grant_type') !== JWT_BEARER_GRANT) return oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${form.get('grant_type') ?? ''}`);
    const jwt = parseJwt(form.get('assertion') ?? '');
    if (!jwt) return oauthError(400, 'invalid_request', 'Invalid JWT: the assertion is not a signed JWT.');
    const { header, claims, signingInput, signature } = jwt;
    if (header.alg !== 'RS256') return oauthError(400, 'invalid_grant', 'Invalid JWT: only RS256 assertions are accepted.');
    if (claims.iss !== options.serviceAccount.clientEmail) return oauthError(400, 'invalid_grant', 'Invalid grant: account not found');
    if (!verify('RSA-SHA256', Buffer.from(signingInput), publicKey, signature)) return oauthError(400, 'invalid_grant', 'Invalid JWT Signature.');
    if (claims.aud !== tokenUrl) return oauthError(400, 'invalid_grant', `Invalid JWT: audience must be ${tokenUrl}.`);
    const now = Math.floor(Date.now() / 1000);
    const { iat, exp } = claims;
    if (typeof iat !== 'number' || typeof exp !== 'number' || exp <= now || iat > now + CLOCK_SKEW_SECONDS || exp - iat > 3600) {
      return oauthError(400, 'invalid_grant', 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.');
    }
    const subject = typeof claims.sub === 'string' ? claims.sub : '';
    if (!admins.includes(subject) && !state.users.some((u) => (u as GoogleUserRecord | null)?.primaryEmail === subject)) {
      return oauthError(400, 'invalid_grant', 'Invalid email or User ID');
    }
    const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
    if (scopes.length === 0 || scopes.some((s) => !delegatedScopes.has(s))) {
      return oauthError(401, 'unauthorized_client', 'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.');
    }
    const token = state.tokens.issue({ subject, scopes });
    return { status: 200, body: { access_token: token, expires_in: lifetime, token_type: 'Bearer' } };
  }

  function listUsers(url: URL, issued: IssuedToken): FakeResponse {
    if (!issued.scopes.some((s) => USER_READ_SCOPES.includes(s))) return insufficientScopes();
    const params = url.searchParams;
    const customer = params.get('customer');
    const requestedDomain = params.get('domain');
    if (customer !== null && customer !== 'my_customer' && customer !== customerId) return googleError(400, 'INVALID_ARGUMENT', 'badRequest', 'Bad Request');
    if (customer === null && requestedDomain === null) return googleError(400, 'INVALID_ARGUMENT', 'badRequest', 'Bad Request');
    if (customer === null && requestedDomain !== domain) return googleError(404, 'NOT_FOUND', 'notFound', 'Domain not found.');
    const maxResults = numberParam(params, 'maxResults', DEFAULT_RESULTS, 1, MAX_RESULTS);
    if (maxResults === null) return googleError(400, 'INVALID_ARGUMENT', 'invalid', `Invalid value '${params.get('maxResults')}'. Values must be within the range: [1, ${MAX_RESULTS}]`);
    const projection = params.get('projection') ?? 'basic';
    const mask = params.get('customFieldMask');
    if (!['basic', 'custom', 'full'].includes(projection) || (projection === 'custom' && !mask)) {
      return googleError(400, 'INVALID_ARGUMENT', 'invalid', 'Invalid Input: projection/customFieldMask');
    }
    // pageToken is opaque to clients; the fake encodes the offset.
    const page = tokenPage('users', params.get('pageToken'), state.users, Math.min(maxResults, options.maxPageSize ?? MAX_RESULTS));
    if (!page) return googleError(400, 'INVALID_ARGUMENT', 'invalid', 'Invalid Input: pageToken');
    const body: Record<string, unknown> = { kind: 'admin#directory#users', etag: `"users-${page.at}"` };
    if (page.items.length) body.users = page.items.map((u) => withProjection(u, projection, mask)); // Google omits the key for an empty page
    if (page.next) body.nextPageToken = page.next;
    return { status: 200, body };
  }

  function listSchemas(customer: string, issued: IssuedToken): FakeResponse {
    if (!issued.scopes.some((s) => SCHEMA_READ_SCOPES.includes(s))) return insufficientScopes();
    if (customer !== 'my_customer' && customer !== customerId) return googleError(400, 'INVALID_ARGUMENT', 'badRequest', 'Bad Request');
    return { status: 200, body: { kind: 'admin#directory#schemas', etag: '"schemas"', schemas: state.schemas } };
  }

  const listings = [{ path: '/admin/directory/v1/users', records: (body: unknown) => ((body as { users?: unknown[] }).users ??= []) }];
  const server = await serveVendorFake({ handle, dialect, listings, faults: state.faults, log: state.log, port: options.port });
  tokenUrl = `${server.url}/token`;
  baseUrl = server.url;
  return { url: server.url, tokenUrl, domain, customerId, adminEmail: admins[0], state, channels, close: () => server.close() };
}

/** basic: no custom fields; custom: basic + the masked schemas; full: everything. */
function withProjection(user: unknown, projection: string, mask: string | null): unknown {
  if (!user || typeof user !== 'object' || projection === 'full') return user;
  const { customSchemas, ...basic } = user as Record<string, unknown>;
  if (projection === 'basic' || !customSchemas || typeof customSchemas !== 'object') return basic;
  const wanted = new Set((mask ?? '').split(','));
  const kept = Object.fromEntries(Object.entries(customSchemas).filter(([name]) => wanted.has(name)));
  return Object.keys(kept).length ? { ...basic, customSchemas: kept } : basic;
}

function parseJwt(assertion: string) {
  const parts = assertion.split('.');
  if (parts.length !== 3) return null;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as { alg?: unknown };
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>;
    return { header, claims, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2], 'base64url') };
  } catch {
    return null;
  }
}

function oauthError(status: number, error: string, description: string): FakeResponse {
  return { status, body: { error, error_description: description } };
}

function googleError(code: number, status: string, reason: string, message: string, extra: Record<string, string> = {}, domain = 'global'): FakeResponse {
  return { status: code, body: { error: { code, message, errors: [{ message, domain, reason, ...extra }], status } } };
}

function unauthenticated(): FakeResponse {
  return googleError(401, 'UNAUTHENTICATED', 'authError', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.', {
    location: 'Authorization',
    locationType: 'header',
  });
}

function insufficientScopes(): FakeResponse {
  return googleError(403, 'PERMISSION_DENIED', 'insufficientPermissions', 'Request had insufficient authentication scopes.');
}

