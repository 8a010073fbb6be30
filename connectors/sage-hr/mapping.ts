// Pure translation of Sage HR employees (GET /employees: active, GET /terminated-employees:
// terminated) and their custom fields (GET /employees/{id}/custom-fields) into the unified model.
// Field names are Sage HR's snake_case JSON; dates are calendar days.
import { asFields, employmentTypeFromLabel, genderFromLabel, invalidRecord, mapOrInvalid, orNull, rawId, readCalendarDate, required, textOf, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, HrStatus } from '../types';

/** Which of Sage HR's two employee lists a record came from. */
export type SageHrList = 'active' | 'terminated';

/** One entry of GET /employees/{id}/custom-fields: { id, label, type, value, options }. */
export interface SageHrCustomField {
  id?: unknown;
  label?: unknown;
  type?: unknown;
  value?: unknown;
  options?: unknown;
}

/** Standard employee fields offered as attributes (filters, mapping), keyed by Sage HR's names. */
export const EMPLOYEE_ATTRIBUTES: readonly AttributeOption[] = [
  attr('first_name', 'First name'),
  attr('last_name', 'Last name'),
  attr('email', 'E-mail'),
  attr('employee_number', 'Employee number'),
  attr('employment_status', 'Employment status', 'list'),
  attr('employment_start_date', 'Employment start date', 'date'),
  attr('termination_date', 'Termination date', 'date'),
  attr('date_of_birth', 'Date of birth', 'date'),
  attr('gender', 'Gender', 'list'),
  attr('team', 'Team', 'list'),
  attr('team_id', 'Team ID'),
  attr('position', 'Position', 'list'),
  attr('position_id', 'Position ID'),
  attr('reports_to_employee_id', 'Reports to (employee ID)'),
  attr('sage_hr_list', 'Sage HR list (active or terminated)', 'list'),
];

/** Fields whose value must be a scalar; an object there means the record cannot be trusted. */
const SCALAR_FIELDS = ['first_name', 'last_name', 'email', 'employee_number', 'employment_status', 'employment_start_date', 'termination_date', 'gender'] as const;

function attr(key: string, label: string, type: AttributeOption['type'] = 'string'): AttributeOption {
  return { key, label, type, custom: false };
}

export function customFieldKey(fieldId: string): string {
  return `customFields.${fieldId}`;
}

/** A custom field as an attribute to map; null when it has no id. */
export function toAttributeOption(field: SageHrCustomField): AttributeOption | null {
  const id = rawId(field);
  if (id === null) return null;
  return { key: customFieldKey(id), label: textOf(field.label) ?? id, type: customFieldType(field.type), custom: true };
}

/**
 * Sage HR names field types like CustomDropdownField and CustomTags (both in its API description);
 * the others are read by their name (date, number, checkbox), anything else as text.
 */
export function customFieldType(type: unknown): AttributeOption['type'] {
  const name = typeof type === 'string' ? type.toLowerCase() : '';
  if (name.includes('date')) return 'date';
  if (name.includes('number') || name.includes('numeric') || name.includes('decimal')) return 'number';
  if (name.includes('dropdown') || name.includes('tags') || name.includes('select')) return 'list';
  if (name.includes('checkbox') || name.includes('bool')) return 'boolean';
  return 'string';
}

/** A custom field value as an attribute value: tag lists joined with ", ", unreadable shapes null. */
export function customValueOf(value: unknown): AttributeValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(String).join(', ');
  return null;
}

/** One employee's custom fields (the answer's data) as attribute key → value. */
export function customValuesOf(fields: readonly unknown[]): Map<string, AttributeValue> {
  const values = new Map<string, AttributeValue>();
  for (const field of fields) {
    const id = rawId(field);
    if (id !== null) values.set(customFieldKey(id), customValueOf((field as SageHrCustomField).value));
  }
  return values;
}

/**
 * Maps one employee of either list; `customValues` are this employee's custom fields (attribute key
 * → value). `today` (YYYY-MM-DD) tells a termination date that passed from a planned one.
 */
export function mapSageHrEmployee(record: unknown, list: SageHrList, customValues: ReadonlyMap<string, AttributeValue>, today: string): MappedRecord {
  const employee = asFields(record);
  if (!employee) return invalidRecord(null, 'record is not an object');
  const remoteId = rawId(employee);
  if (remoteId === null) return invalidRecord(null, 'record has no employee id');
  for (const key of SCALAR_FIELDS) {
    const value = employee[key];
    if (value !== undefined && value !== null && typeof value === 'object') return invalidRecord(remoteId, `field "${key}" has an unexpected shape`);
  }
  return mapOrInvalid(remoteId, () => {
    const attributes: Record<string, AttributeValue> = {};
    for (const { key } of EMPLOYEE_ATTRIBUTES) {
      const value = key === 'sage_hr_list' ? list : scalar(employee[key]);
      if (value !== undefined) attributes[key] = value;
    }
    for (const [key, value] of customValues) attributes[key] = value;

    // A termination date that is not a date makes the record invalid (reported), never "not leaving".
    const leavingDate = required(readCalendarDate(employee.termination_date), 'termination_date', employee.termination_date);
    return {
      remoteId,
      firstName: textOf(employee.first_name),
      lastName: textOf(employee.last_name),
      email: textOf(employee.email),
      status: statusOf(list, leavingDate, today),
      personnelNumber: textOf(employee.employee_number),
      employmentType: employmentTypeFromLabel(textOf(employee.employment_status)),
      hireDate: orNull(readCalendarDate(employee.employment_start_date)),
      leavingDate,
      gender: genderFromLabel(textOf(employee.gender)),
      legalEntity: null,
      attributes,
    };
  });
}

/**
 * The HR status: someone on the terminated list has left unless the termination date is still
 * ahead (a planned leaver, employed until then); someone on the active list whose record carries a
 * termination date that passed has left too (the lists may lag behind the date).
 */
export function statusOf(list: SageHrList, leavingDate: string | null, today: string): HrStatus {
  if (leavingDate !== null) return leavingDate < today ? 'terminated' : 'active';
  return list === 'terminated' ? 'terminated' : 'active';
}

function scalar(value: unknown): AttributeValue | undefined {
  if (value === undefined) return undefined;
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
}
