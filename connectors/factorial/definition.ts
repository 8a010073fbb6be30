// Factorial: the admin creates an API key in Factorial (Settings > API keys) and enters it here.
import { z } from 'zod';
import { apiBase } from '../http';
import { apiKeyHeaderAuth, defineHrSystem, HrApi } from '../kit';
import { FACTORIAL_API_VERSION, FactorialConnector } from './connector';

export const factorialCredentials = z.object({
  apiKey: z.string().trim().min(1, 'must not be empty'),
  /** Replaces https://api.factorialhr.com (e.g. the demo host https://api.demo.factorialhr.com, tests). */
  baseUrl: z.url().optional(),
});

export type FactorialCredentials = z.infer<typeof factorialCredentials>;

export const factorial = defineHrSystem({
  id: 'factorial',
  name: 'Factorial',
  credentialsSchema: factorialCredentials,
  // Hire date and employment type come from the employee's current contract version. Factorial's
  // public API has no marital status or number of children, so the mapping step offers custom
  // fields for them.
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'employmentType', 'hireDate', 'leavingDate', 'gender', 'legalEntity'],
  secretKeys: ['apiKey'],
  notes: {
    verified: [
      'Former employees are listed too (only_active=false), with their leaving date (terminated_on).',
      "The hire date is the start of the employee's current contract (starts_on); the work e-mail is the sign-in address (login_email).",
      "The legal entity is the employee's legal entity in Factorial (legal_entity_id), shown with its legal name; the personnel number is company_identifier.",
      'Factorial has no employment type field: full-time or part-time is worked out from the working time of the current contract.',
      "Every sync reads every employee: Factorial's filter for changed employees only works by whole days (updated_at_gteq).",
    ],
    unverified: [
      "Factorial's family situation records are not described in detail, so marital status and number of children are not read from them: map them from custom fields.",
      'Factorial publishes no rate limits: when it asks to slow down, the sync waits and tries again.',
    ],
  },
  connect: (credentials, { hrSystemName, context }) =>
    new FactorialConnector(
      new HrApi({
        hrSystemName,
        baseUrl: `${apiBase('https://api.factorialhr.com', credentials.baseUrl)}/api/${FACTORIAL_API_VERSION}/resources`,
        auth: apiKeyHeaderAuth('x-api-key', credentials.apiKey),
        context,
        // 403: the key may not read this resource; retrying cannot help.
        classify: (r) => (r.status === 403 ? 'credentials-rejected' : undefined),
      }),
    ),
});
