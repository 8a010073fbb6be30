// Personio API v2 (here: the Webhooks Management API): tokens from POST /v2/auth/token (OAuth2 client
// credentials, form-encoded, the same client id and secret as v1), errors as application/problem+json.
import { defaultErrorMessage, HrApi, tokenExchangeAuth } from '../kit';
import type { HttpResponse } from '../http';
import type { ConnectorContext } from '../types';

const REFUSALS_READ_BY_CALLER = [400, 403, 404, 409, 422];

export interface PersonioV2ApiOptions {
  hrSystemName: string;
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  context: ConnectorContext;
}

/** Personio v2's problem+json: `{ errors: [{ title, detail }] }`; its token endpoint: OAuth2's `error_description`. */
export function personioV2ErrorMessage(res: HttpResponse): string {
  const errors = (res.body as { errors?: { title?: unknown; detail?: unknown }[] } | null)?.errors;
  const first = Array.isArray(errors) ? errors[0] : undefined;
  const text = [first?.title, first?.detail].filter((t): t is string => typeof t === 'string' && t.length > 0).join(': ');
  return text || defaultErrorMessage(res);
}

export function personioV2Api(options: PersonioV2ApiOptions): HrApi {
  const { hrSystemName, baseUrl, context } = options;
  const auth = tokenExchangeAuth({
    hrSystemName,
    url: `${baseUrl}/v2/auth/token`,
    // No scope asked: Personio then grants every scope of the API credential.
    form: () => new URLSearchParams({ grant_type: 'client_credentials', client_id: options.clientId, client_secret: options.clientSecret }),
    context,
    refusedStatuses: [400, 401, 403],
    refusalReason: (body: { error?: unknown; error_description?: unknown }, res) =>
      typeof body.error_description === 'string' && body.error_description ? body.error_description : typeof body.error === 'string' ? body.error : defaultErrorMessage(res),
    defaultLifetimeSeconds: 86_400,
    marginMs: 60_000,
    maxMarginShare: 0.1,
  });
  return new HrApi({
    hrSystemName,
    baseUrl,
    auth,
    context,
    errorMessage: personioV2ErrorMessage,
    // Refusals are read by the caller with Personio's reason (404: a webhook Personio no longer has);
    // 403 is a missing webhooks scope.
    classify: (r) => (REFUSALS_READ_BY_CALLER.includes(r.status) ? 'ok' : undefined),
    refusal: (r) => (r.status === 403 ? `refused to manage webhooks (the API credential needs the personio:webhooks:read and personio:webhooks:write scopes): ${personioV2ErrorMessage(r)}` : undefined),
  });
}
