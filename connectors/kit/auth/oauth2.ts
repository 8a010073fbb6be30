// OAuth2 client credentials (RFC 6749 §4.4), e.g. Microsoft Entra ID's app registrations.
import type { ConnectorContext } from '../../types';
import type { AuthStrategy } from './strategy';
import { tokenExchangeAuth } from './token-exchange';

export interface OAuthErrorBody {
  error?: unknown;
  error_description?: unknown;
}

export interface ClientCredentialsOptions {
  hrSystemName: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  context?: ConnectorContext;
  /** The vendor's reason from an OAuth error body; default error_description, else error. */
  refusalReason?: (body: OAuthErrorBody) => string;
  now?: () => number;
}

export function oauthRefusalReason(body: OAuthErrorBody): string {
  if (typeof body.error_description === 'string' && body.error_description) return body.error_description;
  return typeof body.error === 'string' ? body.error : 'the token request was rejected';
}

export function clientCredentialsAuth(options: ClientCredentialsOptions): AuthStrategy {
  const { clientId, clientSecret, scope } = options;
  return tokenExchangeAuth({
    hrSystemName: options.hrSystemName,
    url: options.tokenUrl,
    form: new URLSearchParams({ client_id: clientId, client_secret: clientSecret, scope, grant_type: 'client_credentials' }),
    context: options.context,
    refusalReason: options.refusalReason ?? oauthRefusalReason,
    refused: 'access token',
    now: options.now,
  });
}
