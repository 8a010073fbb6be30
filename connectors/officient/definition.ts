// Officient: the admin generates an API access token for their own account in Officient
// (Developers) and enters it here; it is sent as a bearer token. Officient's OAuth app flow
// (authorize → POST /1.0/token, refresh tokens) is for third-party apps and is not offered here.
import { z } from 'zod';
import { apiBase, type HttpResponse } from '../http';
import { defineHrSystem, HrApi, staticBearerAuth } from '../kit';
import { OfficientConnector } from './connector';

export const officientCredentials = z.object({
  accessToken: z.string().trim().min(1, 'must not be empty'),
  /** Replaces https://api.officient.io (proxies, the local fake); the connector adds /1.0. */
  baseUrl: z.url().optional(),
});

export type OfficientCredentials = z.infer<typeof officientCredentials>;

export const officient = defineHrSystem({
  id: 'officient',
  name: 'Officient',
  credentialsSchema: officientCredentials,
  // From each person's detail: hire and leaving date (employment.first/last_employment_date),
  // personnel number (linked_payroll_employee_number), gender, marital status (civil_state) and the
  // number of children (dependent_children). No legal entity (one account, one company) and no
  // employment type (the weekly schedule is not read): see NOTES.md.
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'hireDate', 'leavingDate', 'gender', 'maritalStatus', 'numberOfChildren'],
  secretKeys: ['accessToken'],
  notes: {
    verified: [
      'Archived people (former employees) are listed too (include_archived).',
      "Hire and leaving dates come from each person's employment (first_employment_date, last_employment_date).",
      "Personnel number, gender, marital status and number of children come from each person's details (linked_payroll_employee_number, gender, civil_state, dependent_children).",
      "Each person's details are read one by one, so a sync takes about one request per person.",
    ],
    unverified: [
      "How Officient refuses an expired or revoked access token is not published: either is shown as refused credentials with Officient's reason.",
      'Whether the number of children (dependent_children) includes children with a disability is not stated: dependent_disabled_children is shown as a field to check.',
      "Only the marital states married and widowed were seen in Officient's description: other values are read by their wording, unknown ones stay empty.",
      'Officient publishes no rate limits and no order of its people list: the sync waits and tries again when asked, and a change during a sync may wait for the next one.',
      "Changes are not pushed: how Officient's webhooks are created and signed was not found, so changes wait for the next scheduled sync.",
    ],
  },
  connect: (credentials, { hrSystemName, context }) =>
    new OfficientConnector(
      new HrApi({
        hrSystemName,
        baseUrl: `${apiBase('https://api.officient.io', credentials.baseUrl)}/1.0`,
        auth: staticBearerAuth(credentials.accessToken),
        context,
        // 401/403: the token is unknown, revoked or may not read people (final). 400/404 come back
        // to the connector: for one person's detail they make that record invalid, not the page.
        classify: (r) => (r.status === 401 || r.status === 403 || r.status === 400 || r.status === 404 ? 'ok' : undefined),
        refusal: (r) => (r.status === 401 || r.status === 403 ? `refused the credentials: ${refusalReason(r)}` : undefined),
        errorMessage: officientMessage,
      }),
    ),
});

/**
 * Officient's error answers, as its published examples show them: { status_code, reason_phrase }.
 * The 401/403 bodies are not published (NOTES.md): the usual fields are read too.
 */
export function officientMessage(res: HttpResponse): string {
  const body = res.body as { reason_phrase?: unknown; message?: unknown; error?: unknown; error_description?: unknown } | null;
  for (const candidate of [body?.reason_phrase, body?.message, body?.error_description, body?.error]) {
    if (typeof candidate === 'string' && candidate.trim() !== '') return candidate.trim();
  }
  return `HTTP ${res.status}`;
}

export function refusalReason(res: HttpResponse): string {
  const message = officientMessage(res);
  const reason = message === `HTTP ${res.status}` ? 'the access token is not valid' : message;
  return res.status === 403 ? `${reason} (the access token may not read people)` : reason;
}
