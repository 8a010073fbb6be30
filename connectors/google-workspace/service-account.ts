// The service-account key file (validated to the fields the JWT-bearer grant needs), the read-only
// scopes the domain-wide delegation must grant, and Google's reasons for refusing a token.
import { z } from 'zod';
import type { OAuthErrorBody } from '../kit';

export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

/** Read-only scopes the domain-wide delegation must grant: users, and the custom-field schemas. */
export const DIRECTORY_SCOPES = [
  'https://www.googleapis.com/auth/admin.directory.user.readonly',
  'https://www.googleapis.com/auth/admin.directory.userschema.readonly',
] as const;

/** The fields of the downloaded JSON key file that the grant needs (others are kept, unused). */
export const serviceAccountKeySchema = z.looseObject({
  type: z.literal('service_account').optional(),
  client_email: z.email(),
  private_key: z.string().includes('PRIVATE KEY', { message: 'must be the PEM private key of the key file' }),
  private_key_id: z.string().optional(),
  token_uri: z.url().optional(),
});

export type ServiceAccountKey = z.infer<typeof serviceAccountKeySchema>;

export function tokenRefusalReason(body: OAuthErrorBody): string {
  const error = typeof body.error === 'string' ? body.error : 'token request rejected';
  const description = typeof body.error_description === 'string' ? body.error_description : '';
  const reason = description ? `${error}: ${description}` : error;
  // The usual setup mistake; say what to fix.
  return error === 'unauthorized_client'
    ? `${reason} (authorise the service account's client ID for ${DIRECTORY_SCOPES.join(' and ')} under domain-wide delegation in the Admin console)`
    : reason;
}
