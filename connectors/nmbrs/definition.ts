// Nmbrs (Visma Nmbrs) on its REST API (https://api.nmbrsapp.com; the SOAP API retires 2027-03-01 and is
// not used). The admin's Nmbrs user approves the product's app once (OAuth2 authorization code at
// identityservice.nmbrs.com, scopes company.info.read employee.info.read employee.employment.read
// offline_access); the refresh token from that consent, the app's client id and secret and the
// subscription key of its Nmbrs developer-portal product are entered here. Every API request carries
// `Authorization: Bearer <access token>` and `X-Subscription-Key` (see NOTES.md).
import { z } from 'zod';
import { apiBase, type HttpResponse } from '../http';
import { bearerTokenAuth, defineHrSystem, exchangeToken, HrApi, TokenCache, type AuthStrategy, type OAuthErrorBody } from '../kit';
import type { ConnectorContext } from '../types';
import { NmbrsConnector } from './connector';

export const NMBRS_API_URL = 'https://api.nmbrsapp.com';
export const NMBRS_IDENTITY_URL = 'https://identityservice.nmbrs.com';
/** The scopes the app is consented for (the listing reads companies, personal info and employments). */
export const NMBRS_SCOPES = ['company.info.read', 'employee.info.read', 'employee.employment.read', 'offline_access'];

export const nmbrsCredentials = z.object({
  clientId: z.string().trim().min(1, 'must not be empty'),
  clientSecret: z.string().trim().min(1, 'must not be empty'),
  /** From the admin's one-time consent (authorization code flow with offline_access). */
  refreshToken: z.string().trim().min(1, 'must not be empty'),
  /** The key of the Nmbrs developer-portal product subscription, sent as X-Subscription-Key. */
  subscriptionKey: z.string().trim().min(1, 'must not be empty'),
  /** Replaces https://api.nmbrsapp.com (and, without identityUrl, the identity service too: the local fake). */
  baseUrl: z.url().optional(),
  /** Replaces https://identityservice.nmbrs.com; the connector adds /connect/token. */
  identityUrl: z.url().optional(),
});

export type NmbrsCredentials = z.infer<typeof nmbrsCredentials>;

export const nmbrs = defineHrSystem({
  id: 'nmbrs',
  name: 'Nmbrs',
  credentialsSchema: nmbrsCredentials,
  // Names, business e-mail, employee number, gender from the personal info; hire and leaving date
  // from the latest employment; the company is the legal entity; externals are contractors. Marital
  // status is not read; the number of children is a mappable attribute (children records, unverified).
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'employmentType', 'hireDate', 'leavingDate', 'gender', 'legalEntity'],
  secretKeys: ['clientSecret', 'refreshToken', 'subscriptionKey'],
  notes: {
    verified: [
      "Nmbrs' own API reference could not be read: these points come from published clients of the live Nmbrs API.",
      'Former employees are asked for explicitly, one employee type at a time (employeeType, e.g. formerPayroll).',
      'Only the business e-mail is used (businessEmail), never the private one.',
      'Each Nmbrs company is offered as a legal entity.',
    ],
    unverified: [
      'Whether Nmbrs renews the refresh token on use is not documented: if a sync reports invalid_grant, enter a new refresh token.',
      'The refresh token lasts 30 days; whether counted from issue or from last use is not documented.',
      "The hire and leaving dates come from the latest employment: a rehire's running employment means no leaving date.",
      "The number of children is read from Nmbrs' children records, which is assumed: if Nmbrs does not provide them, the field is not offered.",
      'No changed-since filter for personal data was found: every sync reads all employees again.',
    ],
  },
  connect: (credentials, { hrSystemName, context }) =>
    new NmbrsConnector(
      new HrApi({
        hrSystemName,
        baseUrl: `${apiBase(NMBRS_API_URL, credentials.baseUrl)}/api`,
        auth: nmbrsAuth(credentials, hrSystemName, context),
        context,
        // 403: the consent lacks a scope, or the user may not see this company (final, Nmbrs' reason).
        classify: (r) => (r.status === 403 ? 'ok' : undefined),
        refusal: (r) => (r.status === 403 ? `refused access: ${nmbrsErrorMessage(r)} (the app needs the scopes ${NMBRS_SCOPES.join(' ')})` : undefined),
        errorMessage: nmbrsErrorMessage,
      }),
    ),
});

/**
 * The refresh-token grant at the identity service (client id and secret in the form body), cached
 * and renewed a margin before expiry or after a 401; X-Subscription-Key on every request. A refresh
 * token Nmbrs hands back in place of the old one is used from then on, for this connector's life.
 */
export function nmbrsAuth(credentials: NmbrsCredentials, hrSystemName: string, context: ConnectorContext): AuthStrategy {
  let refreshToken = credentials.refreshToken;
  const identity = (credentials.identityUrl ?? credentials.baseUrl ?? NMBRS_IDENTITY_URL).replace(/\/+$/, '');
  const tokens = new TokenCache(() =>
    exchangeToken({
      hrSystemName,
      url: `${identity}/connect/token`,
      form: () => new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: credentials.clientId, client_secret: credentials.clientSecret }),
      context,
      refusalReason: tokenRefusalReason,
      read: (body: { access_token?: unknown; expires_in?: unknown; refresh_token?: unknown }) => {
        if (typeof body?.refresh_token === 'string' && body.refresh_token !== '') refreshToken = body.refresh_token;
        return { token: body?.access_token, expiresInSeconds: body?.expires_in };
      },
    }),
  );
  const bearer = bearerTokenAuth(tokens, 'credentials');
  return { ...bearer, headers: async () => ({ ...(await bearer.headers()), 'x-subscription-key': credentials.subscriptionKey }) };
}

/** The identity service's OAuth error, explained where the code alone says little. */
export function tokenRefusalReason(body: OAuthErrorBody): string {
  const error = typeof body.error === 'string' ? body.error : null;
  const description = typeof body.error_description === 'string' && body.error_description.trim() !== '' ? body.error_description.trim() : null;
  if (description) return error ? `${error}: ${description}` : description;
  if (error === 'invalid_grant') return 'invalid_grant (the refresh token expired, was revoked or was already used: the Nmbrs user must approve the app again)';
  if (error === 'invalid_client') return 'invalid_client (the client id or client secret is wrong)';
  return error ?? 'the token request was rejected';
}

/**
 * Nmbrs' reason in an error answer: problem details { title, detail } from the API, { statusCode,
 * message } from the API gateway (a missing or wrong subscription key, a rate limit), or the
 * WWW-Authenticate error_description of a refused bearer token.
 */
export function nmbrsErrorMessage(res: HttpResponse): string {
  const body = res.body as { title?: unknown; detail?: unknown; message?: unknown } | null;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  const detail = text(body?.detail);
  const title = text(body?.title);
  if (detail) return title && title !== detail ? `${title}: ${detail}` : detail;
  const found = title ?? text(body?.message);
  if (found) return found;
  const challenge = /error_description="([^"]*)"/.exec(res.headers.get('www-authenticate') ?? '')?.[1];
  return challenge ? challenge : `HTTP ${res.status}`;
}
