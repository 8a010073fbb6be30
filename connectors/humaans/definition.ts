// Humaans: the admin creates an API access token in Humaans ("API access tokens") with the scopes
// public:read and private:read and enters it here. Without private:read Humaans leaves new hires and
// offboarded people out of the people list (see NOTES.md), so both scopes are required.
import { z } from 'zod';
import { apiBase, type HttpResponse } from '../http';
import { defineHrSystem, HrApi, staticBearerAuth } from '../kit';
import { HumaansConnector } from './connector';

export const humaansCredentials = z.object({
  accessToken: z.string().trim().min(1, 'must not be empty'),
  /** Replaces https://app.humaans.io (proxies, the local fake); the connector adds /api. */
  baseUrl: z.url().optional(),
});

export type HumaansCredentials = z.infer<typeof humaansCredentials>;

export const humaans = defineHrSystem({
  id: 'humaans',
  name: 'Humaans',
  credentialsSchema: humaansCredentials,
  // Hire date from employmentStartDate, leaving date from employmentEndDate (else lastWorkingDay),
  // personnel number from employeeId, employment type from contractType. Humaans has no legal
  // entity per person (one Humaans account is one company) and no marital status or number of
  // children: those come from a mapped custom field.
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'employmentType', 'hireDate', 'leavingDate', 'gender'],
  secretKeys: ['accessToken'],
  notes: {
    verified: [
      'New hires, active and offboarded people are read with their status (newHire, active, offboarded).',
      'Hire and leaving dates come from the employment start and end dates (employmentStartDate, employmentEndDate).',
      'The personnel number is the employee ID (employeeId); only the work e-mail is used, never the personal one.',
      'The access token needs the scopes public:read and private:read.',
    ],
    unverified: [
      'That a token without private:read hides new hires and offboarded people comes from a third-party guide and cannot be detected: give the token both scopes.',
      'Humaans does not document the order of its people list: if people change during a sync, someone may be missed until the next sync.',
      'The contract types Humaans uses (contractType) are not published: types that do not read as full-time, part-time, intern or contractor are shown as Other.',
      "The spelling of Humaans' field names was taken from third-party code: a field that stays empty after a sync may be named differently.",
      'No filter for changed people and no rate limits were found: every sync reads everyone, and waits and tries again when asked to slow down.',
      "Changes are not pushed: Humaans does not publish how its webhook deliveries are signed, so changes wait for the next scheduled sync.",
    ],
  },
  connect: (credentials, { hrSystemName, context }) =>
    new HumaansConnector(
      new HrApi({
        hrSystemName,
        baseUrl: `${apiBase('https://app.humaans.io', credentials.baseUrl)}/api`,
        auth: staticBearerAuth(credentials.accessToken),
        context,
        // 401 (unknown or revoked token) and 403 (a scope is missing) are final; read Humaans' reason.
        classify: (r) => (r.status === 401 || r.status === 403 ? 'ok' : undefined),
        refusal: (r) => (r.status === 401 || r.status === 403 ? `refused the credentials: ${refusalReason(r)}` : undefined),
      }),
    ),
});

/** Humaans answers errors Feathers-style: { name, message, code, className }. */
export function refusalReason(res: HttpResponse): string {
  const body = res.body as { message?: unknown; name?: unknown } | null;
  const message = typeof body?.message === 'string' && body.message.trim() !== '' ? body.message.trim() : null;
  if (res.status === 403) {
    return `${message ?? 'access denied'} (the access token needs the scopes public:read and private:read)`;
  }
  return message ?? 'the access token is not valid';
}
