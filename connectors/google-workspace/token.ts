// Exchanges a signed service-account assertion for an access token (grant type jwt-bearer) and reuses
// the token until shortly before it expires (one token serves a whole listing).
import { CachedToken, requestOAuthToken } from '../oauth-token';
import type { ConnectorContext } from '../types';
import { DIRECTORY_SCOPES, GOOGLE_WORKSPACE_NAME, signAssertion, type ServiceAccountKey } from './service-account';

const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export interface GoogleTokenSettings {
  key: ServiceAccountKey;
  /** The admin impersonated through domain-wide delegation. */
  adminEmail: string;
  tokenUrl: string;
}

export class GoogleTokenSource {
  private readonly token: CachedToken;

  constructor(
    private readonly settings: GoogleTokenSettings,
    private readonly context: ConnectorContext,
    private readonly now: () => number = Date.now,
  ) {
    this.token = new CachedToken(() => this.issue(), now);
  }

  get(): Promise<string> {
    return this.token.get();
  }

  /** Forgets the cached token, e.g. after the Directory API answered 401 to it. */
  invalidate(): void {
    this.token.invalidate();
  }

  private issue() {
    const { key, adminEmail, tokenUrl } = this.settings;
    const assertion = signAssertion(key, { subject: adminEmail, scopes: DIRECTORY_SCOPES, audience: tokenUrl, nowSeconds: Math.floor(this.now() / 1000) });
    return requestOAuthToken(tokenUrl, new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }), GOOGLE_WORKSPACE_NAME, refusalReason, this.context);
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
