// Pure translation of Hailey HR employees into the unified model. Hailey HR's own field names are
// not published (NOTES.md): the names read here are the camelCase ones a third-party client uses,
// and every shape is read defensively. Dates are calendar days.
import { asFields, employmentTypeFromLabel, genderFromLabel, invalidRecord, mapOrInvalid, orNull, rawId, readCalendarDate, required, textOf, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, HrStatus } from '../types';

type Row = Record<string, unknown>;

/** Standard employee fields offered as attributes (filters, mapping), keyed by the names read. */
export const EMPLOYEE_ATTRIBUTES: readonly AttributeOption[] = [
  attr('firstName', 'First name'),
  attr('lastName', 'Last name'),
  attr('email', 'Work e-mail'),
  attr('employeeNumber', 'Employee number'),
  attr('employmentType', 'Employment type', 'list'),
  attr('employmentStartDate', 'Employment start date', 'date'),
  attr('employmentEndDate', 'Employment end date', 'date'),
  attr('isActive', 'Active', 'boolean'),
  attr('gender', 'Gender', 'list'),
  attr('dateOfBirth', 'Date of birth', 'date'),
  attr('title', 'Title'),
  attr('department', 'Department', 'list'),
  attr('companyName', 'Company', 'list'),
];

const SCALAR_FIELDS = ['firstName', 'lastName', 'email', 'employmentStartDate', 'employmentEndDate', 'isActive'] as const;

function attr(key: string, label: string, type: AttributeOption['type'] = 'string'): AttributeOption {
  return { key, label, type, custom: false };
}

export function customFieldKey(name: string): string {
  return `customFields.${name}`;
}

const scalar = (value: unknown): AttributeValue | undefined =>
  value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;

/** A record's custom fields (an object of name → value) as attribute key → value; other shapes none. */
export function customEntries(record: unknown): [string, AttributeValue][] {
  const custom = asFields(asFields(record)?.customFields);
  if (!custom) return [];
  return Object.entries(custom).flatMap(([name, value]) => {
    const v = scalar(value);
    return v === undefined ? [] : [[customFieldKey(name), v] as [string, AttributeValue]];
  });
}

/** A custom attribute's type from a value seen (the field definitions are not published). */
export function customAttribute(key: string, value: AttributeValue): AttributeOption {
  const type = typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'date' : 'string';
  return { key, label: key.slice('customFields.'.length), type, custom: true };
}

/**
 * The primary employment (priority 1, else the lowest priority, else the first): Hailey HR allows
 * parallel employments, and company and employment type come from the primary one.
 */
export function primaryEmployment(record: Row): Row | null {
  const list = Array.isArray(record.employments) ? record.employments.map(asFields).filter((e): e is Row => e !== null) : [];
  if (list.length === 0) return null;
  const priority = (e: Row) => (typeof e.priority === 'number' ? e.priority : Infinity);
  return [...list].sort((a, b) => priority(a) - priority(b))[0];
}

/**
 * Status from isActive and the end of the company tenure (employmentEndDate): an end that passed is
 * a leaver, one ahead is a planned leaver (still active). Without a readable isActive the dates
 * decide; isActive false without an end date is "inactive" with no leaving date (reported, never
 * read as a date).
 */
export function statusOf(isActive: unknown, leavingDate: string | null, today: string): HrStatus {
  if (leavingDate !== null && leavingDate < today) return 'terminated';
  if (isActive === false) return leavingDate !== null ? 'terminated' : 'inactive';
  return 'active';
}

export function mapHaileyHrEmployee(record: unknown, today: string): MappedRecord {
  const employee = asFields(record);
  if (!employee) return invalidRecord(null, 'record is not an object');
  const remoteId = rawId(employee);
  if (remoteId === null) return invalidRecord(null, 'record has no employee id');
  for (const key of SCALAR_FIELDS) {
    const value = employee[key];
    if (value !== undefined && value !== null && typeof value === 'object') return invalidRecord(remoteId, `field "${key}" has an unexpected shape`);
  }
  return mapOrInvalid(remoteId, () => {
    const primary = primaryEmployment(employee);
    const attributes: Record<string, AttributeValue> = {};
    for (const { key } of EMPLOYEE_ATTRIBUTES) {
      const value = scalar(employee[key] ?? (key === 'companyName' || key === 'employmentType' ? primary?.[key] : undefined));
      if (value !== undefined) attributes[key] = value;
    }
    for (const [key, value] of customEntries(employee)) attributes[key] = value;
    // An end date that is not a date makes the record invalid (reported), never "not leaving".
    const leavingDate = required(readCalendarDate(employee.employmentEndDate), 'employmentEndDate', employee.employmentEndDate);
    const companyId = textOf(primary?.companyId ?? employee.companyId);
    const companyName = textOf(primary?.companyName ?? employee.companyName);
    return {
      remoteId,
      firstName: textOf(employee.firstName),
      lastName: textOf(employee.lastName),
      email: textOf(employee.email),
      status: statusOf(employee.isActive, leavingDate, today),
      personnelNumber: textOf(employee.employeeNumber),
      employmentType: employmentTypeFromLabel(textOf(primary?.employmentType ?? employee.employmentType)),
      hireDate: orNull(readCalendarDate(employee.employmentStartDate)),
      leavingDate,
      gender: genderFromLabel(textOf(employee.gender)),
      legalEntity: companyId ? { id: companyId, name: companyName ?? companyId } : null,
      attributes,
    };
  });
}
