// A local stand-in for Personio API v1 (tests, demos, benchmarks), following the published spec:
// POST /v1/auth issues a bearer token; GET /v1/company/employees pages with limit (default 50,
// capped at 100) and offset and returns every status, or with updated_since the employees changed
// since then, paged the same way (Personio's changelog: pagination mandatory with updated_since); GET /v1/company/employees/attributes lists
// standard and custom attributes. Errors use Personio's {success:false, error:{code, message}}.
// Throttled answers are 429 without Retry-After, as Personio documents none.
import { bearerToken as bearerOf, intParam, retryAfterHeader, RollingWindowLimit, serveVendorFake, type FakeRequest, type FakeResponse, type FaultDialect } from '../kit/fake';
import type { PersonioErrorBody } from './api-types';
import { todayUtc } from './fake-data';
import { renderEmployee, renderMalformed, STANDARD_ATTRIBUTES } from './fake-records';
import { FakePersonioState, type FakeFailure } from './fake-state';

export interface FakePersonioOptions {
  port?: number;
  seed?: number;
  employeeCount?: number;
  /** Dates are generated around this day (YYYY-MM-DD); default today, so "future" stays future. */
  referenceDate?: string;
  clientId?: string;
  clientSecret?: string;
  tokenLifetimeSeconds?: number;
  /** Every Nth data request (auth excluded) answers 429, like a burst limit. */
  rateLimitEveryNthRequest?: number;
  /** Personio allows 60 auth requests a minute; more answer 429. */
  authRequestsPerMinute?: number;
  /** Canned answers for the next requests, e.g. [{ status: 429 }]. */
  failNextRequests?: FakeFailure[];
  /** Listing positions where a record without id is inserted. */
  malformedRecordAt?: number[];
}

export interface RunningFakePersonio {
  url: string;
  state: FakePersonioState;
  close(): Promise<void>;
}

export const FAKE_PERSONIO_CLIENT_ID = 'fake-personio-client-id';
export const FAKE_PERSONIO_CLIENT_SECRET = 'fake-personio-client-secret';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;

function personioError(status: number, message: string, headers?: Record<string, string>): FakeResponse {
  const body: PersonioErrorBody = { success: false, error: { code: status, message } };
  return { status, body, headers };
}

function parseAuthParams(req: FakeRequest): { clientId: unknown; clientSecret: unknown } {
  // The spec allows a JSON body, a form body, and (older spec) query parameters.
  let fields: Record<string, unknown> = Object.fromEntries(req.url.searchParams);
  const type = String(req.headers['content-type'] ?? '');
  if (type.includes('application/json')) {
    try {
      fields = { ...fields, ...(JSON.parse(req.body || '{}') as Record<string, unknown>) };
    } catch {
      // an unreadable body simply carries no credentials
    }
  } else if (type.includes('application/x-www-form-urlencoded')) {
    fields = { ...fields, ...Object.fromEntries(new URLSearchParams(req.body)) };
  }
  return { clientId: fields.client_id, clientSecret: fields.client_secret };
}

const parseNonNegativeInt = intParam;

export async function startFakePersonio(options: FakePersonioOptions = {}): Promise<RunningFakePersonio> {
  const state = new FakePersonioState({
    seed: options.seed ?? 1,
    employeeCount: options.employeeCount ?? 250,
    referenceDate: options.referenceDate ?? todayUtc(),
    clientId: options.clientId ?? FAKE_PERSONIO_CLIENT_ID,
    clientSecret: options.clientSecret ?? FAKE_PERSONIO_CLIENT_SECRET,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 86_400,
  });
  for (const position of options.malformedRecordAt ?? []) state.injectMalformedRecord(position);
  state.failNextRequests(...(options.failNextRequests ?? []));

  let dataRequests = 0;
  const authLimit = new RollingWindowLimit(options.authRequestsPerMinute ?? 60);

  // Personio throttles with 429 and documents no Retry-After (the script may still give one).
  const dialect: FaultDialect = {
    throttled: (seconds) => personioError(429, 'Too Many Requests', retryAfterHeader(seconds)),
    unavailable: (status) => personioError(status, 'The service is temporarily unavailable.'),
    expiredToken: () => {
      state.expireTokens();
      return personioError(401, 'The token has expired.');
    },
  };

  function authenticate(req: FakeRequest): FakeResponse {
    const now = Date.now();
    if (!authLimit.allow(now)) return personioError(429, 'Too many authentication requests. Try again in a minute.');
    const { clientId, clientSecret } = parseAuthParams(req);
    if (!state.credentialsMatch(clientId, clientSecret)) {
      return personioError(401, 'The credentials are not correct: check the client_id and client_secret of the API credential.');
    }
    const expiresIn = options.tokenLifetimeSeconds ?? 86_400;
    return { status: 200, body: { success: true, data: { token: state.issueToken(now), expires_in: expiresIn, scope: 'employees:read' } } };
  }

  async function listEmployees(req: FakeRequest): Promise<FakeResponse> {
    if (state.listingDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, state.listingDelayMs));
    const params = req.url.searchParams;
    const asked = parseNonNegativeInt(params.get('limit'), DEFAULT_LIMIT);
    const offset = parseNonNegativeInt(params.get('offset'), 0);
    if (asked === null || asked < 1) return personioError(400, 'The limit must be a positive integer.');
    if (offset === null) return personioError(400, 'The offset must be a non-negative integer.');
    state.recordListRequest({ offset, limit: asked, updatedSince: params.get('updated_since') });
    const limit = Math.min(asked, MAX_LIMIT);
    const only = params.getAll('attributes[]');
    const projection = only.length ? new Set(only) : null;
    const custom = state.attributeDefinitions();

    const updatedSince = params.get('updated_since');
    if (updatedSince !== null) {
      // Paged like every GET employees request (changelog 2023-11-16 and 2025-01-31), not one answer.
      const since = parseUpdatedSince(updatedSince);
      if (!since) return personioError(400, 'The updated_since parameter must be a date (YYYY-MM-DD) or a date-time (YYYY-MM-DDTHH:mm:ss).');
      const changed = state.changedSince(since);
      const data = changed.slice(offset, offset + limit).map((e) => renderEmployee(e, custom, projection));
      return { status: 200, body: listBody(data, changed.length, offset, limit) };
    }

    const email = params.get('email');
    if (email) {
      const match = state.findByEmail(email);
      const data = match ? [renderEmployee(match, custom, projection)] : [];
      return { status: 200, body: listBody(data, data.length, 0, limit) };
    }

    const data = state.listingEntries(offset, limit).map(({ employee, malformed }) => {
      const record = renderEmployee(employee, custom, projection);
      return malformed ? renderMalformed(malformed, record) : record;
    });
    return {
      status: 200,
      headers: { authorization: `Bearer ${bearerToken(req)}` }, // Personio echoes the token it accepted
      body: listBody(data, state.listingSize, offset, limit),
    };
  }

  function listAttributes(): FakeResponse {
    const data = [...STANDARD_ATTRIBUTES, ...state.attributeDefinitions()].map(({ key, label, type, universal_id, options: choices }) =>
      choices ? { key, label, type, universal_id, options: choices } : { key, label, type, universal_id },
    );
    return { status: 200, body: { success: true, data } };
  }

  function showEmployee(id: string): FakeResponse {
    const employee = /^\d+$/.test(id) ? state.getEmployee(Number(id)) : undefined;
    if (!employee) return personioError(404, 'The employee was not found.');
    return { status: 200, body: { success: true, data: renderEmployee(employee, state.attributeDefinitions()) } };
  }

  async function handle(req: FakeRequest): Promise<FakeResponse> {
    const path = req.url.pathname.replace(/\/+$/, '');
    if (path === '/v1/auth') return req.method === 'POST' ? authenticate(req) : personioError(405, 'Method not allowed.');
    if (options.rateLimitEveryNthRequest && ++dataRequests % options.rateLimitEveryNthRequest === 0) {
      return personioError(429, 'Too Many Requests');
    }

    const tokenState = state.tokenState(bearerToken(req));
    if (tokenState !== 'valid') return personioError(401, tokenState === 'expired' ? 'The token has expired.' : 'The token is missing or invalid.');

    if (req.method !== 'GET') return personioError(405, 'Method not allowed.');
    if (path === '/v1/company/employees') return listEmployees(req);
    if (path === '/v1/company/employees/attributes' || path === '/v1/company/employees/custom-attributes') return listAttributes();
    const single = /^\/v1\/company\/employees\/([^/]+)$/.exec(path);
    if (single) return showEmployee(single[1]);
    return personioError(404, 'Not found.');
  }

  const listings = [{ path: '/v1/company/employees', records: (body: unknown) => (body as { data?: unknown[] } | undefined)?.data }];
  const server = await serveVendorFake({ handle, dialect, listings, faults: state.faults, log: state.log, port: options.port ?? 0 });
  return { url: server.url, state, close: () => server.close() };
}

/** Personio's list envelope: metadata with the total and the page count at this limit. */
function listBody(data: unknown[], total: number, offset: number, limit: number) {
  return { success: true, metadata: { total_elements: total, current_page: Math.floor(offset / limit), total_pages: Math.ceil(total / limit) }, offset, limit, data };
}

const bearerToken = (req: FakeRequest): string | null => bearerOf(req.headers.authorization);

/** `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm:ss` (read as UTC; an explicit offset is honoured). */
function parseUpdatedSince(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$/.test(value)) return null;
  const withZone = value.length === 10 ? `${value}T00:00:00Z` : /(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`;
  const at = new Date(withZone);
  return Number.isNaN(at.getTime()) ? null : at;
}
