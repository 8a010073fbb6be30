// BambooHR: the admin enters the company subdomain (https://<companyDomain>.bamboohr.com) and an
// API key created under "API Keys" in BambooHR.
import { z } from 'zod';
import type { HrSystemDefinition } from '../types';
import { BambooHrConnector } from './connector';

export const bambooHrCredentials = z.object({
  companyDomain: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .regex(/^[a-z0-9][a-z0-9-]*$/i, 'the subdomain only, e.g. "acme" for acme.bamboohr.com'),
  apiKey: z.string().trim().min(1, 'must not be empty'),
  /** Replaces https://<companyDomain>.bamboohr.com (tests, proxies). */
  baseUrl: z.url().optional(),
});

export type BambooHrCredentials = z.infer<typeof bambooHrCredentials>;

export const bambooHr: HrSystemDefinition<BambooHrCredentials> = {
  id: 'bamboohr',
  name: 'BambooHR',
  status: 'available',
  credentialsSchema: bambooHrCredentials,
  // No standard "number of children" field (dependents live in a separate table), so the mapping
  // step offers custom fields for it. Legal entity is read from the "Division" field.
  supportedFields: [
    'firstName',
    'lastName',
    'email',
    'status',
    'personnelNumber',
    'employmentType',
    'hireDate',
    'leavingDate',
    'gender',
    'legalEntity',
    'maritalStatus',
  ],
  secretKeys: ['apiKey'],
  create: (credentials, context) => new BambooHrConnector(credentials, context),
};
