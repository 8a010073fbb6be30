// Workday: the Workday admin creates an Integration System User (ISU) with Get access to the worker
// data domains (Worker Data: Public Worker Reports, Personal Data, Employment Data, Organizations)
// and enters its user name and password here, with the tenant name and the web services host of the
// tenant's endpoint (Public Web Services report: https://<host>/ccx/service/<tenant>/Human_Resources/<version>).
// The password goes in a WS-Security UsernameToken as ISU_user@tenant (see NOTES.md).
import { z } from 'zod';
import { apiBase } from '../http';
import { defineHrSystem } from '../kit';
import { WorkdayConnector } from './connector';
import { WorkdaySoapClient } from './soap-client';

/** The Web Services version the connector's requests are written against; tenants serve older and newer ones too. */
export const WORKDAY_DEFAULT_VERSION = 'v44.0';

/** The tenant's web services host; a pasted https://…/ around it is dropped. */
const host = z
  .string()
  .trim()
  .transform((h) => h.replace(/^https?:\/\//i, '').replace(/\/.*$/, ''))
  .pipe(z.string().regex(/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/, 'must be the web services host, e.g. wd2-impl-services1.workday.com'));

export const workdayCredentials = z.object({
  host,
  tenant: z.string().trim().regex(/^[A-Za-z0-9_-]+$/, 'must be the tenant name, e.g. acme or acme_preview'),
  /** The ISU's user name; "@<tenant>" is added when it is not there. */
  username: z.string().trim().min(1, 'must not be empty'),
  password: z.string().min(1, 'must not be empty'),
  /** Web Services version, e.g. v44.0 (default). */
  version: z.string().trim().regex(/^v\d+\.\d+$/, 'must be a Workday Web Services version, e.g. v44.0').optional(),
  /** Replaces https://<host> (proxies, the local fake); the connector adds /ccx/service/<tenant>/Human_Resources/<version>. */
  baseUrl: z.url().optional(),
});

export type WorkdayCredentials = z.infer<typeof workdayCredentials>;

/** ISU_user@tenant, as Workday expects the user name of a web service call. */
export function workdayUsername(username: string, tenant: string): string {
  return username.includes('@') ? username : `${username}@${tenant}`;
}

export function workdayEndpoint(c: Pick<WorkdayCredentials, 'host' | 'tenant' | 'version' | 'baseUrl'>): string {
  return `${apiBase(`https://${c.host}`, c.baseUrl)}/ccx/service/${encodeURIComponent(c.tenant)}/Human_Resources/${c.version ?? WORKDAY_DEFAULT_VERSION}`;
}

export const workday = defineHrSystem({
  id: 'workday',
  name: 'Workday',
  credentialsSchema: workdayCredentials,
  // Personnel number from Worker_ID, hire and leaving dates from Worker_Status_Data (Termination_Date;
  // one before the latest hire date is an earlier employment, not a departure), employment type from
  // the position's time type (contingent workers: contractors), the legal entity from the worker's
  // Company organization, gender and marital status from Personal_Data. The number of children is no
  // Get_Workers field: it comes from a mapped Custom ID (custom attributes). Unverified: whether a
  // future-dated termination shows before it takes effect, Workday's rate limits (see NOTES.md).
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'employmentType', 'hireDate', 'leavingDate', 'gender', 'legalEntity', 'maritalStatus'],
  secretKeys: ['password'],
  notes: {
    verified: [
      'Terminated workers are included in every listing (Exclude_Inactive_Workers set to false).',
      'All pages of one listing are read as of the same moment, as Workday asks (As_Of_Entry_DateTime).',
      'Between complete listings, changes entered in the period and changes taking effect in it, such as a termination entered earlier, are read (Updated_From, Effective_From).',
      "The leaving date is Workday's most recent termination date (Termination_Date); one before the latest hire date belongs to an earlier employment.",
      'Legal entities are Workday organizations of type Company, inactive ones included.',
    ],
    unverified: [
      "Workday's own API reference needs a login and was not read: the connector follows Workday's element descriptions and Microsoft's published Workday integration guide.",
      'Whether a termination dated in the future shows before it takes effect is not documented: if not, it appears on its effective day.',
      'The number of children is no Workday worker field: map it from a Custom ID; Custom ID types nobody on the first page of workers holds are not offered.',
      'Requests use Web Services version v44.0 unless you enter another; that other versions serve the same fields is assumed.',
      'Workday publishes no rate limits: if Workday slows requests down, the sync waits and tries again.',
    ],
  },
  connect: (credentials, { hrSystemName, context }) =>
    new WorkdayConnector(
      new WorkdaySoapClient({
        hrSystemName,
        endpoint: workdayEndpoint(credentials),
        username: workdayUsername(credentials.username, credentials.tenant),
        password: credentials.password,
        version: credentials.version ?? WORKDAY_DEFAULT_VERSION,
        context,
      }),
    ),
});
