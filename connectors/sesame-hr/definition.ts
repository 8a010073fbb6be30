// Sesame HR: an administrator creates an API token in Sesame (Settings › Integrations › API) and
// reads the account's region from its API host (api-eu1.sesametime.com → eu1). Every request
// carries the token as a Bearer header.
import { z } from 'zod';
import { apiBase, type HttpResponse } from '../http';
import { defineHrSystem, HrApi, staticBearerAuth } from '../kit';
import { SesameHrConnector } from './connector';

export const sesameHrCredentials = z.object({
  apiToken: z.string().trim().min(1, 'the API token created in Sesame'),
  /** eu1 for https://api-eu1.sesametime.com (a pasted host is read as its region). */
  region: z
    .string()
    .trim()
    .toLowerCase()
    .transform((s) => s.replace(/^https?:\/\//, '').replace(/^api-/, '').replace(/\.sesametime\.com\/?.*$/, ''))
    .pipe(z.string().regex(/^[a-z0-9]+$/, 'must be the region of your Sesame API host, e.g. eu1 for api-eu1.sesametime.com'))
    .default('eu1'),
  /** Replaces https://api-{region}.sesametime.com (the local fake). */
  baseUrl: z.url().optional(),
});

export type SesameHrCredentials = z.infer<typeof sesameHrCredentials>;

export const sesameHr = defineHrSystem({
  id: 'sesame-hr',
  name: 'Sesame HR',
  credentialsSchema: sesameHrCredentials,
  // Status from active/inactive and the contracts' end date, hire date from the first contract,
  // personnel number from code, employment type from the current contract's workday type, company as
  // legal entity, marital status and number of children (children) on the employee.
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'employmentType', 'hireDate', 'leavingDate', 'gender', 'legalEntity', 'maritalStatus', 'numberOfChildren'],
  secretKeys: ['apiToken'],
  notes: {
    verified: [
      'Active and inactive employees are both read, so people deactivated in Sesame are not lost.',
      "The leaving date is the end date of the employee's last contract; the hire date is the start of the first one.",
      'Number of children, marital status and company come from the employee record; custom fields are offered for mapping.',
      'Full time or part time comes from the workday type of the current contract.',
    ],
    unverified: [
      "Sesame does not publish its rate limits or error answers: the connector waits and tries again when told to slow down, and shows Sesame's reason for a refusal.",
      'Where the contracts module is not used, Sesame has no leaving date: inactive employees are then shown as left without a date.',
      "The wording of marital status values is the account's own; Spanish and English words are read.",
      'Sesame documents no changed-since filter: every sync reads everyone, which takes a few requests per employee for the contracts.',
    ],
  },
  connect: (credentials, { hrSystemName, context }) =>
    new SesameHrConnector(
      new HrApi({
        hrSystemName,
        baseUrl: sesameBaseUrl(credentials),
        auth: staticBearerAuth(credentials.apiToken),
        context,
        // 401 is refused credentials; 403 and 404 (no current contract) are read by the connector.
        classify: (r) => (r.status === 401 || r.status === 403 || r.status === 404 ? 'ok' : undefined),
        refusal: (r) => (r.status === 401 ? `refused the credentials: ${sesameMessage(r) ?? 'the API token is not valid'} (check the token and the region of your Sesame API host)` : undefined),
        errorMessage: (r) => sesameMessage(r) ?? `HTTP ${r.status}`,
      }),
    ),
});

/** The account's regional API host (api-eu1.sesametime.com), or the `baseUrl` given. */
export function sesameBaseUrl(credentials: Pick<SesameHrCredentials, 'region' | 'baseUrl'>): string {
  return apiBase(`https://api-${credentials.region}.sesametime.com`, credentials.baseUrl);
}

/** Sesame's reason: { message } or { error } (unverified which; neither is published). */
export function sesameMessage(res: HttpResponse): string | null {
  const body = res.body as { message?: unknown; error?: unknown; errors?: unknown } | null;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  return text(body?.message) ?? text(body?.error) ?? (Array.isArray(body?.errors) ? body.errors.map(text).filter(Boolean).join('; ') || null : null);
}
