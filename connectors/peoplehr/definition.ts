// PeopleHR (Access People HR): an administrator generates an API key in Settings › API, with read
// access to the employee data. The key travels in the JSON body of every call, not in a header.
import { z } from 'zod';
import { apiBase } from '../http';
import { defineHrSystem, headerAuth, HrApi } from '../kit';
import { isKeyRefusal, isThrottled, peopleHrMessage, readAnswer } from './answers';
import { PeopleHrConnector } from './connector';

export const PEOPLEHR_API_URL = 'https://api.peoplehr.net';

export const peopleHrCredentials = z.object({
  apiKey: z.string().trim().min(1, 'the API key from PeopleHR Settings › API'),
  /** Replaces https://api.peoplehr.net (the local fake). */
  baseUrl: z.url().optional(),
});

export type PeopleHrCredentials = z.infer<typeof peopleHrCredentials>;

export const peopleHr = defineHrSystem({
  id: 'peoplehr',
  name: 'PeopleHR',
  credentialsSchema: peopleHrCredentials,
  // Leaving date from LeavingDate, hire date from StartDate, personnel number = EmployeeId, legal
  // entity from Company, employment type from EmploymentType. No marital status or number of children
  // in the employee list: those come from a mapped API column.
  supportedFields: ['firstName', 'lastName', 'email', 'status', 'personnelNumber', 'employmentType', 'hireDate', 'leavingDate', 'gender', 'legalEntity'],
  secretKeys: ['apiKey'],
  notes: {
    verified: [
      'Every sync reads all employees including leavers (IncludeLeavers), each leaver with their leaving date.',
      "PeopleHR reports errors inside normal answers: a refused API key is shown with PeopleHR's message, never as an empty employee list.",
      'PeopleHR allows 30 calls a minute per IP address; the connector needs one call per sync and waits and tries again when told to slow down.',
      'Companies (the Company field) are offered as legal entities; custom data comes from the five API columns set up in Settings › API.',
    ],
    unverified: [
      "The wording of PeopleHR's rate-limit message is not published: a message about the limit is treated as 'slow down'.",
      'The date format of the answers is not published; ISO dates and UK dates (dd/mm/yyyy) are read.',
      'The Employee ID is the only identifier: if it is changed in PeopleHR, that person looks like a leaver plus a new hire.',
      'PeopleHR has no changed-since filter: every sync reads everyone.',
      "Changes are not pushed: PeopleHR's webhook listener is set by an admin in PeopleHR's settings and no signature is published for its deliveries, so changes wait for the next scheduled sync.",
    ],
  },
  connect(credentials, { hrSystemName, context }) {
    const api = new HrApi({
      hrSystemName,
      baseUrl: apiBase(PEOPLEHR_API_URL, credentials.baseUrl),
      // The key goes in each request body (connector.ts), no header.
      auth: headerAuth({}),
      context,
      // An error inside a 200: the rate limit is retried as a throttle; a refused key is final.
      classify: (r) => (r.status === 200 && isThrottled(readAnswer(r.body)) ? 'rate-limited' : undefined),
      refusal: (r) => (isKeyRefusal(readAnswer(r.body)) ? `refused the credentials: ${peopleHrMessage(r) ?? 'the API key is not valid'}` : undefined),
      errorMessage: (r) => peopleHrMessage(r) ?? `HTTP ${r.status}`,
    });
    return new PeopleHrConnector(api, credentials.apiKey);
  },
});
