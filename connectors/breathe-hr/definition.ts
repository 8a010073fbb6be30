// Breathe HR: an account admin enables API access in Breathe and copies the API key (production keys
// start with "prod-" in Breathe's example, sandbox keys with "sandbox-"); it goes in the X-API-KEY header
// of every request (see NOTES.md).
import { z } from 'zod';
import { apiBase, type HttpResponse } from '../http';
import { apiKeyHeaderAuth, defineHrSystem, HrApi } from '../kit';
import { BreatheHrConnector } from './connector';

export const BREATHE_BASE_URLS = { production: 'https://api.breathehr.com/v1', sandbox: 'https://api.sandbox.breathehr.info/v1' } as const;

export const breatheHrCredentials = z.object({
  apiKey: z.string().trim().min(1, 'the Breathe HR API key'),
  /** Sandbox keys start with "sandbox-" and go to Breathe's sandbox host. */
  environment: z.enum(['production', 'sandbox']).optional(),
  /** Replaces the environment's base URL, …/v1 included (proxies, the local fake). */
  baseUrl: z.url().optional(),
});

export type BreatheHrCredentials = z.infer<typeof breatheHrCredentials>;

/** Breathe's error body `{ error: { type, message?, <field>: [...] } }`: its message, else its type. */
export function breatheMessage(res: HttpResponse): string | null {
  const body = res.body as { error?: unknown; message?: unknown } | null;
  const error = body?.error;
  if (typeof error === 'string' && error.trim()) return error.trim();
  if (error && typeof error === 'object') {
    const { message, type } = error as { message?: unknown; type?: unknown };
    const parts = [type, message].filter((p): p is string => typeof p === 'string' && p.trim() !== '');
    if (parts.length) return parts.join(': ');
  }
  return typeof body?.message === 'string' && body.message.trim() ? body.message.trim() : null;
}

/** The base URL: the credential's, else the sandbox host for sandbox keys (or environment), else production. */
export function breatheBaseUrl(credentials: BreatheHrCredentials): string {
  const environment = credentials.environment ?? (credentials.apiKey.startsWith('sandbox-') ? 'sandbox' : 'production');
  return apiBase(BREATHE_BASE_URLS[environment], credentials.baseUrl);
}

export const breatheHr = defineHrSystem({
  id: 'breathe-hr',
  name: 'Breathe HR',
  credentialsSchema: breatheHrCredentials,
  // Hire date from company_join_date, employment type from full_or_part_time, personnel number from
  // employee_ref, leaving date from leaving_date. Breathe has no legal entity; the number of children
  // comes from a mapped custom field.
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'employmentType', 'hireDate', 'leavingDate', 'gender', 'maritalStatus'],
  secretKeys: ['apiKey'],
  notes: {
    verified: [
      'The API key is sent in the X-API-KEY header, as Breathe describes it.',
      'Employees are read in pages of 100, the most Breathe serves, to the last page (Breathe’s Link and Total headers).',
      'Breathe allows 60 requests a minute per customer; when it asks to slow down the sync waits and tries again.',
      'Names, e-mail, job title, company join date and full or part time come from the fields of Breathe’s published sample employee.',
      'Breathe HR has no legal entity: departments, locations and divisions are offered as filters instead.',
    ],
    unverified: [
      'Breathe publishes no list of its employee fields: the leaving date (leaving_date), employee reference, gender, marital status and custom fields are read under the names third-party code uses. If leavers show no leaving date, the sync warns about it.',
      'Breathe publishes only the status "Current employee": other status texts are not read as a departure; only a passed leaving date is.',
      'Whether the employee list includes former employees is not published; third-party code reads them from it.',
      'Custom fields are found on the first page of employees: a field nobody there has set is not offered.',
      'No changed-since filter was found: every sync reads all employees again.',
    ],
  },
  connect(credentials, { hrSystemName, context }) {
    const parsed = breatheHrCredentials.parse(credentials);
    const api = new HrApi({
      hrSystemName,
      baseUrl: breatheBaseUrl(parsed),
      auth: apiKeyHeaderAuth('X-API-KEY', parsed.apiKey),
      context,
      // 401 (unknown or revoked key) and 403 (API access not enabled) are final, with Breathe's reason.
      classify: (r) => (r.status === 401 || r.status === 403 ? 'ok' : undefined),
      refusal: (r) => (r.status === 401 || r.status === 403 ? `refused the credentials: ${breatheMessage(r) ?? `HTTP ${r.status}`}` : undefined),
      errorMessage: (r) => breatheMessage(r) ?? `HTTP ${r.status}`,
    });
    return new BreatheHrConnector(api);
  },
});
