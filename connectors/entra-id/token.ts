// OAuth2 client-credentials token for Microsoft Graph, fetched from the Microsoft identity platform
// and reused until shortly before it expires (one token serves a whole listing).
import { CachedToken, requestOAuthToken } from '../oauth-token';
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

export class EntraTokenSource {
  private readonly token: CachedToken;

  constructor(
    private readonly settings: EntraTokenSettings,
    private readonly context: ConnectorContext,
    now: () => number = Date.now,
  ) {
    this.token = new CachedToken(() => this.issue(), now);
  }

  get(): Promise<string> {
    return this.token.get();
  }

  /** Forgets the cached token, e.g. after Graph answered 401 to it. */
  invalidate(): void {
    this.token.invalidate();
  }

  private issue() {
    const { loginBase, tenantId, clientId, clientSecret, scope } = this.settings;
    return requestOAuthToken(
      `${loginBase}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`,
      new URLSearchParams({ client_id: clientId, client_secret: clientSecret, scope, grant_type: 'client_credentials' }),
      ENTRA_ID_NAME,
      aadstsReason,
      this.context,
    );
  }
}

/** The first line of error_description ("AADSTS7000215: Invalid client secret …"), without trace ids. */
function aadstsReason(body: { error?: unknown; error_description?: unknown }): string {
  const description = typeof body.error_description === 'string' ? body.error_description.split(/\r?\n/)[0].trim() : '';
  if (description) return description;
  return typeof body.error === 'string' ? body.error : 'the token request was rejected';
}
