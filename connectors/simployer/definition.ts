// Simployer (classic Simployer HR; customers on Simployer One use the AlexisHR connector): Simployer
// issues an API key (ask api@simployer.com) sent as `X-ApiKey` to the Person API
// (https://apis.simployer.com; the published sample uses apis.dev.simployer.com). See NOTES.md.
import { z } from 'zod';
import { apiBase, vendorMessage, type HttpResponse } from '../http';
import { apiKeyHeaderAuth, defineHrSystem, HrApi } from '../kit';
import { SimployerConnector } from './connector';

export const simployerCredentials = z.object({
  apiKey: z.string().trim().min(1, 'must not be empty'),
  /** The person field holding the leaving date, where the account sends one (none is published). */
  leavingDateField: z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must name a person field, e.g. endDate')
    .optional(),
  /** Replaces https://apis.simployer.com (the dev host apis.dev.simployer.com, proxies, the local fake). */
  baseUrl: z.url().optional(),
});

export type SimployerCredentials = z.infer<typeof simployerCredentials>;

export const simployer = defineHrSystem({
  id: 'simployer',
  name: 'Simployer',
  credentialsSchema: simployerCredentials,
  // The published person: names and gender. E-mail is read when sent (unpublished, but persons have
  // e-mails: Simployer's webhooks report them); a leaving date only from the named field; no
  // personnel number, employment, legal entity or family data.
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'gender'],
  secretKeys: ['apiKey'],
  notes: {
    verified: [
      "Persons are read from Simployer's Person API (GET /v1/person) with the API key in the X-ApiKey header.",
      "Names and gender come from Simployer's published person fields (firstname, lastname, gender).",
      'This is the classic Simployer HR. If your company uses Simployer One, choose AlexisHR instead.',
    ],
    unverified: [
      "Simployer's published person has no e-mail, no employment and no leaving date: an e-mail is used where Simployer sends one, and a leaving date only from the person field you name. Without it, someone who leaves is only noticed when Simployer deletes the person, and the product then treats them as removed after a complete listing (asking before removing many at once).",
      'Paging of the person list is not documented: the list is read as one answer, follows a next-page link if Simployer sends one, and fails rather than guessing when Simployer says there are more persons than it sent.',
      'How Simployer refuses a key is not published: a refused key is shown with Simployer\'s reason, if it gives one.',
      'Legal units exist in Simployer but cannot be read through the published API: there are no legal entities to filter on.',
      'Simployer publishes no rate limits and no change filter: every sync reads everyone, and waits and tries again when asked to slow down.',
      "Changes are not pushed: Simployer switches webhooks on by e-mail request, not through its API, so changes wait for the next scheduled sync.",
    ],
  },
  connect: (credentials, { hrSystemName, context }) =>
    new SimployerConnector(
      new HrApi({
        hrSystemName,
        baseUrl: apiBase('https://apis.simployer.com', credentials.baseUrl),
        auth: apiKeyHeaderAuth('X-ApiKey', credentials.apiKey),
        context,
        // 401/403: a wrong or revoked key (which one Simployer sends is unverified): final.
        classify: (r) => (r.status === 401 || r.status === 403 ? 'ok' : undefined),
        refusal: (r) => (r.status === 401 || r.status === 403 ? `refused the credentials: ${refusalReason(r)}` : undefined),
        errorMessage: (r) => simployerMessage(r) ?? `HTTP ${r.status}`,
      }),
      credentials.leavingDateField,
    ),
});

/** The reason in an error answer: `message`, problem-details `detail`/`title`, or the usual fields (unpublished). */
export function simployerMessage(res: HttpResponse): string | null {
  const body = res.body as { detail?: unknown; title?: unknown } | null;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  const usual = vendorMessage(res);
  return (usual.startsWith('HTTP ') ? null : usual) ?? text(body?.detail) ?? text(body?.title);
}

export function refusalReason(res: HttpResponse): string {
  return simployerMessage(res) ?? 'the API key is not valid (ask Simployer, api@simployer.com, for a new one)';
}
