// Pure translation of Humaans people (GET /people) and their custom values (GET /custom-values)
// into the unified model. Field names are Humaans' camelCase JSON; dates are calendar days.
import { asFields, employmentTypeFromLabel, genderFromLabel, invalidRecord, mapOrInvalid, orNull, rawId, readCalendarDate, required, textOf, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, EmploymentType, HrStatus } from '../types';

/** One entry of GET /custom-fields (the parts read). */
export interface HumaansCustomField {
  id: string;
  name?: string | null;
  section?: string | null;
  type?: string | null;
}

/** One entry of GET /custom-values (the parts read). */
export interface HumaansCustomValue {
  personId?: string | null;
  customFieldId?: string | null;
  value?: unknown;
}

/** Humaans' person status: `newHire` before the first day, `offboarded` after leaving. */
export const HUMAANS_STATUSES = ['active', 'newHire', 'offboarded'] as const;

/** Standard person fields offered as attributes (filters, mapping), keyed by Humaans' names. */
export const PERSON_ATTRIBUTES: readonly AttributeOption[] = [
  attr('firstName', 'First name'),
  attr('lastName', 'Last name'),
  attr('preferredName', 'Preferred name'),
  attr('email', 'Work e-mail'),
  attr('personalEmail', 'Personal e-mail'),
  attr('gender', 'Gender', 'list'),
  attr('birthday', 'Birthday', 'date'),
  attr('employeeId', 'Employee ID'),
  attr('employmentStartDate', 'Employment start date', 'date'),
  attr('firstWorkingDay', 'First working day', 'date'),
  attr('employmentEndDate', 'Employment end date', 'date'),
  attr('lastWorkingDay', 'Last working day', 'date'),
  attr('leavingReason', 'Leaving reason', 'list'),
  attr('contractType', 'Contract type', 'list'),
  attr('workingDays', 'Working days'),
  attr('status', 'Status', 'list'),
];

/** Fields whose value must be a scalar; an object there means the record cannot be trusted. */
const SCALAR_FIELDS = ['firstName', 'lastName', 'email', 'employeeId', 'status', 'employmentStartDate', 'employmentEndDate', 'lastWorkingDay', 'contractType'] as const;

function attr(key: string, label: string, type: AttributeOption['type'] = 'string'): AttributeOption {
  return { key, label, type, custom: false };
}

export function customFieldKey(fieldId: string): string {
  return `customFields.${fieldId}`;
}

export function toAttributeOption(field: HumaansCustomField): AttributeOption {
  return { key: customFieldKey(field.id), label: textOf(field.name) ?? field.id, type: customFieldType(field.type), custom: true };
}

function customFieldType(type: string | null | undefined): AttributeOption['type'] {
  switch (type) {
    case 'date':
      return 'date';
    case 'number':
      return 'number';
    case 'select':
    case 'multiselect':
      return 'list';
    case 'checkbox':
    case 'boolean':
      return 'boolean';
    default:
      return 'string';
  }
}

/** A custom value as an attribute value: multi-select arrays joined, anything else unreadable is null. */
export function customValueOf(value: unknown): AttributeValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(String).join(', ');
  return null;
}

/** The leaving date: employmentEndDate, else lastWorkingDay (either may be all Humaans has). */
export function leavingDateOf(person: Record<string, unknown>): string | null {
  const end = required(readCalendarDate(person.employmentEndDate), 'employmentEndDate', person.employmentEndDate);
  if (end) return end;
  return required(readCalendarDate(person.lastWorkingDay), 'lastWorkingDay', person.lastWorkingDay);
}

/**
 * Maps one person; `customValues` are this person's values (field id → value). `today` (YYYY-MM-DD)
 * tells a past leaving date from a planned one where Humaans' status is missing.
 */
export function mapHumaansPerson(record: unknown, customValues: ReadonlyMap<string, AttributeValue>, today: string): MappedRecord {
  const person = asFields(record);
  if (!person) return invalidRecord(null, 'record is not an object');
  const remoteId = rawId(person);
  if (remoteId === null) return invalidRecord(null, 'record has no person id');
  for (const key of SCALAR_FIELDS) {
    const value = person[key];
    if (value !== undefined && value !== null && typeof value === 'object') return invalidRecord(remoteId, `field "${key}" has an unexpected shape`);
  }
  return mapOrInvalid(remoteId, () => {
    const attributes: Record<string, AttributeValue> = {};
    for (const { key } of PERSON_ATTRIBUTES) {
      const value = key === 'workingDays' ? workingDaysOf(person.workingDays) : scalar(person[key]);
      if (value !== undefined) attributes[key] = value;
    }
    for (const [fieldId, value] of customValues) attributes[customFieldKey(fieldId)] = value;

    const hireDate = orNull(readCalendarDate(person.employmentStartDate)) ?? orNull(readCalendarDate(person.firstWorkingDay));
    const leavingDate = leavingDateOf(person);
    return {
      remoteId,
      firstName: textOf(person.firstName),
      lastName: textOf(person.lastName),
      // `email` is the work address; personalEmail stays an attribute (never used for invites).
      email: textOf(person.email),
      status: statusOf(person.status, leavingDate, today),
      personnelNumber: textOf(person.employeeId),
      employmentType: employmentTypeOf(textOf(person.contractType)),
      hireDate,
      leavingDate,
      gender: genderFromLabel(textOf(person.gender)),
      legalEntity: null,
      attributes,
    };
  });
}

export function statusOf(status: unknown, leavingDate: string | null, today: string): HrStatus | null {
  switch (status) {
    case 'active':
      return 'active';
    case 'newHire':
      return 'onboarding';
    case 'offboarded':
      return leavingDate ? 'terminated' : 'inactive';
    default:
      // Unknown or missing: only a passed leaving date says anything.
      return leavingDate && leavingDate < today ? 'terminated' : null;
  }
}

/** contractType is a label ("Full-time", "Part-time", "Contractor", …); blank → unknown. */
export function employmentTypeOf(contractType: string | null): EmploymentType | null {
  return employmentTypeFromLabel(contractType);
}

function scalar(value: unknown): AttributeValue | undefined {
  if (value === undefined) return undefined;
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
}

/** workingDays is a list of { day: "monday" }: kept as "monday, tuesday, …". */
function workingDaysOf(value: unknown): AttributeValue | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return null;
  const days = value.map((d) => (d && typeof d === 'object' ? textOf((d as { day?: unknown }).day) : textOf(d))).filter((d): d is string => d !== null);
  return days.length ? days.join(', ') : null;
}
