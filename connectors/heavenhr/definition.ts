// HeavenHR: HeavenHR's customer care issues the company's OAuth 2.0 client id and client secret; the
// admin enters them here. The connector asks for an access token with
// GET /api/v2/oauth2/token?grant_type=client_credentials&scope=all and Basic base64(id:secret) (a GET,
// unlike the OAuth2 default the kit's token exchange sends), and sends it as a Bearer token.
import { z } from 'zod';
import { CredentialsRejectedError, HrSystemResponseError } from '../errors';
import { apiBase, requestJson, type HttpResponse } from '../http';
import { bearerTokenAuth, defineHrSystem, HrApi, oauthRefusalReason, TokenCache, type IssuedToken } from '../kit';
import type { ConnectorContext } from '../types';
import { HeavenHrConnector } from './connector';

export const HEAVENHR_BASE_URL = 'https://api.heavenhr.com';
/** Assumed when the token answer states no lifetime (not published). */
const DEFAULT_TOKEN_SECONDS = 600;

export const heavenHrCredentials = z.object({
  clientId: z.string().trim().min(1, 'the client id HeavenHR issued for the company'),
  clientSecret: z.string().trim().min(1, 'the client secret HeavenHR issued for the company'),
  /** Job statuses read one after the other; every status your company uses must be here, or those people look removed. */
  jobStatuses: z
    .array(z.string().trim().toUpperCase().regex(/^[A-Z_]+$/, 'must be a HeavenHR job status, e.g. INACTIVE'))
    .min(1)
    .default(['ACTIVE', 'INACTIVE']),
  /** Employees per page (1–100). */
  pageSize: z.number().int().min(1).max(100).optional(),
  /** Replaces https://api.heavenhr.com (proxies, the local fake); the connector adds /api/v2. */
  baseUrl: z.url().optional(),
});

export type HeavenHrCredentials = z.infer<typeof heavenHrCredentials>;

export const heavenHr = defineHrSystem({
  id: 'heavenhr',
  name: 'HeavenHR',
  credentialsSchema: heavenHrCredentials,
  // From each person's own record: professionalEmail, employeeNumber, startDate, endOfContract
  // (leaving date), gender; status from jobStatus and the dates. HeavenHR's published employee has no
  // legal entity, marital status, number of children or full/part-time type: those need a mapped field.
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'hireDate', 'leavingDate', 'gender'],
  secretKeys: ['clientSecret'],
  notes: {
    verified: [
      "The client id and client secret (from HeavenHR's customer care) are exchanged for an access token (HeavenHR's API page).",
      'The leaving date is the end of contract (endOfContract); the hire date is the start date (startDate); the e-mail is the professional e-mail.',
    ],
    unverified: [
      'Former employees are read by asking for each job status (default ACTIVE and INACTIVE): if your company uses other job statuses, add them, or those people look removed.',
      'HeavenHR answers "not found" for a page with no employees: the connector reads that as the end of the list, except on the first page of active employees.',
      "Each person's full record is read one by one (the list has no end of contract), so a sync takes one request per employee.",
      'An inactive employee without an end of contract is shown as inactive, not as leaving: only the date starts the leaving process.',
      "The names of the list's paging fields and the job status values are taken from third-party descriptions; a mismatch fails the sync instead of dropping people.",
      "HeavenHR's API shows no legal entity or employment type (full or part time); number of children and marital status need a mapped field.",
      'No rate limit and no changed-since filter are published: every sync reads everyone, and waits and tries again when asked.',
    ],
  },
  connect(credentials, { hrSystemName, context }) {
    const base = `${apiBase(HEAVENHR_BASE_URL, credentials.baseUrl)}/api/v2`;
    const tokens = new TokenCache(() => issueToken({ hrSystemName, base, clientId: credentials.clientId, clientSecret: credentials.clientSecret, context }));
    const api = new HrApi({
      hrSystemName,
      baseUrl: base,
      auth: bearerTokenAuth(tokens, 'access token'),
      context,
      // 404 is read by the connector (an empty page, a person no longer there); 403 is final.
      classify: (r) => (r.status === 404 || r.status === 403 ? 'ok' : undefined),
      refusal: (r) => (r.status === 403 ? `refused the credentials: ${heavenHrMessage(r) ?? 'access denied'} (the client may not read employees)` : undefined),
      errorMessage: (r) => heavenHrMessage(r) ?? `HTTP ${r.status}`,
    });
    return new HeavenHrConnector(api, { jobStatuses: credentials.jobStatuses, pageSize: credentials.pageSize });
  },
});

interface TokenRequest {
  hrSystemName: string;
  base: string;
  clientId: string;
  clientSecret: string;
  context?: ConnectorContext;
}

/** GET /oauth2/token?grant_type=client_credentials&scope=all with Basic base64(client_id:client_secret). */
export async function issueToken({ hrSystemName, base, clientId, clientSecret, context }: TokenRequest): Promise<IssuedToken> {
  const res = await requestJson(
    `${base}/oauth2/token?grant_type=client_credentials&scope=all`,
    {
      method: 'GET',
      headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
      hrSystemName,
      classify: (r) => ([400, 401, 403].includes(r.status) ? 'ok' : undefined),
    },
    context,
  );
  if ([400, 401, 403].includes(res.status)) {
    throw new CredentialsRejectedError(`${hrSystemName} refused the credentials: ${heavenHrMessage(res) ?? 'the client id or client secret was not accepted'}`, hrSystemName);
  }
  const body = res.body as { access_token?: unknown; expires_in?: unknown } | null;
  if (typeof body?.access_token !== 'string' || body.access_token === '') throw new HrSystemResponseError(`${hrSystemName} answered the token request without an access token`, hrSystemName, res.status);
  const seconds = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : DEFAULT_TOKEN_SECONDS;
  return { accessToken: body.access_token, lifetimeMs: seconds * 1000 };
}

/** HeavenHR's reason: OAuth's error_description / error, or a { message }. */
export function heavenHrMessage(res: HttpResponse): string | null {
  const body = res.body as { message?: unknown; error?: unknown; error_description?: unknown } | null;
  if (body && (typeof body.error_description === 'string' || typeof body.error === 'string')) return oauthRefusalReason(body);
  return typeof body?.message === 'string' && body.message.trim() ? body.message.trim() : null;
}
