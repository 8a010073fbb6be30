// Talks to Personio API v1: exchanges client id/secret for a bearer token at POST /v1/auth, keeps it
// for its lifetime (the auth endpoint is limited to 60 requests a minute) and re-authenticates once
// when a call answers 401 because the token expired.
import { CredentialsRejectedError, HrSystemResponseError } from '../errors';
import { requestJson, type ResponseVerdict } from '../http';
import type { ConnectorContext } from '../types';
import { PERSONIO, personioErrorMessage, type PersonioAuthBody } from './api-types';

export interface PersonioApiClientOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  context?: ConnectorContext;
  now?: () => number;
}

interface CachedToken {
  value: string;
  expiresAt: number;
}

/** Personio documents tokens as valid for 24 h; used when the answer carries no `expires_in`. */
const DEFAULT_TOKEN_LIFETIME_SECONDS = 86_400;
/** Renew a little early so a token never expires between two pages. */
const EXPIRY_MARGIN_MS = 60_000;

export class PersonioApiClient {
  private token: CachedToken | null = null;
  private pendingAuth: Promise<string> | null = null;
  private readonly now: () => number;

  constructor(private readonly options: PersonioApiClientOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Requests a fresh token (refused credentials throw CredentialsRejectedError). */
  authenticate(): Promise<string> {
    // Parallel callers share one request instead of each spending the auth rate limit.
    this.pendingAuth ??= this.requestToken().finally(() => {
      this.pendingAuth = null;
    });
    return this.pendingAuth;
  }

  /** GET with the cached bearer token; one re-authentication when Personio answers 401. */
  async getJson(pathAndQuery: string): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      const token = await this.validToken();
      const res = await requestJson(
        `${this.options.baseUrl}${pathAndQuery}`,
        { headers: { authorization: `Bearer ${token}` }, hrSystemName: PERSONIO, classify: classifyDataAnswer },
        this.options.context,
      );
      if (res.status !== 401) return res.body;
      this.forget(token);
      if (attempt >= 2) {
        throw new CredentialsRejectedError(`${PERSONIO} refused the credentials: ${personioErrorMessage(res.body, 'HTTP 401')}`, PERSONIO);
      }
    }
  }

  private async validToken(): Promise<string> {
    if (this.token && this.token.expiresAt > this.now()) return this.token.value;
    return this.authenticate();
  }

  private forget(token: string): void {
    if (this.token?.value === token) this.token = null;
  }

  private async requestToken(): Promise<string> {
    const res = await requestJson(
      `${this.options.baseUrl}/v1/auth`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ client_id: this.options.clientId, client_secret: this.options.clientSecret }),
        hrSystemName: PERSONIO,
        classify: classifyAuthAnswer,
      },
      this.options.context,
    );
    const body = res.body as PersonioAuthBody | null;
    if (body?.success === false) {
      throw new CredentialsRejectedError(`${PERSONIO} refused the credentials: ${personioErrorMessage(body, 'authentication failed')}`, PERSONIO);
    }
    const token = body?.data?.token;
    if (typeof token !== 'string' || token.length === 0) {
      throw new HrSystemResponseError(`${PERSONIO} answered the authentication without a token`, PERSONIO, res.status);
    }
    const lifetimeSeconds = typeof body?.data?.expires_in === 'number' ? body.data.expires_in : DEFAULT_TOKEN_LIFETIME_SECONDS;
    const lifetimeMs = Math.max(0, lifetimeSeconds * 1000);
    this.token = { value: token, expiresAt: this.now() + lifetimeMs - Math.min(EXPIRY_MARGIN_MS, lifetimeMs / 10) };
    return token;
  }
}

/** On POST /v1/auth a 400/401/403 means the client id or secret is wrong: final, not retried. */
function classifyAuthAnswer(res: { status: number }): ResponseVerdict | undefined {
  return res.status === 400 || res.status === 401 || res.status === 403 ? 'credentials-rejected' : undefined;
}

/**
 * On data calls a 401 is handed back (so the client can re-authenticate once); a 403 means the API
 * credential may not read this data, which only the admin can change in Personio.
 */
function classifyDataAnswer(res: { status: number }): ResponseVerdict | undefined {
  if (res.status === 401) return 'ok';
  if (res.status === 403) return 'credentials-rejected';
  return undefined;
}
