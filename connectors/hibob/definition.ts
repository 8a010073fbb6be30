// HiBob (Bob): the admin creates an API service user in Bob (Settings > Integrations > Service
// users), adds it to a permission group that may read people data, and enters its id and token.
import { z } from 'zod';
import { apiBase } from '../http';
import { basicAuth, defineHrSystem, HrApi } from '../kit';
import { HiBobConnector } from './connector';

export const hiBobCredentials = z.object({
  serviceUserId: z.string().trim().min(1, 'must not be empty'),
  token: z.string().trim().min(1, 'must not be empty'),
  /** Replaces https://api.hibob.com (sandbox, tests). */
  baseUrl: z.url().optional(),
});

export type HiBobCredentials = z.infer<typeof hiBobCredentials>;

export const hiBob = defineHrSystem({
  id: 'hibob',
  name: 'HiBob',
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
  notes: {
    verified: [
      'All people are read in one search, former employees included (showInactive).',
      'The service user sees nothing until it is added to a permission group: that group decides which people and fields are read.',
      'Fields the service user may not see are left out without an error: fields that stay empty after a sync usually mean a missing permission.',
      'Bob allows 50 people searches a minute: when it asks to slow down, the sync waits and tries again.',
      "Bob's webhooks can only be added by an admin on Bob's Webhooks page (there is no API for them), signed with a token Bob shows there: the product does not take them yet, so changes arrive with the scheduled syncs.",
    ],
    unverified: [
      'The names of the fields for personnel number, leaving date, marital status and children come from third-party sources: check them after the first sync.',
      "Bob describes no legal entity per employee: the employee's site (work.site) is offered in its place.",
      "Employment types are your company's own list in Bob (payroll.employment.type): entries that do not read as full-time, part-time, intern or contractor are shown as Other.",
      'No filter for changed people was found for the people search, so every sync reads everyone.',
    ],
  },
  connect: (credentials, { hrSystemName, context }) =>
    new HiBobConnector(
      new HrApi({
        hrSystemName,
        baseUrl: apiBase('https://api.hibob.com', credentials.baseUrl),
        auth: basicAuth(credentials.serviceUserId, credentials.token),
        context,
        // 403: the service user is in no permission group that allows this; retrying cannot help.
        classify: (r) => (r.status === 403 ? 'credentials-rejected' : undefined),
      }),
    ),
});
