// BoondManager: a super user enables "X-Jwt-Client" access (Administration → Espace développeur → API /
// Sandbox) and enters the client token and client key shown there, plus the user token of the account
// the sync acts as (Paramètres → Sécurité). Requests go to https://ui.boondmanager.com/api with a
// signed X-Jwt-Client-Boondmanager header. Why this way and not Basic, app tokens or OAuth2: NOTES.md.
import { z } from 'zod';
import { apiBase, vendorMessage, type HttpResponse } from '../http';
import { defineHrSystem, HrApi } from '../kit';
import { clientTokenAuth } from './client-token';
import { BoondManagerConnector } from './connector';

export const boondManagerCredentials = z.object({
  userToken: z.string().trim().min(1, 'must not be empty'),
  clientToken: z.string().trim().min(1, 'must not be empty'),
  clientKey: z.string().trim().min(1, 'must not be empty'),
  /** The resource attribute holding the leaving date, where the company keeps one (BoondManager has no known standard field). */
  leavingDateField: z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must name a resource attribute, e.g. leavingDate')
    .optional(),
  /** Replaces https://ui.boondmanager.com (proxies, the local fake); the connector adds /api. */
  baseUrl: z.url().optional(),
});

export type BoondManagerCredentials = z.infer<typeof boondManagerCredentials>;

export const boondManager = defineHrSystem({
  id: 'boondmanager',
  name: 'BoondManager',
  credentialsSchema: boondManagerCredentials,
  // Names, e-mail, state, reference (personnel number), civility (gender), agency (legal entity);
  // a leaving date only from the attribute the admin names. No hire date, employment type, marital
  // status or number of children is read as such (the company's own fields can be mapped).
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'leavingDate', 'gender', 'legalEntity'],
  secretKeys: ['clientKey', 'userToken'],
  notes: {
    verified: [
      'The connection uses BoondManager\'s client token ("X-Jwt-Client"): a token signed with the client key on every request. The option "allow REST API calls with X-Jwt-Client authentication" must be on in the developer space.',
      'The sync sees what the account of the user token sees in BoondManager: use an account that sees every resource.',
      'A refused token and an API that is not active for the company are told apart (BoondManager answers 401 and 501).',
    ],
    unverified: [
      "BoondManager's resource list is not described publicly in a form this connector could be checked against: it is read page by page (page, maxResults) as client code does, to the total BoondManager announces.",
      'No standard leaving date field is known: name the resource attribute that holds it, otherwise resources in the state "left" (state 0) are shown as former employees without a leaving date.',
      'Whether the resource list includes resources that have left is not described: if they disappear instead, the product treats them as removed after a complete listing (and asks before removing many at once).',
      "The legal entity is the resource's agency; gender is read from the civility (0 = M., 1 = Mme).",
      'BoondManager publishes no change filter and no rate limits: every sync reads everyone, and waits and tries again when asked to slow down.',
      'An API that is not active for the company (BoondManager answers 501) is shown as "BoondManager is unavailable (HTTP 501)" after a few tries: ask BoondManager to open the resources API.',
    ],
  },
  connect: (credentials, { hrSystemName, context }) =>
    new BoondManagerConnector(
      new HrApi({
        hrSystemName,
        baseUrl: `${apiBase('https://ui.boondmanager.com', credentials.baseUrl)}/api`,
        auth: clientTokenAuth(credentials),
        context,
        // 401: wrong or disabled tokens (final). 403 (no right on this API) and 404 are passed to the
        // connector, which fails the listing with a clear reason. BoondManager's 501 (API not active)
        // is a 5xx to the kit: retried, then reported as unavailable (NOTES.md).
        classify: (r) => (r.status === 401 || r.status === 403 || r.status === 404 ? 'ok' : undefined),
        refusal: (r) => (r.status === 401 ? `refused the credentials: ${refusalReason(r)}` : undefined),
        errorMessage: (r) => boondMessage(r) ?? `HTTP ${r.status}`,
      }),
      credentials.leavingDateField,
    ),
});

/** BoondManager's reason: a JSON:API errors list ({ errors: [{ status, code, detail }] }; unverified), else the usual fields. */
export function boondMessage(res: HttpResponse): string | null {
  const errors = (res.body as { errors?: unknown } | null)?.errors;
  const texts = Array.isArray(errors)
    ? errors.map((e) => (e as { detail?: unknown; title?: unknown } | null)).map((e) => (typeof e?.detail === 'string' && e.detail.trim() ? e.detail.trim() : typeof e?.title === 'string' && e.title.trim() ? e.title.trim() : null)).filter((t): t is string => t !== null)
    : [];
  if (texts.length) return texts.join('; ');
  const usual = vendorMessage(res);
  return usual.startsWith('HTTP ') ? null : usual;
}

export function refusalReason(res: HttpResponse): string {
  return boondMessage(res) ?? 'the client token, client key or user token is not valid (or X-Jwt-Client access is switched off in the developer space)';
}
