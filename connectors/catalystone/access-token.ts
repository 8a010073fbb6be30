// CatalystOne v3's token request is a GET with the credentials in headers (Client-Id, Client-Secret,
// Grant-Type, Api-Version), and data calls carry the token in an `Access-Token` header, not as a
// Bearer: the kit's token exchange (POST) and bearer strategy do not fit, so this strategy wraps the
// kit's TokenCache. CatalystOne invalidates the previous token whenever a new one is issued, so one
// token is kept per connector and renewed once on a 401.
import { CredentialsRejectedError, HrSystemResponseError } from '../errors';
import { requestJson, type HttpResponse } from '../http';
import { TokenCache, type AuthStrategy } from '../kit';
import type { ConnectorContext } from '../types';

export const CATALYSTONE_API_VERSION = 'v3';
/** "The token has a default lifetime of 1 hour" (developer.demo.catalystone.com/authentication). */
export const CATALYSTONE_DEFAULT_TOKEN_SECONDS = 3600;

export interface AccessTokenOptions {
  hrSystemName: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  context?: ConnectorContext;
  message(res: HttpResponse): string | null;
}

export function accessTokenAuth(options: AccessTokenOptions): AuthStrategy {
  const tokens = new TokenCache(async () => {
    const { hrSystemName } = options;
    const res = await requestJson(
      options.tokenUrl,
      {
        method: 'GET',
        headers: { 'client-id': options.clientId, 'client-secret': options.clientSecret, 'grant-type': 'client_credentials', 'api-version': CATALYSTONE_API_VERSION },
        hrSystemName,
        classify: (r) => ([400, 401, 403].includes(r.status) ? 'ok' : undefined),
      },
      options.context,
    );
    if ([400, 401, 403].includes(res.status)) {
      throw new CredentialsRejectedError(`${hrSystemName} refused the credentials: ${options.message(res) ?? `the client id or client secret was not accepted (HTTP ${res.status})`}`, hrSystemName);
    }
    const body = res.body as { access_token?: unknown; expires_in?: unknown } | null;
    if (typeof body?.access_token !== 'string' || body.access_token === '') throw new HrSystemResponseError(`${hrSystemName} answered the token request without an access token`, hrSystemName, res.status);
    const seconds = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : CATALYSTONE_DEFAULT_TOKEN_SECONDS;
    return { accessToken: body.access_token, lifetimeMs: seconds * 1000 };
  });
  return {
    refused: 'access token',
    headers: async () => ({ 'access-token': await tokens.get(), 'api-version': CATALYSTONE_API_VERSION }),
    renew: (used) => tokens.invalidate(used['access-token']),
    authenticate: async () => void (await tokens.fresh()),
  };
}
