// Hailey HR: the admin generates a personal access token in Hailey HR (profile picture → Access
// tokens → Generate new key; shown once, valid one year, with the rights of the account that made it)
// and picks the environment (haileyhr.app, or demo.haileyhr.app for the demo). Requests go to
// https://api.<environment> with `Authorization: Bearer <token>` (see NOTES.md: third-party sources only).
import { z } from 'zod';
import { apiBase, vendorMessage, type HttpResponse } from '../http';
import { defineHrSystem, HrApi, staticBearerAuth } from '../kit';
import { HaileyHrConnector } from './connector';

export const HAILEY_HR_ENVIRONMENTS = ['haileyhr.app', 'demo.haileyhr.app'] as const;

export const haileyHrCredentials = z.object({
  environment: z.enum(HAILEY_HR_ENVIRONMENTS).default('haileyhr.app'),
  accessToken: z.string().trim().min(1, 'must not be empty'),
  /** Replaces https://api.<environment> (proxies, the local fake). */
  baseUrl: z.url().optional(),
});

export type HaileyHrCredentials = z.infer<typeof haileyHrCredentials>;

export const haileyHr = defineHrSystem({
  id: 'hailey-hr',
  name: 'Hailey HR',
  credentialsSchema: haileyHrCredentials,
  // Leaving date from the end of the company tenure (employmentEndDate), legal entity from the primary
  // employment's company. Marital status and number of children are not offered (custom fields only).
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'employmentType', 'hireDate', 'leavingDate', 'gender', 'legalEntity'],
  secretKeys: ['accessToken'],
  notes: {
    verified: [],
    unverified: [
      "Hailey HR's API description is not public: this connector is built from integration vendors' descriptions (personal access token, environments, employee list with limit/offset and an updated filter). Differences may show on a real account.",
      'The personal access token is valid for one year and has the rights of the account that generated it: when it expires or that account loses rights, Hailey HR refuses it and a new token must be entered.',
      'Former employees are expected in the employee list with the end of their tenure (employment end date) as the leaving date. Someone marked inactive without an end date is shown as inactive without a leaving date, never given a guessed date.',
      'With parallel employments, the company and the employment type come from the primary employment (priority 1).',
      'Changed employees are asked for with an "updated since" filter; removals are only ever taken from a complete listing.',
      'Every page of the employee list is read until an empty page, because the page size Hailey HR serves is not published.',
      'Rate limits are not published: when Hailey HR asks to slow down, the sync waits and tries again.',
    ],
  },
  connect: (credentials, { hrSystemName, context }) =>
    new HaileyHrConnector(
      new HrApi({
        hrSystemName,
        baseUrl: apiBase(`https://api.${credentials.environment}`, credentials.baseUrl),
        auth: staticBearerAuth(credentials.accessToken),
        context,
        // 401 (unknown or expired token) and 403 (the token's account may not read employees): final.
        classify: (r) => (r.status === 401 || r.status === 403 ? 'ok' : undefined),
        refusal: (r) => (r.status === 401 || r.status === 403 ? `refused the credentials: ${refusalReason(r)}` : undefined),
        errorMessage: (r) => haileyHrMessage(r) ?? `HTTP ${r.status}`,
      }),
    ),
});

/** The reason in an error answer: a problem-details `detail`/`title`, else the usual fields (the shape is unverified). */
export function haileyHrMessage(res: HttpResponse): string | null {
  const body = res.body as { detail?: unknown; title?: unknown } | null;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  const usual = vendorMessage(res);
  return text(body?.detail) ?? text(body?.title) ?? (usual.startsWith('HTTP ') ? null : usual);
}

export function refusalReason(res: HttpResponse): string {
  const message = haileyHrMessage(res);
  if (res.status === 403) return `${message ?? 'access denied'} (the token has the rights of the account that generated it: that account needs to see all employees)`;
  return message ?? 'the personal access token is not valid (tokens expire after one year)';
}
