// Pure translation of Planday employees into the unified model: a record of GET /hr/v1.0/employees
// (active) or GET /hr/v1.0/employees/deactivated, merged with the same employee's GET
// /hr/v1.0/employees/{id} (the only read with custom fields `custom_<n>` and gender). Department,
// employee group and employee type ids are named from their own lists.
import { asFields, employmentTypeFromLabel, genderFromLabel, invalidRecord, mapOrInvalid, MalformedValueError, orNull, rawId, readCalendarDate, readUtcDate, required, textOf, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, HrStatus } from '../types';

/** Which of Planday's two employee lists a record came from. */
export type PlandayList = 'active' | 'deactivated';

export interface PlandayNames {
  departments: ReadonlyMap<string, string>;
  employeeGroups: ReadonlyMap<string, string>;
  employeeTypes: ReadonlyMap<string, string>;
}

export const CUSTOM_FIELD_PATTERN = /^custom_\d+$/;

const attr = (key: string, label: string, type: AttributeOption['type'] = 'string'): AttributeOption => ({ key, label, type, custom: false });

/** Standard fields offered as attributes, keyed by Planday's names (ids resolved to names where a list names them). */
export const EMPLOYEE_ATTRIBUTES: readonly AttributeOption[] = [
  attr('salaryIdentifier', 'Salary identifier'),
  attr('userName', 'User name'),
  attr('email', 'E-mail'),
  attr('jobTitle', 'Job title'),
  attr('employeeType', 'Employee type', 'list'),
  attr('employeeTypeId', 'Employee type (id)'),
  attr('departments', 'Departments', 'list'),
  attr('primaryDepartment', 'Primary department', 'list'),
  attr('employeeGroups', 'Employee groups', 'list'),
  attr('hiredDate', 'Hired date', 'date'),
  attr('deactivationDate', 'Deactivation date', 'date'),
  attr('dateTimeDeleted', 'Deactivated at', 'date'),
  attr('gender', 'Gender', 'list'),
  attr('city', 'City'),
  attr('planday_list', 'Planday list (active or deactivated)', 'list'),
];

/** Fields that must be scalars; another shape there means the record cannot be trusted. */
const SCALAR_FIELDS = ['firstName', 'lastName', 'email', 'userName', 'salaryIdentifier', 'hiredDate', 'hiredFrom', 'deactivationDate', 'dateTimeDeleted', 'gender', 'jobTitle'] as const;

/** A custom field of the by-id read: `{ name, type, value }`, or the bare value (as Planday's write examples show it). */
export function customValueOf(field: unknown): AttributeValue {
  const value = asFields(field) ? (field as { value?: unknown }).value : field;
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(String).join(', ');
  return null;
}

/** The label Planday gives a custom field in an employee's by-id read, if any. */
export function customLabelOf(field: unknown): string | null {
  return textOf(asFields(field)?.name);
}

function names(ids: unknown, table: ReadonlyMap<string, string>): string | null {
  if (ids === undefined || ids === null) return null;
  if (!Array.isArray(ids)) throw new MalformedValueError('departments / employeeGroups is not a list');
  const named = ids.map((id) => table.get(String(id)) ?? String(id));
  return named.length ? named.join(', ') : null;
}

/**
 * The leaving date: `deactivationDate` (when a deactivation takes effect, also on the active list
 * for one planned ahead); for someone on the deactivated list without one, the UTC day of
 * `dateTimeDeleted` (when the account was deactivated). Unreadable values make the record invalid.
 */
export function leavingDateOf(employee: Record<string, unknown>, list: PlandayList): string | null {
  const planned = required(readCalendarDate(employee.deactivationDate), 'deactivationDate', employee.deactivationDate);
  if (planned !== null || list === 'active') return planned;
  return required(readUtcDate(employee.dateTimeDeleted), 'dateTimeDeleted', employee.dateTimeDeleted);
}

/**
 * Status: a passed leaving date ends the employment on either list; on the deactivated list without
 * a date still ahead, terminated; a hire date ahead is onboarding; else active.
 */
export function statusOf(list: PlandayList, leavingDate: string | null, hireDate: string | null, today: string): HrStatus {
  if (leavingDate !== null && leavingDate < today) return 'terminated';
  if (list === 'deactivated' && leavingDate === null) return 'terminated';
  if (hireDate !== null && hireDate > today) return 'onboarding';
  return 'active';
}

/** Maps one employee: the listed record, the by-id details (null when they could not be read), the id → name tables. */
export function mapPlandayEmployee(listed: unknown, details: unknown, list: PlandayList, namesOf: PlandayNames, today: string): MappedRecord {
  const record = asFields(listed);
  if (!record) return invalidRecord(null, 'record is not an object');
  const remoteId = rawId(record);
  if (remoteId === null) return invalidRecord(null, 'record has no employee id');
  // The listed record wins for what both carry (it is what the list said at that moment).
  const employee: Record<string, unknown> = { ...(asFields(details) ?? {}), ...record };
  for (const key of SCALAR_FIELDS) {
    const value = employee[key];
    if (value !== undefined && value !== null && typeof value === 'object') return invalidRecord(remoteId, `field "${key}" has an unexpected shape`);
  }
  return mapOrInvalid(remoteId, () => {
    const leavingDate = leavingDateOf(employee, list);
    const hireDate = orNull(readCalendarDate(employee.hiredDate ?? employee.hiredFrom));
    const typeName = employee.employeeTypeId === undefined || employee.employeeTypeId === null ? null : (namesOf.employeeTypes.get(String(employee.employeeTypeId)) ?? null);
    const primary = textOf(employee.primaryDepartmentId);
    const attributes: Record<string, AttributeValue> = {
      salaryIdentifier: textOf(employee.salaryIdentifier),
      userName: textOf(employee.userName),
      email: textOf(employee.email),
      jobTitle: textOf(employee.jobTitle),
      employeeType: typeName,
      employeeTypeId: textOf(employee.employeeTypeId),
      departments: names(employee.departments, namesOf.departments),
      primaryDepartment: primary === null ? null : (namesOf.departments.get(primary) ?? primary),
      employeeGroups: names(employee.employeeGroups, namesOf.employeeGroups),
      hiredDate: hireDate,
      deactivationDate: textOf(employee.deactivationDate),
      dateTimeDeleted: textOf(employee.dateTimeDeleted),
      gender: textOf(employee.gender),
      city: textOf(employee.city),
      planday_list: list,
    };
    for (const [key, value] of Object.entries(employee)) if (CUSTOM_FIELD_PATTERN.test(key)) attributes[key] = customValueOf(value);
    const email = textOf(employee.email) ?? (textOf(employee.userName)?.includes('@') ? textOf(employee.userName) : null);
    return {
      remoteId,
      firstName: textOf(employee.firstName),
      lastName: textOf(employee.lastName),
      email,
      status: statusOf(list, leavingDate, hireDate, today),
      personnelNumber: textOf(employee.salaryIdentifier),
      employmentType: typeName === null ? null : employmentTypeFromLabel(typeName),
      hireDate,
      leavingDate,
      gender: genderFromLabel(textOf(employee.gender)),
      legalEntity: null,
      attributes,
    };
  });
}
