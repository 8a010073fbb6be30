// Lucca: an admin declares a client application in Lucca (/identity/admin/integration-keys), grants it
// the read scopes below and the business-establishments it may see, and enters the account's host
// (acme for acme.ilucca.net, or the whole host of a test, Swiss or sandbox account) with the
// client_id and client_secret Lucca shows once. Tokens come from Lucca's one global authorization
// server (OAuth2 client credentials); every API request carries the required Api-Version header.
import { z } from 'zod';
import { apiBase, type HttpResponse } from '../http';
import { clientCredentialsAuth, defineHrSystem, HrApi, type AuthStrategy, type OAuthErrorBody } from '../kit';
import { LuccaConnector } from './connector';
import { luccaPush, LuccaWebhookEndpoints } from './push';

/** The one API version Lucca's reference offers (Api-Version header, required on every request). */
export const LUCCA_API_VERSION = '2024-11-01';
/** Lucca's global authorization server for ALL accounts. */
export const LUCCA_TOKEN_URL = 'https://accounts.world.luccasoftware.com/connect/token';
/**
 * Scopes asked for: employees, employment-templates and legal-entities read scopes are named on
 * Lucca's reference pages; employments.readonly and employee-extensions.readonly follow the same
 * naming and are unverified (NOTES.md).
 */
export const LUCCA_SCOPES = ['employees.readonly', 'employments.readonly', 'employment-templates.readonly', 'legal-entities.readonly', 'employee-extensions.readonly'];

export const luccaCredentials = z.object({
  /** acme for https://acme.ilucca.net, or a whole host (acme.ilucca-test.net, acme.ilucca.ch, a sandbox host). */
  tenant: z
    .string()
    .trim()
    .toLowerCase()
    .transform((s) => s.replace(/^https?:\/\//, '').replace(/\/.*$/, ''))
    .pipe(z.string().regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*$/, 'must be your Lucca address, e.g. acme for acme.ilucca.net')),
  clientId: z.string().trim().min(1, 'must not be empty'),
  clientSecret: z.string().min(1, 'must not be empty'),
  /** Replaces https://<tenant>.ilucca.net (proxies, the local fake); the connector adds /lucca-api. */
  baseUrl: z.url().optional(),
  /** Replaces Lucca's token endpoint (the local fake). */
  tokenUrl: z.url().optional(),
});

export type LuccaCredentials = z.infer<typeof luccaCredentials>;

/** https://acme.ilucca.net for "acme"; a dotted value is taken as the whole host. */
export function luccaHost(tenant: string): string {
  return `https://${tenant.includes('.') ? tenant : `${tenant}.ilucca.net`}`;
}

export const lucca = defineHrSystem({
  id: 'lucca',
  name: 'Lucca',
  credentialsSchema: luccaCredentials,
  // Names, work e-mail, employee number and status from the employee; hire date, leaving date, legal
  // entity and employment type (from the employment template) from the applicable employment. Gender
  // and marital status live in personal records the connector does not read; the number of children
  // comes from a mapped employee extension.
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'employmentType', 'hireDate', 'leavingDate', 'legalEntity'],
  secretKeys: ['clientSecret'],
  push: luccaPush,
  notes: {
    verified: [
      'Employees are read with their status: upcoming ones as new hires, deactivated ones as former employees (status).',
      "Hire date, leaving date, legal entity and employment type come from each employee's applicable employment and its employment template.",
      'The personnel number is the employee number (employeeNumber); the e-mail is the professional one.',
      'Lucca allows 50 requests a minute per account, shared by all integrations: when asked, the sync waits and tries again.',
      "Changes arrive through a webhook-endpoint the product declares in Lucca itself (employee and employment topics): Lucca's activation challenge is answered, every event is checked by its signature and a timestamp at most 5 minutes old.",
    ],
    unverified: [
      'Lucca does not say whether former employees are listed by default: the connector always asks for active, upcoming and deactivated employees.',
      "The scope names employments.readonly and employee-extensions.readonly were not found on Lucca's pages: if Lucca refuses a scope, check the client application's scopes.",
      'How a leaving date is written in an employment is not fully described: an employee whose leaving date cannot be read is reported, never synced as staying.',
      "Gender and marital status are not read, since Lucca's personal records were not checked; no filter for changed employees was found, so every sync reads everyone.",
      "That Lucca returns the webhook signing secret when the endpoint is created comes from third-party code, and the scope the client application needs to declare webhook-endpoints was not found: if Lucca refuses, the integration keeps syncing on its schedule.",
    ],
  },
  connect: (credentials, { hrSystemName, context }) => {
    const oauth = clientCredentialsAuth({
      hrSystemName,
      tokenUrl: credentials.tokenUrl ?? LUCCA_TOKEN_URL,
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      scope: LUCCA_SCOPES.join(' '),
      context,
      refusalReason: tokenRefusalReason,
    });
    const api = new HrApi({
      hrSystemName,
      baseUrl: `${apiBase(luccaHost(credentials.tenant), credentials.baseUrl)}/lucca-api`,
      auth: withApiVersion(oauth),
      context,
      // 403: a scope or business-establishment is missing (final, with Lucca's problem details).
      classify: (r) => (r.status === 403 ? 'ok' : undefined),
      refusal: (r) => (r.status === 403 ? `refused access: ${problemMessage(r) ?? 'forbidden'} (the client application needs the scopes ${LUCCA_SCOPES.join(', ')})` : undefined),
      errorMessage: (r) => problemMessage(r) ?? `HTTP ${r.status}`,
    });
    return new LuccaConnector(api, new LuccaWebhookEndpoints(api, LUCCA_API_VERSION));
  },
});

/** The OAuth strategy plus the Api-Version header on every API request. */
export function withApiVersion(auth: AuthStrategy): AuthStrategy {
  return { ...auth, headers: async () => ({ ...(await auth.headers()), 'api-version': LUCCA_API_VERSION }) };
}

/** Lucca's reason from the token endpoint: error_description, else the OAuth error code explained. */
export function tokenRefusalReason(body: OAuthErrorBody): string {
  const description = typeof body.error_description === 'string' && body.error_description.trim() !== '' ? body.error_description.trim() : null;
  const error = typeof body.error === 'string' ? body.error : null;
  if (description) return error ? `${error}: ${description}` : description;
  if (error === 'invalid_client') return 'invalid_client (the client id or client secret is wrong, or the client application was deleted)';
  if (error === 'invalid_scope') return 'invalid_scope (the client application was not granted every scope asked for)';
  return error ?? 'the token request was rejected';
}

/** Lucca answers errors as RFC 7807 problem details: { type, title, status, detail }. */
export function problemMessage(res: HttpResponse): string | null {
  const body = res.body as { title?: unknown; detail?: unknown; message?: unknown } | null;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  const title = text(body?.title);
  const detail = text(body?.detail);
  if (title && detail) return `${title}: ${detail}`;
  return detail ?? title ?? text(body?.message);
}
