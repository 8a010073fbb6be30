// Authorised Admin SDK Directory API requests. Google signals throttling as 403 with reason
// userRateLimitExceeded / rateLimitExceeded / quotaExceeded (not 429): that is a rate limit, retried
// with backoff and never reported as refused credentials. Other 403s mean missing admin rights.
import { CredentialsRejectedError } from '../errors';
import { requestJson, type HttpResponse, type ResponseVerdict } from '../http';
import type { ConnectorContext } from '../types';
import { GOOGLE_WORKSPACE_NAME } from './service-account';
import type { GoogleTokenSource } from './token';

const RATE_LIMIT_REASONS = new Set(['userRateLimitExceeded', 'rateLimitExceeded', 'quotaExceeded', 'dailyLimitExceeded']);

export class DirectoryClient {
  constructor(
    readonly apiBase: string,
    private readonly tokens: GoogleTokenSource,
    private readonly adminEmail: string,
    private readonly context: ConnectorContext,
  ) {}

  /** The JSON body of a successful answer; throws a typed connector error otherwise. */
  async get(url: string, renewedToken = false): Promise<unknown> {
    const token = await this.tokens.get();
    const res = await requestJson(url, { headers: { authorization: `Bearer ${token}` }, hrSystemName: GOOGLE_WORKSPACE_NAME, classify: classifyDirectoryAnswer }, this.context);
    if (res.status === 401) {
      // A revoked or expired token: renew once; a second 401 means the grant itself is refused.
      if (!renewedToken) {
        this.tokens.invalidate();
        return this.get(url, true);
      }
      throw new CredentialsRejectedError(`${GOOGLE_WORKSPACE_NAME} refused the access token: ${googleMessage(res)}`, GOOGLE_WORKSPACE_NAME);
    }
    if (res.status === 403) {
      throw new CredentialsRejectedError(
        `${GOOGLE_WORKSPACE_NAME} refused access: ${googleMessage(res)} (${this.adminEmail} must be an administrator allowed to read users and their custom fields)`,
        GOOGLE_WORKSPACE_NAME,
      );
    }
    return res.body;
  }
}

export function classifyDirectoryAnswer(res: HttpResponse): ResponseVerdict | undefined {
  if (res.status === 403) return errorReasons(res).some((r) => RATE_LIMIT_REASONS.has(r)) ? 'rate-limited' : 'ok';
  if (res.status === 401) return 'ok'; // handled by the caller: renew the token once
  return undefined;
}

function errorReasons(res: HttpResponse): string[] {
  const errors = (res.body as { error?: { errors?: unknown } } | null)?.error?.errors;
  return Array.isArray(errors) ? errors.map((e) => (e as { reason?: unknown })?.reason).filter((r): r is string => typeof r === 'string') : [];
}

export function googleMessage(res: HttpResponse): string {
  const message = (res.body as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof message === 'string' && message ? message : `HTTP ${res.status}`;
}
