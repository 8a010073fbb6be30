// Pure translation of Officient people into the unified model: the list entry (GET /1.0/people/list:
// id, archived) joined with the person's detail (GET /1.0/people/{id}/detail, its `data`). Field
// names are Officient's snake_case; dates are calendar days.
import { asFields, genderFromLabel, invalidRecord, mapOrInvalid, maritalStatusFromLabel, orNull, rawId, readCalendarDate, required, textOf, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, HrStatus, MaritalStatus } from '../types';

/** One entry of GET /1.0/custom_fields/list (the parts read). */
export interface OfficientCustomField {
  id: number | string;
  name?: string | null;
  object_type?: string | null;
  type?: string | null;
}

/** Standard person fields offered as attributes, keyed by Officient's names (nested ones dotted). */
export const PERSON_ATTRIBUTES: readonly AttributeOption[] = [
  attr('first_name', 'First name'),
  attr('last_name', 'Last name'),
  attr('email', 'Work e-mail'),
  attr('gender', 'Gender', 'list'),
  attr('civil_state', 'Civil state', 'list'),
  attr('dependent_children', 'Dependent children', 'number'),
  attr('dependent_disabled_children', 'Dependent disabled children', 'number'),
  attr('linked_payroll_employee_number', 'Payroll employee number'),
  attr('nationality_country_code', 'Nationality'),
  attr('preferred_language_code', 'Preferred language'),
  attr('employment.first_employment_date', 'First employment date', 'date'),
  attr('employment.last_employment_date', 'Last employment date', 'date'),
  attr('team.name', 'Team', 'list'),
  attr('current_role.name', 'Current role', 'list'),
  attr('archived', 'Archived', 'boolean'),
];

/**
 * Scalar fields of the detail; an object there means the record cannot be trusted. (National number,
 * social security number, bank account, address are never read.)
 */
const SCALAR_FIELDS = ['first_name', 'last_name', 'email', 'gender', 'civil_state', 'dependent_children', 'linked_payroll_employee_number'] as const;

function attr(key: string, label: string, type: AttributeOption['type'] = 'string'): AttributeOption {
  return { key, label, type, custom: false };
}

export function customFieldKey(fieldId: string | number): string {
  return `custom_fields.${fieldId}`;
}

export function toAttributeOption(field: OfficientCustomField): AttributeOption {
  return { key: customFieldKey(field.id), label: textOf(field.name) ?? String(field.id), type: customFieldType(field.type), custom: true };
}

/** Types seen in Officient's examples: string, email, int, money, date, select_option; others as text. */
function customFieldType(type: string | null | undefined): AttributeOption['type'] {
  switch (type) {
    case 'date':
      return 'date';
    case 'int':
    case 'money':
    case 'number':
      return 'number';
    case 'select_option':
      return 'list';
    case 'boolean':
    case 'checkbox':
      return 'boolean';
    default:
      return 'string';
  }
}

/** A custom field's value: a select option's label (value_name), numbers for number types, else the scalar. */
export function customValueOf(entry: { type?: unknown; value?: unknown; value_name?: unknown }): AttributeValue {
  const label = textOf(entry.value_name);
  if (entry.type === 'select_option' && label !== null) return label;
  const value = entry.value;
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return null;
  if ((entry.type === 'int' || entry.type === 'money') && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value.trim());
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return null;
}

/**
 * civil_state → unified. Values seen in Officient's examples: `married`, `widow`; the others are the
 * usual labels (Belgian legal cohabitation as a registered partnership). Unknown values: unknown.
 */
export function maritalStatusOf(civilState: string | null): MaritalStatus | null {
  if (!civilState) return null;
  if (/cohabit/i.test(civilState)) return 'registered_partnership';
  return maritalStatusFromLabel(civilState.replace(/_/g, ' '));
}

/** dependent_children: a whole number ≥ 0; anything else is unknown. */
export function childrenOf(value: unknown): number | null {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value.trim()) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : null;
}

/** archived is 0/1 in the list (true/false also read). */
function isArchived(value: unknown): boolean {
  return value === 1 || value === true || value === '1';
}

/**
 * Maps one person: `listed` is the list entry, `detail` the detail answer's `data` (or a reason it
 * could not be read). `today` (YYYY-MM-DD) tells a past leaving date from a planned one.
 */
export function mapOfficientPerson(listed: unknown, detail: unknown, today: string): MappedRecord {
  const entry = asFields(listed);
  if (!entry) return invalidRecord(null, 'record is not an object');
  const remoteId = rawId(entry);
  if (remoteId === null) return invalidRecord(null, 'record has no person id');
  if (typeof detail === 'string') return invalidRecord(remoteId, detail);
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) return invalidRecord(remoteId, 'person detail is not an object');
  const person = detail as Record<string, unknown>;
  const detailId = rawId(person);
  if (detailId !== null && detailId !== remoteId) return invalidRecord(remoteId, `person detail is for person ${detailId}`);
  for (const key of SCALAR_FIELDS) {
    const value = person[key];
    if (value !== undefined && value !== null && typeof value === 'object') return invalidRecord(remoteId, `field "${key}" has an unexpected shape`);
  }
  const employment = objectOf(person.employment);
  if (employment === undefined) return invalidRecord(remoteId, 'field "employment" has an unexpected shape');

  return mapOrInvalid(remoteId, () => {
    const archived = isArchived(entry.archived);
    const values: Record<string, unknown> = {
      ...person,
      'employment.first_employment_date': employment?.first_employment_date,
      'employment.last_employment_date': employment?.last_employment_date,
      'team.name': objectOf(person.team)?.name,
      'current_role.name': objectOf(person.current_role)?.name ?? entry.role_name,
      archived,
    };
    const attributes: Record<string, AttributeValue> = {};
    for (const { key } of PERSON_ATTRIBUTES) {
      const value = scalar(values[key]);
      if (value !== undefined) attributes[key] = value;
    }
    if (Array.isArray(person.custom_fields)) {
      for (const field of person.custom_fields as Record<string, unknown>[]) {
        const id = field && typeof field === 'object' ? rawId(field, 'custom_field_id') : null;
        if (id !== null) attributes[customFieldKey(id)] = customValueOf(field);
      }
    }

    const hireDate = orNull(readCalendarDate(employment?.first_employment_date));
    // A leaving date that is not a date makes the record invalid (reported), never "not leaving".
    const leavingDate = required(readCalendarDate(employment?.last_employment_date), 'employment.last_employment_date', employment?.last_employment_date);
    return {
      remoteId,
      firstName: textOf(person.first_name),
      lastName: textOf(person.last_name),
      // The work address (personal_email is never read).
      email: textOf(person.email) ?? textOf(entry.email),
      status: statusOf(archived, hireDate, leavingDate, today),
      personnelNumber: textOf(person.linked_payroll_employee_number),
      employmentType: null,
      hireDate,
      leavingDate,
      gender: genderFromLabel(textOf(person.gender)),
      legalEntity: null,
      maritalStatus: maritalStatusOf(textOf(person.civil_state)),
      numberOfChildren: childrenOf(person.dependent_children),
      attributes,
    };
  });
}

/** Archived people have left (inactive when no leaving date is recorded); the others by their dates. */
export function statusOf(archived: boolean, hireDate: string | null, leavingDate: string | null, today: string): HrStatus {
  if (archived) return leavingDate ? 'terminated' : 'inactive';
  if (leavingDate && leavingDate < today) return 'terminated';
  if (hireDate && hireDate > today) return 'onboarding';
  return 'active';
}

/** An object, null for absent/null, undefined for anything else (a wrong shape). */
function objectOf(value: unknown): Record<string, unknown> | null | undefined {
  if (value === undefined || value === null) return null;
  return typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function scalar(value: unknown): AttributeValue | undefined {
  if (value === undefined) return undefined;
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
}
