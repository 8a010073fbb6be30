// Rippling: an admin creates an API token in Rippling (Settings › API Tokens) with read access to
// workers (workers.read) and users (names), legal entities (API Tier 2), employment types and custom
// fields; a partner enters its OAuth access token instead. Requests go to
// https://rest.ripplingapis.com with `Authorization: Bearer <token>`; `apiVersion` pins the
// `Rippling-Api-Version` header (without it Rippling answers in the token's default version).
import { z } from 'zod';
import type { HttpResponse } from '../http';
import { defineHrSystem, headerAuth, HrApi } from '../kit';
import { FORBIDDEN_HINT, RipplingConnector } from './connector';

export const ripplingCredentials = z.object({
  apiToken: z.string().trim().min(1, 'must not be empty'),
  /** A dated API version (YYYY-MM-DD) sent as Rippling-Api-Version; optional. */
  apiVersion: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2024-08-01')
    .optional(),
  /** Replaces https://rest.ripplingapis.com (the preview host rest.ripplingpreviewapis.com, proxies, the local fake). */
  baseUrl: z.url().optional(),
});

export type RipplingCredentials = z.infer<typeof ripplingCredentials>;

export const rippling = defineHrSystem({
  id: 'rippling',
  name: 'Rippling',
  credentialsSchema: ripplingCredentials,
  // Names from the expanded user, personnel number from `number`, hire / leaving date from
  // start_date / end_date, employment type from the expanded employment type, gender, legal entity.
  // Marital status and the number of children are not worker fields: map a custom field.
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'employmentType', 'hireDate', 'leavingDate', 'gender', 'legalEntity'],
  secretKeys: ['apiToken'],
  notes: {
    verified: [
      'Terminated workers are asked for separately (status TERMINATED), so leavers stay listed.',
      'Only changed workers are read between complete listings (updated_at).',
      'The work e-mail is used (work_email), never the personal one.',
      "The employment type comes from Rippling's employment type: contractor, else full time or part time (employment_type).",
      "Rippling's list of legal entities needs API Tier 2 (legal-entities.read): without it, the legal entities your workers carry are offered.",
    ],
    unverified: [
      'A rehired person may get a new worker record in Rippling and then appears as a new employee.',
      'Fields your token may not read come back empty (redacted fields) without failing the sync.',
      'The exact form of the changed-since filter is not documented: changes it misses show at the next complete listing.',
      "An active worker's end date (end_date) is read as a planned departure.",
    ],
  },
  connect: (credentials, { hrSystemName, context }) =>
    new RipplingConnector(
      new HrApi({
        hrSystemName,
        baseUrl: (credentials.baseUrl ?? 'https://rest.ripplingapis.com').replace(/\/+$/, ''),
        auth: headerAuth({ authorization: `Bearer ${credentials.apiToken}`, ...(credentials.apiVersion ? { 'rippling-api-version': credentials.apiVersion } : {}) }),
        context,
        // 401 (unknown, expired or revoked token; tokens lapse after 30 days unused) and 403 (a scope
        // or API tier is missing) are final; read Rippling's message.
        classify: (r) => (r.status === 401 || r.status === 403 ? 'ok' : undefined),
        refusal: (r) => (r.status === 401 || r.status === 403 ? `refused the credentials: ${refusalReason(r)}` : undefined),
        errorMessage: (r) => ripplingErrorMessage(r) ?? `HTTP ${r.status}`,
      }),
    ),
});

/** Rippling's message: `detail`, `message`, `error` (text or { message }), or the first of `errors`. */
export function ripplingErrorMessage(res: HttpResponse): string | null {
  const body = res.body as { detail?: unknown; message?: unknown; error?: unknown; errors?: unknown } | null;
  const first = Array.isArray(body?.errors) ? (body.errors[0] as { message?: unknown; detail?: unknown } | null) : null;
  const error = body?.error && typeof body.error === 'object' ? (body.error as { message?: unknown }).message : body?.error;
  for (const value of [body?.detail, body?.message, error, first?.message, first?.detail]) if (typeof value === 'string' && value.trim() !== '') return value.trim();
  return null;
}

export function refusalReason(res: HttpResponse): string {
  const message = ripplingErrorMessage(res);
  if (res.status === 403) return `${message ?? 'access denied'} (${FORBIDDEN_HINT})`;
  return message ?? 'the API token is not valid';
}
