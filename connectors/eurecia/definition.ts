// Eurécia: an administrator generates an API token on an employee sheet (Administration tab) in
// Eurécia and enters it here. The connector signs in with it for a temporary token
// (session-token.ts). The token acts with that employee's rights: it must see every employee.
import { z } from 'zod';
import { apiBase, type HttpResponse } from '../http';
import { defineHrSystem, HrApi } from '../kit';
import { EureciaConnector } from './connector';
import { sessionTokenAuth } from './session-token';

export const EURECIA_BASE_URL = 'https://api.eurecia.com';

export const eureciaCredentials = z.object({
  authToken: z.string().trim().min(1, 'the API token generated on an employee sheet in Eurécia'),
  /** Replaces https://api.eurecia.com (proxies, the local fake); the connector adds /eurecia/rest. */
  baseUrl: z.url().optional(),
});

export type EureciaCredentials = z.infer<typeof eureciaCredentials>;

export const eurecia = defineHrSystem({
  id: 'eurecia',
  name: 'Eurécia',
  credentialsSchema: eureciaCredentials,
  // From each user's own record: refNumber (matricule), hiringDate / entryDate, departureDate,
  // gender, matrialStatus (sic), workContract + workingTimeRate (employment type). Users carry no
  // company in what is published: no legal entity; number of children from an additional field.
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'employmentType', 'hireDate', 'leavingDate', 'gender', 'maritalStatus'],
  secretKeys: ['authToken'],
  notes: {
    verified: [
      "The API token generated on an employee sheet (Administration tab) is exchanged for a temporary token at each sign-in (Eurécia's developer page).",
    ],
    unverified: [
      "Eurécia's JSON API description (Swagger) was not available: list, fields and paging follow a published client library (node-eurecia).",
      'Every user is read (the full user list, not the active list), so departed employees are listed with their departure date (departureDate).',
      'Dates are read as days in French time (Europe/Paris).',
      "Each user's own record is read one by one for the departure date, so a sync takes one request per employee.",
      'An archived user without a departure date is shown as inactive, not as leaving: only the date starts the leaving process.',
      'Employment type comes from the work contract and the working time rate (100 = full time): other contract names show as Other.',
      "Users show no company in what is published: no legal entity is offered; use department or structure as filters. Number of children: map one of the three additional fields.",
      'No rate limit and no changed-since filter are published: every sync reads everyone, and waits and tries again when asked.',
    ],
  },
  connect(credentials, { hrSystemName, context }) {
    const base = `${apiBase(EURECIA_BASE_URL, credentials.baseUrl)}/eurecia/rest`;
    const auth = sessionTokenAuth({ hrSystemName, authUrl: `${base}/v1/Auth`, authToken: credentials.authToken, context, message: eureciaMessage });
    const api = new HrApi({
      hrSystemName,
      baseUrl: base,
      auth,
      context,
      // 404 is read by the connector (a user no longer there); 403 is final.
      classify: (r) => (r.status === 404 || r.status === 403 ? 'ok' : undefined),
      refusal: (r) => (r.status === 403 ? `refused the credentials: ${eureciaMessage(r) ?? 'access denied'} (the token's employee may not read all users)` : undefined),
      errorMessage: (r) => eureciaMessage(r) ?? `HTTP ${r.status}`,
    });
    return new EureciaConnector(api);
  },
});

/** Eurécia's reason: v1's eureciaResponse error text ($), or a Spring error's message. Not published: both are read. */
export function eureciaMessage(res: HttpResponse): string | null {
  const body = res.body as { message?: unknown; error?: unknown; eureciaResponse?: { error?: { message?: { $?: unknown } | string } } } | null;
  const v1 = body?.eureciaResponse?.error?.message;
  const candidates = [typeof v1 === 'string' ? v1 : v1?.$, body?.message, body?.error];
  const found = candidates.find((c): c is string => typeof c === 'string' && c.trim() !== '');
  return found?.trim() ?? null;
}
