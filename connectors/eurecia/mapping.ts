// Pure translation of Eurécia users (GET /eurecia/rest/v4/users/{id}, the shape node-eurecia types)
// into the unified model. Dates are epoch milliseconds: Eurécia is a French product, so a day is read
// in Europe/Paris (a departure stored at local midnight is 22:00 or 23:00 UTC the day before: reading
// it in UTC, as the kit's readEpochMillisDate does, would move 1 April to 31 March, a month earlier).
import { asFields, invalidRecord, MalformedValueError, mapOrInvalid, readEpochMillisDate, textOf, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, EmploymentType, Gender, HrStatus, MaritalStatus } from '../types';

export const EURECIA_TIME_ZONE = 'Europe/Paris';

/** The calendar day of epoch milliseconds in `timeZone`; null for blanks, undefined for a non-date. */
export function epochMillisDay(value: unknown, timeZone = EURECIA_TIME_ZONE): string | null | undefined {
  const utcDay = readEpochMillisDate(value);
  if (utcDay === null || utcDay === undefined) return utcDay;
  const ms = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isFinite(ms)) return utcDay; // SAP's /Date(…)/ form: not Eurécia's
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
}

/** The additional fields a company fills as it likes: offered as custom attributes. */
export const ADDITIONAL_FIELDS = ['additionalField1', 'additionalField2', 'additionalField3'] as const;

const attr = (key: string, label: string, type: AttributeOption['type'] = 'string'): AttributeOption => ({ key, label, type, custom: false });

export const USER_ATTRIBUTES: readonly AttributeOption[] = [
  attr('refNumber', 'Matricule (refNumber)'),
  attr('jobTitle', 'Job title'),
  attr('department', 'Department', 'list'),
  attr('structure', 'Structure', 'list'),
  attr('workContract', 'Work contract', 'list'),
  attr('professionalStatus', 'Professional status', 'list'),
  attr('workingTimeRate', 'Working time rate', 'number'),
  attr('workingTimeUnit', 'Working time unit'),
  attr('matrialStatus', 'Marital status (matrialStatus)', 'list'),
  attr('departureDate', 'Departure date', 'date'),
  attr('dateEndAccess', 'End of access', 'date'),
  attr('archived', 'Archived', 'boolean'),
  attr('nationality', 'Nationality'),
];

const DATE_ATTRIBUTES = new Set(['departureDate', 'dateEndAccess']);

function text(user: Record<string, unknown>, key: string): string | null {
  const value = user[key];
  if (value !== undefined && value !== null && typeof value === 'object') throw new MalformedValueError(`${key} has an unexpected shape`);
  return textOf(value);
}

/** Gender codes and labels in French and English; anything else is unknown. */
export function genderOf(value: string | null): Gender | null {
  if (!value) return null;
  const v = value.trim().toLowerCase();
  if (['m', 'h', 'male', 'man', 'homme', 'masculin', 'mr', 'm.'].includes(v)) return 'male';
  if (['f', 'female', 'woman', 'femme', 'féminin', 'feminin', 'mme'].includes(v)) return 'female';
  if (['x', 'other', 'autre', 'non-binaire', 'diverse'].includes(v)) return 'diverse';
  return null;
}

/** French civil status labels (marié(e), pacsé(e), …) or English ones; anything else is unknown. */
export function maritalStatusOf(value: string | null): MaritalStatus | null {
  if (!value) return null;
  const v = value.toLowerCase();
  if (v.includes('pacs') || v.includes('partner')) return 'registered_partnership';
  if (v.includes('célibataire') || v.includes('celibataire') || v.includes('single')) return 'single';
  if (v.includes('divorc')) return 'divorced';
  if (v.includes('veu') || v.includes('widow')) return 'widowed';
  if (v.includes('sépar') || v.includes('separ')) return 'separated';
  if (v.includes('mari') || v.includes('married')) return 'married';
  return null;
}

/**
 * Employment type from the work contract (stage, apprentissage, intérim, …); a CDI or CDD is full-time
 * at a working time rate of 100 (%) and part-time below it; without a rate it is unknown.
 */
export function employmentTypeOf(workContract: string | null, workingTimeRate: unknown): EmploymentType | null {
  const v = (workContract ?? '').toLowerCase();
  if (v.includes('stage') || v.includes('apprenti') || v.includes('alternance') || v.includes('professionnalisation')) return 'INTERN';
  if (v.includes('intérim') || v.includes('interim') || v.includes('freelance') || v.includes('prestat')) return 'CONTRACTOR';
  const rate = typeof workingTimeRate === 'number' ? workingTimeRate : Number.NaN;
  if (!Number.isFinite(rate) || rate <= 0) return workContract ? 'OTHER' : null;
  return rate >= 100 ? 'FULL_TIME' : 'PART_TIME';
}

/** A passed departure date: terminated; archived without one: inactive (never a leaver without a date); a hiring date ahead: onboarding. */
export function statusOf(archived: unknown, hireDate: string | null, leavingDate: string | null, today: string): HrStatus {
  if (leavingDate !== null && leavingDate < today) return 'terminated';
  if (archived === true) return 'inactive';
  if (hireDate !== null && hireDate > today) return 'onboarding';
  return 'active';
}

function attributesOf(user: Record<string, unknown>): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {};
  for (const key of [...USER_ATTRIBUTES.map((a) => a.key), ...ADDITIONAL_FIELDS]) {
    const value = user[key];
    if (value === undefined) continue;
    if (DATE_ATTRIBUTES.has(key)) attributes[key] = epochMillisDay(value) ?? null;
    else attributes[key] = value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
  }
  return attributes;
}

/** Maps one user of the list with its own record (null: the record could not be read). */
export function mapEureciaUser(listed: unknown, detail: unknown, today: string): MappedRecord {
  const entry = asFields(listed);
  if (!entry) return invalidRecord(null, 'record is not an object');
  const id = textOf(entry.id);
  if (id === null) return invalidRecord(textOf(entry.refNumber), 'record has no id');
  const own = asFields(detail);
  if (!own) return invalidRecord(id, 'the user record could not be read');
  const user = { ...entry, ...own };
  return mapOrInvalid(id, () => {
    const leavingDate = epochMillisDay(user.departureDate);
    // A departure date that is not a date makes the record invalid (reported), never "not leaving".
    if (leavingDate === undefined) throw new MalformedValueError(`departureDate "${String(user.departureDate)}" is not a date`);
    const hireDate = epochMillisDay(user.hiringDate ?? user.entryDate) ?? null;
    return {
      remoteId: id,
      firstName: text(user, 'firstName'),
      lastName: text(user, 'lastName'),
      email: text(user, 'email'),
      status: statusOf(user.archived, hireDate, leavingDate, today),
      personnelNumber: text(user, 'refNumber'),
      employmentType: employmentTypeOf(text(user, 'workContract'), user.workingTimeRate),
      hireDate,
      leavingDate,
      gender: genderOf(text(user, 'gender')),
      legalEntity: null,
      maritalStatus: maritalStatusOf(text(user, 'matrialStatus')),
      attributes: attributesOf(user),
    };
  });
}
