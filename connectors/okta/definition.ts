// Okta: an API token (Security › API › Tokens) created by an administrator who may read users, sent
// as `Authorization: SSWS <token>` to the org's own host (`oktaDomain`, e.g. acme.okta.com). Okta
// keeps no hire or leaving date of its own: customers who keep them in profile attributes name them
// in `hireDateField` / `leavingDateField` (the attribute's variable name, e.g. terminationDate);
// without a leaving date field, deprovisioned users are listed as terminated with no leaving date.
import { z } from 'zod';
import type { HttpResponse } from '../http';
import { defineHrSystem, headerAuth, HrApi } from '../kit';
import { FORBIDDEN_HINT, OktaConnector } from './connector';

/** A profile attribute's variable name, as the Profile Editor shows it ("profile." is accepted too). */
const profileAttribute = z
  .string()
  .trim()
  .transform((name) => name.replace(/^profile\./, ''))
  .pipe(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must name a profile attribute by its variable name, e.g. terminationDate'));

/** The org's host; a pasted https://…/ around it is dropped. */
const oktaDomain = z
  .string()
  .trim()
  .transform((host) => host.replace(/^https?:\/\//i, '').replace(/\/+$/, ''))
  .pipe(z.string().regex(/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/, 'must be the Okta domain, e.g. acme.okta.com'));

export const oktaCredentials = z
  .object({
    /** The org's Okta domain (acme.okta.com, acme.oktapreview.com, or a custom domain). */
    oktaDomain: oktaDomain.optional(),
    apiToken: z.string().trim().min(1, 'must not be empty'),
    hireDateField: profileAttribute.optional(),
    leavingDateField: profileAttribute.optional(),
    /** Replaces https://<oktaDomain> (proxies, the local fake). */
    baseUrl: z.url().optional(),
  })
  .refine((c) => c.oktaDomain !== undefined || c.baseUrl !== undefined, { message: 'the Okta domain is required, e.g. acme.okta.com', path: ['oktaDomain'] });

export type OktaCredentials = z.infer<typeof oktaCredentials>;

export const okta = defineHrSystem({
  id: 'okta',
  name: 'Okta',
  credentialsSchema: oktaCredentials,
  // Personnel number from employeeNumber, employment type from the userType label, legal entity from
  // organization. Hire and leaving dates only through the configured profile attributes; gender,
  // marital status and children only as mapped (custom) profile attributes.
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'employmentType', 'legalEntity'],
  secretKeys: ['apiToken'],
  notes: {
    verified: [
      "Deactivated users (DEPROVISIONED) are read in a second pass, because Okta's plain user list leaves them out.",
      'Between complete listings, only users changed since the last sync are read (lastUpdated).',
      'Okta keeps no hire or leaving date: name the profile attributes that hold them, or deactivated users are shown as former employees without a leaving date.',
      "The legal entity is the user's organization (organization), the personnel number employeeNumber, the employment type the user type (userType).",
      'When Okta asks to slow down (429), the sync waits and tries again.',
    ],
    unverified: [
      "That an API token acts with the rights of the admin who created it is not in Okta's API description: create the token as an admin who may read users.",
      "A read-only admin's token may not read the profile definitions: the attributes offered are then taken from the first 200 users listed.",
      "Okta's user states are read this way: suspended users as inactive, staged or provisioned ones as new hires.",
      'Whether a change made by a provisioning source updates lastUpdated is not documented: a missed change is picked up by the next complete listing.',
      'Dates in profile attributes are read as YYYY-MM-DD; a user whose date attribute is written differently is reported, not synced.',
    ],
  },
  connect: (credentials, { hrSystemName, context }) =>
    new OktaConnector(
      new HrApi({
        hrSystemName,
        baseUrl: (credentials.baseUrl ?? `https://${credentials.oktaDomain}`).replace(/\/+$/, ''),
        auth: headerAuth({ authorization: `SSWS ${credentials.apiToken}` }),
        context,
        // 401 (E0000011, an unknown, revoked or expired token) and 403 (E0000006, the token's admin
        // may not read users) are final; read Okta's errorSummary.
        classify: (r) => (r.status === 401 || r.status === 403 ? 'ok' : undefined),
        refusal: (r) => (r.status === 401 || r.status === 403 ? `refused the credentials: ${refusalReason(r)}` : undefined),
        errorMessage: oktaErrorMessage,
      }),
      { hireDateField: credentials.hireDateField, leavingDateField: credentials.leavingDateField },
    ),
});

/** Okta's error body: { errorCode, errorSummary, errorLink, errorId, errorCauses: [{ errorSummary }] }. */
export function oktaErrorMessage(res: HttpResponse): string {
  const body = res.body as { errorCode?: unknown; errorSummary?: unknown; errorCauses?: unknown } | null;
  const summary = typeof body?.errorSummary === 'string' && body.errorSummary.trim() !== '' ? body.errorSummary.trim() : null;
  if (!summary) return `HTTP ${res.status}`;
  const causes = (Array.isArray(body?.errorCauses) ? body.errorCauses : [])
    .map((c) => (c as { errorSummary?: unknown } | null)?.errorSummary)
    .filter((s): s is string => typeof s === 'string' && s.trim() !== '');
  const code = typeof body?.errorCode === 'string' ? ` (${body.errorCode})` : '';
  return `${summary}${causes.length ? `: ${causes.join('; ')}` : ''}${code}`;
}

export function refusalReason(res: HttpResponse): string {
  const message = oktaErrorMessage(res);
  const known = message !== `HTTP ${res.status}`;
  if (res.status === 403) return `${known ? message : 'access denied'} (${FORBIDDEN_HINT}, which must include reading users)`;
  return known ? message : 'the API token is not valid';
}
