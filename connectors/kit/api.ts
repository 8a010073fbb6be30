// A connector's handle on its vendor's API: base URL, auth strategy, the vendor's name for messages,
// vendor-specific status meanings, and one re-authentication when a token strategy meets a 401.
// Every request goes through requestJson (retries, throttling, retry budget, abort signal).
import { CredentialsRejectedError, HrSystemResponseError } from '../errors';
import { requestJson, vendorMessage, type HttpResponse, type ResponseVerdict } from '../http';
import type { ConnectorContext } from '../types';
import type { AuthStrategy } from './auth/strategy';

export type Query = Record<string, string | number | readonly string[] | undefined>;

export interface ApiRequest {
  /** A path under the base URL, or an absolute URL (a vendor's next-page link). */
  path: string;
  query?: Query;
  /** Subscriptions are created, renewed and deleted with the other methods (connectors/push.ts). */
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as application/json. */
  json?: unknown;
}

export interface HrApiOptions {
  hrSystemName: string;
  baseUrl: string;
  auth: AuthStrategy;
  context?: ConnectorContext;
  /** Vendor-specific meaning of a status (e.g. 403 = a permission is missing); see requestJson. */
  classify?: (res: HttpResponse) => ResponseVerdict | undefined;
  /** The vendor's reason in a refused answer, for messages; default the usual error fields. */
  errorMessage?: (res: HttpResponse) => string;
  /**
   * For answers `classify` passes as 'ok': when the answer is a refusal, the sentence after the
   * vendor's name ("refused the credentials: <reason from BambooHR's header>"); it is then thrown
   * as CredentialsRejectedError.
   */
  refusal?: (res: HttpResponse) => string | undefined;
}

export class HrApi {
  readonly hrSystemName: string;
  readonly baseUrl: string;

  constructor(private readonly options: HrApiOptions) {
    this.hrSystemName = options.hrSystemName;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  url(path: string, query: Query = {}): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue;
      for (const v of typeof value === 'object' ? value : [value]) params.append(key, String(v));
    }
    const base = /^https?:\/\//.test(path) ? path : `${this.baseUrl}${path}`;
    const qs = params.toString();
    return qs ? `${base}${base.includes('?') ? '&' : '?'}${qs}` : base;
  }

  /** Forces a fresh token now where the strategy has one (checkCredentials). */
  async authenticate(): Promise<void> {
    await this.options.auth.authenticate?.();
  }

  /**
   * The answer to one request. Statuses the connector's `classify` passes ('ok') come back as they
   * are; with a token strategy a 401 renews the token once, and a second 401 is refused credentials.
   */
  async send(request: ApiRequest | string): Promise<HttpResponse> {
    const req = typeof request === 'string' ? { path: request } : request;
    const { auth, classify } = this.options;
    for (let attempt = 1; ; attempt++) {
      const authHeaders = await auth.headers();
      const res = await requestJson(
        this.url(req.path, req.query),
        {
          method: req.method ?? 'GET',
          headers: { ...authHeaders, ...(req.json === undefined ? {} : { 'content-type': 'application/json' }) },
          body: req.json === undefined ? undefined : JSON.stringify(req.json),
          hrSystemName: this.hrSystemName,
          classify: (r) => (auth.renew && r.status === 401 ? 'ok' : classify?.(r)),
        },
        this.options.context,
      );
      if (!(auth.renew && res.status === 401)) {
        const refusal = this.options.refusal?.(res);
        if (refusal !== undefined) throw this.refused(refusal);
        return res;
      }
      // A revoked or expired token: renew once; a second 401 means the credentials themselves are refused.
      auth.renew(authHeaders);
      if (attempt >= 2) throw this.refused(`refused the ${auth.refused ?? 'credentials'}: ${this.errorMessage(res)}`);
    }
  }

  /** The JSON body of a successful answer. */
  async json(request: ApiRequest | string): Promise<unknown> {
    return (await this.send(request)).body;
  }

  errorMessage(res: HttpResponse): string {
    return this.options.errorMessage?.(res) ?? defaultErrorMessage(res);
  }

  /** "<vendor> <sentence>" as refused credentials (final). */
  refused(sentence: string): CredentialsRejectedError {
    return new CredentialsRejectedError(`${this.hrSystemName} ${sentence}`, this.hrSystemName);
  }

  /** An answer that cannot be read. Never read it as empty: that would look like everyone left. */
  unexpected(what: string, status: number | null = 200): HrSystemResponseError {
    return new HrSystemResponseError(`${this.hrSystemName} answered ${what} in an unexpected form`, this.hrSystemName, status);
  }
}

/** The vendor's message in the usual places: error.message, error_description, message, error. */
export const defaultErrorMessage = vendorMessage;
