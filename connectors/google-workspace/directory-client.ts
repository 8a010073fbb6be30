// Admin SDK Directory API requests on the kit's HrApi. Google signals throttling as 403 with reason
// userRateLimitExceeded / rateLimitExceeded / quotaExceeded (not 429): the kit's throttle classifier
// reads that as a rate limit (retried, never refused credentials). Other 403s mean missing admin rights.
import type { HttpResponse } from '../http';
import { HrApi, serviceAccountAuth } from '../kit';
import type { ConnectorContext } from '../types';
import { DIRECTORY_SCOPES, tokenRefusalReason, type ServiceAccountKey } from './service-account';

export interface DirectorySettings {
  hrSystemName: string;
  apiBase: string;
  tokenUrl: string;
  key: ServiceAccountKey;
  /** The admin impersonated through domain-wide delegation (JWT "sub"). */
  adminEmail: string;
  context: ConnectorContext;
}

export function directoryApi(settings: DirectorySettings): HrApi {
  const { hrSystemName, key, adminEmail, context } = settings;
  const auth = serviceAccountAuth({
    hrSystemName,
    account: { issuer: key.client_email, privateKey: key.private_key, keyId: key.private_key_id },
    subject: adminEmail,
    scopes: DIRECTORY_SCOPES,
    tokenUrl: settings.tokenUrl,
    context,
    refusalReason: tokenRefusalReason,
  });
  return new HrApi({
    hrSystemName,
    baseUrl: settings.apiBase,
    auth,
    context,
    classify: (r) => (r.status === 403 ? 'ok' : undefined),
    errorMessage: googleMessage,
    refusal: (r) =>
      r.status === 403 ? `refused access: ${googleMessage(r)} (${adminEmail} must be an administrator allowed to read users and their custom fields)` : undefined,
  });
}

export function googleMessage(res: HttpResponse): string {
  const message = (res.body as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof message === 'string' && message ? message : `HTTP ${res.status}`;
}
