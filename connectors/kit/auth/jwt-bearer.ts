// Signed-JWT service accounts: an RS256 assertion exchanged for an access token with the OAuth2
// JWT-bearer grant (RFC 7523), e.g. Google service accounts with domain-wide delegation (`sub` = the
// admin impersonated).
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { CredentialsRejectedError } from '../../errors';
import type { ConnectorContext } from '../../types';
import { oauthRefusalReason, type OAuthErrorBody } from './oauth2';
import type { AuthStrategy } from './strategy';
import { tokenExchangeAuth } from './token-exchange';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Google caps an assertion's lifetime (exp - iat) at one hour; so do most issuers. */
const ASSERTION_LIFETIME_SECONDS = 3600;

export interface ServiceAccount {
  /** `iss`: the service account's e-mail / client id. */
  issuer: string;
  /** PEM private key (literal "\n" escapes are accepted). */
  privateKey: string;
  /** `kid` header, if the key file has one. */
  keyId?: string;
}

export interface AssertionClaims {
  subject: string;
  scopes: readonly string[];
  audience: string;
  nowSeconds: number;
}

export function signJwtAssertion(account: ServiceAccount, claims: AssertionClaims, hrSystemName: string): string {
  const header = { alg: 'RS256', typ: 'JWT', ...(account.keyId ? { kid: account.keyId } : {}) };
  const payload = {
    iss: account.issuer,
    sub: claims.subject,
    scope: claims.scopes.join(' '),
    aud: claims.audience,
    iat: claims.nowSeconds,
    exp: claims.nowSeconds + ASSERTION_LIFETIME_SECONDS,
  };
  const signingInput = `${base64url(header)}.${base64url(payload)}`;
  const signature = sign('RSA-SHA256', Buffer.from(signingInput), privateKeyOf(account, hrSystemName));
  return `${signingInput}.${signature.toString('base64url')}`;
}

function privateKeyOf(account: ServiceAccount, hrSystemName: string): KeyObject {
  try {
    // Keys pasted through another JSON layer sometimes keep literal "\n" escapes.
    return createPrivateKey(account.privateKey.replace(/\\n/g, '\n'));
  } catch {
    // Never include the key (or the crypto library's text about it) in the message.
    throw new CredentialsRejectedError(`${hrSystemName}: the private_key of the service-account key file cannot be read`, hrSystemName);
  }
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export interface ServiceAccountAuthOptions {
  hrSystemName: string;
  account: ServiceAccount;
  subject: string;
  scopes: readonly string[];
  tokenUrl: string;
  context?: ConnectorContext;
  refusalReason?: (body: OAuthErrorBody) => string;
  now?: () => number;
}

export function serviceAccountAuth(options: ServiceAccountAuthOptions): AuthStrategy {
  const now = options.now ?? Date.now;
  return tokenExchangeAuth({
    hrSystemName: options.hrSystemName,
    url: options.tokenUrl,
    // A new assertion for every token request: its iat/exp must be current.
    form: () => {
      const claims = { subject: options.subject, scopes: options.scopes, audience: options.tokenUrl, nowSeconds: Math.floor(now() / 1000) };
      return new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion: signJwtAssertion(options.account, claims, options.hrSystemName) });
    },
    context: options.context,
    refusalReason: options.refusalReason ?? oauthRefusalReason,
    refused: 'access token',
    now,
  });
}
