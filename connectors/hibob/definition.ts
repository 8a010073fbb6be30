// HiBob (Bob): the admin creates an API service user in Bob (Settings > Integrations > Service
// users), adds it to a permission group that may read people data, and enters its id and token.
import { z } from 'zod';
import { apiBase } from '../http';
import { basicAuth, defineHrSystem, HrApi } from '../kit';
import { HiBobConnector } from './connector';
import { hiBobPush } from './push';
import { HiBobAdminWebhook } from './push-subscriptions';

export const hiBobCredentials = z.object({
  serviceUserId: z.string().trim().min(1, 'must not be empty'),
  token: z.string().trim().min(1, 'must not be empty'),
  /**
   * The secret token Bob shows for the webhook an admin adds in Bob (Settings > Integrations >
   * Webhooks) with the address GET /v1/integrations/:id gives as push.callbackUrl. Optional: without
   * it HiBob changes arrive with the scheduled syncs.
   */
  webhookToken: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .optional()
    .describe("Optional. For changes within a minute: add a webhook in Bob (Settings > Integrations > Webhooks) with the product's webhook address and its employee events, then enter the secret token Bob shows for it"),
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
  secretKeys: ['token', 'webhookToken'],
  push: hiBobPush,
  notes: {
    verified: [
      'All people are read in one search, former employees included (showInactive).',
      'The service user sees nothing until it is added to a permission group: that group decides which people and fields are read.',
      'Fields the service user may not see are left out without an error: fields that stay empty after a sync usually mean a missing permission.',
      'Bob allows 50 people searches a minute: when it asks to slow down, the sync waits and tries again.',
      "Bob's webhooks can only be added by an admin on Bob's Webhooks page (there is no API for them): for changes within a minute, add one there with the product's webhook address (shown with the integration once it is active) and its employee events, and enter the secret token Bob shows as webhookToken. Without it, changes arrive with the scheduled syncs.",
      'Every webhook delivery is checked against its Bob-Signature (HMAC-SHA512 with that token): deliveries signed otherwise are refused. Push shows ACTIVE only once a signed delivery arrived.',
    ],
    unverified: [
      'The names of the fields for personnel number, leaving date, marital status and children come from third-party sources: check them after the first sync.',
      "Bob describes no legal entity per employee: the employee's site (work.site) is offered in its place.",
      "Employment types are your company's own list in Bob (payroll.employment.type): entries that do not read as full-time, part-time, intern or contractor are shown as Other.",
      'No filter for changed people was found for the people search, so every sync reads everyone.',
      "Bob cannot be asked whether the webhook still exists or is active: a webhook removed or deactivated in Bob shows only as deliveries stopping (lastNotificationAt); the scheduled syncs go on. After a disconnect, remove the webhook in Bob (the product refuses its deliveries).",
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
      new HiBobAdminWebhook(hrSystemName, credentials.webhookToken),
    ),
});
