// Personio in the catalog: what the admin enters (API client id + secret from Personio's
// Settings › Integrations › API credentials) and which unified fields Personio offers natively.
// Marital status, number of children and personnel number are custom attributes in Personio, so
// they come through the admin's mapping of a dynamic_<id> attribute.
import { z } from 'zod';
import { apiBase } from '../http';
import { defaultErrorMessage, defineHrSystem, HrApi, tokenExchangeAuth } from '../kit';
import type { ConnectorContext } from '../types';
import { PERSONIO_DEFAULT_BASE_URL, personioErrorMessage, type PersonioAuthBody } from './api-types';
import { PersonioConnector, type PersonioConnectorOptions } from './connector';
import { personioPush } from './push';
import { PersonioWebhookSubscriptions } from './push-subscriptions';
import { personioV2Api } from './v2-api';

export const personioCredentialsSchema = z.object({
  clientId: z.string().trim().min(1, 'the API client id from Personio'),
  clientSecret: z.string().trim().min(1, 'the API client secret from Personio'),
  baseUrl: z.url().optional(),
  /** Weekly hours from which an employee counts as full-time in this company. */
  fullTimeWeeklyHours: z.coerce.number().positive().max(168).default(40),
});

export type PersonioCredentials = z.infer<typeof personioCredentialsSchema>;

export const personio = defineHrSystem({
  id: 'personio',
  name: 'Personio',
  credentialsSchema: personioCredentialsSchema,
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'employmentType', 'hireDate', 'leavingDate', 'gender', 'legalEntity'],
  secretKeys: ['clientSecret'],
  notes: {
    verified: [
      'Employees of every status are listed (onboarding, active, leave, inactive), former employees with their leaving date (termination_date).',
      'Between complete listings, only employees changed since the last sync are read (updated_since).',
      "Personio only reports changes in attributes the API credential may read: allow every attribute you map in the credential's settings.",
      'The legal entity is the subcompany (subcompany); marital status and number of children are custom attributes in Personio (dynamic_…), chosen in the field mapping.',
      'Full-time or part-time is worked out from the weekly hours (weekly_working_hours) against the full-time hours you enter (default 40).',
      "Changes arrive within a minute: the product creates its own webhook in Personio (API v2) for person and employment changes and for employments starting or ending, and deletes it on disconnect; Personio's webhooks do not expire.",
      'Personio webhooks carry no employee data, only which person or employment changed: the product then reads the changes through the API.',
    ],
    unverified: [
      "Personio's pages disagree on whether the list of changed employees comes in pages; every page is read to the end either way.",
      'Whether Personio reads the time of the last sync as UTC or as German time is not documented: at worst a few unchanged employees are read again.',
      'The Personio API used here has no list of legal entities: the choice offered is collected from the first 2,000 employees, so a rarely used one may be missing.',
      'Personio documents no waiting time after too many requests: the sync waits and tries again.',
      'Personio signs no webhook: a notification is trusted by the token Personio sends back in its Authorization header, so anyone who learnt that token could make the product sync early (never change data: a notification only starts a change listing).',
      'Which person or employment changes Personio notifies is its own choice (not every attribute change does); the scheduled syncs stay the safety net.',
      'That the same API credential may manage webhooks (the personio:webhooks:read and :write scopes) is not checked when the credentials are entered: without them, changes wait for the next scheduled sync.',
    ],
  },
  push: personioPush,
  connect: (credentials, { context }) => createPersonioConnector(credentials, context),
});

export function createPersonioConnector(credentials: PersonioCredentials, context: ConnectorContext = {}, options: PersonioConnectorOptions = {}): PersonioConnector {
  // Parsed again so credentials stored before a setting existed get its default.
  const parsed = personioCredentialsSchema.parse(credentials);
  const baseUrl = apiBase(PERSONIO_DEFAULT_BASE_URL, parsed.baseUrl);
  const hrSystemName = personio.name;
  // Tokens live 24 h (renewed a minute early); the auth endpoint allows 60 requests a minute, so
  // parallel callers share one. 400/401/403 on POST /v1/auth: wrong client id or secret.
  const auth = tokenExchangeAuth({
    hrSystemName,
    url: `${baseUrl}/v1/auth`,
    json: { client_id: parsed.clientId, client_secret: parsed.clientSecret },
    context,
    refusedStatuses: [400, 401, 403],
    refusedBody: (body: PersonioAuthBody | null) => body?.success === false,
    refusalReason: (body, res) => (res.status < 300 ? personioErrorMessage(body, 'authentication failed') : defaultErrorMessage(res)),
    read: (body: PersonioAuthBody | null) => ({ token: body?.data?.token, expiresInSeconds: body?.data?.expires_in }),
    defaultLifetimeSeconds: 86_400,
    marginMs: 60_000,
    maxMarginShare: 0.1,
  });
  // A 403 on data calls: the API credential may not read this data, which only the admin can change.
  const api = new HrApi({ hrSystemName, baseUrl, auth, context, classify: (r) => (r.status === 403 ? 'credentials-rejected' : undefined) });
  // Webhooks exist only in API v2, which issues its own tokens for the same credentials.
  const webhooks = new PersonioWebhookSubscriptions(personioV2Api({ hrSystemName, baseUrl, clientId: parsed.clientId, clientSecret: parsed.clientSecret, context }));
  return new PersonioConnector(api, { fullTimeWeeklyHours: parsed.fullTimeWeeklyHours }, options, webhooks);
}
