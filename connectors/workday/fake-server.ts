// A local Workday for tests, demos and benchmarks, answering like Workday Web Services: one POST
// endpoint per service (/ccx/service/<tenant>/Human_Resources/<version>), SOAP 1.1 envelopes parsed
// with the same XML parser as the connector, the Integration System User checked in the WS-Security
// UsernameToken (user@tenant, PasswordText; a refusal is Workday's SOAP-ENV:Client.authenticationError
// fault "invalid username or password" with HTTP 500), Get_Workers with Request_Criteria
// (Exclude_Inactive_Workers, Transaction_Log_Criteria_Data Updated_From/Updated_Through or
// Effective_From/Effective_Through),
// Response_Filter (Page, Count 1–999 default 100, As_Of_Entry_DateTime) and Response_Group, answered
// with Response_Results (Total_Results, Total_Pages, Page_Results, Page); Get_Organizations of type
// COMPANY. Assumed where Workday publishes nothing (marked [assumed] in NOTES.md): inactive workers
// are left out unless Exclude_Inactive_Workers is false; throttling is HTTP 429 with a SOAP fault
// and Retry-After; a future-dated termination shows its Termination_Date before it takes effect.
import { fakePerson, RollingWindowLimit, type FakeRequest, type FaultDialect } from '../kit/fake';
import { serveSoapFake, type SoapFakeResponse } from './fake-soap';
import { at, attrOf, child, children, idOfType, isNode, parseXml, PASSWORD_TEXT, SOAP_ENV_NS, textIn, WORKDAY_NS, xmlBoolean, type XmlNode } from './xml';
import type { FaultScript, RequestLog } from '../kit/fake';

export const FAKE_WORKDAY_TENANT = 'acme_preview';
export const FAKE_WORKDAY_ISU = 'ISU_Benefits';
export const FAKE_WORKDAY_PASSWORD = 'fake-workday-isu-password';
export const FAKE_WORKDAY_VERSION = 'v44.0';
export const NUMBER_OF_CHILDREN_CUSTOM_ID = 'Number_of_Children';
export const BADGE_CUSTOM_ID = 'Badge_ID';

export const FAKE_WORKDAY_COMPANIES = [
  { id: 'COMPANY_DE', name: 'Example GmbH' },
  { id: 'COMPANY_GB', name: 'Example Ltd' },
  { id: 'COMPANY_US', name: 'Example Inc' },
] as const;

/** One worker as the fake keeps it (rendered into Workday's Worker element on every answer). */
export interface FakeWorker {
  wid: string;
  workerId: string;
  contingent: boolean;
  firstName: string;
  lastName: string;
  workEmail: string | null;
  homeEmail: string | null;
  gender: 'Male' | 'Female' | 'Not_Declared';
  married: boolean;
  birthDate: string;
  active: boolean;
  hireDate: string;
  originalHireDate: string;
  terminated: boolean;
  terminationDate: string | null;
  lastDayOfWork: string | null;
  timeType: 'Full_time' | 'Part_time';
  companyId: string;
  customIds: Map<string, string>;
  /** When the worker was entered (As_Of_Entry_DateTime hides later ones) and last updated (ms). */
  enteredAt: number;
  updatedAt: number;
}

export interface FakeWorkdayOptions {
  /** Generated workers (deterministic, fictitious): every 5th has left, every 7th is leaving, some rehired, some future hires. */
  workers?: number;
  /** Worker elements without a Worker_Reference, listed after the first worker. */
  malformedRecords?: number;
  /** The most served per page whatever Count asks (default 999, Workday's cap). */
  maxCount?: number;
  /** Termination data directly on Worker_Status_Data (v2x–v4x as documented) or in Termination_Status_Data (other WSDLs). */
  terminationShape?: 'flat' | 'nested';
  /** A request limit per rolling window, answered 429 ([assumed]: Workday publishes none); default none. */
  rateLimit?: { requests: number; windowMs: number } | null;
  port?: number;
}

export interface RunningFakeWorkday {
  url: string;
  /** The service path every call goes to. */
  servicePath: string;
  faults: FaultScript;
  log: RequestLog;
  state: {
    workers: Map<string, FakeWorker>;
    addWorker(fields?: Partial<FakeWorker>): string;
    editWorker(wid: string, fields: Partial<FakeWorker>): void;
    /** The Get_Workers requests' criteria as the fake read them. */
    requests: { excludeInactive: boolean | null; page: number; count: number; asOf: string | null; updatedFrom: string | null; effectiveFrom: string | null }[];
  };
  close(): Promise<void>;
}

const EPOCH_PAST = Date.UTC(2026, 0, 1, 8);
const wid = (n: number) => `${n.toString(16).padStart(8, '0')}a1b2c3d4e5f60718293a4b5c`;

function generatedWorker(n: number): FakeWorker {
  const p = fakePerson(n);
  const rehired = !p.terminated && !p.leaving && n % 9 === 2;
  const futureHire = !p.terminated && !p.leaving && !rehired && n % 11 === 4;
  const hireDate = rehired ? '2024-03-01' : futureHire ? '2030-01-04' : p.hireDate;
  return {
    wid: wid(n),
    workerId: String(21000 + n),
    contingent: n % 13 === 6,
    firstName: p.firstName,
    lastName: p.lastName,
    workEmail: `${p.emailLocalPart}@example.com`,
    homeEmail: `${p.emailLocalPart}@mail.example.net`,
    gender: n % 6 === 5 ? 'Not_Declared' : n % 2 === 0 ? 'Female' : 'Male',
    married: n % 3 === 0,
    birthDate: `19${70 + (n % 25)}-0${1 + (n % 9)}-1${n % 10}`,
    active: !p.terminated && !futureHire,
    hireDate,
    originalHireDate: rehired ? p.hireDate : hireDate,
    terminated: p.terminated,
    // A rehire keeps the termination of the earlier employment: Termination_Date is the most recent one.
    terminationDate: rehired ? '2020-05-31' : p.terminationDate,
    lastDayOfWork: rehired ? '2020-05-29' : p.terminationDate,
    timeType: n % 4 === 1 ? 'Part_time' : 'Full_time',
    companyId: FAKE_WORKDAY_COMPANIES[n % FAKE_WORKDAY_COMPANIES.length].id,
    customIds: new Map([
      [NUMBER_OF_CHILDREN_CUSTOM_ID, String(n % 4)],
      [BADGE_CUSTOM_ID, `B-${n}`],
    ]),
    enteredAt: EPOCH_PAST,
    updatedAt: EPOCH_PAST,
  };
}

const ref = (descriptor: string | null, ids: [string, string][]): XmlNode => ({
  ...(descriptor ? { '@_wd:Descriptor': descriptor } : {}),
  'wd:ID': ids.map(([type, value]) => ({ '@_wd:type': type, '#text': value })),
});
const flag = (value: boolean) => (value ? '1' : '0');
/** Workday writes xsd:date with the tenant's offset. */
const day = (value: string) => `${value}-08:00`;

function emailEntry(address: string, usage: 'WORK' | 'HOME', primary: boolean): XmlNode {
  return {
    'wd:Email_Address': address,
    'wd:Usage_Data': { '@_wd:Public': flag(usage === 'WORK'), 'wd:Type_Data': { '@_wd:Primary': flag(primary), 'wd:Type_Reference': ref(usage === 'WORK' ? 'Work' : 'Home', [['Communication_Usage_Type_ID', usage]]) } },
  };
}

/** The Worker element in Workday's shapes, with the parts the Response_Group asks for. */
function renderWorker(w: FakeWorker, groups: ResponseGroups, shape: 'flat' | 'nested'): XmlNode {
  const company = FAKE_WORKDAY_COMPANIES.find((c) => c.id === w.companyId);
  const name = { 'wd:Name_Detail_Data': { '@_wd:Formatted_Name': `${w.firstName} ${w.lastName}`, 'wd:Country_Reference': ref('Germany', [['ISO_3166-1_Alpha-2_Code', 'DE']]), 'wd:First_Name': w.firstName, 'wd:Last_Name': w.lastName } };
  const termination = {
    'wd:Terminated': flag(w.terminated),
    ...(w.terminationDate ? { 'wd:Termination_Date': day(w.terminationDate) } : {}),
  };
  const status: XmlNode = {
    'wd:Active': flag(w.active),
    'wd:Hire_Date': day(w.hireDate),
    'wd:Original_Hire_Date': day(w.originalHireDate),
    ...(shape === 'flat' ? termination : {}),
    ...(w.lastDayOfWork ? { 'wd:Termination_Last_Day_of_Work': day(w.lastDayOfWork) } : {}),
    ...(shape === 'nested' ? { 'wd:Termination_Status_Data': termination } : {}),
  };
  const data: XmlNode = { 'wd:Worker_ID': w.workerId, 'wd:User_ID': w.workEmail ?? w.workerId };
  if (groups.personal) {
    data['wd:Personal_Data'] = {
      'wd:Name_Data': { 'wd:Legal_Name_Data': name, 'wd:Preferred_Name_Data': name },
      'wd:Gender_Reference': ref(w.gender.replace('_', ' '), [['Gender_Code', w.gender]]),
      'wd:Birth_Date': day(w.birthDate),
      'wd:Marital_Status_Reference': ref(w.married ? 'Married (Germany)' : 'Single (Germany)', [['Marital_Status_ID', w.married ? 'Married_Germany' : 'Single_Germany']]),
      'wd:Identification_Data': {
        'wd:Custom_ID': [...w.customIds].map(([type, value]) => ({
          'wd:Custom_ID_Reference': ref(value, []),
          'wd:Custom_ID_Data': { 'wd:ID': value, 'wd:ID_Type_Reference': ref(type.replace(/_/g, ' '), [['Custom_ID_Type_ID', type]]) },
        })),
      },
      'wd:Contact_Data': {
        'wd:Email_Address_Data': [...(w.homeEmail ? [emailEntry(w.homeEmail, 'HOME', true)] : []), ...(w.workEmail ? [emailEntry(w.workEmail, 'WORK', true)] : [])],
      },
    };
  }
  if (groups.employment) {
    data['wd:Employment_Data'] = {
      'wd:Worker_Job_Data': {
        '@_wd:Primary_Job': '1',
        'wd:Position_Data': {
          'wd:Position_ID': `P-${w.workerId}`,
          'wd:Business_Title': w.contingent ? 'Consultant' : 'Analyst',
          'wd:Worker_Type_Reference': w.contingent ? ref('Contractor', [['Contingent_Worker_Type_ID', 'Contractor']]) : ref('Regular', [['Employee_Type_ID', 'Regular']]),
          'wd:Position_Time_Type_Reference': ref(w.timeType.replace('_', '-'), [['Position_Time_Type_ID', w.timeType]]),
        },
      },
      'wd:Worker_Status_Data': status,
    };
  }
  if (groups.organizations && company) {
    const org = (id: string, orgName: string, type: string) => ({
      'wd:Organization_Reference': ref(orgName, [['Organization_Reference_ID', id]]),
      'wd:Organization_Data': { 'wd:Organization_Reference_ID': id, 'wd:Organization_Name': orgName, 'wd:Organization_Type_Reference': ref(null, [['Organization_Type_ID', type]]) },
    });
    data['wd:Organization_Data'] = { 'wd:Worker_Organization_Data': [org(company.id, company.name, 'COMPANY'), org(`SUP_${w.companyId}`, `Team ${company.name}`, 'SUPERVISORY')] };
  }
  const idType = w.contingent ? 'Contingent_Worker_ID' : 'Employee_ID';
  return {
    ...(groups.reference ? { 'wd:Worker_Reference': ref(`${w.firstName} ${w.lastName} (${w.workerId})`, [['WID', w.wid], [idType, w.workerId]]) } : {}),
    'wd:Worker_Data': data,
  };
}

interface ResponseGroups {
  reference: boolean;
  personal: boolean;
  employment: boolean;
  organizations: boolean;
}

/** Response_Group flags; without any, Workday's default (reference, personal, employment, organizations, …). */
function responseGroups(group: unknown): ResponseGroups {
  if (!isNode(group)) return { reference: true, personal: true, employment: true, organizations: true };
  const on = (name: string) => xmlBoolean(child(group, name)) === true;
  return { reference: on('Include_Reference'), personal: on('Include_Personal_Information'), employment: on('Include_Employment_Information'), organizations: on('Include_Organizations') };
}

const envelope = (body: XmlNode): XmlNode => ({ 'SOAP-ENV:Envelope': { '@_xmlns:SOAP-ENV': SOAP_ENV_NS, 'SOAP-ENV:Body': body } });

/** Workday's SOAP fault (HTTP 500 unless said otherwise), with a Validation_Fault for validation errors. */
export function soapFault(code: string, reason: string, status = 500, headers?: Record<string, string>): SoapFakeResponse {
  const detail = code.endsWith('validationError') ? { detail: { 'wd:Validation_Fault': { 'wd:Validation_Error': { 'wd:Message': reason, 'wd:Detail_Message': reason } } } } : {};
  return {
    status,
    headers,
    body: envelope({ 'SOAP-ENV:Fault': { '@_xmlns:wd': WORKDAY_NS, faultcode: code, faultstring: reason, ...detail } }),
  };
}

const refused = () => soapFault('SOAP-ENV:Client.authenticationError', 'invalid username or password');
const invalid = (message: string) => soapFault('SOAP-ENV:Client.validationError', message);

function wholeNumber(node: unknown, fallback: number): number | null {
  const text = textIn(node);
  if (text === null) return fallback;
  return typeof text === 'string' && /^\d+$/.test(text) ? Number(text) : null;
}

export async function startFakeWorkday(options: FakeWorkdayOptions = {}): Promise<RunningFakeWorkday> {
  const servicePath = `/ccx/service/${FAKE_WORKDAY_TENANT}/Human_Resources/${FAKE_WORKDAY_VERSION}`;
  const maxCount = Math.min(999, options.maxCount ?? 999);
  const shape = options.terminationShape ?? 'flat';
  const limiter = options.rateLimit ? new RollingWindowLimit(options.rateLimit.requests, options.rateLimit.windowMs) : null;
  const workers = new Map<string, FakeWorker>();
  /** Listing order; malformed entries (no reference) live only here. */
  const rows: (FakeWorker | 'malformed')[] = [];
  const requests: RunningFakeWorkday['state']['requests'] = [];
  let lastN = 0;
  for (let n = 1; n <= (options.workers ?? 20); n++) {
    const w = generatedWorker(n);
    workers.set(w.wid, w);
    rows.push(w);
    if (n === 1) for (let i = 0; i < (options.malformedRecords ?? 0); i++) rows.push('malformed');
    lastN = n;
  }

  const state: RunningFakeWorkday['state'] = {
    workers,
    requests,
    addWorker(fields = {}) {
      const w = { ...generatedWorker(++lastN), enteredAt: Date.now(), updatedAt: Date.now(), ...fields };
      workers.set(w.wid, w);
      rows.push(w);
      return w.wid;
    },
    editWorker(id, fields) {
      const w = workers.get(id);
      if (!w) throw new Error(`fake Workday has no worker ${id}`);
      Object.assign(w, fields, { updatedAt: Date.now() });
    },
  };

  /** The ISU of the WS-Security header is this tenant's, with its password as PasswordText. */
  function signedIn(doc: XmlNode): boolean {
    const token = at(doc, 'Envelope', 'Header', 'Security', 'UsernameToken');
    const password = child(token, 'Password');
    const type = attrOf(password, 'Type');
    return textIn(child(token, 'Username')) === `${FAKE_WORKDAY_ISU}@${FAKE_WORKDAY_TENANT}` && textIn(password) === FAKE_WORKDAY_PASSWORD && (type === null || type === PASSWORD_TEXT);
  }

  function getWorkers(request: XmlNode): SoapFakeResponse {
    const criteria = child(request, 'Request_Criteria');
    const filter = child(request, 'Response_Filter');
    const page = wholeNumber(child(filter, 'Page'), 1);
    const count = wholeNumber(child(filter, 'Count'), 100);
    if (page === null || page === 0) return invalid('Page number cannot be zero.');
    if (count === null || count < 1 || count > 999) return invalid('Any values you set must be between 1-999.');
    const asOfText = textIn(child(filter, 'As_Of_Entry_DateTime'));
    const asOf = typeof asOfText === 'string' ? Date.parse(asOfText) : Number.NaN;
    const range = at(criteria, 'Transaction_Log_Criteria_Data', 'Transaction_Date_Range_Data');
    const from = textIn(child(range, 'Updated_From'));
    const through = textIn(child(range, 'Updated_Through'));
    const effectiveFrom = textIn(child(range, 'Effective_From'));
    const effectiveThrough = textIn(child(range, 'Effective_Through'));
    const excludeInactive = xmlBoolean(child(criteria, 'Exclude_Inactive_Workers'));
    const str = (v: string | null | undefined) => (typeof v === 'string' ? v : null);
    requests.push({ excludeInactive: excludeInactive ?? null, page, count, asOf: str(asOfText), updatedFrom: str(from), effectiveFrom: str(effectiveFrom) });
    const matching = rows.filter((row) => {
      if (row === 'malformed') return range === undefined;
      // [assumed] An effective-dated change (hire, termination) counts on its day, whenever it was entered.
      if (typeof effectiveFrom === 'string' && typeof effectiveThrough === 'string') {
        const days = [row.hireDate, row.terminationDate].filter((d): d is string => d !== null);
        if (!days.some((d) => d >= effectiveFrom.slice(0, 10) && d <= effectiveThrough.slice(0, 10))) return false;
      }
      if (!Number.isNaN(asOf) && row.enteredAt > asOf) return false;
      // [assumed] Without Exclude_Inactive_Workers=false, terminated workers are left out (the worst case).
      if (excludeInactive !== false && !row.active && row.terminated) return false;
      if (typeof from === 'string' && row.updatedAt < Date.parse(from)) return false;
      if (typeof through === 'string' && row.updatedAt > Date.parse(through)) return false;
      return true;
    });
    const served = Math.min(count, maxCount);
    const totalPages = Math.ceil(matching.length / served);
    const groups = responseGroups(child(request, 'Response_Group'));
    const pageRows = matching.slice((page - 1) * served, page * served);
    const rendered = pageRows.map((row) => (row === 'malformed' ? { 'wd:Worker_Data': { 'wd:Worker_ID': 'ORPHAN' } } : renderWorker(row, groups, shape)));
    return {
      status: 200,
      body: envelope({
        'wd:Get_Workers_Response': {
          '@_xmlns:wd': WORKDAY_NS,
          '@_wd:version': FAKE_WORKDAY_VERSION,
          'wd:Response_Filter': { 'wd:Page': String(page), 'wd:Count': String(served), ...(typeof asOfText === 'string' ? { 'wd:As_Of_Entry_DateTime': asOfText } : {}) },
          'wd:Response_Results': { 'wd:Total_Results': String(matching.length), 'wd:Total_Pages': String(totalPages), 'wd:Page_Results': String(rendered.length), 'wd:Page': String(page) },
          'wd:Response_Data': rendered.length ? { 'wd:Worker': rendered } : '',
        },
      }),
    };
  }

  function getOrganizations(request: XmlNode): SoapFakeResponse {
    const types = children(child(request, 'Request_Criteria'), 'Organization_Type_Reference').map((r) => idOfType(r, 'Organization_Type_ID'));
    const companies = types.length === 0 || types.includes('COMPANY') ? FAKE_WORKDAY_COMPANIES : [];
    return {
      status: 200,
      body: envelope({
        'wd:Get_Organizations_Response': {
          '@_xmlns:wd': WORKDAY_NS,
          '@_wd:version': FAKE_WORKDAY_VERSION,
          'wd:Response_Results': { 'wd:Total_Results': String(companies.length), 'wd:Total_Pages': companies.length ? '1' : '0', 'wd:Page_Results': String(companies.length), 'wd:Page': '1' },
          'wd:Response_Data': {
            'wd:Organization': companies.map((c) => ({
              'wd:Organization_Reference': ref(c.name, [['Organization_Reference_ID', c.id]]),
              'wd:Organization_Data': { 'wd:Organization_Reference_ID': c.id, 'wd:Organization_Name': c.name, 'wd:Organization_Type_Reference': ref('Company', [['Organization_Type_ID', 'COMPANY']]) },
            })),
          },
        },
      }),
    };
  }

  function handle(req: FakeRequest): SoapFakeResponse {
    if (req.url.pathname !== servicePath) return { status: 404, headers: { 'content-type': 'text/html' }, body: '<html><body>Not Found</body></html>' };
    if (req.method !== 'POST') return { status: 405, headers: { 'content-type': 'text/html' }, body: '<html><body>Method Not Allowed</body></html>' };
    if (limiter && !limiter.allow()) return throttled(undefined);
    const doc = parseXml(req.body);
    if (!doc || !isNode(at(doc, 'Envelope', 'Body'))) return soapFault('SOAP-ENV:Client', 'The request is not a well-formed SOAP message');
    if (!signedIn(doc)) return refused();
    const body = at(doc, 'Envelope', 'Body') as XmlNode;
    const workersRequest = child(body, 'Get_Workers_Request');
    if (isNode(workersRequest)) return attrOf(workersRequest, 'version') ? getWorkers(workersRequest) : invalid('version attribute is required');
    const organizationsRequest = child(body, 'Get_Organizations_Request');
    if (isNode(organizationsRequest)) return getOrganizations(organizationsRequest);
    return invalid('The web service operation is not known to Human_Resources');
  }

  // [assumed] A throttle is HTTP 429 with a SOAP fault, with Retry-After where the script gives one.
  const throttled = (retryAfterSeconds: number | undefined) =>
    soapFault('SOAP-ENV:Server', 'Too many requests', 429, retryAfterSeconds === undefined ? undefined : { 'retry-after': String(retryAfterSeconds) });
  const dialect: FaultDialect = {
    throttled: (retryAfterSeconds) => throttled(retryAfterSeconds),
    // [assumed] 503 is the maintenance page (HTML), 500 a server fault.
    unavailable: (status) =>
      status === 503 ? { status, headers: { 'content-type': 'text/html' }, body: '<html><body>Workday is currently unavailable.</body></html>' } : soapFault('SOAP-ENV:Server', 'An internal error occurred', status),
  };

  const server = await serveSoapFake({
    handle,
    dialect,
    records: (body) => {
      const data = at(body, 'SOAP-ENV:Envelope', 'SOAP-ENV:Body', 'wd:Get_Workers_Response', 'wd:Response_Data');
      const list = isNode(data) ? data['wd:Worker'] : undefined;
      return Array.isArray(list) ? list : undefined;
    },
    port: options.port,
  });
  return { url: server.url, servicePath, faults: server.faults, log: server.log, state, close: () => server.close() };
}
