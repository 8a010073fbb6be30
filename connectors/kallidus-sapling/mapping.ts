// Pure translation of Kallidus Sapling profiles (GET /api/v1/beta/profiles) into the unified model.
// Kallidus publishes the user fields id, guid, start_date, first_name, last_name, job_title, location,
// department, state (active | inactive), company_email, personal_email; termination_date,
// employment_status, gender, preferred_name, employee number and marital status come from third-party
// field maps. Dates are calendar days. See NOTES.md.
import { asFields, employmentTypeFromLabel, genderFromLabel, invalidRecord, mapOrInvalid, maritalStatusFromLabel, MalformedValueError, orNull, readCalendarDate, required, textOf, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, HrStatus } from '../types';

/** The profile states Kallidus publishes; a complete listing reads each. */
export const SAPLING_STATES = ['active', 'inactive'] as const;
export type SaplingState = (typeof SAPLING_STATES)[number];

const attr = (key: string, label: string, type: AttributeOption['type'] = 'string'): AttributeOption => ({ key, label, type, custom: false });

export const STANDARD_ATTRIBUTES: readonly AttributeOption[] = [
  attr('first_name', 'First name'),
  attr('last_name', 'Last name'),
  attr('preferred_name', 'Preferred name'),
  attr('company_email', 'Company e-mail'),
  attr('state', 'State', 'list'),
  attr('employment_status', 'Employment status', 'list'),
  attr('employee_number', 'Employee number'),
  attr('job_title', 'Job title'),
  attr('department', 'Department', 'list'),
  attr('location', 'Location', 'list'),
  attr('manager', 'Manager'),
  attr('start_date', 'Start date', 'date'),
  attr('termination_date', 'Termination date', 'date'),
  attr('termination_type', 'Termination type', 'list'),
  attr('gender', 'Gender', 'list'),
  attr('marital_status', 'Marital status', 'list'),
  attr('date_of_birth', 'Date of birth', 'date'),
];

/** Keys that are never attributes (ids, personal e-mail, nested tables). */
const NOT_ATTRIBUTES = new Set(['id', 'guid', 'personal_email']);
const KNOWN = new Set([...STANDARD_ATTRIBUTES.map((a) => a.key), ...NOT_ATTRIBUTES]);

type Row = Record<string, unknown>;
const isScalar = (v: unknown): v is string | number | boolean | null => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** Top-level scalar fields Kallidus does not name: the account's own (custom) fields; nested tables are left out. */
export function customFieldNames(profile: Row): string[] {
  return Object.keys(profile).filter((k) => !KNOWN.has(k) && isScalar(profile[k]));
}

function text(profile: Row, key: string): string | null {
  const value = profile[key];
  if (value !== undefined && value !== null && typeof value === 'object') throw new MalformedValueError(`${key} has an unexpected shape`);
  return textOf(value);
}

/** inactive with a termination date: terminated; inactive without one: inactive (no date is guessed); a passed termination date: terminated. */
export function statusOf(state: string | null, startDate: string | null, terminationDate: string | null, today: string): HrStatus | null {
  if (terminationDate !== null && terminationDate < today) return 'terminated';
  if (state === 'inactive') return terminationDate ? 'terminated' : 'inactive';
  if (startDate !== null && startDate > today) return 'onboarding';
  return state === 'active' ? 'active' : null;
}

export function mapSaplingProfile(record: unknown, today: string): MappedRecord {
  const profile = asFields(record);
  if (!profile) return invalidRecord(null, 'record is not an object');
  // The GUID identifies a user ("Get a user" by GUID); the numeric id is kept as a fallback.
  const id = textOf(profile.guid) ?? textOf(profile.id);
  if (id === null) return invalidRecord(null, 'record has no guid');
  return mapOrInvalid(id, () => {
    const terminationDate = required(readCalendarDate(profile.termination_date), 'termination_date', profile.termination_date);
    const startDate = orNull(readCalendarDate(profile.start_date));
    const attributes: Record<string, AttributeValue> = {};
    for (const { key, type } of STANDARD_ATTRIBUTES) {
      const value = profile[key];
      if (value === undefined || !isScalar(value)) continue;
      attributes[key] = type === 'date' ? orNull(readCalendarDate(value)) : value;
    }
    for (const name of customFieldNames(profile)) attributes[name] = profile[name] as AttributeValue;
    return {
      remoteId: id,
      firstName: text(profile, 'first_name'),
      lastName: text(profile, 'last_name'),
      // Only the company e-mail: the personal one is never used.
      email: text(profile, 'company_email'),
      status: statusOf(text(profile, 'state'), startDate, terminationDate, today),
      personnelNumber: text(profile, 'employee_number'),
      employmentType: employmentTypeFromLabel(text(profile, 'employment_status')),
      hireDate: startDate,
      leavingDate: terminationDate,
      gender: genderFromLabel(text(profile, 'gender')),
      legalEntity: null,
      maritalStatus: maritalStatusFromLabel(text(profile, 'marital_status')),
      attributes,
    };
  });
}
