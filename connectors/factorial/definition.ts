// Factorial: the admin creates an API key in Factorial (Settings > API keys) and enters it here.
import { z } from 'zod';
import { apiBase } from '../http';
import { apiKeyHeaderAuth, defineHrSystem, HrApi } from '../kit';
import { FACTORIAL_API_VERSION, FactorialConnector } from './connector';
import { factorialPush } from './notification';

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
  push: factorialPush,
  notes: {
    verified: [
      'Former employees are listed too (only_active=false), with their leaving date (terminated_on).',
      "The hire date is the start of the employee's current contract (starts_on); the work e-mail is the sign-in address (login_email).",
      "The legal entity is the employee's legal entity in Factorial (legal_entity_id), shown with its legal name; the personnel number is company_identifier.",
      'Factorial has no employment type field: full-time or part-time is worked out from the working time of the current contract.',
      "Between complete listings, only employees updated since the day before the previous listing are read (updated_at_gteq works by whole days, so a day more is read than needed and nothing is missed).",
      "Changes arrive by Factorial webhook subscriptions for employees created, updated, terminated and unterminated; each delivery must carry the subscription's challenge (x-factorial-wh-challenge), which the product generates per integration.",
    ],
    unverified: [
      "Factorial's family situation records are not described in detail, so marital status and number of children are not read from them: map them from custom fields.",
      'Factorial publishes no rate limits: when it asks to slow down, the sync waits and tries again.',
      'Factorial does not sign webhook deliveries: the challenge proves who sent one, not that its content is unchanged. The product never uses the content; a delivery only starts a change listing.',
      "Factorial keeps one subscription per event type and company, and its guide says a new subscription replaces an existing one: another tool of your company subscribed to the same employee events may stop receiving them.",
      'Whether a change to a contract or a custom field alone marks the employee as updated is not described: such changes are certain to arrive with the next complete listing (at least daily).',
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
