// Pure translation of IRIS HR API v2 records (EmployeeModel of GET /employees, JobModel of GET /jobs,
// values of the User Defined Fields service) into the unified model. Field names are IRIS'
// PascalCase; every date is an OData date-time, read as the calendar day written.
import { asFields, employmentTypeFromLabel, invalidRecord, mapOrInvalid, maritalStatusFromLabel, orNull, rawId, readCalendarDate, required, textOf, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, Gender, HrStatus } from '../types';

/** Standard employee fields offered as attributes (filters, mapping), by IRIS' names. */
export const EMPLOYEE_ATTRIBUTES: readonly AttributeOption[] = [
  attr('SourceSystemId', 'Cascade employee ID'),
  attr('DisplayId', 'Display ID (personnel number)'),
  attr('FirstName', 'First name'),
  attr('KnownAs', 'Known as'),
  attr('LastName', 'Last name'),
  attr('Gender', 'Gender', 'list'),
  attr('MaritalStatus', 'Marital status', 'list'),
  attr('CostCentre', 'Cost centre', 'list'),
  attr('PayrollId', 'Payroll ID'),
  attr('IsManager', 'Is a manager', 'boolean'),
  attr('IncludeInPayroll', 'Included in payroll', 'boolean'),
  attr('WorkingStatus', 'Working status (e.g. On Holiday)', 'list'),
  attr('EmploymentStartDate', 'Employment start date', 'date'),
  attr('ContinuousServiceDate', 'Continuous service date', 'date'),
  attr('EmploymentLeftDate', 'Employment left date', 'date'),
  attr('LastWorkingDate', 'Last working date', 'date'),
  attr('LeaverReason', 'Leaver reason', 'list'),
  attr('Nationality', 'Nationality', 'list'),
  attr('job.Contract', 'Contract of the active job (e.g. Full Time)', 'list'),
  attr('job.JobTitle', 'Job title of the active job', 'list'),
  attr('job.HierarchyNodeId', 'Hierarchy node of the active job'),
  attr('job.NormalHours', 'Normal hours of the active job', 'number'),
];

const DATE_ATTRIBUTES = new Set(EMPLOYEE_ATTRIBUTES.filter((a) => a.type === 'date').map((a) => a.key));

function attr(key: string, label: string, type: AttributeOption['type'] = 'string'): AttributeOption {
  return { key, label, type, custom: false };
}

/** The attribute key of a user defined field (screen + field name, as IRIS names them). */
export function udfKey(schema: string | null, field: string): string {
  return schema ? `udf.${schema}.${field}` : `udf.${field}`;
}

/** One user defined field value: { EmployeeId, SchemaName, FieldName, Value } (shape unverified, NOTES.md). */
export function readUdfValue(record: unknown): { employeeId: string; key: string; label: string; value: AttributeValue } | null {
  const fields = asFields(record);
  const employeeId = rawId(fields, 'EmployeeId');
  const field = textOf(fields?.FieldName);
  if (!fields || employeeId === null || field === null) return null;
  const schema = textOf(fields.SchemaName);
  const value = fields.Value;
  return { employeeId, key: udfKey(schema, field), label: schema ? `${field} (${schema})` : field, value: scalar(value) ?? null };
}

/** The job that counts for an employee: the active one, else the latest started. */
export function currentJob(jobs: readonly Record<string, unknown>[]): Record<string, unknown> | undefined {
  const active = jobs.filter((j) => j.Active === true);
  const pool = active.length ? active : jobs;
  return [...pool].sort((a, b) => String(b.StartDate ?? '').localeCompare(String(a.StartDate ?? '')))[0];
}

/** IRIS' Gender is a company list translated to text; only clear labels are read. */
export function genderOf(label: string | null): Gender | null {
  if (!label) return null;
  if (/^m(ale)?$/i.test(label)) return 'male';
  if (/^f(emale)?$/i.test(label)) return 'female';
  if (/non.?binary|diverse|other/i.test(label)) return 'diverse';
  return null;
}

/** The work e-mail: the Emails entry owned by the organization (a personal one is never used). */
export function workEmailOf(emails: unknown): string | null {
  if (emails === undefined || emails === null) return null;
  if (!Array.isArray(emails)) throw new MalformedEmails();
  const work = emails.map(asFields).find((e) => e?.Ownership === 'Organization' && textOf(e.Value) !== null);
  return work ? textOf(work.Value) : null;
}

class MalformedEmails extends Error {}

/**
 * Maps one employee with its current job and user defined field values. The leaving date is
 * EmploymentLeftDate, else LastWorkingDate; a value there that is not a date makes the record
 * invalid (never "not leaving"). `today` (YYYY-MM-DD) tells a passed leaving date from a planned one.
 */
export function mapIrisEmployee(record: unknown, job: Record<string, unknown> | undefined, udf: ReadonlyMap<string, AttributeValue> | undefined, today: string): MappedRecord {
  const employee = asFields(record);
  if (!employee) return invalidRecord(null, 'record is not an object');
  const remoteId = rawId(employee, 'Id');
  if (remoteId === null) return invalidRecord(null, 'record has no Id');
  let email: string | null;
  try {
    email = workEmailOf(employee.Emails);
  } catch {
    return invalidRecord(remoteId, 'field "Emails" has an unexpected shape');
  }
  return mapOrInvalid(remoteId, () => {
    const left = required(readCalendarDate(employee.EmploymentLeftDate), 'EmploymentLeftDate', employee.EmploymentLeftDate);
    const lastWorking = required(readCalendarDate(employee.LastWorkingDate), 'LastWorkingDate', employee.LastWorkingDate);
    const leavingDate = left ?? lastWorking;
    const attributes: Record<string, AttributeValue> = {};
    for (const { key } of EMPLOYEE_ATTRIBUTES) {
      const source = key.startsWith('job.') ? job?.[key.slice(4)] : employee[key];
      const value = DATE_ATTRIBUTES.has(key) ? orNull(readCalendarDate(source)) : scalar(source);
      if (value !== undefined) attributes[key] = value;
    }
    for (const [key, value] of udf ?? []) attributes[key] = value;
    return {
      remoteId,
      firstName: textOf(employee.FirstName),
      lastName: textOf(employee.LastName),
      email,
      status: statusOf(leavingDate, today),
      personnelNumber: textOf(employee.DisplayId),
      employmentType: employmentTypeFromLabel(textOf(job?.Contract)),
      hireDate: orNull(readCalendarDate(employee.EmploymentStartDate)),
      leavingDate,
      gender: genderOf(textOf(employee.Gender)),
      legalEntity: null,
      maritalStatus: maritalStatusFromLabel(textOf(employee.MaritalStatus)),
      attributes,
    };
  });
}

function statusOf(leavingDate: string | null, today: string): HrStatus {
  return leavingDate !== null && leavingDate < today ? 'terminated' : 'active';
}

function scalar(value: unknown): AttributeValue | undefined {
  if (value === undefined) return undefined;
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
}
