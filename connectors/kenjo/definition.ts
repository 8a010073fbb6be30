// Kenjo: Kenjo's Customer Success activates the API (Connect plan) for the sandbox or production
// environment; an admin then generates the API key under Settings › Integrations › API keys. The
// connector exchanges the key at POST /auth/login for a bearer token, cached until the expiry date
// Kenjo states (X-Expires-After) and renewed after a 401 (see NOTES.md).
import { z } from 'zod';
import { apiBase, type HttpResponse } from '../http';
import { defineHrSystem, HrApi, tokenExchangeAuth } from '../kit';
import { KenjoConnector } from './connector';

export const KENJO_BASE_URLS = { production: 'https://api.kenjo.io/api/v1', sandbox: 'https://sandbox-api.kenjo.io/api/v1' } as const;
/** Assumed when Kenjo's answer states no readable expiry date (not published). */
export const KENJO_DEFAULT_TOKEN_SECONDS = 15 * 60;

export const kenjoCredentials = z.object({
  apiKey: z.string().trim().min(1, 'the API key from Settings › Integrations › API keys'),
  /** The environment Kenjo activated the API for. */
  environment: z.enum(['production', 'sandbox']).default('production'),
  /** Replaces the environment's base URL, …/api/v1 included (proxies, the local fake). */
  baseUrl: z.url().optional(),
});

export type KenjoCredentials = z.infer<typeof kenjoCredentials>;

/** Kenjo's error body `{ code, message }` (400); its 401 has no documented body. */
export function kenjoMessage(res: HttpResponse): string | null {
  const message = (res.body as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message.trim() !== '' ? message.trim() : null;
}

/** Seconds until Kenjo's `X-Expires-After` date (an ISO instant), or undefined when unreadable. */
export function expiresInSeconds(expiresAfter: unknown, nowMs = Date.now()): number | undefined {
  const at = typeof expiresAfter === 'string' ? Date.parse(expiresAfter) : NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, Math.floor((at - nowMs) / 1000));
}

export const kenjo = defineHrSystem({
  id: 'kenjo',
  name: 'Kenjo',
  credentialsSchema: kenjoCredentials,
  // Personnel number from externalId, hire date from work.startDate, gender from personal.gender,
  // marital status from home.maritalStatus, legal entity from work.companyId (GET /companies). The
  // leaving date is the work section's contract end date (name assumed). Kenjo's employment types
  // live on compensation contracts (not read); number of children comes from a mapped custom field.
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'hireDate', 'leavingDate', 'gender', 'legalEntity', 'maritalStatus'],
  secretKeys: ['apiKey'],
  notes: {
    verified: [
      'The API key is exchanged at Kenjo for a sign-in token (POST /auth/login), as Kenjo describes it; the API must first be activated by Kenjo Customer Success.',
      'Kenjo answers each employee list in one go (no pages); inactive employees are listed too (isActive false).',
      'Names, gender and birth date come from the personal section, start date, company and office from the work section, marital status from the home section.',
      'The personnel number is the external id (externalId); the legal entity is the Kenjo company.',
      'Custom fields (Settings › custom fields) of the personal, work and home sections can be mapped, e.g. for the number of children.',
    ],
    unverified: [
      "Kenjo's published description has no leaving date: the contract end date of the work section is read as one, under a field name Kenjo does not publish (contractEndDate).",
      'An employee who is inactive in Kenjo without a contract end date is shown as inactive without a leaving date, and the sync warns about it: Kenjo also creates new employees inactive until they are activated, so no departure is assumed.',
      'Kenjo publishes no rate limits and no changed-since filter: every sync reads all employees, and waits and tries again when asked to slow down.',
      'How Kenjo words a refused API key is not published: the reason shown is Kenjo’s own message where it sends one, else its status.',
    ],
  },
  connect(credentials, { hrSystemName, context }) {
    const parsed = kenjoCredentials.parse(credentials);
    const baseUrl = apiBase(KENJO_BASE_URLS[parsed.environment], parsed.baseUrl);
    const auth = tokenExchangeAuth({
      hrSystemName,
      url: `${baseUrl}/auth/login`,
      json: { apiKey: parsed.apiKey },
      context,
      refusedStatuses: [400, 401, 403],
      refusalReason: (_body, res) => kenjoMessage(res) ?? `the API key was not accepted (HTTP ${res.status})`,
      read: (body: { token?: unknown; 'X-Expires-After'?: unknown } | null) => ({ token: body?.token, expiresInSeconds: expiresInSeconds(body?.['X-Expires-After']) }),
      defaultLifetimeSeconds: KENJO_DEFAULT_TOKEN_SECONDS,
      refused: 'access token',
    });
    const api = new HrApi({
      hrSystemName,
      baseUrl,
      auth,
      context,
      // A 403 on a data call: the key may not read this (not published; read as refused, with Kenjo's reason).
      classify: (r) => (r.status === 403 ? 'ok' : undefined),
      refusal: (r) => (r.status === 403 ? `refused the credentials: ${kenjoMessage(r) ?? 'access denied (HTTP 403)'}` : undefined),
      errorMessage: (r) => kenjoMessage(r) ?? `HTTP ${r.status}`,
    });
    return new KenjoConnector(api);
  },
});
