// Pure translation of Breathe HR employees (GET /v1/employees) into the unified model. Field names
// are Breathe's snake_case JSON; dates are calendar days (`2014-10-01`). Breathe publishes only a
// sample record: `leaving_date`, `employee_ref`, `gender`, `marital_status` and `custom_fields` come
// from third-party code, and the only status text published is "Current employee". See NOTES.md.
import { asFields, employmentTypeFromLabel, genderFromLabel, invalidRecord, mapOrInvalid, maritalStatusFromLabel, MalformedValueError, orNull, rawId, readCalendarDate, required, textOf, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, HrStatus } from '../types';

/** The one status text Breathe publishes (its sample employee). */
export const CURRENT_EMPLOYEE = 'Current employee';

const attr = (key: string, label: string, type: AttributeOption['type'] = 'string'): AttributeOption => ({ key, label, type, custom: false });

/** Standard fields offered as attributes (filters, mapping), keyed by Breathe's names. */
export const STANDARD_ATTRIBUTES: readonly AttributeOption[] = [
  attr('first_name', 'First name'),
  attr('last_name', 'Last name'),
  attr('email', 'E-mail'),
  attr('status', 'Status', 'list'),
  attr('employee_ref', 'Employee reference'),
  attr('job_title', 'Job title'),
  attr('full_or_part_time', 'Full or part time', 'list'),
  attr('company_join_date', 'Company join date', 'date'),
  attr('job_start_date', 'Job start date', 'date'),
  attr('leaving_date', 'Leaving date', 'date'),
  attr('notice_period', 'Notice period'),
  attr('gender', 'Gender', 'list'),
  attr('marital_status', 'Marital status', 'list'),
  attr('department.name', 'Department', 'list'),
  attr('location.name', 'Location', 'list'),
  attr('division.name', 'Division', 'list'),
  attr('working_pattern.total_hours', 'Weekly hours', 'number'),
];

export const customFieldKey = (name: string): string => `custom_fields.${name}`;

type Row = Record<string, unknown>;

/** Custom fields of one employee: an object `{ name: value }` or a list of `{ name | label, value }` (shape unverified). */
export function customFieldsOf(employee: Row): Map<string, AttributeValue> {
  const values = new Map<string, AttributeValue>();
  const raw = employee.custom_fields;
  const put = (name: unknown, value: unknown) => {
    const key = textOf(name);
    if (key === null) return;
    values.set(key, value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null);
  };
  if (Array.isArray(raw)) for (const f of raw) put(asFields(f)?.name ?? asFields(f)?.label, asFields(f)?.value);
  else if (asFields(raw)) for (const [name, value] of Object.entries(raw as Row)) put(name, value);
  return values;
}

function nested(employee: Row, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => asFields(v)?.[k], employee);
}

function text(employee: Row, key: string): string | null {
  const value = employee[key];
  if (value !== undefined && value !== null && typeof value === 'object') throw new MalformedValueError(`${key} has an unexpected shape`);
  return textOf(value);
}

/**
 * The HR status: "Current employee" is active unless the leaving date passed; any other status
 * text is not published, so it says only what the leaving date says (passed: terminated) and is
 * otherwise unknown; a company join date ahead is onboarding.
 */
export function statusOf(status: string | null, hireDate: string | null, leavingDate: string | null, today: string): HrStatus | null {
  if (leavingDate !== null && leavingDate < today) return 'terminated';
  if (hireDate !== null && hireDate > today) return 'onboarding';
  if (status === CURRENT_EMPLOYEE) return 'active';
  return /\b(former|ex|left|leaver)\b/i.test(status ?? '') ? 'inactive' : null;
}

export function mapBreatheEmployee(record: unknown, today: string): MappedRecord {
  const employee = asFields(record);
  if (!employee) return invalidRecord(null, 'record is not an object');
  const id = rawId(employee);
  if (id === null) return invalidRecord(null, 'record has no id');
  return mapOrInvalid(id, () => {
    // A leaving date that is not a date makes the record invalid, never "not leaving".
    const leavingDate = required(readCalendarDate(employee.leaving_date), 'leaving_date', employee.leaving_date);
    const hireDate = orNull(readCalendarDate(employee.company_join_date));
    const attributes: Record<string, AttributeValue> = {};
    for (const { key, type } of STANDARD_ATTRIBUTES) {
      const value = nested(employee, key);
      if (value === undefined) continue;
      if (type === 'date') attributes[key] = orNull(readCalendarDate(value));
      else if (type === 'number') attributes[key] = value === null || value === '' || Number.isNaN(Number(value)) ? null : Number(value);
      else attributes[key] = textOf(value);
    }
    for (const [name, value] of customFieldsOf(employee)) attributes[customFieldKey(name)] = value;
    const status = text(employee, 'status');
    return {
      remoteId: id,
      firstName: text(employee, 'first_name'),
      lastName: text(employee, 'last_name'),
      email: text(employee, 'email'),
      status: statusOf(status, hireDate, leavingDate, today),
      personnelNumber: text(employee, 'employee_ref'),
      employmentType: employmentTypeFromLabel(text(employee, 'full_or_part_time')),
      hireDate,
      leavingDate,
      gender: genderFromLabel(text(employee, 'gender')),
      legalEntity: null,
      maritalStatus: maritalStatusFromLabel(text(employee, 'marital_status')),
      attributes,
    };
  });
}
