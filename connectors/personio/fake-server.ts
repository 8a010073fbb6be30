// A local stand-in for Personio API v1 (tests, demos, benchmarks), following the published spec:
// POST /v1/auth issues a bearer token; GET /v1/company/employees pages with limit (default 50,
// capped at 100) and offset and returns every status, or with updated_since the employees changed
// since then, paged the same way (Personio's changelog: pagination mandatory with updated_since); GET /v1/company/employees/attributes lists
// standard and custom attributes. Errors use Personio's {success:false, error:{code, message}}.
// Throttled answers are 429 without Retry-After, as Personio documents none. API v2's token endpoint
// and Webhooks Management API are in fake-v2-routes.ts; the webhooks' deliveries in fake-webhooks.ts.
import { bearerToken, expireAndRefuse, firstRefusal, intParam, listingAt, requestFields, retryAfterHeader, RollingWindowLimit, router, serveFake, tokenGuard, type FakeRequest, type FakeResponse, type FaultDialect, type RunningFake, type SeededFakeOptions } from '../kit/fake';
import type { PersonioErrorBody } from './api-types';
import { todayUtc } from './fake-data';
import { renderEmployee, renderMalformed, STANDARD_ATTRIBUTES } from './fake-records';
import { FakePersonioState, type FakeFailure } from './fake-state';
import { personioV2Routes } from './fake-v2-routes';
import { FakePersonioWebhooks } from './fake-webhooks';

export interface FakePersonioOptions extends SeededFakeOptions {
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
  /** The company's id in Personio (webhook events carry it). */
  companyId?: string;
}

export type RunningFakePersonio = Pick<RunningFake<FakePersonioState>, 'url' | 'state' | 'close'> & { webhooks: FakePersonioWebhooks };

export const FAKE_PERSONIO_CLIENT_ID = 'fake-personio-client-id';
export const FAKE_PERSONIO_CLIENT_SECRET = 'fake-personio-client-secret';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;

const personioError = (status: number, message: string, headers?: Record<string, string>): FakeResponse => ({ status, body: { success: false, error: { code: status, message } } satisfies PersonioErrorBody, headers });

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
  const webhooks = new FakePersonioWebhooks(options.companyId ?? '41873', () => state.referenceDate);
  state.onChange((change) => webhooks.dispatch(change, state.getEmployee(change.employeeId)));

  let dataRequests = 0;
  const authLimit = new RollingWindowLimit(options.authRequestsPerMinute ?? 60);

  // Personio throttles with 429 and documents no Retry-After (the script may still give one).
  const dialect: FaultDialect = {
    throttled: (seconds) => personioError(429, 'Too Many Requests', retryAfterHeader(seconds)),
    unavailable: (status) => personioError(status, 'The service is temporarily unavailable.'),
    expiredToken: expireAndRefuse(() => state.expireTokens(), () => personioError(401, 'The token has expired.')),
  };

  function authenticate(req: FakeRequest): FakeResponse {
    const now = Date.now();
    if (!authLimit.allow(now)) return personioError(429, 'Too many authentication requests. Try again in a minute.');
    // The spec allows a JSON body, a form body, and (older spec) query parameters.
    const { client_id: clientId, client_secret: clientSecret } = requestFields(req);
    if (!state.credentialsMatch(clientId, clientSecret)) {
      return personioError(401, 'The credentials are not correct: check the client_id and client_secret of the API credential.');
    }
    const expiresIn = options.tokenLifetimeSeconds ?? 86_400;
    return { status: 200, body: { success: true, data: { token: state.issueToken(now), expires_in: expiresIn, scope: 'employees:read' } } };
  }

  async function listEmployees(req: FakeRequest): Promise<FakeResponse> {
    if (state.listingDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, state.listingDelayMs));
    const params = req.url.searchParams;
    const asked = intParam(params.get('limit'), DEFAULT_LIMIT);
    const offset = intParam(params.get('offset'), 0);
    if (asked === null || asked < 1) return personioError(400, 'The limit must be a positive integer.');
    if (offset === null) return personioError(400, 'The offset must be a non-negative integer.');
    state.recordListRequest({ offset, limit: asked, updatedSince: params.get('updated_since') });
    const limit = Math.min(asked, MAX_LIMIT);
    const only = params.getAll('attributes[]');
    const projection = only.length ? new Set(only) : null;
    const custom = state.attributeDefinitions();
    const render = (employee: Parameters<typeof renderEmployee>[0]) => renderEmployee(employee, custom, projection);
    const page = (data: unknown[], total: number, from = offset, headers?: Record<string, string>) => ({ status: 200, headers, body: listBody(data, total, from, limit) });
    const updatedSince = params.get('updated_since');
    if (updatedSince !== null) {
      // Paged like every GET employees request (changelog 2023-11-16 and 2025-01-31), not one answer.
      const since = parseUpdatedSince(updatedSince);
      if (!since) return personioError(400, 'The updated_since parameter must be a date (YYYY-MM-DD) or a date-time (YYYY-MM-DDTHH:mm:ss).');
      const changed = state.changedSince(since);
      return page(changed.slice(offset, offset + limit).map(render), changed.length);
    }
    const email = params.get('email');
    if (email) {
      const match = state.findByEmail(email);
      return page(match ? [render(match)] : [], match ? 1 : 0, 0);
    }
    const data = state.listingEntries(offset, limit).map(({ employee, malformed }) => (malformed ? renderMalformed(malformed, render(employee)) : render(employee)));
    // Personio echoes the token it accepted.
    return page(data, state.listingSize, offset, { authorization: `Bearer ${bearerToken(req.headers.authorization)}` });
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

  const methodNotAllowed = () => personioError(405, 'Method not allowed.');
  // Past /v1/auth: the burst limit counts every data request, then the token, then GET only.
  const data = router(
    [
      ['GET', '/v1/company/employees', listEmployees],
      ['GET', /^\/v1\/company\/employees\/(?:custom-)?attributes$/, listAttributes],
      ['GET', /^\/v1\/company\/employees\/([^/]+)$/, (_req, id) => showEmployee(id)],
    ],
    {
      guard: firstRefusal(
        () => (options.rateLimitEveryNthRequest && ++dataRequests % options.rateLimitEveryNthRequest === 0 ? personioError(429, 'Too Many Requests') : undefined),
        tokenGuard((token) => state.tokenState(token), (why) => personioError(401, why === 'expired' ? 'The token has expired.' : 'The token is missing or invalid.')),
      ),
      notFound: (req) => (req.method === 'GET' ? personioError(404, 'Not found.') : methodNotAllowed()),
      trimSlash: true,
    },
  );
  const v2 = personioV2Routes(state, webhooks, options.tokenLifetimeSeconds ?? 86_400);
  const handle = router([['POST', '/v1/auth', authenticate], ['*', '/v1/auth', methodNotAllowed], ['*', /^\/v2\//, v2], ['*', /^/, data]], { notFound: methodNotAllowed, trimSlash: true });
  const running = await serveFake(state, { handle, dialect, listings: [listingAt('/v1/company/employees', 'data')], port: options.port ?? 0 });
  return { ...running, webhooks };
}

/** Personio's list envelope: metadata with the total and the page count at this limit. */
function listBody(data: unknown[], total: number, offset: number, limit: number) {
  return { success: true, metadata: { total_elements: total, current_page: Math.floor(offset / limit), total_pages: Math.ceil(total / limit) }, offset, limit, data };
}

/** `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm:ss` (read as UTC; an explicit offset is honoured). */
function parseUpdatedSince(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$/.test(value)) return null;
  const withZone = value.length === 10 ? `${value}T00:00:00Z` : /(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`;
  const at = new Date(withZone);
  return Number.isNaN(at.getTime()) ? null : at;
}
