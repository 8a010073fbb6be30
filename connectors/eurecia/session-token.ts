// Eurécia's sign-in: GET /eurecia/rest/v1/Auth with the long-lived token in an `authToken` header
// answers a temporary token (eureciaResponse.temporaryToken.token.$), sent on every later call in a
// `token` header (not a Bearer). The kit's token exchange POSTs and its bearer strategy writes
// Authorization, so this strategy wraps the kit's TokenCache. How long a temporary token lives is not
// published: it is kept a while and renewed on a 401.
import { CredentialsRejectedError, HrSystemResponseError } from '../errors';
import { requestJson, type HttpResponse } from '../http';
import { TokenCache, type AuthStrategy } from '../kit';
import type { ConnectorContext } from '../types';

/** Assumed lifetime of a temporary token (not published); a 401 renews it earlier. */
export const SESSION_TOKEN_SECONDS = 20 * 60;

export interface SessionTokenOptions {
  hrSystemName: string;
  authUrl: string;
  authToken: string;
  context?: ConnectorContext;
  message(res: HttpResponse): string | null;
}

/** The temporary token of a v1 Auth answer (Badgerfish JSON: text in `$`). */
export function temporaryTokenOf(body: unknown): string | null {
  const token = (body as { eureciaResponse?: { temporaryToken?: { token?: { $?: unknown } | string } } } | null)?.eureciaResponse?.temporaryToken?.token;
  const value = typeof token === 'string' ? token : token?.$;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

export function sessionTokenAuth(options: SessionTokenOptions): AuthStrategy {
  const tokens = new TokenCache(async () => {
    const { hrSystemName } = options;
    const res = await requestJson(
      options.authUrl,
      { method: 'GET', headers: { authtoken: options.authToken }, hrSystemName, classify: (r) => ([400, 401, 403].includes(r.status) ? 'ok' : undefined) },
      options.context,
    );
    if ([400, 401, 403].includes(res.status)) {
      throw new CredentialsRejectedError(`${hrSystemName} refused the credentials: ${options.message(res) ?? `the API token was not accepted (HTTP ${res.status})`}`, hrSystemName);
    }
    const token = temporaryTokenOf(res.body);
    if (token === null) throw new HrSystemResponseError(`${hrSystemName} answered the sign-in without a temporary token`, hrSystemName, res.status);
    return { accessToken: token, lifetimeMs: SESSION_TOKEN_SECONDS * 1000 };
  });
  return {
    refused: 'temporary token',
    headers: async () => ({ token: await tokens.get() }),
    renew: (used) => tokens.invalidate(used.token),
    authenticate: async () => void (await tokens.fresh()),
  };
}
