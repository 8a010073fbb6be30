// The service-account key file and the RS256-signed JWT assertion it produces for the OAuth2
// JWT-bearer grant (domain-wide delegation: `sub` is the admin being impersonated).
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { CredentialsRejectedError } from '../errors';

export const GOOGLE_WORKSPACE_NAME = 'Google Workspace';
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

/** Read-only scopes the domain-wide delegation must grant: users, and the custom-field schemas. */
export const DIRECTORY_SCOPES = [
  'https://www.googleapis.com/auth/admin.directory.user.readonly',
  'https://www.googleapis.com/auth/admin.directory.userschema.readonly',
] as const;

/** Google caps an assertion's lifetime (exp - iat) at one hour. */
const ASSERTION_LIFETIME_SECONDS = 3600;

/** The fields of the downloaded JSON key file that the grant needs (others are kept, unused). */
export const serviceAccountKeySchema = z.looseObject({
  type: z.literal('service_account').optional(),
  client_email: z.email(),
  private_key: z.string().includes('PRIVATE KEY', { message: 'must be the PEM private key of the key file' }),
  private_key_id: z.string().optional(),
  token_uri: z.url().optional(),
});

export type ServiceAccountKey = z.infer<typeof serviceAccountKeySchema>;

export interface AssertionClaims {
  subject: string;
  scopes: readonly string[];
  audience: string;
  nowSeconds: number;
}

export function signAssertion(key: ServiceAccountKey, claims: AssertionClaims): string {
  const header = { alg: 'RS256', typ: 'JWT', ...(key.private_key_id ? { kid: key.private_key_id } : {}) };
  const payload = {
    iss: key.client_email,
    sub: claims.subject,
    scope: claims.scopes.join(' '),
    aud: claims.audience,
    iat: claims.nowSeconds,
    exp: claims.nowSeconds + ASSERTION_LIFETIME_SECONDS,
  };
  const signingInput = `${base64url(header)}.${base64url(payload)}`;
  const signature = sign('RSA-SHA256', Buffer.from(signingInput), privateKeyOf(key));
  return `${signingInput}.${signature.toString('base64url')}`;
}

function privateKeyOf(key: ServiceAccountKey): KeyObject {
  try {
    // Keys pasted through another JSON layer sometimes keep literal "\n" escapes.
    return createPrivateKey(key.private_key.replace(/\\n/g, '\n'));
  } catch {
    // Never include the key (or the crypto library's text about it) in the message.
    throw new CredentialsRejectedError(`${GOOGLE_WORKSPACE_NAME}: the private_key of the service-account key file cannot be read`, GOOGLE_WORKSPACE_NAME);
  }
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
