// AFAS Profit: the admin creates an App Connector in Profit (General → Management → App Connector),
// adds a GetConnector that lists every employee (leavers included: no filter on the employment end
// date) and enters the environment number, the token Profit shows (<token><version>1</version>
// <data>…</data></token>) and the GetConnector's id. Requests go to
// https://<env>.rest.afas.online/ProfitRestServices (resttest / restaccept for test and accept
// environments) with `Authorization: AfasToken <base64 of the token XML>`. A GetConnector's fields
// are the admin's choice, so the field ids the connector reads can be named here (see NOTES.md).
import { z } from 'zod';
import type { HttpResponse } from '../http';
import { defineHrSystem, headerAuth, HrApi } from '../kit';
import { AfasConnector } from './connector';
import { AFAS_DEFAULT_FIELDS, AFAS_FIELD_ROLES, type AfasFieldRole } from './mapping';

/** The token XML as Profit shows it, from the XML itself or its base64 form; null when it is neither. */
export function afasTokenXml(value: string): string | null {
  const text = value.trim();
  const xml = /^<token>[\s\S]*<\/token>$/;
  if (xml.test(text)) return text;
  if (!/^[A-Za-z0-9+/=\s]+$/.test(text)) return null;
  const decoded = Buffer.from(text, 'base64').toString('utf8').trim();
  return xml.test(decoded) ? decoded : null;
}

/** The Authorization header value: "AfasToken " + base64 of the token XML (mandatory from Profit 7). */
export function afasAuthorization(token: string): string {
  return `AfasToken ${Buffer.from(afasTokenXml(token) ?? token.trim(), 'utf8').toString('base64')}`;
}

/** A field id of the GetConnector (as its metainfo lists it under `id`). */
const fieldId = z.string().trim().regex(/^[A-Za-z0-9_]+$/, 'must be a field id of the GetConnector, e.g. EmploymentEndDate');

const fieldOverrides = Object.fromEntries(AFAS_FIELD_ROLES.map((role) => [`${role}Field`, fieldId.optional()])) as Record<`${AfasFieldRole}Field`, z.ZodOptional<typeof fieldId>>;

const ENVIRONMENT_HOSTS = { production: 'rest', test: 'resttest', accept: 'restaccept' } as const;

export const afasCredentials = z
  .object({
    /** The environment number (12345 in https://12345.rest.afas.online). */
    environmentId: z.string().trim().regex(/^\d{4,8}$/, 'must be the AFAS environment number, e.g. 12345').optional(),
    environmentType: z.enum(['production', 'test', 'accept']).optional(),
    token: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .refine((t) => afasTokenXml(t) !== null, 'must be the token as the App Connector shows it: <token><version>1</version><data>…</data></token>'),
    /** The id of the GetConnector that lists the employees (added to the App Connector). */
    getConnector: z.string().trim().regex(/^[A-Za-z0-9_.-]+$/, 'must be the id of a GetConnector, e.g. Benefits_Employees'),
    /** Rows per request (take); lower it for a GetConnector with many columns (AFAS: columns × rows < 150,000). */
    pageSize: z.number().int().min(1).max(5000).optional(),
    ...fieldOverrides,
    /** Replaces https://<env>.rest.afas.online (proxies, the local fake); the connector adds /ProfitRestServices. */
    baseUrl: z.url().optional(),
  })
  .refine((c) => c.environmentId !== undefined || c.baseUrl !== undefined, { message: 'the AFAS environment number is required, e.g. 12345', path: ['environmentId'] });

export type AfasCredentials = z.infer<typeof afasCredentials>;

/** https://<env>.rest.afas.online/ProfitRestServices (resttest / restaccept for test and accept environments). */
export function afasBaseUrl(credentials: Pick<AfasCredentials, 'environmentId' | 'environmentType' | 'baseUrl'>): string {
  const host = `https://${credentials.environmentId}.${ENVIRONMENT_HOSTS[credentials.environmentType ?? 'production']}.afas.online`;
  return `${(credentials.baseUrl ?? host).replace(/\/+$/, '')}/ProfitRestServices`;
}

export const afas = defineHrSystem({
  id: 'afas',
  name: 'AFAS Software',
  credentialsSchema: afasCredentials,
  // Everything comes from the GetConnector's fields (defaults in mapping.ts, each renamable):
  // personnel number = the employee id, status from the employment dates, legal entity = the
  // employer. Number of children only as a mapped field of the GetConnector.
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'employmentType', 'hireDate', 'leavingDate', 'gender', 'legalEntity', 'maritalStatus'],
  secretKeys: ['token'],
  notes: {
    verified: [
      'Employees are the rows of the GetConnector you name, read by the field ids you give (defaults include EmployeeId, EmailWork, EmploymentStartDate).',
      'The leaving date is the end date of employment (Datum uit dienst, EmploymentEndDate).',
      'A GetConnector can carry its own filter the connector cannot see: it must include former employees (no filter on the end date).',
      'Every request is sorted on the employee id, as AFAS requires for reading page by page (orderbyfieldids).',
      'AFAS has no webhooks or change feed: every sync reads all rows again.',
    ],
    unverified: [
      'The default field ids for names, employer, gender, marital status and employment type are a recommended layout, not AFAS standards: enter yours where they differ.',
      "One row per employee is assumed: a GetConnector that lists a person once per contract shows only that person's last row.",
      "Gender, marital status and employment type are read from Profit's Dutch labels (e.g. Gehuwd, Voltijd): values not recognised are left empty.",
      "A blocked GetConnector (AFAS fair use) shows as unavailable after retries, not with AFAS's own message.",
    ],
  },
  connect: (credentials, { hrSystemName, context }) => {
    const fields = { ...AFAS_DEFAULT_FIELDS };
    const named: AfasFieldRole[] = [];
    for (const role of AFAS_FIELD_ROLES) {
      const value = credentials[`${role}Field`];
      if (value) {
        fields[role] = value;
        named.push(role);
      }
    }
    return new AfasConnector(
      new HrApi({
        hrSystemName,
        baseUrl: afasBaseUrl(credentials),
        auth: headerAuth({ authorization: afasAuthorization(credentials.token) }),
        context,
        // 401 (token not valid, or the GetConnector is not in its App Connector) and 403 (an IP
        // restriction of the App Connector) are final; retrying fails again (AFAS's troubleshooting page).
        classify: (r) => (r.status === 401 || r.status === 403 ? 'ok' : undefined),
        refusal: (r) => (r.status === 401 || r.status === 403 ? `refused the credentials: ${refusalReason(r, credentials.getConnector)}` : undefined),
        errorMessage: (r) => externalMessage(r) ?? `HTTP ${r.status}`,
      }),
      { getConnector: credentials.getConnector, fields, named, pageSize: credentials.pageSize },
    );
  },
});

/** Profit's error body { externalMessage, errorNumber, profitLogReference }: the message, with the log reference. */
export function externalMessage(res: HttpResponse): string | null {
  const body = res.body as { externalMessage?: unknown; profitLogReference?: unknown } | null;
  const message = typeof body?.externalMessage === 'string' ? body.externalMessage.trim() : '';
  if (!message) return null;
  const reference = typeof body?.profitLogReference === 'string' && body.profitLogReference ? ` (Profit log reference ${body.profitLogReference})` : '';
  return `${message}${reference}`;
}

export function refusalReason(res: HttpResponse, getConnector: string): string {
  const message = externalMessage(res);
  if (res.status === 403) return `${message ?? 'access forbidden'} (an IP restriction of the App Connector does not admit this server; the AFAS administrator can adjust it)`;
  // Profit answers a token it does not know with an empty 401.
  if (message) return `${message} (the GetConnector ${getConnector} must be added to the App Connector of this token)`;
  return 'the token was not accepted (HTTP 401; check the token and the environment number)';
}
