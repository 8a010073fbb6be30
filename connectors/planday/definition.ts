// Planday: an administrator creates an API app (Settings › Integrations › API Access › Create app,
// with the read scopes for employees, departments, employee groups and employee types), authorizes
// it, and copies the app's Client ID (APP ID) and the Refresh Token shown there. The connector
// exchanges the refresh token at https://id.planday.com/connect/token for access tokens (1 hour) and
// sends them with the X-ClientId header on every request (see NOTES.md).
import { z } from 'zod';
import { apiBase, type HttpResponse } from '../http';
import { defineHrSystem, HrApi, oauthRefusalReason, tokenExchangeAuth, type AuthStrategy } from '../kit';
import { PlandayConnector } from './connector';

export const PLANDAY_API_URL = 'https://openapi.planday.com';
export const PLANDAY_TOKEN_URL = 'https://id.planday.com/connect/token';
/** "Planday OAuth access tokens expire after 1 hour" (Authorization code flow page). */
const ACCESS_TOKEN_LIFETIME_SECONDS = 3600;
const SCOPE_HINT = 'the app needs the scopes employee:read, department:read, employeegroup:read and employeetype:read (Settings › Integrations › API Access)';

export const plandayCredentials = z.object({
  /** The app's Client ID (APP ID) from Planday's API Access page. */
  clientId: z.string().trim().min(1, 'the Client ID (APP ID) of the Planday API app'),
  /** The refresh token Planday shows after the app was authorized on the portal. */
  refreshToken: z.string().trim().min(1, 'the refresh token of the authorized Planday API app'),
  /** Replaces https://openapi.planday.com (proxies, the local fake); the token URL follows it unless given. */
  baseUrl: z.url().optional(),
  tokenUrl: z.url().optional(),
});

export type PlandayCredentials = z.infer<typeof plandayCredentials>;

export const planday = defineHrSystem({
  id: 'planday',
  name: 'Planday',
  credentialsSchema: plandayCredentials,
  // Status from the list (active / deactivated) and the deactivation date, which is the leaving date
  // (for a deactivated employee without one: the day the account was deactivated); personnel number
  // from salaryIdentifier, employment type from the employee type's name, hire date from hiredDate,
  // gender from the employee's details. Planday has no legal entity, marital status or number of
  // children: those come from a mapped custom field (custom_<n>).
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'employmentType', 'hireDate', 'leavingDate', 'gender'],
  secretKeys: ['refreshToken'],
  notes: {
    verified: [
      "Planday's employee list holds only active employees, so deactivated employees are read from their own list as well.",
      "The connector uses your app's Client ID and refresh token: Planday refresh tokens do not expire, access tokens last one hour.",
      "Gender and custom fields come only with each employee's own record, which is read for every employee.",
      "Planday's rate limits (10 requests a second, 500 a minute per portal) are respected, so large portals take longer.",
    ],
    unverified: [
      'Whether Planday issues a new refresh token on use is not documented: if a sync reports invalid_grant, authorize the app again and enter the new refresh token.',
      'Whether a deactivation planned ahead keeps the employee on the active list until then is not documented.',
      'Whether the deactivation date is the last working day or the first day without access is not documented.',
      'Whether a deactivation marks the employee as changed is not documented, so changes are also checked by deactivation date (deactivatedFrom).',
    ],
  },
  connect(credentials, { hrSystemName, context }) {
    const baseUrl = apiBase(PLANDAY_API_URL, credentials.baseUrl);
    const tokenUrl = credentials.tokenUrl ?? (credentials.baseUrl ? `${baseUrl}/connect/token` : PLANDAY_TOKEN_URL);
    const tokens = tokenExchangeAuth({
      hrSystemName,
      url: tokenUrl,
      form: new URLSearchParams({ client_id: credentials.clientId, grant_type: 'refresh_token', refresh_token: credentials.refreshToken }),
      context,
      refusalReason: (body) => `${oauthRefusalReason(body)} (check the Client ID and refresh token; a refresh token stops working when the app's access is revoked: authorize the app again in Planday and copy the new one)`,
      defaultLifetimeSeconds: ACCESS_TOKEN_LIFETIME_SECONDS,
      refused: 'access token',
    });
    const api = new HrApi({
      hrSystemName,
      baseUrl,
      auth: withHeaders(tokens, { 'x-clientid': credentials.clientId }),
      context,
      // 400/404 are read by the connector (a by-id read of someone no longer readable); 403: a scope the app lacks.
      classify: (r) => ([400, 403, 404].includes(r.status) ? 'ok' : undefined),
      refusal: (r) => (r.status === 403 ? `refused the credentials: ${plandayMessage(r) ?? 'access denied'} (${SCOPE_HINT})` : undefined),
      errorMessage: (r) => plandayMessage(r) ?? `HTTP ${r.status}`,
    });
    return new PlandayConnector(api, context);
  },
});

/** An auth strategy that adds fixed headers (Planday's X-ClientId) to another one's. */
export function withHeaders(auth: AuthStrategy, extra: Record<string, string>): AuthStrategy {
  return { ...auth, headers: async () => ({ ...(await auth.headers()), ...extra }), renew: auth.renew && ((used) => auth.renew!(used)), authenticate: auth.authenticate && (() => auth.authenticate!()) };
}

/** Planday's reason in an error answer: message, a list of errors, or ASP.NET's title / ModelState (unverified which). */
export function plandayMessage(res: HttpResponse): string | null {
  const body = res.body as { message?: unknown; errors?: unknown; title?: unknown; error?: unknown; error_description?: unknown } | null;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  const errors = Array.isArray(body?.errors) ? body.errors.map((e) => text(e) ?? text((e as { message?: unknown } | null)?.message)).filter((e): e is string => e !== null) : [];
  return text(body?.message) ?? (errors.length ? errors.join('; ') : null) ?? text(body?.error_description) ?? text(body?.title) ?? text(body?.error);
}
