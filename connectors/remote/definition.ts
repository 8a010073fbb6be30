// Remote: the admin enters either the company's API token (Remote → Company settings → Integrations →
// Remote API → Generate API token; ra_live_… for production, ra_test_… for the sandbox) or the client
// id + client secret of a Remote OAuth2 app (client-credentials grant at /auth/oauth2/token). Both are
// bearer tokens on https://gateway.remote.com; see NOTES.md for what of the token request is verified.
import { z } from 'zod';
import { CredentialsRejectedError, HrSystemResponseError } from '../errors';
import { apiBase, requestJson, vendorMessage, type HttpResponse } from '../http';
import { bearerTokenAuth, defineHrSystem, HrApi, staticBearerAuth, TokenCache, type AuthStrategy, type IssuedToken } from '../kit';
import type { ConnectorContext } from '../types';
import { RemoteConnector } from './connector';

export const REMOTE_PRODUCTION_URL = 'https://gateway.remote.com';
export const REMOTE_SANDBOX_URL = 'https://gateway.remote-sandbox.com';
/** Remote's read scope for employments (spec: OAuth2 flows); sent only when the admin asks for it. */
export const REMOTE_EMPLOYMENT_READ_SCOPE = 'https://gateway.remote.com/employment.read';

export const remoteCredentials = z
  .object({
    /** A company API token created in Remote (ra_live_… / ra_test_…). */
    apiToken: z.string().trim().min(1, 'must not be empty').optional(),
    /** …or the client id and secret of a Remote OAuth2 app (client credentials). */
    clientId: z.string().trim().min(1, 'must not be empty').optional(),
    clientSecret: z.string().min(1, 'must not be empty').optional(),
    /** Scopes to ask the token for (space-separated), e.g. https://gateway.remote.com/employment.read; none by default. */
    scope: z.string().trim().min(1).optional(),
    /** Only this Remote company's employments (company_id); all the token may see otherwise. */
    companyId: z.string().trim().min(1).optional(),
    /** Use Remote's sandbox (https://gateway.remote-sandbox.com); default: yes for an ra_test_ token, else no. */
    sandbox: z.boolean().optional(),
    /** Replaces the gateway (proxies, the local fake). */
    baseUrl: z.url().optional(),
  })
  .refine((c) => c.apiToken !== undefined || (c.clientId !== undefined && c.clientSecret !== undefined), {
    message: 'enter the Remote API token, or the client id and client secret of a Remote app',
  });

export type RemoteCredentials = z.infer<typeof remoteCredentials>;

export const remote = defineHrSystem({
  id: 'remote',
  name: 'Remote',
  credentialsSchema: remoteCredentials,
  // Names and e-mail from the employment's basic information, status from the employment status, hire
  // date from provisional_start_date, leaving date from the employment's offboarding, legal entity
  // from company_id (names from GET /v1/companies), employment type only as far as Remote's `type`
  // tells a contractor. No personnel number, gender or marital status in Remote's published schema
  // (country-specific personal details are not read); number of children comes from a custom field.
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'employmentType', 'hireDate', 'leavingDate', 'legalEntity'],
  secretKeys: ['apiToken', 'clientSecret'],
  notes: {
    verified: [
      "Remote's employee list leaves out deleted employments, so the connector asks for those separately (status deleted).",
      "Leaving dates come from Remote's offboardings, confidential ones included (termination_date, include_confidential).",
      "The hire date is Remote's provisional start date (provisional_start_date).",
      "The legal entity is the employment's Remote company (company_id), named from Remote's list of companies.",
      'Remote offers no changed-since filter, so every sync reads all employments again.',
    ],
    unverified: [
      "Remote's published schema has no separate first and last name: the full name is split at its last space, which can be wrong for some names.",
      "A work e-mail (work_email) is not in Remote's published schema: without one, the e-mail on the employment or the Remote login e-mail (personal_email) is used.",
      'A leaving date proposed in an offboarding still under review counts as a planned departure; it can still move or be withdrawn.',
      'Whether Remote returns deleted employments when asked (status deleted) is not documented: if Remote refuses, none are listed.',
      "Whether an app's client id and secret may read a customer company's employments is not documented: the company API token is the safer choice.",
    ],
  },
  connect(credentials, { hrSystemName, context }) {
    // ra_test_ tokens work only in the sandbox (Remote's docs): such a token picks the sandbox unless told otherwise.
    const sandbox = credentials.sandbox ?? credentials.apiToken?.startsWith('ra_test_') ?? false;
    const base = apiBase(sandbox ? REMOTE_SANDBOX_URL : REMOTE_PRODUCTION_URL, credentials.baseUrl);
    const auth = credentials.apiToken !== undefined ? staticBearerAuth(credentials.apiToken) : remoteClientCredentialsAuth({ hrSystemName, tokenUrl: `${base}/auth/oauth2/token`, clientId: credentials.clientId!, clientSecret: credentials.clientSecret!, scope: credentials.scope, context });
    const api = new HrApi({
      hrSystemName,
      baseUrl: base,
      auth,
      context,
      // 401 (static token) is refused with Remote's reason; 400/403/404/422 are read by the connector
      // (a missing permission, an employment removed meanwhile, a filter Remote does not take).
      classify: (r) => ([400, 401, 403, 404, 422].includes(r.status) ? 'ok' : undefined),
      refusal: (r) => (r.status === 401 ? `refused the credentials: ${refusalReason(r, credentials.apiToken !== undefined ? 'token' : 'client')}` : undefined),
      errorMessage: remoteMessage,
    });
    return new RemoteConnector(api, { companyId: credentials.companyId });
  },
});

/** Remote answers errors as { message } (401 "Unauthorized", 429 "Too many requests", 404 "… not found"). */
export function remoteMessage(res: HttpResponse): string {
  return vendorMessage(res);
}

/** Remote's reason, with what the admin can check. */
export function refusalReason(res: HttpResponse, kind: 'token' | 'client'): string {
  const message = remoteMessage(res);
  return kind === 'token'
    ? `${message} (check the API token; ra_test_ tokens work only in the sandbox, ra_live_ tokens only in production)`
    : `${message} (check the client id and client secret, and that they belong to this environment: production or sandbox)`;
}

export interface RemoteClientCredentialsOptions {
  hrSystemName: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
  context?: ConnectorContext;
  now?: () => number;
}

/**
 * OAuth2 client credentials at Remote's /auth/oauth2/token: the client authenticates with HTTP Basic
 * (client id:secret), the form carries grant_type (and scope when given). The kit's
 * clientCredentialsAuth sends the client in the form body only, which Remote's spec does not describe
 * (its request body schema is empty); Basic is the one way RFC 6749 §2.3.1 requires servers to accept.
 */
export function remoteClientCredentialsAuth(options: RemoteClientCredentialsOptions): AuthStrategy {
  return bearerTokenAuth(new TokenCache(() => issueRemoteToken(options), { now: options.now }), 'access token');
}

export async function issueRemoteToken(options: RemoteClientCredentialsOptions): Promise<IssuedToken> {
  const { hrSystemName } = options;
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (options.scope) form.set('scope', options.scope);
  const res = await requestJson(
    options.tokenUrl,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64')}` },
      body: form,
      hrSystemName,
      classify: (r) => ([400, 401, 403, 422].includes(r.status) ? 'ok' : undefined),
    },
    options.context,
  );
  if (res.status !== 200 && res.status !== 201) {
    const body = res.body as { error_description?: unknown; error?: unknown; message?: unknown } | null;
    const reason = [body?.error_description, body?.message, body?.error].find((v) => typeof v === 'string' && v.trim() !== '') as string | undefined;
    throw new CredentialsRejectedError(`${hrSystemName} refused the credentials: ${refusalReason({ ...res, body: { message: reason ?? `HTTP ${res.status}` } }, 'client')}`, hrSystemName);
  }
  const body = res.body as { access_token?: unknown; expires_in?: unknown } | null;
  if (typeof body?.access_token !== 'string' || body.access_token === '') {
    throw new HrSystemResponseError(`${hrSystemName} answered the token request without an access token`, hrSystemName, res.status);
  }
  const seconds = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in);
  // Without expires_in the token is used for this long (Remote's lifetime is not published: unverified).
  const lifetimeSeconds = Number.isFinite(seconds) && seconds > 0 ? seconds : 600;
  return { accessToken: body.access_token, lifetimeMs: lifetimeSeconds * 1000 };
}
