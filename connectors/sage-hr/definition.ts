// Sage HR (formerly CakeHR): an admin enables API access in Sage HR (Settings → Integrations → API)
// and enters the company's subdomain (acme for acme.sage.hr) and the API key shown there. The key
// belongs to that admin user: Sage HR invalidates it when the user loses admin rights, and disabling
// and re-enabling API access issues new keys (see NOTES.md).
import { z } from 'zod';
import { apiBase, type HttpResponse } from '../http';
import { apiKeyHeaderAuth, defineHrSystem, HrApi } from '../kit';
import { SageHrConnector } from './connector';

export const sageHrCredentials = z.object({
  /** acme for https://acme.sage.hr (a pasted "acme.sage.hr" is read as acme). */
  subdomain: z
    .string()
    .trim()
    .toLowerCase()
    .transform((s) => s.replace(/^https?:\/\//, '').replace(/\.sage\.hr\/?.*$/, ''))
    .pipe(z.string().regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'must be the subdomain of your Sage HR address, e.g. acme for acme.sage.hr')),
  apiKey: z.string().trim().min(1, 'must not be empty'),
  /** Replaces https://<subdomain>.sage.hr (proxies, the local fake); the connector adds /api. */
  baseUrl: z.url().optional(),
});

export type SageHrCredentials = z.infer<typeof sageHrCredentials>;

export const sageHr = defineHrSystem({
  id: 'sage-hr',
  name: 'Sage HR',
  credentialsSchema: sageHrCredentials,
  // Status from which list someone is on (/employees or /terminated-employees) and termination_date,
  // hire date from employment_start_date, personnel number from employee_number, employment type
  // from employment_status ("Full-time", …). Sage HR offers no legal entity, marital status, number
  // of children or weekly hours: children come from a mapped custom field.
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'employmentType', 'hireDate', 'leavingDate', 'gender'],
  secretKeys: ['apiKey'],
  notes: {
    verified: [
      "Active and terminated employees are read from Sage HR's two lists (employees, terminated-employees).",
      'Former employees are listed with their leaving date (termination_date).',
      'Hire date, personnel number and employment type come from employment_start_date, employee_number and employment_status.',
      'The API key belongs to the admin who enabled API access: it stops working when that user loses admin rights, and re-enabling API access issues new keys.',
    ],
    unverified: [
      "How Sage HR refuses an API key is not published: a refused key is shown with Sage HR's reason, if it gives one.",
      'Whether someone with a termination date ahead moves to the terminated list at once is not documented: they are shown as active until that date either way.',
      'Custom fields of terminated employees may not be readable: a mapped custom value of a former employee may be empty.',
      'What a wrong subdomain answers is not documented: if Sage HR cannot be reached, check the subdomain.',
      'Sage HR publishes no rate limits and no filter for changed employees: every sync reads everyone, and waits and tries again when asked.',
    ],
  },
  connect: (credentials, { hrSystemName, context }) =>
    new SageHrConnector(
      new HrApi({
        hrSystemName,
        baseUrl: `${apiBase(`https://${credentials.subdomain}.sage.hr`, credentials.baseUrl)}/api`,
        auth: apiKeyHeaderAuth('X-Auth-Token', credentials.apiKey),
        context,
        // 401/403: a wrong, regenerated or invalidated key (unverified which status Sage HR sends); final.
        // 404 is passed to the connector: it decides per request (a listing fails, one employee's
        // custom fields are read as none).
        classify: (r) => (r.status === 401 || r.status === 403 || r.status === 404 ? 'ok' : undefined),
        refusal: (r) => (r.status === 401 || r.status === 403 ? `refused the credentials: ${refusalReason(r)}` : undefined),
        errorMessage: (r) => sageHrMessage(r) ?? `HTTP ${r.status}`,
      }),
    ),
});

/**
 * Sage HR's reason in an error answer. The copy of its API description shows error answers as
 * { error_code, errors: [...] }; refusals are not described, so the usual fields are read too.
 */
export function sageHrMessage(res: HttpResponse): string | null {
  const body = res.body as { errors?: unknown; error_code?: unknown; message?: unknown; error?: unknown } | null;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  const errors = Array.isArray(body?.errors) ? body.errors.map(text).filter((e): e is string => e !== null) : [];
  if (errors.length) return errors.join('; ');
  return text(body?.message) ?? text(body?.error) ?? text(body?.error_code);
}

export function refusalReason(res: HttpResponse): string {
  return sageHrMessage(res) ?? 'the API key is not valid (API access may have been disabled and enabled again, or the key’s user lost admin rights)';
}
