// CatalystOne: CatalystOne (or an admin with the "Create and update integration setup" permission)
// sets up an API client for the company and hands out its client id and client secret. The admin
// enters those and the company's CatalystOne domain (acme for https://acme.catalystone.com). Field ids
// are the tenant's: where the company's ids differ from the defaults (mapping.ts), the admin names
// them here, e.g. leavingDateField 38 (see NOTES.md).
import { z } from 'zod';
import type { HttpResponse } from '../http';
import { defineHrSystem, HrApi } from '../kit';
import { accessTokenAuth } from './access-token';
import { CatalystOneConnector } from './connector';
import { CATALYSTONE_DEFAULT_FIELDS, CATALYSTONE_FIELD_ROLES, type CatalystOneFieldRole } from './mapping';

const fieldId = z
  .string()
  .trim()
  .regex(/^\d+$/, 'must be a numeric CatalystOne field id, e.g. 38');

const fieldOverrides = Object.fromEntries(CATALYSTONE_FIELD_ROLES.map((role) => [`${role}Field`, fieldId.optional()])) as Record<`${CatalystOneFieldRole}Field`, z.ZodOptional<typeof fieldId>>;

export const catalystOneCredentials = z
  .object({
    /** acme for https://acme.catalystone.com (acme.sb for a sandbox); a pasted address is read too. */
    domain: z
      .string()
      .trim()
      .toLowerCase()
      .transform((s) => s.replace(/^https?:\/\//, '').replace(/\.catalystone\.com(\/.*)?$/, ''))
      .pipe(z.string().regex(/^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/, 'must be your CatalystOne domain, e.g. acme for acme.catalystone.com'))
      .optional(),
    clientId: z.string().trim().min(1, 'the client id of the CatalystOne API client'),
    clientSecret: z.string().trim().min(1, 'the client secret of the CatalystOne API client'),
    ...fieldOverrides,
    /** Replaces https://<domain>.catalystone.com (proxies, the local fake); the connector adds /mono/api. */
    baseUrl: z.url().optional(),
  })
  .refine((c) => c.domain !== undefined || c.baseUrl !== undefined, { message: 'the CatalystOne domain is required, e.g. acme', path: ['domain'] });

export type CatalystOneCredentials = z.infer<typeof catalystOneCredentials>;

export function catalystOneApiBase(credentials: Pick<CatalystOneCredentials, 'domain' | 'baseUrl'>): string {
  return `${(credentials.baseUrl ?? `https://${credentials.domain}.catalystone.com`).replace(/\/+$/, '')}/mono/api`;
}

export const catalystOne = defineHrSystem({
  id: 'catalystone',
  name: 'CatalystOne',
  credentialsSchema: catalystOneCredentials,
  // Each from a field id (defaults in mapping.ts, renamable): personnel number = Employee ID, hire
  // and leaving date = Date of hiring / Date of termination, legal entity = the Legal entity field,
  // status from those dates. Marital status and number of children only as mapped fields.
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'employmentType', 'hireDate', 'leavingDate', 'gender', 'legalEntity'],
  secretKeys: ['clientSecret'],
  notes: {
    verified: [
      "The API client's client id and client secret are exchanged for an access token that lasts one hour by default (CatalystOne's authentication page).",
      'Each new token invalidates the previous one, so the connector keeps one token per sync; a second integration with the same API client makes both sign in again.',
      "API clients are set up by CatalystOne's consultant or by a user with the permission \"Create and update integration setup\".",
    ],
    unverified: [
      "CatalystOne publishes no description of its employee API: the connector follows CatalystOne's authentication page and client code of other CatalystOne customers.",
      'Inactive employees are asked for explicitly (includeInactive), so former employees are listed with their date of termination.',
      'Fields are read by numeric field id (defaults: 0 Employee ID, 2 First name, 3 Last name, 7 E-mail, 19 Gender, 37 Date of hiring, 38 Date of termination, 1002 Legal entity, 1046 Employment type). If your ids differ, name them in the connection.',
      'Someone marked inactive in CatalystOne without a date of termination is shown as active: only the date starts the leaving process.',
      'Dates are read in the form YYYY-MM-DD: a date of termination written otherwise is reported as an unreadable record, never ignored.',
      'The whole employee list is read in one request; if CatalystOne limits that answer, people could be missing: compare the employee count after the first sync.',
      'An API client restricted to part of the company lists only that part; people outside it are not seen.',
      'No rate limit is published; the connector waits and tries again when asked.',
    ],
  },
  connect(credentials, { hrSystemName, context }) {
    const fields = { ...CATALYSTONE_DEFAULT_FIELDS };
    const named: CatalystOneFieldRole[] = [];
    for (const role of CATALYSTONE_FIELD_ROLES) {
      const value = credentials[`${role}Field`];
      if (value) {
        fields[role] = value;
        named.push(role);
      }
    }
    const baseUrl = catalystOneApiBase(credentials);
    const auth = accessTokenAuth({ hrSystemName, tokenUrl: `${baseUrl}/accesstoken`, clientId: credentials.clientId, clientSecret: credentials.clientSecret, context, message: catalystOneMessage });
    const api = new HrApi({
      hrSystemName,
      baseUrl,
      auth,
      context,
      // 403: the client may not read employees (final, with CatalystOne's reason).
      classify: (r) => (r.status === 403 ? 'ok' : undefined),
      refusal: (r) => (r.status === 403 ? `refused the credentials: ${catalystOneMessage(r) ?? 'access denied'} (the API client may not read employees)` : undefined),
      errorMessage: (r) => catalystOneMessage(r) ?? `HTTP ${r.status}`,
    });
    return new CatalystOneConnector(api, { fields, named });
  },
});

/** CatalystOne's reason: { "message": "Invalid access token" } as client code shows it, or OAuth's fields. */
export function catalystOneMessage(res: HttpResponse): string | null {
  const body = res.body as { message?: unknown; error_description?: unknown; error?: unknown } | null;
  for (const candidate of [body?.message, body?.error_description, body?.error]) if (typeof candidate === 'string' && candidate.trim()) return candidate.trim();
  return null;
}
