// Deterministic, invented SuccessFactors data for the fake: Users with their employment (EmpEmployment)
// and job (EmpJob) in the OData v2 JSON shapes (dates as /Date(ms)/, collections as { results }),
// the companies (FOCompany) and the User $metadata. Person n always looks the same.
import { fakePerson } from '../kit/fake';

export type Row = Record<string, unknown>;

export const FAKE_COMPANIES: readonly Row[] = [
  { externalCode: 'DE01', name: 'Example GmbH', status: 'A', country: 'DEU' },
  { externalCode: 'AT01', name: 'Example Austria GmbH', status: 'A', country: 'AUT' },
  { externalCode: 'CH01', name: 'Example AG', status: 'I', country: 'CHE' },
];

/** Custom fields the fake company configured on User (key → label). */
export const NUMBER_OF_CHILDREN_FIELD = 'custom05';
export const COST_CENTRE_FIELD = 'custom02';

/** A long-past change time for generated records, so a change listing finds nobody until an edit. */
export const GENERATED_AT = Date.UTC(2024, 0, 15, 8, 0, 0);

export const edmDate = (day: string | null): string | null => (day === null ? null : `/Date(${Date.parse(`${day}T00:00:00Z`)})/`);
export const edmInstant = (ms: number): string => `/Date(${ms}+0000)/`;
/** Epoch ms of an OData v2 date, or NaN. */
export const edmMillis = (value: unknown): number => Number(/^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(String(value))?.[1] ?? NaN);

export const fakeUserId = (n: number): string => `1${String(n).padStart(5, '0')}`;

/** Generated person n (1-based) as a User with empInfo and empInfo/jobInfoNav. */
export function generatedUser(n: number): Row {
  const p = fakePerson(n);
  const userId = fakeUserId(n);
  const company = FAKE_COMPANIES[n % FAKE_COMPANIES.length];
  const changed = edmInstant(GENERATED_AT);
  const job: Row = {
    userId,
    seqNumber: '1',
    startDate: edmDate(p.hireDate),
    company: company.externalCode,
    employmentType: n % 4 === 1 ? '2602' : '2601',
    isFulltimeEmployee: n % 4 !== 1,
    emplStatus: p.terminated ? '20003' : '20001',
    lastModifiedDateTime: changed,
  };
  return {
    userId,
    username: `${p.firstName}.${p.lastName}.${n}`.toLowerCase(),
    status: p.terminated ? 'f' : 't',
    firstName: p.firstName,
    lastName: p.lastName,
    email: `${p.emailLocalPart}@example.com`,
    empId: userId,
    hireDate: edmDate(p.hireDate),
    gender: ['M', 'F', 'U'][n % 3],
    married: n % 3 === 0,
    department: ['Delivery', 'Finance', 'People'][n % 3],
    division: 'Operations',
    location: company.country === 'DEU' ? 'Berlin' : company.country === 'AUT' ? 'Wien' : 'Zürich',
    title: n % 3 === 0 ? 'Engineer' : 'Analyst',
    [COST_CENTRE_FIELD]: `CC-${100 + (n % 7)}`,
    [NUMBER_OF_CHILDREN_FIELD]: n % 5 === 2 ? null : String(n % 4),
    lastModifiedDateTime: changed,
    empInfo: {
      personIdExternal: `8${String(n).padStart(5, '0')}`,
      userId,
      startDate: edmDate(p.hireDate),
      originalStartDate: edmDate(p.hireDate),
      endDate: edmDate(p.terminationDate),
      lastDateWorked: edmDate(p.terminationDate),
      isContingentWorker: n % 13 === 6,
      lastModifiedDateTime: changed,
      jobInfoNav: { results: [job] },
    },
  };
}

/** External users every instance may have: a 360-review rater (T) and an Onboarding 2.0 user (e). */
export function externalUsers(): Row[] {
  return [
    { ...generatedUser(9001), userId: 'ext360rater', status: 'T', empInfo: null, email: 'rater@partner.example.net' },
    { ...generatedUser(9002), userId: 'onb2candidate', status: 'e', empInfo: null, email: 'candidate@mail.example.net' },
  ];
}

export const USER_PROPERTIES = ['userId', 'username', 'status', 'firstName', 'lastName', 'email', 'empId', 'hireDate', 'gender', 'married', 'department', 'division', 'location', 'title', 'country', 'lastModifiedDateTime'];
export const EMPLOYMENT_PROPERTIES = ['personIdExternal', 'userId', 'startDate', 'originalStartDate', 'endDate', 'lastDateWorked', 'isContingentWorker', 'lastModifiedDateTime'];
export const JOB_PROPERTIES = ['userId', 'seqNumber', 'startDate', 'company', 'employmentType', 'isFulltimeEmployee', 'emplStatus', 'lastModifiedDateTime'];
export const COMPANY_PROPERTIES = ['externalCode', 'name', 'status', 'country'];

const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** GET /odata/v2/User/$metadata: the User entity type, custom fields with the company's labels. */
export function userMetadata(customFields: ReadonlyMap<string, string>): string {
  const property = (name: string, type: string, label: string) => `<Property Name="${name}" Type="${type}" Nullable="true" sap:label="${esc(label)}"/>`;
  const standard = USER_PROPERTIES.map((name) => property(name, name === 'married' ? 'Edm.Boolean' : /Date|hireDate/.test(name) ? 'Edm.DateTime' : 'Edm.String', name));
  const custom = [...customFields].map(([name, label]) => property(name, 'Edm.String', label));
  return (
    `<?xml version="1.0" encoding="utf-8"?><edmx:Edmx Version="1.0" xmlns:edmx="http://schemas.microsoft.com/ado/2007/06/edmx" xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata" xmlns:sap="http://www.sap.com/Protocols/SAPData">` +
    `<edmx:DataServices m:DataServiceVersion="2.0"><Schema Namespace="SFOData" xmlns="http://schemas.microsoft.com/ado/2008/09/edm">` +
    `<EntityType Name="User"><Key><PropertyRef Name="userId"/></Key>${[...standard, ...custom].join('')}` +
    `<NavigationProperty Name="empInfo" Relationship="SFOData.user_empInfo" FromRole="User" ToRole="EmpEmployment"/></EntityType>` +
    `</Schema></edmx:DataServices></edmx:Edmx>`
  );
}
