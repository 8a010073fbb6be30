// Deel: the admin creates an API token in Deel (Developer Center → API tokens: an organization token
// with read access to people and organization data) and enters it here. Requests go to
// https://api.letsdeel.com/rest/v2 with `Authorization: Bearer <token>` (see NOTES.md).
import { z } from 'zod';
import { apiBase, type HttpResponse } from '../http';
import { defineHrSystem, HrApi, staticBearerAuth } from '../kit';
import { DeelConnector } from './connector';
import { deelPush, DeelWebhooks } from './push';

export const deelCredentials = z.object({
  apiToken: z.string().trim().min(1, 'must not be empty'),
  /** Replaces https://api.letsdeel.com (the sandbox api-staging.letsdeel.com, proxies, the local fake); the connector adds /rest/v2. */
  baseUrl: z.url().optional(),
});

export type DeelCredentials = z.infer<typeof deelCredentials>;

export const deel = defineHrSystem({
  id: 'deel',
  name: 'Deel',
  credentialsSchema: deelCredentials,
  // Hire date from start_date, leaving date from completion_date (else the ended employment's),
  // employment type from hiring_type, legal entity from client_legal_entity. Deel's people list has
  // no personnel number, gender, marital status or number of children (custom fields are only on a
  // person's detail, which the connector does not read: see NOTES.md).
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'employmentType', 'hireDate', 'leavingDate', 'legalEntity'],
  secretKeys: ['apiToken'],
  push: deelPush,
  notes: {
    verified: [
      "Names, start date (start_date) and leaving date (completion_date) are read from Deel's people list.",
      'Only a work e-mail is used, never a personal one (emails of type work).',
      'Onboarding, active and inactive people are each asked for by status (hiring_statuses), so leavers are listed.',
      "The legal entity is the person's entity at Deel (client_legal_entity).",
      'Deel allows 5 requests a second per organization; custom field values are read one person at a time, about 200 seconds per 1000 people.',
      "Changes arrive through a webhook subscription the product creates in Deel itself (people created, updated and terminated); every delivery is checked by Deel's signature (x-deel-signature) before anything happens.",
    ],
    unverified: [
      'Whether Deel takes several statuses in one request is not documented, so each is read separately: someone changing status during a sync may appear twice or be missing once.',
      'Deel documents only the hiring type contractor (hiring_type): other hiring types leave the employment type unknown.',
      "Without a completion date, the latest ended employment's date counts as the leaving date, and only when no employment is still running.",
      'The leaving date is read as the day Deel writes it (midnight UTC); that Deel always writes midnight UTC is assumed.',
      "Which token permission Deel needs for its list of legal entities is not documented: if it is refused, Deel's reason is shown.",
      'Deel publishes no freshness window or retry schedule for webhooks: a delivery whose signed timestamp is more than an hour old is refused (the next scheduled sync still reads everything).',
    ],
  },
  connect: (credentials, { hrSystemName, context }) => {
    const api = new HrApi({
      hrSystemName,
      baseUrl: `${apiBase('https://api.letsdeel.com', credentials.baseUrl)}/rest/v2`,
      auth: staticBearerAuth(credentials.apiToken),
      context,
      // 401 (unknown, revoked or expired token) and 403 (the token may not read people) are final.
      classify: (r) => (r.status === 401 || r.status === 403 ? 'ok' : undefined),
      refusal: (r) => (r.status === 401 || r.status === 403 ? `refused the credentials: ${refusalReason(r)}` : undefined),
      errorMessage: (r) => errorMessages(r) ?? `HTTP ${r.status}`,
    });
    return new DeelConnector(api, new DeelWebhooks(api));
  },
});

/** Deel's error answer: { request: { method, url, status, api_req_id, docs, source, code }, errors: [{ message, path }] }. */
export interface DeelErrorBody {
  request?: { status?: unknown; code?: unknown; api_req_id?: unknown };
  errors?: { message?: unknown; path?: unknown }[];
}

/** The messages of Deel's `errors` list, joined; null when there are none. */
export function errorMessages(res: HttpResponse): string | null {
  const errors = (res.body as DeelErrorBody | null)?.errors;
  if (!Array.isArray(errors)) return null;
  const messages = errors.map((e) => (e && typeof e.message === 'string' ? e.message.trim() : '')).filter((m) => m !== '');
  return messages.length ? messages.join('; ') : null;
}

export function refusalReason(res: HttpResponse): string {
  const message = errorMessages(res);
  if (res.status === 403) return `${message ?? 'access denied'} (the API token needs read access to people and organization data)`;
  return message ?? 'the API token is not valid';
}
