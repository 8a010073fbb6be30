// OAuth2 client-credentials token for Microsoft Graph, fetched from the Microsoft identity platform
// and reused until shortly before it expires (one token serves a whole listing).
import { CredentialsRejectedError, HrSystemResponseError } from '../errors';
import { requestJson } from '../http';
import type { ConnectorContext } from '../types';

export const ENTRA_ID_NAME = 'Microsoft Entra ID';

export interface EntraTokenSettings {
  loginBase: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** `<graph host>/.default`: the app permissions consented for Graph. */
  scope: string;
}

/** Renew this long before the vendor's expiry so a token never dies in the middle of a request. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

export class EntraTokenSource {
  private cached: { token: string; renewAt: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly settings: EntraTokenSettings,
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

  /** Forgets the cached token, e.g. after Graph answered 401 to it. */
  invalidate(): void {
    this.cached = null;
  }

  private async fetchToken(): Promise<string> {
    const { loginBase, tenantId, clientId, clientSecret, scope } = this.settings;
    const res = await requestJson(
      `${loginBase}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: clientId, client_secret: clientSecret, scope, grant_type: 'client_credentials' }),
        hrSystemName: ENTRA_ID_NAME,
        // 400/401 carry the AADSTS reason (unknown tenant, unknown app, wrong or expired secret): read it here.
        classify: (r) => (r.status === 400 || r.status === 401 ? 'ok' : undefined),
      },
      this.context,
    );
    const body = (res.body ?? {}) as { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown };
    if (res.status !== 200) {
      throw new CredentialsRejectedError(`${ENTRA_ID_NAME} refused the credentials: ${aadstsReason(body)}`, ENTRA_ID_NAME);
    }
    if (typeof body.access_token !== 'string' || body.access_token.length === 0) {
      throw new HrSystemResponseError(`${ENTRA_ID_NAME} answered the token request without an access token`, ENTRA_ID_NAME, res.status);
    }
    const lifetimeMs = (typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in) || 0) * 1000;
    const usableMs = lifetimeMs > 2 * EXPIRY_MARGIN_MS ? lifetimeMs - EXPIRY_MARGIN_MS : lifetimeMs / 2;
    this.cached = { token: body.access_token, renewAt: this.now() + usableMs };
    return body.access_token;
  }
}

/** The first line of error_description ("AADSTS7000215: Invalid client secret …"), without trace ids. */
function aadstsReason(body: { error?: unknown; error_description?: unknown }): string {
  const description = typeof body.error_description === 'string' ? body.error_description.split(/\r?\n/)[0].trim() : '';
  if (description) return description;
  return typeof body.error === 'string' ? body.error : 'the token request was rejected';
}
