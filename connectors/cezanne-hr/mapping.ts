// Pure translation of Cezanne HR People (OData, with their employments expanded) into the unified
// model. Field names are those of Cezanne's published (v1) field lists, PERSONID, GIVENNAME,
// ACTIVEEMPLOYEE, EFFECTIVETO, …; the current API's spelling is not published, so every field is read
// without regard to case (PersonId, PERSONID). Dates may come as ISO dates or OData's /Date(ms)/.
// See NOTES.md.
import { asFields, genderFromLabel, invalidRecord, mapOrInvalid, MalformedValueError, readCalendarDate, readEpochMillisDate, required, textOf, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, HrStatus } from '../types';

/** The navigation holding every employment of a person (v1: "Return all employment data"). */
export const EMPLOYMENTS_NAV = 'PeopleToEmploymentAll';
/** The navigation holding a person's communications (e-mail addresses). */
export const COMMUNICATIONS_NAV = 'PeopleToCommunications';

type Row = Record<string, unknown>;

/** A field read without regard to case: Cezanne documents PERSONID, OData clients see PersonId. */
export function field(row: Row | null | undefined, name: string): unknown {
  if (!row) return undefined;
  if (name in row) return row[name];
  const lower = name.toLowerCase();
  const key = Object.keys(row).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : row[key];
}

/** An OData date: `/Date(1700000000000)/` (OData v2/v3 JSON) or an ISO date / date-time (day as written). */
export function readODataDate(value: unknown): string | null | undefined {
  if (typeof value === 'string' && /^\/Date\(/.test(value.trim())) return readEpochMillisDate(value);
  const day = readCalendarDate(value);
  // Cezanne may write an open end as a far-future day: only 9999-12-31 is known to the kit.
  return day !== null && day !== undefined && day >= '2999-12-31' ? null : day;
}

/** Fields of Cezanne's published People list: offered as standard attributes; any other person field is custom. */
const PERSON_FIELDS: ReadonlyArray<[string, string, AttributeOption['type']]> = [
  ['PERSONID', 'Person code', 'string'],
  ['GIVENNAME', 'First name', 'string'],
  ['FAMILYNAME', 'Surname', 'string'],
  ['PREFERREDGIVENNAME', 'Known as', 'string'],
  ['GENDERDESCRIPTION', 'Gender', 'list'],
  ['ACTIVEEMPLOYEE', 'Active employee', 'boolean'],
  ['BIRTHDATE', 'Date of birth', 'date'],
  ['NATIONALITYDESCRIPTION', 'Nationality', 'list'],
  ['RESIDENCYCOUNTRYDESCRIPTION', 'Country of residence', 'list'],
];
const EMPLOYMENT_FIELDS: ReadonlyArray<[string, string, AttributeOption['type']]> = [
  ['COMPANYCODE', 'Company code', 'list'],
  ['TRANSLATEDCOMPANYNAME', 'Company', 'list'],
  ['EFFECTIVEFROM', 'Hire date', 'date'],
  ['EFFECTIVETO', 'Termination date', 'date'],
  ['LASTWORKDATE', 'Last worked date', 'date'],
  ['TERMINATIONREASONDESCRIPTION', 'Termination reason', 'list'],
  ['EMPLOYMENTREASONDESCRIPTION', 'Employment reason', 'list'],
  ['ORIGINALHIREDATE', 'Original hire date', 'date'],
];

export const STANDARD_ATTRIBUTES: readonly AttributeOption[] = [
  ...PERSON_FIELDS.map(([key, label, type]) => ({ key, label, type, custom: false })),
  ...EMPLOYMENT_FIELDS.map(([key, label, type]) => ({ key: `employment.${key}`, label, type, custom: false })),
];
const KNOWN_PERSON_KEYS = new Set(PERSON_FIELDS.map(([k]) => k.toLowerCase()));

const isScalar = (v: unknown): v is string | number | boolean | null => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** Person fields Cezanne's published list does not name (the company's own fields): offered as custom attributes. */
export function customFieldNames(person: Row): string[] {
  return Object.keys(person).filter((k) => !KNOWN_PERSON_KEYS.has(k.toLowerCase()) && !k.includes('.') && !k.startsWith('@') && !k.startsWith('__') && isScalar(person[k]));
}

/** A navigation's entries: an array (OData v4 / v3 light) or `{ results: [...] }` (OData verbose); absent: none. */
export function entries(value: unknown, name: string): Row[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : asFields(value)?.results;
  if (!Array.isArray(list)) throw new MalformedValueError(`${name} has an unexpected shape`);
  return list.map((e) => asFields(e)).filter((e): e is Row => e !== null);
}

const flag = (value: unknown): boolean | null => (value === 1 || value === true || value === '1' ? true : value === 0 || value === false || value === '0' ? false : null);

/**
 * The employment that says whether and when the person left: among the primary employments (all, when
 * none is marked primary) the one that started last. Its EFFECTIVETO is the leaving date; an
 * employment without one is running (a rehire's new employment has not ended).
 */
export function currentEmployment(employments: Row[]): Row | null {
  const primary = employments.filter((e) => flag(field(e, 'PRIMARYEMPLOYMENT')) === true);
  const pool = primary.length ? primary : employments;
  let chosen: Row | null = null;
  let chosenFrom = '';
  for (const e of pool) {
    const from = required(readODataDate(field(e, 'EFFECTIVEFROM')), 'EFFECTIVEFROM', field(e, 'EFFECTIVEFROM')) ?? '';
    if (chosen === null || from > chosenFrom) [chosen, chosenFrom] = [e, from];
  }
  return chosen;
}

/** The work e-mail among the communications (a field named like "email" holding an address; a "work" entry first). Shapes unverified. */
export function workEmailOf(communications: Row[]): string | null {
  const found = communications.flatMap((c) => {
    const key = Object.keys(c).find((k) => /e-?mail/i.test(k) && typeof c[k] === 'string' && String(c[k]).includes('@'));
    if (!key) return [];
    const kind = Object.entries(c).filter(([k]) => /type|description/i.test(k)).map(([, v]) => String(v)).join(' ');
    return [{ address: String(c[key]).trim(), work: /work|business/i.test(kind), personal: /personal|home|private/i.test(kind) }];
  });
  return (found.find((f) => f.work) ?? found.find((f) => !f.personal))?.address ?? null;
}

/**
 * The status: ACTIVEEMPLOYEE 1 is active (or onboarding before the hire date), unless the termination
 * date passed; 0 is terminated with a termination date, else inactive (never a guessed date).
 */
export function statusOf(active: boolean | null, hireDate: string | null, leavingDate: string | null, today: string): HrStatus | null {
  if (leavingDate !== null && leavingDate < today) return 'terminated';
  if (active === false) return leavingDate ? 'terminated' : 'inactive';
  if (hireDate !== null && hireDate > today) return 'onboarding';
  return active === true ? 'active' : null;
}

export function mapCezannePerson(record: unknown, today: string): MappedRecord {
  const person = asFields(record);
  if (!person) return invalidRecord(null, 'record is not an object');
  const id = textOf(field(person, 'PERSONID'));
  if (id === null) return invalidRecord(null, 'record has no PERSONID');
  return mapOrInvalid(id, () => {
    const employment = currentEmployment(entries(field(person, EMPLOYMENTS_NAV), EMPLOYMENTS_NAV));
    // A termination date that is not a date makes the record invalid, never "not leaving".
    const leavingDate = employment ? required(readODataDate(field(employment, 'EFFECTIVETO')), 'EFFECTIVETO', field(employment, 'EFFECTIVETO')) : null;
    const hireDate = employment ? (readODataDate(field(employment, 'EFFECTIVEFROM')) ?? null) : null;
    const attributes: Record<string, AttributeValue> = {};
    for (const { key, type } of STANDARD_ATTRIBUTES) {
      const [row, name] = key.startsWith('employment.') ? [employment, key.slice('employment.'.length)] : [person, key];
      const value = field(row, name);
      if (value === undefined || !isScalar(value)) continue;
      attributes[key] = type === 'date' ? (readODataDate(value) ?? null) : type === 'boolean' ? flag(value) : value;
    }
    for (const name of customFieldNames(person)) attributes[name] = person[name] as AttributeValue;
    const companyCode = textOf(field(employment, 'COMPANYCODE'));
    const text = (row: Row | null, name: string) => {
      const value = field(row, name);
      if (value !== undefined && value !== null && typeof value === 'object') throw new MalformedValueError(`${name} has an unexpected shape`);
      return textOf(value);
    };
    return {
      remoteId: id,
      firstName: text(person, 'GIVENNAME'),
      lastName: text(person, 'FAMILYNAME'),
      email: workEmailOf(entries(field(person, COMMUNICATIONS_NAV), COMMUNICATIONS_NAV)),
      status: statusOf(flag(field(person, 'ACTIVEEMPLOYEE')), hireDate, leavingDate, today),
      personnelNumber: id,
      employmentType: null,
      hireDate,
      leavingDate,
      gender: genderFromLabel(text(person, 'GENDERDESCRIPTION')),
      legalEntity: companyCode ? { id: companyCode, name: text(employment, 'TRANSLATEDCOMPANYNAME') ?? companyCode } : null,
      attributes,
    };
  });
}
