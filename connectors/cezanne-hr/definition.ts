// Cezanne HR: an administrator adds an application under Administration › Security Settings ›
// Authorised Applications, picks a Service Account User, turns on the scopes "Token Information" and
// "API read access", and copies the Client ID and Client Secret. The connector gets an access token
// with the OAuth2 client-credentials grant and reads the OData data service of the company's
// subdomain (https://{subdomain}.cezanneondemand.com). See NOTES.md.
import { z } from 'zod';
import { apiBase, type HttpResponse } from '../http';
import { defineHrSystem, HrApi, oauthRefusalReason, tokenExchangeAuth } from '../kit';
import { CezanneHrConnector } from './connector';

export const cezanneHrCredentials = z.object({
  /** The part before .cezanneondemand.com in the address of the company's Cezanne (e.g. w3). */
  subdomain: z.string().trim().regex(/^[a-z0-9-]+$/i, 'the subdomain before .cezanneondemand.com, e.g. w3'),
  clientId: z.string().trim().min(1, 'the Client ID of the authorised application'),
  clientSecret: z.string().trim().min(1, 'the Client Secret of the authorised application'),
  /** Sent as the token request's scope when given (Cezanne's scope values are not published). */
  scope: z.string().trim().min(1).optional(),
  /** Replaces the assumed token endpoint (…/cezanneondemand/oauth/token). */
  tokenUrl: z.url().optional(),
  /** Replaces https://{subdomain}.cezanneondemand.com (proxies, the local fake). */
  baseUrl: z.url().optional(),
});

export type CezanneHrCredentials = z.infer<typeof cezanneHrCredentials>;

/** The service and token URLs of a credential: the data service is [3P], the token path is assumed. */
export function cezanneUrls(c: Pick<CezanneHrCredentials, 'subdomain' | 'tokenUrl' | 'baseUrl'>): { serviceUrl: string; tokenUrl: string } {
  const host = apiBase(`https://${c.subdomain}.cezanneondemand.com`, c.baseUrl);
  return { serviceUrl: `${host}/cezanneondemand/v7/dataservice.svc`, tokenUrl: c.tokenUrl ?? `${host}/cezanneondemand/oauth/token` };
}

/** An OData error (`error.message` v4, `odata.error.message.value` v3), else an OAuth error, else the status. */
export function cezanneMessage(res: HttpResponse): string {
  const body = res.body as Record<string, unknown> | null;
  const v3 = (body?.['odata.error'] as { message?: { value?: unknown } } | undefined)?.message?.value;
  if (typeof v3 === 'string' && v3.trim()) return v3.trim();
  const error = body?.error as { message?: unknown } | string | undefined;
  if (error && typeof error === 'object' && typeof error.message === 'string' && error.message.trim()) return error.message.trim();
  if (typeof error === 'string' || typeof body?.error_description === 'string') return oauthRefusalReason(body ?? {});
  return `HTTP ${res.status}`;
}

export const cezanneHr = defineHrSystem({
  id: 'cezanne-hr',
  name: 'Cezanne HR',
  credentialsSchema: cezanneHrCredentials,
  // Status from ACTIVEEMPLOYEE and the employment's termination date (EFFECTIVETO), hire date from
  // EFFECTIVEFROM, legal entity from the employment's company, personnel number = the person code.
  // E-mail from the person's communications (shape unverified). Employment type, marital status and
  // number of children are not in the published field lists: they come from a mapped field.
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'hireDate', 'leavingDate', 'gender', 'legalEntity'],
  secretKeys: ['clientSecret'],
  notes: {
    verified: [
      'The application is created under Administration › Security Settings › Authorised Applications, with the scopes Token Information and API read access; Cezanne uses OAuth 2.0.',
      'Active and non-active people are read (ACTIVEEMPLOYEE 1 or 0), with all their employments.',
      'The hire date is the employment’s hire date (EFFECTIVEFROM) and the leaving date its termination date (EFFECTIVETO); the company of the employment is the legal entity.',
      'The API shows only the people the service account user may see in Cezanne.',
    ],
    unverified: [
      'Cezanne’s field lists were published for its API v1; the current API (v7) is read with the same names, in any letter case. A field that stays empty after a sync may be named differently.',
      'The token address (…/cezanneondemand/oauth/token) is not published: if Cezanne refuses it, enter the token URL your Cezanne support gives you.',
      'The e-mail is read from the person’s communications (a work e-mail first); how Cezanne lists them is not published.',
      'An inactive person without a termination date is shown as inactive without a leaving date, and the sync warns about it.',
      'Fields your company added to people are offered for mapping (e.g. number of children) as found on the first page of people.',
      'Paging follows Cezanne’s next-page links; no rate limits or changed-since filter are published, so every sync reads everyone.',
    ],
  },
  connect(credentials, { hrSystemName, context }) {
    const parsed = cezanneHrCredentials.parse(credentials);
    const { serviceUrl, tokenUrl } = cezanneUrls(parsed);
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: parsed.clientId, client_secret: parsed.clientSecret, ...(parsed.scope ? { scope: parsed.scope } : {}) });
    const auth = tokenExchangeAuth({
      hrSystemName,
      url: tokenUrl,
      form,
      context,
      refusedStatuses: [400, 401, 403],
      refusalReason: (body) => oauthRefusalReason(body),
      defaultLifetimeSeconds: 3600,
      refused: 'access token',
    });
    const api = new HrApi({
      hrSystemName,
      baseUrl: serviceUrl,
      auth,
      context,
      // 403: the application or its service account may not read People (API read access off).
      classify: (r) => (r.status === 403 ? 'ok' : undefined),
      refusal: (r) => (r.status === 403 ? `refused the credentials: ${cezanneMessage(r)} (turn on "API read access" for the application)` : undefined),
      errorMessage: cezanneMessage,
    });
    return new CezanneHrConnector(api);
  },
});
