// IRIS' token request: the client key and secret go as a Basic header (RFC 7617) to
// POST /oauth2/v1/token with grant_type=client_credentials; the answer's expires_in is a string
// ("3599"). The kit's token exchange sends no headers of its own, so the request is made here and
// the token cached and renewed by the kit's TokenCache (see NOTES.md, kit suggestion).
import { CredentialsRejectedError, HrSystemResponseError } from '../errors';
import { requestJson, type HttpResponse } from '../http';
import { bearerTokenAuth, TokenCache, type AuthStrategy, type IssuedToken } from '../kit';
import type { ConnectorContext } from '../types';
import { irisMessage } from './errors';

export interface IrisTokenOptions {
  hrSystemName: string;
  tokenUrl: string;
  clientKey: string;
  clientSecret: string;
  context?: ConnectorContext;
}

/** "expires_in": "3599" (a string in IRIS' examples), or a number; null when unreadable. */
export function expiresInSeconds(value: unknown): number | null {
  const seconds = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}

/** One token request; 400/401 from the token endpoint are refused credentials with IRIS' reason. */
export async function requestIrisToken(options: IrisTokenOptions): Promise<IssuedToken> {
  const { hrSystemName } = options;
  const res: HttpResponse = await requestJson(
    options.tokenUrl,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${options.clientKey}:${options.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
      hrSystemName,
      classify: (r) => (r.status === 400 || r.status === 401 || r.status === 403 ? 'ok' : undefined),
    },
    options.context,
  );
  if (res.status !== 200) {
    const reason = irisMessage(res) ?? 'the client key or client secret is not valid';
    throw new CredentialsRejectedError(`${hrSystemName} refused the credentials: ${reason}`, hrSystemName);
  }
  const body = res.body as { access_token?: unknown; expires_in?: unknown } | null;
  if (typeof body?.access_token !== 'string' || body.access_token === '') {
    throw new HrSystemResponseError(`${hrSystemName} answered the token request without an access token`, hrSystemName, res.status);
  }
  // No usable lifetime: ask again next time rather than reuse a token of unknown life.
  return { accessToken: body.access_token, lifetimeMs: (expiresInSeconds(body.expires_in) ?? 0) * 1000 };
}

export function irisAuth(options: IrisTokenOptions): AuthStrategy {
  return bearerTokenAuth(new TokenCache(() => requestIrisToken(options)), 'access token');
}
