// Kallidus Sapling: an admin generates an API key in Sapling's admin settings and tells us where the
// account is hosted: US (https://{subdomain}.saplingapp.io) or UK (https://{subdomain}.kallidus-suite.com).
// The key goes as a bearer token on every request (see NOTES.md).
import { z } from 'zod';
import { apiBase, type HttpResponse } from '../http';
import { defineHrSystem, HrApi, staticBearerAuth } from '../kit';
import { KallidusSaplingConnector } from './connector';

export const kallidusSaplingCredentials = z.object({
  /** Where the account is hosted: the US (saplingapp.io) or the UK (kallidus-suite.com). */
  region: z.enum(['us', 'uk']),
  /** The part before .saplingapp.io / .kallidus-suite.com in the account's address. */
  subdomain: z.string().trim().regex(/^[a-z0-9-]+$/i, 'the subdomain of the Sapling address, e.g. acme'),
  apiKey: z.string().trim().min(1, 'the API key from Sapling’s admin settings'),
  /** Replaces the region's host, the /api/v1/beta path included (proxies, the local fake). */
  baseUrl: z.url().optional(),
});

export type KallidusSaplingCredentials = z.infer<typeof kallidusSaplingCredentials>;

/** The API base of a region (Kallidus' routing). */
export function saplingBaseUrl(c: Pick<KallidusSaplingCredentials, 'region' | 'subdomain' | 'baseUrl'>): string {
  const host = c.region === 'us' ? `https://${c.subdomain}.saplingapp.io/api/v1/beta` : `https://${c.subdomain}.kallidus-suite.com/hr/api/v1/beta`;
  return apiBase(host, c.baseUrl);
}

/** Sapling's error message (`{ message, status, more_info }` in third-party code), else the status. */
export function saplingMessage(res: HttpResponse): string {
  const body = res.body as { message?: unknown; error?: unknown } | null;
  for (const v of [body?.message, body?.error]) if (typeof v === 'string' && v.trim()) return v.trim();
  return res.status === 401 ? 'could not authenticate using the provided API key (HTTP 401)' : `HTTP ${res.status}`;
}

export const kallidusSapling = defineHrSystem({
  id: 'kallidus-sapling',
  name: 'Kallidus (Sapling)',
  credentialsSchema: kallidusSaplingCredentials,
  // Hire date from start_date, leaving date from termination_date, status from state; personnel
  // number, employment type, gender and marital status from fields named in third-party field maps.
  // Sapling's profiles have no legal entity; number of children comes from a mapped field.
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'employmentType', 'hireDate', 'leavingDate', 'gender', 'maritalStatus'],
  secretKeys: ['apiKey'],
  notes: {
    verified: [
      'The API key is sent as a bearer token to the host of the account’s region (US: saplingapp.io, UK: kallidus-suite.com), as Kallidus describes it.',
      'Names, start date, job title, department, location, state (active or inactive) and the company e-mail come from the fields Kallidus publishes for a user; the personal e-mail is never used.',
      'Kallidus advises at most 100 requests a minute per key; when it asks to slow down (429) the sync waits and tries again.',
    ],
    unverified: [
      'Kallidus does not publish the profile list’s parameters: active and inactive people are read in two passes (status=active, status=inactive), page by page as third-party code does.',
      'The leaving date (termination_date), employment status, employee number, gender and marital status are read under the names third-party tools use. An inactive person without a termination date is shown as inactive without a leaving date, and the sync warns about it.',
      'Fields your account added are offered for mapping (e.g. number of children) as found on the first page of active people; fields inside custom tables are not read.',
      'No changed-since filter is published: every sync reads everyone.',
      "Changes are not pushed: how Sapling's webhook deliveries are proven and created through its API was not found, so changes wait for the next scheduled sync.",
    ],
  },
  connect(credentials, { hrSystemName, context }) {
    const parsed = kallidusSaplingCredentials.parse(credentials);
    const api = new HrApi({
      hrSystemName,
      baseUrl: saplingBaseUrl(parsed),
      auth: staticBearerAuth(parsed.apiKey),
      context,
      // 401 "Could not authenticate using provided API key", 403 "You do not have permission": final.
      classify: (r) => (r.status === 401 || r.status === 403 ? 'ok' : undefined),
      refusal: (r) => (r.status === 401 || r.status === 403 ? `refused the credentials: ${saplingMessage(r)}` : undefined),
      errorMessage: saplingMessage,
    });
    return new KallidusSaplingConnector(api);
  },
});
