// BambooHR: the admin enters the company subdomain (https://<companyDomain>.bamboohr.com) and an
// API key created under "API Keys" in BambooHR.
import { z } from 'zod';
import { apiBase, type HttpResponse } from '../http';
import { basicAuth, defineHrSystem, HrApi } from '../kit';
import { BambooHrConnector } from './connector';
import { bambooHrPush } from './notification';

export const bambooHrCredentials = z.object({
  companyDomain: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .regex(/^[a-z0-9][a-z0-9-]*$/i, 'the subdomain only, e.g. "acme" for acme.bamboohr.com'),
  apiKey: z.string().trim().min(1, 'must not be empty'),
  /** Replaces https://<companyDomain>.bamboohr.com (tests, proxies). */
  baseUrl: z.url().optional(),
});

export type BambooHrCredentials = z.infer<typeof bambooHrCredentials>;

export const bambooHr = defineHrSystem({
  id: 'bamboohr',
  name: 'BambooHR',
  credentialsSchema: bambooHrCredentials,
  // No standard "number of children" field (dependents live in a separate table), so the mapping
  // step offers custom fields for it. Legal entity is read from the "Division" field.
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'employmentType', 'hireDate', 'leavingDate', 'gender', 'legalEntity', 'maritalStatus'],
  secretKeys: ['apiKey'],
  push: bambooHrPush,
  notes: {
    verified: [
      "Every employee is read, whatever their status, through a custom report (reports/custom): BambooHR's employee directory would list active people only.",
      'Former employees are listed with their leaving date (terminationDate).',
      "Personnel number, employment status, gender and marital status come from BambooHR's standard fields (employeeNumber, employmentHistoryStatus, gender, maritalStatus).",
      'BambooHR has no legal-entity field: the Division (division) is used instead. Number of children is not a standard field: map it from a custom field.',
      'When BambooHR is busy (503, or 429 from September 2026), the sync waits and tries again.',
      "Changes arrive by BambooHR's event-based webhooks (employee.created, employee.updated, employee.deleted), created through the API for the fields the sync reads (standard and custom); each delivery's signature (HMAC-SHA256 with the webhook's private key) is checked, and deliveries signed more than 5 minutes before they arrive are refused.",
      'Between complete listings, only the employees BambooHR reports as changed (employees/changed) are read, with the same report; a deleted employee is never removed by it, only by the next complete listing.',
    ],
    unverified: [
      "BambooHR's pages name the marital status field both marital and maritalStatus; maritalStatus is read. If it stays empty, map it in the field mapping.",
      "That future hires are Inactive until their first day was not found in BambooHR's description: an inactive employee with a start date ahead is shown as a new hire.",
      "Employment types are your company's own list (employmentHistoryStatus): entries that do not read as full-time, part-time, intern or contractor are shown as Other.",
      'BambooHR marks the custom report used here as deprecated (in favour of datasets); no end date was found.',
      "How BambooHR signs a delivery (the body followed by the timestamp, hex digest) is described in its webhook guide, not in its API description; the timestamp's format (Unix seconds) was seen in others' recorded deliveries only.",
      'The webhook belongs to the user of the API key: with a key of another user, BambooHR refuses to show or delete it, and it must be deleted in BambooHR (Account Settings > Webhooks).',
    ],
  },
  connect: (credentials, { hrSystemName, context }) =>
    new BambooHrConnector(
      new HrApi({
        hrSystemName,
        baseUrl: apiBase(`https://${credentials.companyDomain}.bamboohr.com`, credentials.baseUrl),
        // The API key is the Basic user name, the password is ignored.
        auth: basicAuth(credentials.apiKey, 'x'),
        context,
        // 401/403 are passed through so the reason can be read from BambooHR's error header.
        // 503 (throttling until September 2026, outages after) and 429 keep the default: retried.
        classify: (r) => (r.status === 401 || r.status === 403 ? 'ok' : undefined),
        refusal: (r) => (r.status === 401 || r.status === 403 ? `refused the credentials: ${refusalReason(r)}` : undefined),
      }),
    ),
});

/** BambooHR puts the error detail in the X-BambooHR-Error-Message header, not the body. */
function refusalReason(res: HttpResponse): string {
  const header = res.headers.get('x-bamboohr-error-message');
  if (header) return header;
  if (res.status === 403) return 'the API key has no access (API access disabled or insufficient permissions)';
  return 'the API key or company domain is not valid';
}
