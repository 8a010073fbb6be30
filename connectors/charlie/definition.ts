// CharlieHR: an admin creates API credentials in CharlieHR (a client id and a client secret) and
// enters both here. Requests go to https://charliehr.com/api/v1 with
// `Authorization: Token token=<client id>:<client secret>` (see NOTES.md: client code, not the vendor's page).
import { z } from 'zod';
import { apiBase, type HttpResponse } from '../http';
import { defineHrSystem, headerAuth, HrApi } from '../kit';
import { CharlieConnector } from './connector';

export const charlieCredentials = z.object({
  clientId: z.string().trim().min(1, 'must not be empty').regex(/^[^:\s]+$/, 'must be the client id shown by CharlieHR (no spaces or colons)'),
  clientSecret: z.string().trim().min(1, 'must not be empty'),
  /** Replaces https://charliehr.com (proxies, the local fake); the connector adds /api/v1. */
  baseUrl: z.url().optional(),
});

export type CharlieCredentials = z.infer<typeof charlieCredentials>;

export const charlie = defineHrSystem({
  id: 'charlie',
  name: 'Charlie',
  credentialsSchema: charlieCredentials,
  // Names, e-mail, start date; a leaving date only where CharlieHR sends an end_date. No personnel
  // number, employment type, gender, legal entity, marital status or number of children is read from
  // the team member list; the number of children can come from a mapped note (custom data).
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'hireDate', 'leavingDate'],
  secretKeys: ['clientSecret'],
  notes: {
    verified: [],
    unverified: [
      "CharlieHR's API reference is not public in a form this connector could be checked against: it follows the API as client libraries use it (the Token header with client id and secret, the team member list followed page by page over next_url).",
      'CharlieHR does not describe how former team members appear: a leaving date is read only where CharlieHR sends an end date. If former team members simply disappear from the list, the product treats them as removed after a complete listing (and asks before removing many at once); their leaving date can be entered in the product.',
      'Custom data is read from team member notes (one request per team member and sync, only when the company has note types): a number-type note can be mapped as the number of children.',
      'CharlieHR has one company per account: there are no legal entities to filter on.',
      'CharlieHR publishes no change filter and no rate limits: every sync reads everyone, and waits and tries again when asked to slow down.',
    ],
  },
  connect: (credentials, { hrSystemName, context }) =>
    new CharlieConnector(
      new HrApi({
        hrSystemName,
        baseUrl: `${apiBase('https://charliehr.com', credentials.baseUrl)}/api/v1`,
        auth: headerAuth({ authorization: `Token token=${credentials.clientId}:${credentials.clientSecret}` }),
        context,
        // 401/403: unknown or revoked credentials (final). 404 is passed to the connector (a missing
        // team member's notes are none; a missing list fails).
        classify: (r) => (r.status === 401 || r.status === 403 || r.status === 404 ? 'ok' : undefined),
        refusal: (r) => (r.status === 401 || r.status === 403 ? `refused the credentials: ${refusalReason(r)}` : undefined),
        errorMessage: (r) => charlieMessage(r) ?? `HTTP ${r.status}`,
      }),
    ),
});

/** CharlieHR's reason in an error answer ({ success: false, message | error }; the shape is unverified). */
export function charlieMessage(res: HttpResponse): string | null {
  const body = res.body as { message?: unknown; error?: unknown; errors?: unknown } | null;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  const errors = Array.isArray(body?.errors) ? body.errors.map(text).filter((e): e is string => e !== null) : [];
  return text(body?.message) ?? text(body?.error) ?? (errors.length ? errors.join('; ') : null);
}

export function refusalReason(res: HttpResponse): string {
  return charlieMessage(res) ?? 'the client id and client secret are not valid (they may have been revoked in CharlieHR)';
}
