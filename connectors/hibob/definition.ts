// HiBob (Bob): the admin creates an API service user in Bob (Settings > Integrations > Service
// users), adds it to a permission group that may read people data, and enters its id and token.
import { z } from 'zod';
import type { HrSystemDefinition } from '../types';
import { HiBobConnector } from './connector';

export const hiBobCredentials = z.object({
  serviceUserId: z.string().trim().min(1, 'must not be empty'),
  token: z.string().trim().min(1, 'must not be empty'),
  /** Replaces https://api.hibob.com (sandbox, tests). */
  baseUrl: z.url().optional(),
});

export type HiBobCredentials = z.infer<typeof hiBobCredentials>;

export const hiBob: HrSystemDefinition<HiBobCredentials> = {
  id: 'hibob',
  name: 'HiBob',
  status: 'available',
  credentialsSchema: hiBobCredentials,
  // Bob has no legal-entity field; its "Site" stands in for it. Number of children is the
  // standard home.numberOfKids field.
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
    'numberOfChildren',
  ],
  secretKeys: ['token'],
  create: (credentials, context) => new HiBobConnector(credentials, context),
};
