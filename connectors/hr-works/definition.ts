// HR WORKS: an administrator creates a key pair (Administrator › Basics › Integrations › HR WORKS API
// › New key pair), downloads the access key and secret access key, and gives the key the
// permission to read person master data. The connector exchanges the pair at POST /v2/authentication
// for a JWT valid 15 minutes, cached and renewed (see NOTES.md).
import { z } from 'zod';
import { apiBase } from '../http';
import { defineHrSystem, HrApi, tokenExchangeAuth } from '../kit';
import { HrWorksConnector, hrWorksMessage } from './connector';

export const HR_WORKS_BASE_URL = 'https://api.hrworks.de';
/** "A JSON web token. Valid for 15 minutes." (OAS, schema Token). */
export const HR_WORKS_TOKEN_LIFETIME_SECONDS = 15 * 60;

export const hrWorksCredentials = z.object({
  accessKey: z.string().trim().min(1, 'the access key of the HR WORKS API key pair'),
  secretAccessKey: z.string().trim().min(1, 'the secret access key of the HR WORKS API key pair'),
  /** Weekly hours from which a regular employee counts as full-time (HR WORKS has one type for both). */
  fullTimeWeeklyHours: z.coerce.number().positive().max(168).default(40),
  /** Replaces https://api.hrworks.de (e.g. the demo system https://api.demo-hrworks.de, the local fake). */
  baseUrl: z.url().optional(),
});

export type HrWorksCredentials = z.infer<typeof hrWorksCredentials>;

export const hrWorks = defineHrSystem({
  id: 'hr-works',
  name: 'HR Works',
  credentialsSchema: hrWorksCredentials,
  // Status from isActive and leaveDate (the last working day), hire date from joinDate, employment
  // type from employmentType (regular employees full- or part-time by the work schedule's weekly
  // hours). HR WORKS' person master data has no legal entity, marital status or number of children:
  // those come from a mapped custom free field.
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'employmentType', 'hireDate', 'leavingDate', 'gender'],
  secretKeys: ['secretAccessKey'],
  notes: {
    verified: [
      'Persons set to gone are listed too (onlyActive=false); persons deleted in HR WORKS cannot be listed.',
      'The leaving date is the last working day (leaveDate); the notice date (dateOfNotice) is only an extra field.',
      'The e-mail is the business e-mail (email).',
      "HR WORKS' API has no legal entity: organization units and establishments are offered as filters instead.",
      'Marital status and number of children are not in the person data: map them from a custom free field.',
    ],
    unverified: [
      "The connector was checked against version 2.10 of HR WORKS' API description; changes in 2.11 were not checked.",
      'Custom free fields are found on the first page of persons: a field nobody there has set is not offered.',
      "How HR WORKS reports an expired sign-in is not published: the connector signs in again once, else shows HR WORKS' reason.",
      "No changed-since filter was found in HR WORKS' description: every sync reads all persons again.",
      "Changes are not pushed: HR WORKS' webhooks (beta) do not publish how a delivery is proven, so changes wait for the next scheduled sync.",
    ],
  },
  connect(credentials, { hrSystemName, context }) {
    const parsed = hrWorksCredentials.parse(credentials);
    const baseUrl = apiBase(HR_WORKS_BASE_URL, parsed.baseUrl);
    const auth = tokenExchangeAuth({
      hrSystemName,
      url: `${baseUrl}/v2/authentication`,
      json: { accessKey: parsed.accessKey, secretAccessKey: parsed.secretAccessKey },
      context,
      // 403 is what the OAS names for invalid credentials; 400/401 are read the same way (unverified).
      refusedStatuses: [400, 401, 403],
      refusalReason: (_body, res) => hrWorksMessage(res) ?? 'the access key or secret access key is not valid',
      read: (body: { token?: unknown } | null) => ({ token: body?.token, expiresInSeconds: jwtLifetimeSeconds(body?.token) }),
      defaultLifetimeSeconds: HR_WORKS_TOKEN_LIFETIME_SECONDS,
      refused: 'access token',
    });
    const api = new HrApi({
      hrSystemName,
      baseUrl,
      auth,
      context,
      // 403 is read by the connector: an expired token (renewed) or a missing permission (refused).
      classify: (r) => (r.status === 403 ? 'ok' : undefined),
      errorMessage: (r) => hrWorksMessage(r) ?? `HTTP ${r.status}`,
    });
    return new HrWorksConnector(api, auth, { fullTimeWeeklyHours: parsed.fullTimeWeeklyHours });
  },
});

/**
 * Seconds until the JWT's `exp` (HR WORKS: "decode the token to see the expiry timestamp"), at most
 * the published 15 minutes; undefined when the token cannot be decoded (the 15 minutes then apply).
 */
export function jwtLifetimeSeconds(token: unknown, nowMs = Date.now()): number | undefined {
  if (typeof token !== 'string') return undefined;
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    if (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp)) return undefined;
    return Math.max(0, Math.min(HR_WORKS_TOKEN_LIFETIME_SECONDS, payload.exp - nowMs / 1000));
  } catch {
    return undefined;
  }
}
