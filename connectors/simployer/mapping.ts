// Pure translation of Simployer persons (GET /v1/person, Person API v1.0) into the unified model.
// The published person has id, firstname, lastname, shortname, birthdate, gender { label, id } and
// nationality: no e-mail, employment or leaving date. An e-mail is read where Simployer sends one
// (`email`, unpublished), a leaving date only from the field the admin names (NOTES.md).
import { asFields, genderFromLabel, invalidRecord, mapOrInvalid, rawId, readCalendarDate, required, textOf, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, Gender, HrStatus } from '../types';

/** The published person fields offered as attributes, keyed by Simployer's names. */
export const PERSON_ATTRIBUTES: readonly AttributeOption[] = [
  attr('firstname', 'First name'),
  attr('lastname', 'Last name'),
  attr('shortname', 'Short name'),
  attr('birthdate', 'Birth date', 'date'),
  attr('gender.label', 'Gender', 'list'),
  attr('nationality', 'Nationality', 'list'),
];
const PUBLISHED = new Set(['id', 'firstname', 'lastname', 'shortname', 'birthdate', 'gender', 'nationality']);

function attr(key: string, label: string, type: AttributeOption['type'] = 'string'): AttributeOption {
  return { key, label, type, custom: false };
}

const scalar = (value: unknown): AttributeValue | undefined =>
  value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;

/** Scalar fields beyond the published ones (what a Simployer account may send besides), as key → value. */
export function unpublishedFields(record: unknown): [string, AttributeValue][] {
  const person = asFields(record);
  if (!person) return [];
  return Object.entries(person).flatMap(([key, value]) => {
    const v = scalar(value);
    return PUBLISHED.has(key) || v === undefined ? [] : [[key, v] as [string, AttributeValue]];
  });
}

export function unpublishedAttribute(key: string, value: AttributeValue): AttributeOption {
  const type = typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? 'date' : 'string';
  return { key, label: key, type, custom: true };
}

/** gender.label as Simployer's company list writes it (labels unpublished: Male/Female/Mann/Kvinne…). */
export function genderOf(gender: unknown): Gender | null {
  const label = textOf(asFields(gender)?.label)?.toLowerCase() ?? null;
  if (label === null) return null;
  if (['mann', 'man', 'mies', 'mand'].includes(label)) return 'male';
  if (['kvinne', 'kvinna', 'woman', 'nainen', 'kvinde'].includes(label)) return 'female';
  return genderFromLabel(label);
}

/** Without a status field, only a leaving date that passed makes a leaver. */
export function statusOf(leavingDate: string | null, today: string): HrStatus {
  return leavingDate !== null && leavingDate < today ? 'terminated' : 'active';
}

export function mapSimployerPerson(record: unknown, today: string, leavingDateField?: string): MappedRecord {
  const person = asFields(record);
  if (!person) return invalidRecord(null, 'record is not an object');
  const remoteId = rawId(person);
  if (remoteId === null) return invalidRecord(null, 'record has no person id');
  for (const key of ['firstname', 'lastname', 'email']) {
    const value = person[key];
    if (value !== undefined && value !== null && typeof value === 'object') return invalidRecord(remoteId, `field "${key}" has an unexpected shape`);
  }
  return mapOrInvalid(remoteId, () => {
    const attributes: Record<string, AttributeValue> = {};
    for (const { key } of PERSON_ATTRIBUTES) {
      const value = key === 'gender.label' ? scalar(asFields(person.gender)?.label) : scalar(person[key]);
      if (value !== undefined) attributes[key] = value;
    }
    for (const [key, value] of unpublishedFields(person)) attributes[key] = value;
    // A named leaving date field that is not a date makes the record invalid, never "not leaving".
    const leavingDate = leavingDateField ? required(readCalendarDate(person[leavingDateField]), leavingDateField, person[leavingDateField]) : null;
    return {
      remoteId,
      firstName: textOf(person.firstname),
      lastName: textOf(person.lastname),
      email: textOf(person.email),
      status: statusOf(leavingDate, today),
      leavingDate,
      gender: genderOf(person.gender),
      legalEntity: null,
      attributes,
    };
  });
}
