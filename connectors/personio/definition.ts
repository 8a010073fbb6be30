// Personio in the catalog: what the admin enters (API client id + secret from Personio's
// Settings › Integrations › API credentials) and which unified fields Personio offers natively.
// Marital status, number of children and personnel number are custom attributes in Personio, so
// they come through the admin's mapping of a dynamic_<id> attribute.
import { z } from 'zod';
import { apiBase } from '../http';
import type { ConnectorContext, HrSystemDefinition } from '../types';
import { PersonioApiClient } from './api-client';
import { PERSONIO_DEFAULT_BASE_URL } from './api-types';
import { PersonioConnector, type PersonioConnectorOptions } from './connector';

export const personioCredentialsSchema = z.object({
  clientId: z.string().trim().min(1, 'the API client id from Personio'),
  clientSecret: z.string().trim().min(1, 'the API client secret from Personio'),
  baseUrl: z.url().optional(),
  /** Weekly hours from which an employee counts as full-time in this company. */
  fullTimeWeeklyHours: z.coerce.number().positive().max(168).default(40),
});

export type PersonioCredentials = z.infer<typeof personioCredentialsSchema>;

export function createPersonioConnector(
  credentials: PersonioCredentials,
  context: ConnectorContext = {},
  options: PersonioConnectorOptions = {},
): PersonioConnector {
  // Parsed again so credentials stored before a setting existed get its default.
  const parsed = personioCredentialsSchema.parse(credentials);
  const api = new PersonioApiClient({
    baseUrl: apiBase(PERSONIO_DEFAULT_BASE_URL, parsed.baseUrl),
    clientId: parsed.clientId,
    clientSecret: parsed.clientSecret,
    context,
  });
  return new PersonioConnector(api, { fullTimeWeeklyHours: parsed.fullTimeWeeklyHours }, options);
}

export const personio: HrSystemDefinition<PersonioCredentials> = {
  id: 'personio',
  name: 'Personio',
  status: 'available',
  credentialsSchema: personioCredentialsSchema,
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'employmentType', 'hireDate', 'leavingDate', 'gender', 'legalEntity'],
  secretKeys: ['clientSecret'],
  create: (credentials, context) => createPersonioConnector(credentials, context),
};
