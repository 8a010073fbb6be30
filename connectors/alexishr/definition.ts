// AlexisHR (Simployer One): an admin creates an access token in AlexisHR ("Manage your Access
// Tokens", https://app.alexishr.com/access-tokens) and enters it here. AlexisHR's tokens carry owner
// permission on the account (its API description says so), so one token reads every employee.
import { z } from 'zod';
import { apiBase, type HttpResponse } from '../http';
import { defineHrSystem, HrApi, staticBearerAuth } from '../kit';
import { AlexisHrConnector } from './connector';

export const alexisHrCredentials = z.object({
  accessToken: z
    .string()
    .trim()
    .transform((s) => s.replace(/^Bearer\s+/i, ''))
    .pipe(z.string().min(1, 'must not be empty')),
  /**
   * Replaces https://api.alexishr.com (the sandbox https://api.sandbox.alexishr.com, proxies, the
   * local fake); the connector adds /v1.
   */
  baseUrl: z.url().optional(),
});

export type AlexisHrCredentials = z.infer<typeof alexisHrCredentials>;

export const alexisHr = defineHrSystem({
  id: 'alexishr',
  name: 'AlexisHR',
  credentialsSchema: alexisHrCredentials,
  // Status from active + endDate, leaving date from endDate, hire date from hireDate, personnel
  // number from employeeNumber, employment type from the name of the employee's employment type
  // (/employment-type), legal entity from companyId (/company), number of children by counting the
  // employee's /child records. AlexisHR's schema has no marital status: that needs a mapped custom field.
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'employmentType', 'hireDate', 'leavingDate', 'gender', 'legalEntity', 'numberOfChildren'],
  secretKeys: ['accessToken'],
  notes: {
    verified: [
      'Active and inactive employees are asked for separately (filter on active), so former employees are listed with their end date (endDate).',
      'Only changed employees are read between complete listings (filter on updated).',
      'The work e-mail is used (workEmail), never the private one.',
      "The legal entity is the employee's company (companyId); the number of children is the count of the employee's child records.",
      'AlexisHR access tokens have owner rights: one token reads every employee and company.',
    ],
    unverified: [
      'Whether changes to employments, children or custom fields mark the employee as changed is not documented: such changes show at the next complete listing.',
      'AlexisHR does not say whether inactive means a closed account or a finished employment: an inactive employee counts as a leaver only once the end date has passed.',
      "Employment types are your company's own labels: names that are not recognised (e.g. Swedish Tillsvidare) show as Other.",
      'Gender values other than male and female are not documented and show as diverse.',
    ],
  },
  connect: (credentials, { hrSystemName, context }) =>
    new AlexisHrConnector(
      new HrApi({
        hrSystemName,
        baseUrl: `${apiBase('https://api.alexishr.com', credentials.baseUrl)}/v1`,
        auth: staticBearerAuth(credentials.accessToken),
        context,
        // 401 (unknown or revoked token) and 403 (forbidden) are final; read AlexisHR's reason.
        classify: (r) => (r.status === 401 || r.status === 403 ? 'ok' : undefined),
        refusal: (r) => (r.status === 401 || r.status === 403 ? `refused the credentials: ${refusalReason(r)}` : undefined),
        errorMessage: (r) => alexisHrMessage(r) ?? `HTTP ${r.status}`,
      }),
    ),
});

/**
 * AlexisHR's reason in an error answer: { statusCode, message, error } (NestJS style, from the API
 * description); a 400's message may be a list of validation messages.
 */
export function alexisHrMessage(res: HttpResponse): string | null {
  const body = res.body as { message?: unknown; error?: unknown } | null;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  if (Array.isArray(body?.message)) {
    const parts = body.message.map(text).filter((m): m is string => m !== null);
    if (parts.length) return parts.join('; ');
  }
  return text(body?.message) ?? text(body?.error);
}

export function refusalReason(res: HttpResponse): string {
  const message = alexisHrMessage(res);
  if (res.status === 403) return `${message ?? 'Forbidden'} (the access token may not read employees)`;
  return `${message ?? 'Unauthorized'} (the access token is unknown, expired or was deleted in AlexisHR)`;
}
