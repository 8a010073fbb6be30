// Token exchange: credentials are POSTed once for a bearer token (Personio's POST /v1/auth, OAuth2
// token endpoints), which is cached and renewed a little before expiry or after a 401.
import { CredentialsRejectedError, HrSystemResponseError } from '../../errors';
import { requestJson, type HttpResponse } from '../../http';
import type { ConnectorContext } from '../../types';
import type { AuthStrategy } from './strategy';
import { TokenCache, type IssuedToken, type TokenCacheOptions } from './token-cache';

export interface TokenExchangeOptions extends TokenCacheOptions {
  hrSystemName: string;
  url: string;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as application/x-www-form-urlencoded (OAuth2). */
  form?: URLSearchParams | (() => URLSearchParams);
  context?: ConnectorContext;
  /** Statuses meaning the credentials are wrong (final, with the vendor's reason). Default 400, 401. */
  refusedStatuses?: readonly number[];
  /** The vendor's reason from a refusal body. */
  refusalReason(body: any, res: HttpResponse): string; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** A 2xx answer that still says no (Personio: `success: false`). */
  refusedBody?(body: any): boolean; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Token and lifetime (seconds) from the answer; default OAuth2's access_token / expires_in. */
  read?(body: any): { token: unknown; expiresInSeconds: unknown }; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Lifetime assumed when the answer states none (seconds); default 0 = ask again next time. */
  defaultLifetimeSeconds?: number;
  /** What a second 401 on a data call refused, for the message. Default "credentials". */
  refused?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const oauthRead = (body: any) => ({ token: body?.access_token, expiresInSeconds: body?.expires_in });

/** One token request; refused credentials throw CredentialsRejectedError with the vendor's reason. */
export async function exchangeToken(options: TokenExchangeOptions): Promise<IssuedToken> {
  const { hrSystemName } = options;
  const refusedStatuses = options.refusedStatuses ?? [400, 401];
  const form = typeof options.form === 'function' ? options.form() : options.form;
  const res = await requestJson(
    options.url,
    {
      method: 'POST',
      headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
      body: form ?? JSON.stringify(options.json ?? {}),
      hrSystemName,
      // The refusal carries the vendor's reason (unknown tenant, wrong secret, missing delegation): read it here.
      classify: (r) => (refusedStatuses.includes(r.status) ? 'ok' : undefined),
    },
    options.context,
  );
  if (refusedStatuses.includes(res.status) || options.refusedBody?.(res.body)) {
    throw new CredentialsRejectedError(`${hrSystemName} refused the credentials: ${options.refusalReason(res.body ?? {}, res)}`, hrSystemName);
  }
  const { token, expiresInSeconds } = (options.read ?? oauthRead)(res.body);
  if (typeof token !== 'string' || token.length === 0) {
    throw new HrSystemResponseError(`${hrSystemName} answered the token request without an access token`, hrSystemName, res.status);
  }
  const seconds = typeof expiresInSeconds === 'number' ? expiresInSeconds : Number(expiresInSeconds);
  const lifetimeSeconds = Number.isFinite(seconds) && expiresInSeconds !== null && expiresInSeconds !== undefined ? seconds : (options.defaultLifetimeSeconds ?? 0);
  return { accessToken: token, lifetimeMs: Math.max(0, lifetimeSeconds * 1000) };
}

/** A bearer-token strategy over any token source (cached, renewed on 401). */
export function bearerTokenAuth(tokens: TokenCache, refused = 'credentials'): AuthStrategy {
  return {
    refused,
    headers: async () => ({ authorization: `Bearer ${await tokens.get()}` }),
    renew: (used) => tokens.invalidate(used.authorization?.replace(/^Bearer /, '')),
    authenticate: async () => void (await tokens.fresh()),
  };
}

/** Token exchange as an AuthStrategy, e.g. `tokenExchangeAuth({ url: `${base}/v1/auth`, json: {...}, … })`. */
export function tokenExchangeAuth(options: TokenExchangeOptions): AuthStrategy {
  return bearerTokenAuth(new TokenCache(() => exchangeToken(options), options), options.refused);
}
