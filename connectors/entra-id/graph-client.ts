// Authorised Microsoft Graph requests on the kit's HrApi (client-credentials token, one silent
// renewal on 401, 429/5xx retried by requestJson honouring Retry-After); a 403 is reported as the
// missing application permission (final), or handed back where the permission is optional.
import type { HttpResponse } from '../http';
import type { ApiRequest, HrApi } from '../kit';

export interface GraphRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  json?: unknown;
  /** What the admin must grant when Graph answers 403, e.g. "User.Read.All". */
  permission: string;
}

export class GraphClient {
  constructor(
    readonly graphBase: string,
    readonly api: HrApi,
  ) {}

  /** The JSON body of a successful answer; throws a typed connector error otherwise. */
  async send(request: GraphRequest): Promise<unknown> {
    const res = await this.sendAllowingForbidden(request);
    if (res.status === 403) throw this.forbidden(res, request.permission);
    return res.body;
  }

  /** Like send(), but hands a 403 back to callers for whom the permission is optional. */
  sendAllowingForbidden(request: GraphRequest): Promise<HttpResponse> {
    // HrApi's request type names GET and POST only, while requestJson sends any method (subscriptions
    // are renewed with PATCH and deleted with DELETE).
    return this.api.send({ path: request.url, method: request.method, json: request.json } as unknown as ApiRequest);
  }

  forbidden(res: HttpResponse, permission: string) {
    return this.api.refused(`refused access: ${graphMessage(res)} (grant the app registration the application permission ${permission} with admin consent)`);
  }
}

export function graphMessage(res: HttpResponse): string {
  const error = (res.body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const message = typeof error?.message === 'string' && error.message ? error.message : `HTTP ${res.status}`;
  return typeof error?.code === 'string' ? `${error.code}: ${message}` : message;
}

/** The first line of error_description ("AADSTS7000215: Invalid client secret …"), without trace ids. */
export function aadstsReason(body: { error?: unknown; error_description?: unknown }): string {
  const description = typeof body.error_description === 'string' ? body.error_description.split(/\r?\n/)[0].trim() : '';
  if (description) return description;
  return typeof body.error === 'string' ? body.error : 'the token request was rejected';
}
