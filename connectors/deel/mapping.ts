// Pure translation of Deel people (GET /people) into the unified model. Field names are Deel's
// snake_case JSON; start_date is a calendar day, completion_date an instant at midnight UTC of the
// day (read as the day written). See NOTES.md for what is verified.
import { asFields, invalidRecord, mapOrInvalid, orNull, rawId, readCalendarDate, required, textOf, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, EmploymentType, HrStatus } from '../types';

/** Deel's hiring statuses (HiringStatusEnum); a complete listing asks for each of them. */
export const DEEL_HIRING_STATUSES = ['onboarding', 'active', 'inactive'] as const;
export type DeelHiringStatus = (typeof DEEL_HIRING_STATUSES)[number];

/** Standard person fields offered as attributes (filters, mapping), keyed by Deel's names. */
export const PERSON_ATTRIBUTES: readonly AttributeOption[] = [
  attr('first_name', 'First name'),
  attr('last_name', 'Last name'),
  attr('full_name', 'Full name'),
  attr('work_email', 'Work e-mail'),
  attr('birth_date', 'Birth date', 'date'),
  attr('start_date', 'Start date', 'date'),
  attr('completion_date', 'Completion date', 'date'),
  attr('hiring_status', 'Hiring status', 'list'),
  attr('hiring_type', 'Hiring type', 'list'),
  attr('job_title', 'Job title'),
  attr('seniority', 'Seniority', 'list'),
  attr('country', 'Country', 'list'),
  attr('nationality', 'Nationality', 'list'),
  attr('work_location', 'Work location', 'list'),
  attr('department.name', 'Department', 'list'),
  attr('client_legal_entity.name', 'Legal entity', 'list'),
  attr('employments.voluntarily_left', 'Left voluntarily', 'boolean'),
];

/** Fields whose value must be a scalar; an object there means the record cannot be trusted. */
const SCALAR_FIELDS = ['first_name', 'last_name', 'hiring_status', 'hiring_type', 'start_date', 'completion_date'] as const;

function attr(key: string, label: string, type: AttributeOption['type'] = 'string'): AttributeOption {
  return { key, label, type, custom: false };
}

type Row = Record<string, unknown>;

const isRow = (value: unknown): value is Row => asFields(value) !== null;

/** The work e-mail: the primary `work` entry of `emails`, else the first `work` one; never a personal one. */
export function workEmailOf(emails: unknown): string | null {
  if (emails === undefined || emails === null) return null;
  if (!Array.isArray(emails)) throw new TypeError('emails');
  const work = emails.filter((e): e is Row => isRow(e) && e.type === 'work' && textOf(e.value) !== null);
  const chosen = work.find((e) => e.primary === true) ?? work[0];
  return chosen ? textOf(chosen.value) : null;
}

function employmentsOf(person: Row): Row[] {
  const value = person.employments;
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new TypeError('employments');
  return value.filter(isRow);
}

/**
 * The leaving date: the person's completion_date; without one, the latest completion_date of the
 * ended employments once none is running any more (someone with a running employment has not left).
 */
export function leavingDateOf(person: Row): string | null {
  const own = required(readCalendarDate(person.completion_date), 'completion_date', person.completion_date);
  if (own) return own;
  const employments = employmentsOf(person);
  if (employments.length === 0 || employments.some((e) => e.is_ended !== true)) return null;
  let latest: string | null = null;
  for (const e of employments) {
    const day = required(readCalendarDate(e.completion_date), 'employments.completion_date', e.completion_date);
    if (day && (latest === null || day > latest)) latest = day;
  }
  return latest;
}

/** One definition of GET /people/custom_fields (the parts read). */
export interface DeelCustomField {
  id: string;
  name?: unknown;
  type?: unknown;
}

export function customFieldKey(fieldId: string): string {
  return `custom_fields.${fieldId}`;
}

export function toAttributeOption(field: DeelCustomField): AttributeOption {
  return { key: customFieldKey(field.id), label: textOf(field.name) ?? field.id, type: customFieldType(field.type), custom: true };
}

function customFieldType(type: unknown): AttributeOption['type'] {
  switch (type) {
    case 'date':
      return 'date';
    case 'number':
    case 'percentage':
    case 'currency':
      return 'number';
    case 'list':
    case 'multiselect':
      return 'list';
    default:
      return 'string';
  }
}

/**
 * A value of GET /people/{id}/custom_fields: its `data` holds `value` (text, number, date,
 * percentage), `option` (list), `options` (multiselect, assumed) or `amount` (currency).
 */
export function customValueOf(data: unknown): AttributeValue {
  if (!isRow(data)) return null;
  for (const key of ['value', 'option', 'amount', 'text']) {
    const v = data[key];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  }
  const many = data.options ?? data.values;
  if (Array.isArray(many)) return many.map(String).join(', ');
  return null;
}

/** Maps one person; `today` (YYYY-MM-DD) tells a past leaving date from a planned one where the status is missing. */
export function mapDeelPerson(record: unknown, today: string, customValues: ReadonlyMap<string, AttributeValue> = new Map()): MappedRecord {
  if (!isRow(record)) return invalidRecord(null, 'record is not an object');
  const person = record;
  const remoteId = rawId(person);
  if (remoteId === null) return invalidRecord(null, 'record has no person id');
  for (const key of SCALAR_FIELDS) {
    const value = person[key];
    if (value !== undefined && value !== null && typeof value === 'object') return invalidRecord(remoteId, `field "${key}" has an unexpected shape`);
  }
  for (const key of ['emails', 'employments'] as const) {
    const value = person[key];
    if (value !== undefined && value !== null && !Array.isArray(value)) return invalidRecord(remoteId, `field "${key}" has an unexpected shape`);
  }
  return mapOrInvalid(remoteId, () => {
    const email = workEmailOf(person.emails);
    const leavingDate = leavingDateOf(person);
    const entity = isRow(person.client_legal_entity) ? person.client_legal_entity : null;
    const entityId = entity ? textOf(entity.id) : null;
    const department = isRow(person.department) ? person.department : null;
    const attributes: Record<string, AttributeValue> = {};
    const put = (key: string, value: unknown) => {
      if (value === undefined) return;
      attributes[key] = value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
    };
    for (const key of ['first_name', 'last_name', 'full_name', 'hiring_status', 'hiring_type', 'job_title', 'seniority', 'country', 'nationality', 'work_location']) put(key, person[key]);
    put('work_email', email);
    put('birth_date', orNull(readCalendarDate(person.birth_date)));
    put('start_date', orNull(readCalendarDate(person.start_date)));
    put('completion_date', leavingDate);
    put('department.name', department ? textOf(department.name) : null);
    put('client_legal_entity.name', entity ? textOf(entity.name) : null);
    put('employments.voluntarily_left', voluntarilyLeft(person));
    for (const [fieldId, value] of customValues) attributes[customFieldKey(fieldId)] = value;
    return {
      remoteId,
      firstName: textOf(person.first_name),
      lastName: textOf(person.last_name),
      email,
      status: statusOf(person.hiring_status, leavingDate, today),
      personnelNumber: null,
      employmentType: employmentTypeOf(textOf(person.hiring_type)),
      hireDate: orNull(readCalendarDate(person.start_date)),
      leavingDate,
      gender: null,
      legalEntity: entityId ? { id: entityId, name: textOf(entity!.name) ?? entityId } : null,
      attributes,
    };
  });
}

/** voluntarily_left of the ended employments ("true"/"false" strings or booleans); null when unknown. */
function voluntarilyLeft(person: Row): boolean | null {
  const ended = employmentsOf(person).filter((e) => e.is_ended === true);
  const values = ended.map((e) => (e.voluntarily_left === true || e.voluntarily_left === 'true' ? true : e.voluntarily_left === false || e.voluntarily_left === 'false' ? false : null));
  const known = values.filter((v): v is boolean => v !== null);
  return known.length ? known[known.length - 1] : null;
}

export function statusOf(status: unknown, leavingDate: string | null, today: string): HrStatus | null {
  switch (status) {
    case 'active':
      return 'active';
    case 'onboarding':
      return 'onboarding';
    case 'inactive':
      return leavingDate ? 'terminated' : 'inactive';
    default:
      // Unknown or missing: only a passed leaving date says anything.
      return leavingDate && leavingDate < today ? 'terminated' : null;
  }
}

/** hiring_type: "contractor" is a contractor; Deel's other types (EOR, direct employees, …) say nothing of full or part time. */
export function employmentTypeOf(hiringType: string | null): EmploymentType | null {
  if (hiringType === null) return null;
  return /contractor/i.test(hiringType) ? 'CONTRACTOR' : null;
}
