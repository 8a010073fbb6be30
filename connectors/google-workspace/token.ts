// Exchanges a signed service-account assertion for an access token (grant type jwt-bearer) and reuses
// the token until shortly before it expires (one token serves a whole listing).
import { CredentialsRejectedError, HrSystemResponseError } from '../errors';
import { requestJson } from '../http';
import type { ConnectorContext } from '../types';
import { DIRECTORY_SCOPES, GOOGLE_WORKSPACE_NAME, signAssertion, type ServiceAccountKey } from './service-account';

const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Renew this long before the vendor's expiry so a token never dies in the middle of a request. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

export interface GoogleTokenSettings {
  key: ServiceAccountKey;
  /** The admin impersonated through domain-wide delegation. */
  adminEmail: string;
  tokenUrl: string;
}

export class GoogleTokenSource {
  private cached: { token: string; renewAt: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly settings: GoogleTokenSettings,
    private readonly context: ConnectorContext,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<string> {
    if (this.cached && this.cached.renewAt > this.now()) return this.cached.token;
    // Concurrent callers share one token request instead of each asking for their own.
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** Forgets the cached token, e.g. after the Directory API answered 401 to it. */
  invalidate(): void {
    this.cached = null;
  }

  private async fetchToken(): Promise<string> {
    const { key, adminEmail, tokenUrl } = this.settings;
    const assertion = signAssertion(key, { subject: adminEmail, scopes: DIRECTORY_SCOPES, audience: tokenUrl, nowSeconds: Math.floor(this.now() / 1000) });
    const res = await requestJson(
      tokenUrl,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }),
        hrSystemName: GOOGLE_WORKSPACE_NAME,
        // 400 invalid_grant / 401 unauthorized_client carry Google's reason: read it here.
        classify: (r) => (r.status === 400 || r.status === 401 ? 'ok' : undefined),
      },
      this.context,
    );
    const body = (res.body ?? {}) as { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown };
    if (res.status !== 200) {
      throw new CredentialsRejectedError(`${GOOGLE_WORKSPACE_NAME} refused the credentials: ${refusalReason(body)}`, GOOGLE_WORKSPACE_NAME);
    }
    if (typeof body.access_token !== 'string' || body.access_token.length === 0) {
      throw new HrSystemResponseError(`${GOOGLE_WORKSPACE_NAME} answered the token request without an access token`, GOOGLE_WORKSPACE_NAME, res.status);
    }
    const lifetimeMs = (typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in) || 0) * 1000;
    const usableMs = lifetimeMs > 2 * EXPIRY_MARGIN_MS ? lifetimeMs - EXPIRY_MARGIN_MS : lifetimeMs / 2;
    this.cached = { token: body.access_token, renewAt: this.now() + usableMs };
    return body.access_token;
  }
}

function refusalReason(body: { error?: unknown; error_description?: unknown }): string {
  const error = typeof body.error === 'string' ? body.error : 'token request rejected';
  const description = typeof body.error_description === 'string' ? body.error_description : '';
  const reason = description ? `${error}: ${description}` : error;
  // The usual setup mistake; say what to fix.
  return error === 'unauthorized_client'
    ? `${reason} (authorise the service account's client ID for ${DIRECTORY_SCOPES.join(' and ')} under domain-wide delegation in the Admin console)`
    : reason;
}
