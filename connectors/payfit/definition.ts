// PayFit: an admin creates an API key in PayFit (Integrations › API, https://app.payfit.com/integrations/hub/api)
// with the scope collaborators:read (collaborators:contracts:read and collaborators:management:read
// add contracts and teams), or a PayFit partner enters the OAuth access token the company approved.
// Both are sent as `Authorization: Bearer <key>` to https://partner-api.payfit.com; the company id is
// optional (read from https://oauth.payfit.com/introspect when left empty). See NOTES.md.
import { z } from 'zod';
import type { HttpResponse } from '../http';
import { defineHrSystem, HrApi, staticBearerAuth } from '../kit';
import { PayFitConnector } from './connector';

export const payFitCredentials = z.object({
  apiKey: z.string().trim().min(1, 'must not be empty'),
  /** The company the key belongs to; read from the key's introspection when left empty. */
  companyId: z.string().trim().min(1).optional(),
  /** Replaces both https://partner-api.payfit.com and https://oauth.payfit.com (proxies, the local fake). */
  baseUrl: z.url().optional(),
});

export type PayFitCredentials = z.infer<typeof payFitCredentials>;

export const payFit = defineHrSystem({
  id: 'payfit',
  name: 'PayFit',
  credentialsSchema: payFitCredentials,
  // Personnel number from matricule, hire date from the current run of contracts, leaving date from
  // terminationDate (else the ended contracts'), gender. Not on the collaborator list: employment type
  // (only GET /contracts has isFullTime), legal entity (a key reads one company), marital status.
  // numberOfChildren is documented for creating collaborators only: offered for mapping, not claimed.
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'hireDate', 'leavingDate', 'gender'],
  secretKeys: ['apiKey'],
  notes: {
    verified: [
      "The leaving date is PayFit's termination date (terminationDate), the end of the last active or current contract.",
      "Only a professional e-mail is used, never a personal one: PayFit's default address is personal, so some people may have no e-mail.",
      "The personnel number is PayFit's matricule (matricule).",
      'One API key reads one company, so no legal entities are offered: connect each company of a group as its own integration.',
      'PayFit has no changed-since filter: every sync reads all collaborators again.',
    ],
    unverified: [
      "That former collaborators stay in PayFit's list is assumed from PayFit's guides: there is no filter to ask for them.",
      'The number of children (numberOfChildren) is documented only for creating a collaborator; that the list returns it is assumed.',
      'If a rehired person still has an old termination date, the end of the new contract counts instead.',
      'Back-to-back contracts are read as one employment, so a contract amendment is not taken for a new hire.',
    ],
  },
  connect: (credentials, { hrSystemName, context }) => {
    const api = (baseUrl: string) =>
      new HrApi({
        hrSystemName,
        baseUrl: (credentials.baseUrl ?? baseUrl).replace(/\/+$/, ''),
        auth: staticBearerAuth(credentials.apiKey),
        context,
        // 401 (unknown, revoked or expired key), 403 (a scope is missing) and 404 (a company this key
        // does not belong to) are final; read PayFit's `error`.
        classify: (r) => (r.status === 401 || r.status === 403 || r.status === 404 ? 'ok' : undefined),
        refusal: (r) => (r.status === 401 || r.status === 403 || r.status === 404 ? `refused the credentials: ${refusalReason(r)}` : undefined),
        errorMessage: (r) => payFitErrorMessage(r) ?? `HTTP ${r.status}`,
      });
    return new PayFitConnector(api('https://partner-api.payfit.com'), api('https://oauth.payfit.com'), credentials.apiKey, credentials.companyId);
  },
});

/** PayFit's error answer { error, details } (400/401/403/404), or { message } (429). */
export function payFitErrorMessage(res: HttpResponse): string | null {
  const body = res.body as { error?: unknown; message?: unknown } | null;
  for (const value of [body?.error, body?.message]) if (typeof value === 'string' && value.trim() !== '') return value.trim();
  return null;
}

export function refusalReason(res: HttpResponse): string {
  const message = payFitErrorMessage(res);
  if (res.status === 403) return `${message ?? 'access denied'} (the API key needs the scope collaborators:read)`;
  if (res.status === 404) return `${message ?? 'not found'} (check the company id: a key reads only the company that created it)`;
  return message ?? 'the API key is not valid';
}
