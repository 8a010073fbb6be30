// Authorised Microsoft Graph requests: bearer token from the cache, one silent token renewal on 401,
// 403 reported as missing permissions (final), 429/5xx retried by requestJson honouring Retry-After.
import { CredentialsRejectedError } from '../errors';
import { requestJson, type HttpResponse } from '../http';
import type { ConnectorContext } from '../types';
import { ENTRA_ID_NAME, type EntraTokenSource } from './token';

export interface GraphRequest {
  method?: 'GET' | 'POST';
  url: string;
  json?: unknown;
  /** What the admin must grant when Graph answers 403, e.g. "User.Read.All". */
  permission: string;
}

export class GraphClient {
  constructor(
    readonly graphBase: string,
    private readonly tokens: EntraTokenSource,
    private readonly context: ConnectorContext,
  ) {}

  /** The JSON body of a successful answer; throws a typed connector error otherwise. */
  async send(request: GraphRequest): Promise<unknown> {
    const res = await this.sendAllowingForbidden(request);
    if (res.status === 403) throw forbidden(res, request.permission);
    return res.body;
  }

  /** Like send(), but hands a 403 back to callers for whom the permission is optional. */
  async sendAllowingForbidden(request: GraphRequest, renewedToken = false): Promise<HttpResponse> {
    const token = await this.tokens.get();
    const res = await requestJson(
      request.url,
      {
        method: request.method ?? 'GET',
        headers: { authorization: `Bearer ${token}`, ...(request.json === undefined ? {} : { 'content-type': 'application/json' }) },
        body: request.json === undefined ? undefined : JSON.stringify(request.json),
        hrSystemName: ENTRA_ID_NAME,
        classify: (r) => (r.status === 401 || r.status === 403 ? 'ok' : undefined),
      },
      this.context,
    );
    if (res.status === 401) {
      // A revoked or expired token: renew once; a second 401 means the app itself is refused.
      if (!renewedToken) {
        this.tokens.invalidate();
        return this.sendAllowingForbidden(request, true);
      }
      throw new CredentialsRejectedError(`${ENTRA_ID_NAME} refused the access token: ${graphMessage(res)}`, ENTRA_ID_NAME);
    }
    return res;
  }
}

function forbidden(res: HttpResponse, permission: string): CredentialsRejectedError {
  return new CredentialsRejectedError(
    `${ENTRA_ID_NAME} refused access: ${graphMessage(res)} (grant the app registration the application permission ${permission} with admin consent)`,
    ENTRA_ID_NAME,
  );
}

export function graphMessage(res: HttpResponse): string {
  const error = (res.body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const message = typeof error?.message === 'string' && error.message ? error.message : `HTTP ${res.status}`;
  return typeof error?.code === 'string' ? `${error.code}: ${message}` : message;
}
