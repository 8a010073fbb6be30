// Factorial: the admin creates an API key in Factorial (Settings > API keys) and enters it here.
import { z } from 'zod';
import type { HrSystemDefinition } from '../types';
import { FactorialConnector } from './connector';

export const factorialCredentials = z.object({
  apiKey: z.string().trim().min(1, 'must not be empty'),
  /** Replaces https://api.factorialhr.com (e.g. the demo host https://api.demo.factorialhr.com, tests). */
  baseUrl: z.url().optional(),
});

export type FactorialCredentials = z.infer<typeof factorialCredentials>;

export const factorial: HrSystemDefinition<FactorialCredentials> = {
  id: 'factorial',
  name: 'Factorial',
  status: 'available',
  credentialsSchema: factorialCredentials,
  // Hire date and employment type come from the employee's current contract version. Factorial's
  // public API has no marital status or number of children, so the mapping step offers custom
  // fields for them.
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'employmentType', 'hireDate', 'leavingDate', 'gender', 'legalEntity'],
  secretKeys: ['apiKey'],
  create: (credentials, context) => new FactorialConnector(credentials, context),
};
