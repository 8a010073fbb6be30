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
  return new PersonioConnector(api, { fullTimeWeeklyHours: parsed.fullTimeWeeklyHours }, options);
}
