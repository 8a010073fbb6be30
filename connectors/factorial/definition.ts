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
