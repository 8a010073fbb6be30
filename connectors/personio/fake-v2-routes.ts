// The fake Personio's API v2 routes: POST /v2/auth/token (client credentials, form-encoded) and the
// Webhooks Management API (GET/POST /v2/webhooks, GET/PATCH/DELETE /v2/webhooks/{id}) behind a
// bearer token, answering errors as application/problem+json like Personio's v2 services. The fake
// accepts http:// callback URLs on loopback hosts so tests can receive; Personio wants HTTPS.
import { randomUUID } from 'node:crypto';
import { parseJson, requestFields, router, tokenGuard, type FakeHandler, type FakeRequest, type FakeResponse } from '../kit/fake';
import type { FakePersonioState } from './fake-state';
import { KNOWN_WEBHOOK_EVENTS, type FakePersonioWebhooks, type FakeWebhook, type WebhookAuthType, type WebhookStatus } from './fake-webhooks';

const STATUSES: readonly WebhookStatus[] = ['ENABLED', 'DISABLED'];
const AUTH_TYPES: readonly WebhookAuthType[] = ['NONE', 'TOKEN', 'CUSTOM'];
const FORBIDDEN_HEADER_PREFIXES = ['host', 'content-length', 'transfer-encoding', 'connection', 'upgrade', 'te', 'trailer', 'expect', 'content-type'];

function problem(status: number, title: string, detail: string): FakeResponse {
  return {
    status,
    headers: { 'content-type': 'application/problem+json' },
    body: { personio_trace_id: randomUUID(), timestamp: new Date().toISOString(), errors: [{ title, detail }] },
  };
}

export function personioV2Routes(state: FakePersonioState, webhooks: FakePersonioWebhooks, tokenLifetimeSeconds: number): FakeHandler {
  function issueToken(req: FakeRequest): FakeResponse {
    const fields = requestFields(req);
    const oauthError = (status: number, error: string, description: string): FakeResponse => ({ status, body: { error, error_description: description } });
    if (!String(req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) return oauthError(400, 'invalid_request', 'The request must be form-encoded.');
    if (fields.grant_type !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', 'Only client_credentials is supported.');
    if (!state.credentialsMatch(fields.client_id, fields.client_secret)) return oauthError(401, 'invalid_client', 'The client credentials are invalid.');
    return { status: 200, body: { access_token: state.issueToken(), token_type: 'Bearer', expires_in: tokenLifetimeSeconds, scope: 'personio:persons:read personio:webhooks:read personio:webhooks:write' } };
  }

  function createWebhook(req: FakeRequest): FakeResponse {
    const read = readWebhookFields(req, true);
    if ('refused' in read) return read.refused;
    return { status: 201, body: webhooks.create(read.fields as Omit<FakeWebhook, 'id' | 'created_at' | 'updated_at'>) };
  }

  function updateWebhook(req: FakeRequest, id: string): FakeResponse {
    if (!webhooks.get(id)) return notFound();
    const read = readWebhookFields(req, false);
    if ('refused' in read) return read.refused;
    return { status: 200, body: webhooks.update(id, read.fields) };
  }

  const notFound = () => problem(404, 'Not Found', 'The webhook could not be found.');
  const webhookRoutes = router(
    [
      ['GET', '/v2/webhooks', () => ({ status: 200, body: { _data: webhooks.list(), _meta: { links: {} } } })],
      ['POST', '/v2/webhooks', createWebhook],
      ['GET', /^\/v2\/webhooks\/([^/]+)$/, (_req, id) => (webhooks.get(id) ? { status: 200, body: webhooks.get(id) } : notFound())],
      ['PATCH', /^\/v2\/webhooks\/([^/]+)$/, updateWebhook],
      ['DELETE', /^\/v2\/webhooks\/([^/]+)$/, (_req, id) => (webhooks.remove(id) ? { status: 204 } : notFound())],
    ],
    {
      guard: tokenGuard((token) => state.tokenState(token), (why) => problem(401, 'Unauthorized', why === 'expired' ? 'The access token has expired.' : 'The access token is missing or invalid.')),
      notFound: () => problem(404, 'Not Found', 'No such resource.'),
      methodNotAllowed: () => problem(405, 'Method Not Allowed', 'Method not allowed.'),
      trimSlash: true,
    },
  );
  return router([['POST', '/v2/auth/token', issueToken], ['*', /^\/v2\/webhooks/, webhookRoutes]], { notFound: () => problem(404, 'Not Found', 'No such resource.'), trimSlash: true });
}

type WebhookFields = Partial<Omit<FakeWebhook, 'id' | 'created_at' | 'updated_at'>>;

/** The body of a create (all required fields, defaults applied) or an update (only what is sent). */
function readWebhookFields(req: FakeRequest, creating: boolean): { fields: WebhookFields } | { refused: FakeResponse } {
  const body = parseJson<Record<string, unknown>>(req.body || 'null')?.value;
  const invalid = (detail: string) => ({ refused: problem(422, 'Unprocessable Entity', detail) });
  if (typeof body !== 'object' || body === null) return { refused: problem(400, 'Bad Request', 'The body must be a JSON object.') };
  const fields: WebhookFields = {};
  if (creating || body.url !== undefined) {
    if (!isCallbackUrl(body.url)) return invalid('url must be an HTTPS URL.');
    fields.url = body.url;
  }
  if (creating || body.description !== undefined) {
    if (typeof body.description !== 'string' || body.description.length === 0) return invalid('description is required.');
    fields.description = body.description;
  }
  if (creating || body.enabled_events !== undefined) {
    const events = body.enabled_events;
    if (!Array.isArray(events) || events.length === 0) return invalid('enabled_events must list at least one event.');
    const unknown = events.find((e) => typeof e !== 'string' || !KNOWN_WEBHOOK_EVENTS.includes(e));
    if (unknown !== undefined) return invalid(`enabled_events contains an unknown event: ${String(unknown)}.`);
    fields.enabled_events = events as string[];
  }
  if (body.status !== undefined || creating) {
    const status = body.status ?? 'DISABLED';
    if (!STATUSES.includes(status as WebhookStatus)) return invalid('status must be ENABLED or DISABLED.');
    fields.status = status as WebhookStatus;
  }
  if (body.auth_type !== undefined || creating) {
    const authType = body.auth_type ?? 'TOKEN';
    if (!AUTH_TYPES.includes(authType as WebhookAuthType)) return invalid('auth_type must be NONE, TOKEN or CUSTOM.');
    fields.auth_type = authType as WebhookAuthType;
  }
  if (body.token !== undefined) {
    if (typeof body.token !== 'string' || body.token.length === 0) return invalid('token must be a non-empty string.');
    fields.token = body.token;
  }
  if (body.custom_headers !== undefined) {
    const refused = checkCustomHeaders(body.custom_headers, fields.auth_type);
    if (refused) return invalid(refused);
    fields.custom_headers = body.custom_headers as Record<string, string>;
  }
  return { fields };
}

function checkCustomHeaders(headers: unknown, authType: WebhookAuthType | undefined): string | undefined {
  if (authType !== 'CUSTOM') return 'custom_headers are only allowed with auth_type CUSTOM.';
  if (typeof headers !== 'object' || headers === null) return 'custom_headers must be an object.';
  const names = Object.keys(headers);
  if (names.length > 3) return 'custom_headers may hold at most 3 headers.';
  const forbidden = names.find((name) => FORBIDDEN_HEADER_PREFIXES.some((prefix) => name.toLowerCase().startsWith(prefix)));
  return forbidden ? `custom_headers may not set ${forbidden}.` : undefined;
}

function isCallbackUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
  } catch {
    return false;
  }
}
