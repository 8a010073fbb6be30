// Visma Raet Youforce (HR Core Beaufort): an application in the Visma Developer Portal subscribed to
// the Youforce IAM API gives a client id and secret; the customer's tenant id names the Youforce
// environment. Tokens come from Visma Connect (client credentials + tenant_id, one hour) and are
// kept for the whole worker process: Youforce allows 400 token requests a month (shared-tokens.ts).
import { z } from 'zod';
import { CredentialsRejectedError, HrSystemResponseError } from '../errors';
import { apiBase, requestJson, type HttpResponse } from '../http';
import { defineHrSystem, HrApi, type IssuedToken } from '../kit';
import type { ConnectorContext } from '../types';
import { YouforceConnector } from './connector';
import { sharedBearerAuth, tokenCacheKey } from './shared-tokens';

export const YOUFORCE_API_URL = 'https://api.youforce.com';
export const VISMA_CONNECT_TOKEN_URL = 'https://connect.identity.visma.com/connect/token';

export const vismaRaetCredentials = z.object({
  clientId: z.string().trim().min(1, 'the client id of the Visma Developer Portal application'),
  clientSecret: z.string().trim().min(1, 'the client secret of the Visma Developer Portal application'),
  tenantId: z.string().trim().min(1, 'the Youforce tenant id the application was granted'),
  /** Replaces https://api.youforce.com (the local fake); the token URL follows it unless given. */
  baseUrl: z.url().optional(),
  tokenUrl: z.url().optional(),
});

export type VismaRaetCredentials = z.infer<typeof vismaRaetCredentials>;

export const vismaRaet = defineHrSystem({
  id: 'visma-raet',
  name: 'Visma Raet (Youforce)',
  credentialsSchema: vismaRaetCredentials,
  // Persons with their employments: leaving date from dischargeDate, hire date from hireDate,
  // personnel number from personCode, business e-mail, gender, full/part time from the part-time
  // percentage. No legal entity, marital status or number of children in the IAM API: children come
  // from a mapped extension (customer field).
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'employmentType', 'hireDate', 'leavingDate', 'gender'],
  secretKeys: ['clientSecret'],
  notes: {
    verified: [
      "People are read from Youforce's IAM API (persons and employments); the leaving date is the discharge date of the last employment, and 9999-12-31 means still employed.",
      'Youforce removes people from the API 90 days after they leave (unless Visma changed that period for you): someone gone from Youforce is only taken as removed after a complete listing, and a first sync will not see people who left longer ago.',
      'Youforce allows 400 token requests a month: the connector reuses each one-hour token across syncs instead of asking for a new one every time.',
      "Youforce's limits (6,000 calls a day, about 100 a minute) are respected by waiting and trying again when told to slow down.",
      'Custom fields come from the Extensions API, which needs its own scope: without it no custom field is offered.',
    ],
    unverified: [
      "Youforce's IAM API has no legal entity: the payroll client and company codes can be used as filters instead.",
      "Full-time and part-time are read from the part-time percentage (100% is full time); Youforce's own employment type is offered as a filter.",
      'The layout of Youforce error answers is not published: a refusal is shown with whatever reason Youforce gives.',
      'Someone without any employment in the API is shown as inactive without a leaving date.',
      'Every sync reads everyone: a discharge changes the employment, not the person, so changed-since filters cannot be trusted to find leavers.',
    ],
  },
  connect(credentials, { hrSystemName, context }) {
    const baseUrl = apiBase(YOUFORCE_API_URL, credentials.baseUrl);
    const tokenUrl = credentials.tokenUrl ?? (credentials.baseUrl ? `${baseUrl}/connect/token` : VISMA_CONNECT_TOKEN_URL);
    const key = tokenCacheKey({ tokenUrl, clientId: credentials.clientId, tenantId: credentials.tenantId, clientSecret: credentials.clientSecret });
    const api = new HrApi({
      hrSystemName,
      baseUrl,
      auth: sharedBearerAuth(key, () => requestYouforceToken(credentials, tokenUrl, hrSystemName, context)),
      context,
      // 403 (no API access) and 404 (no data authorization) are read by the connector.
      classify: (r) => (r.status === 403 || r.status === 404 ? 'ok' : undefined),
      errorMessage: (r) => youforceMessage(r) ?? `HTTP ${r.status}`,
    });
    return new YouforceConnector(api);
  },
});

/** Youforce's / Visma Connect's reason: OAuth2 { error, error_description } or { message } (unverified which). */
export function youforceMessage(res: HttpResponse): string | null {
  const body = res.body as Record<string, unknown> | null;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  const error = text(body?.error);
  const description = text(body?.error_description);
  if (error && description) return `${error}: ${description}`;
  return description ?? text(body?.message) ?? text(body?.Message) ?? error;
}

/** POST client_id, client_secret, tenant_id, grant_type=client_credentials to Visma Connect. */
export async function requestYouforceToken(credentials: VismaRaetCredentials, tokenUrl: string, hrSystemName: string, context: ConnectorContext): Promise<IssuedToken> {
  const res = await requestJson(
    tokenUrl,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'cache-control': 'no-cache' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: credentials.clientSecret, tenant_id: credentials.tenantId }),
      hrSystemName,
      classify: (r) => (r.status === 400 || r.status === 401 ? 'ok' : undefined),
    },
    context,
  );
  if (res.status !== 200) {
    const reason = youforceMessage(res) ?? 'the token request was rejected';
    throw new CredentialsRejectedError(`${hrSystemName} refused the credentials: ${reason} (check the client id, client secret and tenant id of the Youforce application)`, hrSystemName);
  }
  const body = res.body as { access_token?: unknown; expires_in?: unknown } | null;
  if (typeof body?.access_token !== 'string' || body.access_token === '') throw new HrSystemResponseError(`${hrSystemName} answered the token request without an access token`, hrSystemName, res.status);
  const seconds = Number(body.expires_in);
  return { accessToken: body.access_token, lifetimeMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0 };
}
