// Pure translation of PeopleHR employees (POST /Employee, Action GetAllEmployeeDetail) into the
// unified model. Most fields come as { DisplayValue } objects (FirstName.DisplayValue); LeavingDate,
// ReasonForLeaving and the five API columns (APIColumn1…5, filled as set up in PeopleHR's settings)
// as plain strings. Dates are calendar days (ISO, or dd/mm/yyyy as PeopleHR shows them in the UK).
import { asFields, employmentTypeFromLabel, invalidRecord, mapOrInvalid, MalformedValueError, textOf, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, Gender, HrStatus } from '../types';

export const API_COLUMNS = ['APIColumn1', 'APIColumn2', 'APIColumn3', 'APIColumn4', 'APIColumn5'] as const;

/** Display-value fields offered as attributes (filters, mapping). */
const DISPLAY_FIELDS: ReadonlyArray<[key: string, label: string, type?: AttributeOption['type']]> = [
  ['EmployeeId', 'Employee ID'],
  ['Title', 'Title', 'list'],
  ['FirstName', 'First name'],
  ['LastName', 'Last name'],
  ['KnownAs', 'Known as'],
  ['EmailId', 'E-mail'],
  ['StartDate', 'Start date', 'date'],
  ['JobRole', 'Job role', 'list'],
  ['Company', 'Company', 'list'],
  ['Location', 'Location', 'list'],
  ['Department', 'Department', 'list'],
  ['EmploymentType', 'Employment type', 'list'],
  ['EmployeeStatus', 'Employee status', 'list'],
  ['Gender', 'Gender', 'list'],
  ['Nationality', 'Nationality', 'list'],
  ['ReportsTo', 'Reports to'],
  ['ProbationEndDate', 'Probation end date', 'date'],
  ['NoticePeriod', 'Notice period'],
];
const PLAIN_FIELDS: ReadonlyArray<[key: string, label: string, type?: AttributeOption['type']]> = [
  ['LeavingDate', 'Leaving date', 'date'],
  ['ReasonForLeaving', 'Reason for leaving', 'list'],
];

export const EMPLOYEE_ATTRIBUTES: readonly AttributeOption[] = [...DISPLAY_FIELDS, ...PLAIN_FIELDS].map(([key, label, type]) => ({ key, label, type: type ?? 'string', custom: false }));

/** The API columns: custom fields a PeopleHR admin assigns in Settings › API (which field each holds is theirs to say). */
export const API_COLUMN_ATTRIBUTES: readonly AttributeOption[] = API_COLUMNS.map((key, i) => ({ key, label: `API column ${i + 1}`, type: 'string', custom: true }));

/** A field's display value: `{ DisplayValue }`, or a plain scalar; null when empty; malformed otherwise. */
export function displayValue(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'object' && !Array.isArray(value)) return textOf((value as { DisplayValue?: unknown }).DisplayValue);
  if (typeof value === 'string' || typeof value === 'number') return textOf(value);
  throw new MalformedValueError(`field "${field}" has an unexpected shape`);
}

/** A calendar day as PeopleHR writes it: YYYY-MM-DD (optionally with a time) or dd/mm/yyyy; null blank; MalformedValueError otherwise. */
export function peopleHrDate(value: string | null, field: string): string | null {
  if (value === null) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  const uk = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : uk ? [uk[3], uk[2], uk[1]] : [];
  if (y === undefined) throw new MalformedValueError(`${field} "${value}" is not a date`);
  if (y === '0001' || y === '9999') return null;
  const check = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (check.getUTCMonth() !== Number(m) - 1 || check.getUTCDate() !== Number(d)) throw new MalformedValueError(`${field} "${value}" is not a date`);
  return `${y}-${m}-${d}`;
}

export function genderOf(label: string | null): Gender | null {
  if (!label) return null;
  if (/^m(ale)?$/i.test(label)) return 'male';
  if (/^f(emale)?$/i.test(label)) return 'female';
  if (/non.?binary|other/i.test(label)) return 'diverse';
  return null;
}

/**
 * Maps one employee. The leaving date is LeavingDate (a leaver without a readable date is terminated
 * without one, so the sync reports it); the status also follows an EmployeeStatus naming a leaver.
 */
export function mapPeopleHrEmployee(record: unknown, today: string): MappedRecord {
  const employee = asFields(record);
  if (!employee) return invalidRecord(null, 'record is not an object');
  let remoteId: string | null;
  try {
    remoteId = displayValue(employee.EmployeeId, 'EmployeeId');
  } catch {
    remoteId = null;
  }
  if (remoteId === null) return invalidRecord(null, 'record has no EmployeeId');
  return mapOrInvalid(remoteId, () => {
    const attributes: Record<string, AttributeValue> = {};
    for (const [key, , type] of DISPLAY_FIELDS) {
      const value = displayValue(employee[key], key);
      attributes[key] = type === 'date' ? peopleHrDate(value, key) : value;
    }
    for (const key of ['ReasonForLeaving', ...API_COLUMNS]) attributes[key] = displayValue(employee[key], key);
    const leavingDate = peopleHrDate(displayValue(employee.LeavingDate, 'LeavingDate'), 'LeavingDate');
    attributes.LeavingDate = leavingDate;
    const company = displayValue(employee.Company, 'Company');
    return {
      remoteId,
      firstName: attributes.FirstName as string | null,
      lastName: attributes.LastName as string | null,
      email: attributes.EmailId as string | null,
      status: statusOf(leavingDate, attributes.EmployeeStatus as string | null, today),
      personnelNumber: remoteId,
      employmentType: employmentTypeFromLabel(attributes.EmploymentType as string | null),
      hireDate: attributes.StartDate as string | null,
      leavingDate,
      gender: genderOf(attributes.Gender as string | null),
      legalEntity: company ? { id: company, name: company } : null,
      attributes,
    };
  });
}

function statusOf(leavingDate: string | null, employeeStatus: string | null, today: string): HrStatus {
  if (leavingDate !== null) return leavingDate < today ? 'terminated' : 'active';
  return employeeStatus && /leaver|left|terminated|inactive/i.test(employeeStatus) ? 'terminated' : 'active';
}
