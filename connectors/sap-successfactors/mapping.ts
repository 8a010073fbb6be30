// Pure translation of a SuccessFactors User (with empInfo = EmpEmployment and empInfo/jobInfoNav =
// EmpJob expanded) into the unified model. Dates come as OData v2 `/Date(ms)/` (Edm.DateTime, the
// calendar day at midnight UTC) or `/Date(ms+0000)/` (Edm.DateTimeOffset). See NOTES.md.
import { asFields, invalidRecord, MalformedValueError, mapOrInvalid, orNull, readEpochMillisDate, required, textOf, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, EmploymentType, Gender, HrStatus, LegalEntityOption } from '../types';
import { EMPLOYEE_STATUSES } from './odata';

type Row = Record<string, unknown>;

export const USER_FIELDS = ['userId', 'username', 'status', 'firstName', 'lastName', 'email', 'empId', 'hireDate', 'gender', 'married', 'department', 'division', 'location', 'title', 'lastModifiedDateTime'] as const;
export const EMPLOYMENT_FIELDS = ['personIdExternal', 'startDate', 'endDate', 'lastDateWorked', 'isContingentWorker', 'originalStartDate', 'lastModifiedDateTime'] as const;
export const JOB_FIELDS = ['company', 'employmentType', 'isFulltimeEmployee', 'emplStatus', 'startDate', 'lastModifiedDateTime'] as const;

const attr = (key: string, label: string, type: AttributeOption['type'] = 'string'): AttributeOption => ({ key, label, type, custom: false });

/** Standard attributes offered for mapping and filters (keys as the mapping writes them). */
export const STANDARD_ATTRIBUTES: readonly AttributeOption[] = [
  attr('userId', 'User ID'),
  attr('username', 'Username'),
  attr('status', 'User status', 'list'),
  attr('empId', 'Employee ID'),
  attr('gender', 'Gender', 'list'),
  attr('married', 'Married', 'boolean'),
  attr('department', 'Department', 'list'),
  attr('division', 'Division', 'list'),
  attr('location', 'Location', 'list'),
  attr('title', 'Job title'),
  attr('empInfo.personIdExternal', 'Person ID'),
  attr('empInfo.startDate', 'Employment start date', 'date'),
  attr('empInfo.endDate', 'Employment end date', 'date'),
  attr('empInfo.lastDateWorked', 'Last date worked', 'date'),
  attr('empInfo.isContingentWorker', 'Contingent worker', 'boolean'),
  attr('jobInfo.company', 'Company (legal entity)', 'list'),
  attr('jobInfo.employmentType', 'Employment type (picklist)', 'list'),
  attr('jobInfo.isFulltimeEmployee', 'Full-time employee', 'boolean'),
  attr('jobInfo.emplStatus', 'Employment status (picklist)', 'list'),
];

/** User custom fields (custom01 … custom15), configured per company in the data model. */
export const CUSTOM_FIELD = /^custom\d{2}$/;

const scalar = (v: unknown): AttributeValue => (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null);

/** A single navigation (`empInfo`): the object, null when absent; a deferred (unexpanded) one is a failure. */
function single(value: unknown, field: string): Row | null {
  if (value === undefined || value === null) return null;
  const row = asFields(value);
  if (!row || '__deferred' in row) throw new TypeError(field);
  return row;
}

/** A collection navigation (`jobInfoNav`): its `results`. */
function many(value: unknown, field: string): Row[] {
  if (value === undefined || value === null) return [];
  const results = asFields(value)?.results;
  if (!Array.isArray(results)) throw new TypeError(field);
  return results.map((r) => asFields(r)).filter((r): r is Row => r !== null);
}

const day = (row: Row | null, key: string, field: string): string | null => (row ? required(readEpochMillisDate(row[key]), field, row[key]) : null);

/** The job record in effect: the latest one started (the API answers as of today: normally one). */
function currentJob(jobs: Row[]): Row | null {
  let best: { row: Row; start: string } | null = null;
  for (const row of jobs) {
    const start = orNull(readEpochMillisDate(row.startDate)) ?? '';
    if (!best || start > best.start) best = { row, start };
  }
  return best?.row ?? null;
}

const GENDERS: Readonly<Record<string, Gender | null>> = { M: 'male', F: 'female', O: 'diverse', U: null, D: null };

export function mapSuccessFactorsUser(record: unknown, today: string, companies: ReadonlyMap<string, LegalEntityOption>, customFields: readonly string[]): MappedRecord {
  const user = asFields(record);
  if (!user) return invalidRecord(null, 'record is not an object');
  const remoteId = textOf(user.userId);
  if (remoteId === null || typeof user.userId === 'object') return invalidRecord(null, 'record has no userId');
  if (!(EMPLOYEE_STATUSES as readonly unknown[]).includes(user.status)) return invalidRecord(remoteId, `status "${String(user.status)}" is not an employee's (t or f)`);
  for (const key of ['firstName', 'lastName', 'email', 'gender', 'married']) {
    if (user[key] !== null && typeof user[key] === 'object') return invalidRecord(remoteId, `field "${key}" has an unexpected shape`);
  }
  return mapOrInvalid(remoteId, () => {
    let employment: Row | null;
    let jobs: Row[];
    try {
      employment = single(user.empInfo, 'empInfo');
      jobs = many(employment?.jobInfoNav, 'empInfo/jobInfoNav');
    } catch (err) {
      throw new MalformedValueError(`${(err as Error).message} has an unexpected shape`);
    }
    const job = currentJob(jobs);
    const leavingDate = day(employment, 'endDate', 'empInfo/endDate');
    const hireDate = day(employment, 'startDate', 'empInfo/startDate') ?? orNull(readEpochMillisDate(user.hireDate));
    const companyId = job ? textOf(job.company) : null;
    const attributes: Record<string, AttributeValue> = {};
    for (const key of USER_FIELDS) if (key in user && key !== 'lastModifiedDateTime' && key !== 'hireDate') attributes[key] = scalar(user[key]);
    for (const key of customFields) if (key in user) attributes[key] = scalar(user[key]);
    if (employment) {
      attributes['empInfo.personIdExternal'] = scalar(employment.personIdExternal);
      attributes['empInfo.startDate'] = hireDate;
      attributes['empInfo.endDate'] = leavingDate;
      attributes['empInfo.lastDateWorked'] = orNull(readEpochMillisDate(employment.lastDateWorked));
      attributes['empInfo.isContingentWorker'] = scalar(employment.isContingentWorker);
    }
    if (job) for (const key of ['company', 'employmentType', 'isFulltimeEmployee', 'emplStatus']) attributes[`jobInfo.${key}`] = scalar(job[key]);
    return {
      remoteId,
      firstName: textOf(user.firstName),
      lastName: textOf(user.lastName),
      email: textOf(user.email),
      status: statusOf(user.status as string, hireDate, leavingDate, today),
      personnelNumber: textOf(employment?.personIdExternal) ?? textOf(user.empId),
      employmentType: employmentTypeOf(employment, job),
      hireDate,
      leavingDate,
      gender: typeof user.gender === 'string' ? (GENDERS[user.gender.trim().toUpperCase()] ?? null) : null,
      // User.married is a yes/no: "not married" may be single, divorced or widowed, so it says nothing.
      maritalStatus: user.married === true ? 'married' : null,
      legalEntity: companyId ? (companies.get(companyId) ?? { id: companyId, name: companyId }) : null,
      attributes,
    };
  });
}

/** t: active (onboarding before the hire date, terminated once the end date passed); f: inactive, terminated with an end date. */
export function statusOf(status: string, hireDate: string | null, leavingDate: string | null, today: string): HrStatus {
  if (status === 'f') return leavingDate ? 'terminated' : 'inactive';
  if (leavingDate && leavingDate < today) return 'terminated';
  if (hireDate && hireDate > today) return 'onboarding';
  return 'active';
}

/** Contingent workers are contractors; otherwise EmpJob.isFulltimeEmployee tells full from part time. */
export function employmentTypeOf(employment: Row | null, job: Row | null): EmploymentType | null {
  if (employment?.isContingentWorker === true) return 'CONTRACTOR';
  if (job?.isFulltimeEmployee === true) return 'FULL_TIME';
  if (job?.isFulltimeEmployee === false) return 'PART_TIME';
  return null;
}
