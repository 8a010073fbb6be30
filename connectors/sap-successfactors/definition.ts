// SAP SuccessFactors: OAuth 2.0 with a SAML 2.0 bearer assertion, the authentication SAP publishes
// for the OData API (Basic authentication is deprecated, and SAP's /oauth/idp assertion service is
// deprecated and removed). The admin registers an OAuth client application in SuccessFactors
// (Admin Center → Manage OAuth2 Client Applications) with an X.509 certificate, and enters its API key,
// the company ID, the API server of the data centre, the user ID the API acts as, and the private key
// of that certificate. The connector signs the assertion itself (see saml-assertion.ts, NOTES.md).
//
// Defensive readings (NOTES.md): only internal users (status t, f) are employees; an inactive user
// without an employment end date is inactive, never a leaver; "not married" is unknown. Unverified:
// the token refusal body's field names, the assertion details beyond SAP's sample tools, the entity
// $metadata URL for the custom field labels, and FOCompany's field names.
import { z } from 'zod';
import { apiBase, type HttpResponse } from '../http';
import { defineHrSystem, HrApi, tokenExchangeAuth } from '../kit';
import { SuccessFactorsConnector } from './connector';
import { errorMessage, handsBackClientError, tokenRefusalReason } from './odata';
import { SAML_BEARER_GRANT, signedAssertion } from './saml-assertion';

const credentialsSchema = z.object({
  /** The data centre's API server, e.g. https://api012.successfactors.eu (SAP's "List of API Servers"). */
  apiServer: z.url(),
  /** Company ID, as on the login page (case-sensitive). */
  companyId: z.string().trim().min(1),
  /** API key of the registered OAuth client application (sent as client_id and in the assertion). */
  clientId: z.string().trim().min(1),
  /** userId of the API user the connector acts as (needs read permission on the employee data). */
  userId: z.string().trim().min(1),
  /** PEM private key of the X.509 certificate uploaded with the OAuth client. */
  privateKey: z.string().min(1),
  /** Replaces apiServer (proxies, the local fake); the connector adds /oauth/token and /odata/v2. */
  baseUrl: z.url().optional(),
});

export type SuccessFactorsCredentials = z.infer<typeof credentialsSchema>;

/** 403 is SAP's "no permission" (LGN0002 and others): a refusal with SAP's reason, and what the user needs. */
function refusal(res: HttpResponse): string | undefined {
  if (res.status !== 403) return undefined;
  return `refused the credentials: ${errorMessage(res)} (the API user needs OData API access and read permission on users, employment and job information, and companies)`;
}

export const sapSuccessFactors = defineHrSystem({
  id: 'sap-successfactors',
  name: 'SAP SuccessFactors',
  credentialsSchema,
  // Names, e-mail, gender and "married" from User; hire and end date, contingent worker and person ID
  // from EmpEmployment; company and full time from EmpJob. Marital status is only "married" or unknown
  // (User.married); the number of children needs a mapped custom field (custom01 … custom15).
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'employmentType', 'hireDate', 'leavingDate', 'gender', 'legalEntity', 'maritalStatus'],
  secretKeys: ['privateKey'],
  notes: {
    verified: [
      'The connector signs in with your registered OAuth client and its certificate (SAML bearer assertion), the sign-in SAP documents for this API.',
      'SAP hides inactive users unless asked, so active and inactive users are both read (status t, f); external users (T, e, d) are left out.',
      "The leaving date is the employment's end date (endDate); the last day worked (lastDateWorked) is only an extra field.",
      "Employees are read page by page with SAP's snapshot paging (paging=snapshot), as SAP recommends.",
      'Between complete listings, changes to the user, the employment and the job are each checked (lastModifiedDateTime).',
    ],
    unverified: [
      'Married (married) false shows as unknown: it may mean single, divorced or widowed.',
      'How long SAP keeps a page-by-page listing open is not published: a sync resumed after a long pause may be refused.',
      'A job change dated in the future shows only at the next complete listing after its date.',
      "SAP's gender codes are assumed (M, F, O): any other code leaves the gender empty.",
      "The field names of SAP's company list (FOCompany) and of custom field labels are assumed, not read in SAP's description.",
    ],
  },
  connect(credentials, { hrSystemName, context }) {
    const base = apiBase(credentials.apiServer, credentials.baseUrl);
    const tokenUrl = `${base}/oauth/token`;
    const auth = tokenExchangeAuth({
      hrSystemName,
      url: tokenUrl,
      // A new assertion for every token request: it is valid for ten minutes only.
      form: () =>
        new URLSearchParams({
          company_id: credentials.companyId,
          client_id: credentials.clientId,
          grant_type: SAML_BEARER_GRANT,
          assertion: signedAssertion({ clientId: credentials.clientId, userId: credentials.userId, tokenUrl, privateKey: credentials.privateKey, hrSystemName }),
        }),
      refusedStatuses: [400, 401, 403],
      refusalReason: tokenRefusalReason,
      refused: 'access token',
      context,
    });
    return new SuccessFactorsConnector(
      new HrApi({ hrSystemName, baseUrl: `${base}/odata/v2`, auth, context, classify: (r) => (r.status === 403 || handsBackClientError(r.status) ? 'ok' : undefined), refusal, errorMessage }),
    );
  },
});
