// IRIS Cascade: IRIS issues a Client Key and Client Secret for the tenant's IRIS HR API (read-only
// keys carry the scope iris.hr.read). The connector exchanges them (as a Basic header) at
// https://api.iris.co.uk/oauth2/v1/token for bearer tokens of about an hour (see NOTES.md).
import { z } from 'zod';
import { apiBase } from '../http';
import { defineHrSystem, HrApi } from '../kit';
import { irisAuth } from './auth';
import { IrisCascadeConnector } from './connector';
import { irisMessage } from './errors';

export const IRIS_API_URL = 'https://api.iris.co.uk/hr/v2';
export const IRIS_TOKEN_URL = 'https://api.iris.co.uk/oauth2/v1/token';

export const irisCascadeCredentials = z.object({
  clientKey: z.string().trim().min(1, 'the Client Key of the IRIS HR API access key'),
  clientSecret: z.string().trim().min(1, 'the Client Secret of the IRIS HR API access key'),
  /** Replaces https://api.iris.co.uk/hr/v2 (the local fake); the token URL follows its host unless given. */
  baseUrl: z.url().optional(),
  tokenUrl: z.url().optional(),
});

export type IrisCascadeCredentials = z.infer<typeof irisCascadeCredentials>;

export const irisCascade = defineHrSystem({
  id: 'iris-cascade',
  name: 'IRIS Cascade',
  credentialsSchema: irisCascadeCredentials,
  // Leaving date from EmploymentLeftDate (else LastWorkingDate), hire date from EmploymentStartDate,
  // personnel number from DisplayId, e-mail from the organisation-owned entry of Emails, employment
  // type from the active job's Contract. No documented legal entity or number of children: those
  // come from a mapped user defined field.
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'employmentType', 'hireDate', 'leavingDate', 'gender', 'maritalStatus'],
  secretKeys: ['clientSecret'],
  notes: {
    verified: [
      "The connector signs in with your IRIS HR API Client Key and Client Secret and renews IRIS' one-hour access tokens itself.",
      'Employees are read page by page with an explicit page size, so the larger default page IRIS introduced in February 2026 cannot make anyone go missing.',
      'The leaving date is the Employment Left Date, else the Last Working Date; the work e-mail is the organisation-owned e-mail address.',
      'Employment type comes from the contract of the active job (Full Time, Part Time).',
      'Changed employees are found by their last-modified time; IRIS allows 100 calls a minute and 144,000 a day, and the connector waits and tries again when told to slow down.',
    ],
    unverified: [
      "IRIS does not document whether former employees stay in the API: the connector lists everyone IRIS returns, and reads nobody as gone without a complete listing.",
      "The number of children and other custom data come from IRIS' User Defined Fields service, a beta IRIS enables on request (hrapi@iris.co.uk): without it no custom field is offered.",
      'The layout of user defined field values and of IRIS error answers is not published: a refusal is shown with whatever reason IRIS gives.',
      "Cascade updates reach the API with a delay (IRIS mentions daily updates for some data), so a change may show up one sync later; a job change alone may not mark the employee as changed.",
      'IRIS has no documented company or legal entity per employee, so none is offered; hierarchy nodes of the jobs are offered as a filter attribute.',
    ],
  },
  connect(credentials, { hrSystemName, context }) {
    const baseUrl = apiBase(IRIS_API_URL, credentials.baseUrl);
    const tokenUrl = credentials.tokenUrl ?? (credentials.baseUrl ? `${new URL(baseUrl).origin}/oauth2/v1/token` : IRIS_TOKEN_URL);
    const api = new HrApi({
      hrSystemName,
      baseUrl,
      auth: irisAuth({ hrSystemName, tokenUrl, clientKey: credentials.clientKey, clientSecret: credentials.clientSecret, context }),
      context,
      // 400/403/404 are read by the connector (a bad query, a missing scope, the beta service not enabled).
      classify: (r) => ([400, 403, 404].includes(r.status) ? 'ok' : undefined),
      errorMessage: (r) => irisMessage(r) ?? `HTTP ${r.status}`,
    });
    return new IrisCascadeConnector(api);
  },
});
