// OAuth2 token plumbing shared by connectors that exchange credentials for a bearer token: one POST
// to the token endpoint with the vendor's refusal reason, and a cache that reuses the token until
// shortly before it expires (one token serves a whole listing).
import { CredentialsRejectedError, HrSystemResponseError } from './errors';
import { requestJson } from './http';
import type { ConnectorContext } from './types';

/** Renew this long before the vendor's expiry so a token never dies in the middle of a request. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

export interface OAuthErrorBody {
  error?: unknown;
  error_description?: unknown;
}

export interface IssuedToken {
  accessToken: string;
  lifetimeMs: number;
}

/** POSTs a form to a token endpoint; 400/401 become CredentialsRejectedError with the vendor's reason. */
export async function requestOAuthToken(
  url: string,
  form: URLSearchParams,
  hrSystemName: string,
  refusalReason: (body: OAuthErrorBody) => string,
  context: ConnectorContext,
): Promise<IssuedToken> {
  const res = await requestJson(
    url,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
      hrSystemName,
      // 400/401 carry the vendor's reason (unknown tenant, wrong secret, missing delegation): read it here.
      classify: (r) => (r.status === 400 || r.status === 401 ? 'ok' : undefined),
    },
    context,
  );
  const body = (res.body ?? {}) as OAuthErrorBody & { access_token?: unknown; expires_in?: unknown };
  if (res.status !== 200) throw new CredentialsRejectedError(`${hrSystemName} refused the credentials: ${refusalReason(body)}`, hrSystemName);
  if (typeof body.access_token !== 'string' || body.access_token.length === 0) {
    throw new HrSystemResponseError(`${hrSystemName} answered the token request without an access token`, hrSystemName, res.status);
  }
  const lifetimeMs = (typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in) || 0) * 1000;
  return { accessToken: body.access_token, lifetimeMs };
}

export class CachedToken {
  private cached: { token: string; renewAt: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly issue: () => Promise<IssuedToken>,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<string> {
    if (this.cached && this.cached.renewAt > this.now()) return this.cached.token;
    // Concurrent callers share one token request instead of each asking for their own.
    this.pending ??= this.refresh().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** Forgets the cached token, e.g. after the API answered 401 to it. */
  invalidate(): void {
    this.cached = null;
  }

  private async refresh(): Promise<string> {
    const { accessToken, lifetimeMs } = await this.issue();
    const usableMs = lifetimeMs > 2 * EXPIRY_MARGIN_MS ? lifetimeMs - EXPIRY_MARGIN_MS : lifetimeMs / 2;
    this.cached = { token: accessToken, renewAt: this.now() + usableMs };
    return accessToken;
  }
}
