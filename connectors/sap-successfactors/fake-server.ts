// A local SuccessFactors for tests, demos and benchmarks, answering like the OData v2 API:
//  - POST /oauth/token: the SAML 2.0 bearer grant (company_id, client_id, signed assertion checked
//    against the OAuth client's registered key), bearer tokens of 24 hours;
//  - GET /odata/v2/User: $filter (the implicit status rule: without a status condition only t and T
//    users), $select / $expand of empInfo and empInfo/jobInfoNav, snapshot paging (paging=snapshot,
//    customPageSize ≤ 1,000, d.__next with a $skiptoken), $top/$skip (client paging) too;
//  - GET /odata/v2/User/$metadata (EDMX with the custom fields' labels), GET /odata/v2/FOCompany;
//  - OData errors { error: { code, message: { lang, value } } }; token errors { errorHttpCode, errorMessage }.
// Editing a person stamps lastModifiedDateTime only on the entity edited (User, EmpEmployment or
// EmpJob), as SuccessFactors does. SAP has no published rate limit for these APIs (postponed, KBA
// 3159263); an optional limit answers 429 with Retry-After: 300, SAP's recommended wait.
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { bearerToken, expireAndRefuse, FaultScript, intParam, RequestLog, retryAfterHeader, RollingWindowLimit, router, serveVendorFake, TokenStore, type FakeRequest, type FakeResponse, type FaultDialect, type Guard } from '../kit/fake';
import { checkAssertion } from './fake-saml';
import { COMPANY_PROPERTIES, COST_CENTRE_FIELD, edmInstant, EMPLOYMENT_PROPERTIES, externalUsers, FAKE_COMPANIES, generatedUser, JOB_PROPERTIES, NUMBER_OF_CHILDREN_FIELD, USER_PROPERTIES, userMetadata, type Row } from './fake-data';
import { applyFilter, parseUserFilter, project, selection, type UserFilter } from './fake-query';
import { SAML_BEARER_GRANT } from './saml-assertion';

export { fakeUserId, NUMBER_OF_CHILDREN_FIELD } from './fake-data';

export const FAKE_SF_COMPANY_ID = 'EXAMPLECO';
export const FAKE_SF_CLIENT_ID = 'ZmFrZS1zZi1hcGkta2V5';
export const FAKE_SF_API_USER = 'sfapi';

export interface FakeSuccessFactorsOptions {
  /** Generated people (deterministic, fictitious): every 5th has left (status f), every 7th is leaving. */
  people?: number;
  /** People whose employment end date is not a date (a record no connector can read). */
  malformedRecords?: number;
  /** Largest page served (default 1,000, SAP's cap). */
  maxPageSize?: number;
  tokenLifetimeSeconds?: number;
  /** A request limit (off by default: SAP has none published); exceeded → 429, Retry-After: 300. */
  rateLimit?: { requests: number; windowMs: number } | null;
  /** Whether the API user has the OData API permission (LGN0002 otherwise). */
  apiUserPermitted?: boolean;
  port?: number;
}

export interface FakeSuccessFactorsState {
  readonly users: Map<string, Row>;
  readonly customFields: Map<string, string>;
  readonly tokens: TokenStore;
  readonly log: RequestLog;
  readonly faults: FaultScript;
  /** Edits the User (stamps User.lastModifiedDateTime only). */
  editUser(userId: string, patch: Row): void;
  /** Edits the employment (stamps EmpEmployment.lastModifiedDateTime only, not the User's). */
  editEmployment(userId: string, patch: Row): void;
  /** Edits the current job record (stamps EmpJob.lastModifiedDateTime only). */
  editJob(userId: string, patch: Row): void;
  addUser(user: Row): string;
  /** Configures a User custom field in the data model; returns its key (custom01 …). */
  addCustomField(label: string): string;
  /** Snapshots made by paging=snapshot (key list per $skiptoken). */
  readonly snapshots: Map<string, { keys: string[]; at: number }>;
}

export interface RunningFakeSuccessFactors {
  url: string;
  /** The OAuth client's private key (PEM), the admin's credential. */
  privateKey: string;
  faults: FaultScript;
  log: RequestLog;
  state: FakeSuccessFactorsState;
  close(): Promise<void>;
}

type Json = FakeResponse;
const odataError = (status: number, code: string, value: string, headers?: Record<string, string>): Json => ({ status, headers, body: { error: { code, message: { lang: 'en-US', value } } } });
const tokenError = (status: number, message: string): Json => ({ status, body: { errorHttpCode: String(status), errorMessage: message } });
const SF_MAX_PAGE = 1000;

export async function startFakeSuccessFactors(options: FakeSuccessFactorsOptions = {}): Promise<RunningFakeSuccessFactors> {
  const faults = new FaultScript();
  const log = new RequestLog();
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const registeredKey: KeyObject = publicKey;
  const tokens = new TokenStore(options.tokenLifetimeSeconds ?? 86_399, 'fake-sf-token-');
  const limiter = options.rateLimit ? new RollingWindowLimit(options.rateLimit.requests, options.rateLimit.windowMs) : null;
  const maxPage = Math.min(options.maxPageSize ?? SF_MAX_PAGE, SF_MAX_PAGE);
  const users = new Map<string, Row>();
  const customFields = new Map<string, string>([
    [COST_CENTRE_FIELD, 'Cost centre code'],
    [NUMBER_OF_CHILDREN_FIELD, 'Number of children'],
  ]);
  const snapshots = new Map<string, { keys: string[]; at: number }>();
  let selfUrl = '';

  const people = options.people ?? 50;
  for (let n = 1; n <= people; n++) {
    const user = generatedUser(n);
    users.set(String(user.userId), user);
    // The malformed ones sit among the others, where a page boundary may fall.
    if (n % 9 === 4 && n / 9 < (options.malformedRecords ?? 0)) {
      const bad = generatedUser(5000 + n);
      (bad.empInfo as Row).endDate = 'soon';
      users.set(String(bad.userId), bad);
    }
  }
  for (const external of externalUsers()) users.set(String(external.userId), external);

  const now = () => edmInstant(Date.now());
  const state: FakeSuccessFactorsState = {
    users,
    customFields,
    tokens,
    log,
    faults,
    snapshots,
    editUser: (id, patch) => Object.assign(must(id), patch, { lastModifiedDateTime: now() }),
    editEmployment: (id, patch) => Object.assign(must(id).empInfo as Row, patch, { lastModifiedDateTime: now() }),
    editJob: (id, patch) => Object.assign(((must(id).empInfo as Row).jobInfoNav as { results: Row[] }).results[0], patch, { lastModifiedDateTime: now() }),
    addUser(user) {
      const id = String(user.userId);
      users.set(id, { lastModifiedDateTime: now(), ...user });
      return id;
    },
    addCustomField(label) {
      const free = Array.from({ length: 15 }, (_, i) => `custom${String(i + 1).padStart(2, '0')}`).find((k) => !customFields.has(k));
      if (!free) throw new Error('all 15 User custom fields are configured');
      customFields.set(free, label);
      return free;
    },
  };
  function must(id: string): Row {
    const user = users.get(id);
    if (!user) throw new Error(`no user ${id}`);
    return user;
  }

  const tokenUrl = () => `${selfUrl}/oauth/token`;
  function issueToken(req: FakeRequest): Json {
    const form = new URLSearchParams(req.body);
    if (form.get('grant_type') !== SAML_BEARER_GRANT) return tokenError(400, `Unsupported grant type: ${form.get('grant_type') ?? ''}`);
    if (form.get('company_id') !== FAKE_SF_COMPANY_ID) return tokenError(401, `Company [${form.get('company_id') ?? ''}] not found. Please validate the spelling of your company id, which is case-sensitive.`);
    if (form.get('client_id') !== FAKE_SF_CLIENT_ID) return tokenError(401, 'Unable to authenticate the client (invalid client_id)');
    const checked = checkAssertion(form.get('assertion') ?? '', registeredKey, tokenUrl());
    if ('refused' in checked) return tokenError(401, checked.refused);
    if (checked.apiKey !== FAKE_SF_CLIENT_ID) return tokenError(401, 'Unable to authenticate the client (the api_key of the assertion is not the client_id)');
    if (checked.nameId !== FAKE_SF_API_USER) return tokenError(401, 'Unable to authenticate the client (Login failed - invalid user)');
    return { status: 200, body: { access_token: tokens.issue(undefined), token_type: 'Bearer', expires_in: options.tokenLifetimeSeconds ?? 86_399 } };
  }

  const expired = () => odataError(401, 'LGN0022', '[LGN0022]The access token is either rejected or expired');
  const guard: Guard = (req) => {
    if (limiter && !limiter.allow()) return odataError(429, 'TOO_MANY_REQUESTS', 'Too many requests. Retry later.', { 'retry-after': '300' });
    if (!req.url.pathname.startsWith('/odata/v2')) return undefined;
    const token = bearerToken(req.headers.authorization);
    if (token === null) return odataError(401, 'LGN0003', '[LGN0003]Authentication credentials are required. Please provide a valid user name, password and company id.');
    if (tokens.state(token) !== 'valid') return expired();
    if (options.apiUserPermitted === false) return odataError(403, 'LGN0002', "[LGN0002]Authentication failed, user doesn't have the OData Admin access permission. Please review granting of permission at the Roles Management menu.");
    return undefined;
  };

  /** The page of `keys` from `at`, with a __next link naming the snapshot and the next position. */
  function pageOf(req: FakeRequest, keys: string[], at: number, size: number, snapshotId: string | null, render: (row: Row) => Row): Json {
    const slice = keys.slice(at, at + size).map((k) => users.get(k)).filter((u): u is Row => u !== undefined);
    const d: Row = { results: slice.map(render) };
    if (snapshotId && at + size < keys.length) {
      const next = new URLSearchParams(req.url.searchParams);
      next.set('$skiptoken', Buffer.from(`${snapshotId}:${at + size}`).toString('base64url'));
      d.__next = `${selfUrl}${req.url.pathname}?${next.toString()}`;
    }
    return { status: 200, body: { d } };
  }

  function listUsers(req: FakeRequest): Json {
    const q = req.url.searchParams;
    let filter: UserFilter;
    let render: (row: Row) => Row;
    try {
      filter = parseUserFilter(q.get('$filter'));
      render = project(selection(q.get('$select'), q.get('$expand'), { User: USER_PROPERTIES, custom: [...customFields.keys()], empInfo: EMPLOYMENT_PROPERTIES, jobInfoNav: JOB_PROPERTIES }), `${selfUrl}/odata/v2`);
    } catch (err) {
      return odataError(400, (err as { code?: string }).code ?? 'COE_GENERAL_BAD_REQUEST', (err as Error).message);
    }
    const pageSize = intParam(q.get('customPageSize'), SF_MAX_PAGE);
    if (pageSize === null || pageSize < 1 || pageSize > SF_MAX_PAGE) return odataError(400, 'COE_GENERAL_BAD_REQUEST', `Invalid customPageSize: ${q.get('customPageSize')}. It must be between 1 and ${SF_MAX_PAGE}.`);
    const size = Math.min(pageSize, maxPage);
    const skipToken = q.get('$skiptoken');
    if (q.get('paging') === 'snapshot') {
      if (skipToken) {
        const [id, at] = Buffer.from(skipToken, 'base64url').toString('utf8').split(':');
        const snapshot = snapshots.get(id);
        if (!snapshot || !/^\d+$/.test(at ?? '')) return odataError(400, 'COE_GENERAL_BAD_REQUEST', 'Invalid $skiptoken: the snapshot is unknown or has expired.');
        return pageOf(req, snapshot.keys, Number(at), size, id, render);
      }
      // The snapshot keeps the business keys of the whole result; later pages read those records.
      const id = randomUUID();
      snapshots.set(id, { keys: [...users.values()].filter((u) => applyFilter(filter, u)).map((u) => String(u.userId)), at: Date.now() });
      return pageOf(req, snapshots.get(id)!.keys, 0, size, id, render);
    }
    // Client paging ($top/$skip), as SAP allows but advises against for integrations.
    const keys = [...users.values()].filter((u) => applyFilter(filter, u)).map((u) => String(u.userId));
    const skip = intParam(q.get('$skip'), 0) ?? 0;
    const top = intParam(q.get('$top'), size) ?? size;
    return pageOf(req, keys, skip, Math.min(top, size), null, render);
  }

  function listCompanies(req: FakeRequest): Json {
    const select = req.url.searchParams.get('$select');
    const fields = select ? select.split(',') : COMPANY_PROPERTIES;
    const unknown = fields.find((f) => !COMPANY_PROPERTIES.includes(f));
    if (unknown) return odataError(400, 'COE_PROPERTY_NOT_FOUND', `[COE0021]Invalid property names: FOCompany/${unknown}.`);
    return { status: 200, body: { d: { results: FAKE_COMPANIES.map((c) => ({ __metadata: { type: 'SFOData.FOCompany' }, ...Object.fromEntries(fields.map((f) => [f, c[f]])) })) } } };
  }

  const dialect: FaultDialect = {
    throttled: (retryAfterSeconds) => odataError(429, 'TOO_MANY_REQUESTS', 'Too many requests. Retry later.', retryAfterHeader(retryAfterSeconds)),
    unavailable: (status) => odataError(status, 'SERVICE_UNAVAILABLE', 'The Successfactors HCM suite is currently undergoing scheduled maintenance. We apologize for any inconvenience this may cause.'),
    expiredToken: expireAndRefuse(() => tokens.expireAll(), expired),
  };

  const handle = router(
    [
      ['POST', '/oauth/token', issueToken],
      ['GET', '/odata/v2/User', listUsers],
      ['GET', '/odata/v2/User/$metadata', () => ({ status: 200, headers: { 'content-type': 'application/xml' }, body: userMetadata(customFields) })],
      ['GET', '/odata/v2/FOCompany', listCompanies],
    ],
    {
      guard,
      notFound: (_req, path) =>
        path.startsWith('/odata/v2/') ? odataError(404, 'COE_ENTITY_NOT_FOUND', `[COE0019]Invalid entity (or function) name: ${path.slice('/odata/v2/'.length)}`) : { status: 404, body: 'Not Found' },
      methodNotAllowed: (req) => odataError(405, 'COE_METHOD_NOT_ALLOWED', `Method ${req.method} is not allowed`),
    },
  );

  const listings = [{ path: '/odata/v2/User', records: (body: unknown) => (body as { d?: { results?: unknown[] } } | undefined)?.d?.results }];
  const server = await serveVendorFake({ handle, dialect, listings, faults, log, port: options.port });
  selfUrl = server.url;
  return {
    url: server.url,
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    faults,
    log,
    state,
    close: () => server.close(),
  };
}
