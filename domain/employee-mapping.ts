// Turns what a connector read (RemoteEmployee) into the record the product stores (SyncedEmployee):
// applies the admin's attribute mapping with coercion, drops fields that are not selected, and
// validates the result. Reasons and warnings name fields only, never personal values.
import { z } from 'zod';
import type { AttributeValue, EmploymentType, Gender, HrStatus, MaritalStatus, RemoteEmployee } from './remote-employee';
import { EMPLOYEE_FIELD_KEYS, REQUIRED_FIELD_KEYS, type EmployeeFieldKey, type MappableField } from './employee-fields';
import { EMPLOYMENT_TYPES, GENDERS, HR_STATUSES, MARITAL_STATUSES } from './hr-values';
import { isIsoDate } from './leaving-dates';

/**
 * One employee as the sync stores it: `remoteId`, every unified field (null when not selected or not
 * known) and `hrStatus`.
 *
 * `status` is the setup flow's field key "Employment status in the HR system" and holds the HR status;
 * `hrStatus` holds the same HR value and is what the Employee row's `hr_status` column and the
 * leaving rules use. Neither is the product's lifecycle status (Employee.status ACTIVE/LEAVING_PLANNED/
 * LEFT), which the sync never takes from the HR system.
 */
export interface SyncedEmployee {
  remoteId: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  status: HrStatus | null;
  personnelNumber: string | null;
  employmentType: EmploymentType | null;
  hireDate: string | null;
  leavingDate: string | null;
  gender: Gender | null;
  legalEntity: { id: string; name: string } | null;
  maritalStatus: MaritalStatus | null;
  numberOfChildren: number | null;
  hrStatus: HrStatus | null;
}

// Compile-time check: SyncedEmployee has exactly remoteId + the unified field keys + hrStatus.
type AssertTrue<T extends true> = T;
export type _SyncedKeysComplete = AssertTrue<
  [Exclude<EmployeeFieldKey, keyof SyncedEmployee>, Exclude<keyof SyncedEmployee, EmployeeFieldKey | 'remoteId' | 'hrStatus'>] extends [never, never] ? true : false
>;

export interface MappingConfig {
  selectedFields: readonly EmployeeFieldKey[];
  /** Product field → HR attribute key (`RemoteEmployee.attributes`), chosen in the mapping step. */
  mapping: Partial<Record<MappableField, string>>;
}

/** A value that was present but could not be understood and was stored as null (no value quoted). */
export interface MappingWarning {
  field: EmployeeFieldKey;
  reason: string;
}

export type MappingResult = { ok: true; employee: SyncedEmployee; warnings: MappingWarning[] } | { ok: false; reason: string };

/** Upper bound for a plausible number of children; anything above is treated as a data error. */
export const MAX_CHILDREN = 30;

// ---------------------------------------------------------------------------------------------
// Normalisation of vendor words

/** Lower case, no accents, separators ('-', '_', '/', '.') and repeated blanks folded to one space. */
export function normalizeWord(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[-_/.,()]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function table<T extends string>(entries: Record<T, readonly string[]>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [value, words] of Object.entries(entries) as [T, readonly string[]][]) {
    map.set(normalizeWord(value), value);
    for (const w of words) map.set(normalizeWord(w), value);
  }
  return map;
}

const MARITAL_WORDS = table<MaritalStatus>({
  single: ['ledig', 'unmarried', 'unverheiratet', 'not married', 'celibataire', 'soltero', 'soltera', 'ongehuwd', 'alleenstaand', 'ogift'],
  married: ['verheiratet', 'marie', 'mariee', 'casado', 'casada', 'gehuwd', 'getrouwd', 'gift', 'spouse'],
  registered_partnership: [
    'registered partnership',
    'registered partner',
    'civil partnership',
    'civil union',
    'domestic partnership',
    'eingetragene lebenspartnerschaft',
    'lebenspartnerschaft',
    'eingetragene partnerschaft',
    'verpartnert',
    'pacs',
    'pacse',
    'geregistreerd partnerschap',
  ],
  divorced: ['geschieden', 'divorce', 'divorcee', 'divorciado', 'divorciada', 'gescheiden', 'skild'],
  widowed: ['verwitwet', 'widow', 'widower', 'veuf', 'veuve', 'viudo', 'viuda', 'weduwe', 'weduwnaar', 'anka', 'ankling'],
  separated: ['getrennt', 'getrennt lebend', 'dauernd getrennt lebend', 'separe', 'separee', 'separado', 'separada', 'gescheiden van tafel en bed'],
});

const EMPLOYMENT_WORDS = table<EmploymentType>({
  FULL_TIME: ['full time', 'fulltime', 'vollzeit', 'full time employee', 'temps plein', 'voltijd', 'ft'],
  PART_TIME: ['part time', 'parttime', 'teilzeit', 'part time employee', 'temps partiel', 'deeltijd', 'pt'],
  WORKING_STUDENT: ['working student', 'werkstudent', 'werkstudentin', 'student employee', 'student worker'],
  INTERN: ['intern', 'internship', 'praktikant', 'praktikantin', 'praktikum', 'stagiaire', 'stage', 'stagiair'],
  MINI_JOB: ['mini job', 'minijob', 'minijobber', 'geringfugig beschaftigt', 'geringfugige beschaftigung', 'geringfugig'],
  CONTRACTOR: ['contractor', 'freelancer', 'freelance', 'freiberufler', 'freiberuflich', 'external', 'extern', 'independent contractor'],
  OTHER: ['other', 'sonstige', 'sonstiges', 'andere'],
});

const GENDER_WORDS = table<Gender>({
  male: ['m', 'man', 'mannlich', 'masculin', 'homme'],
  female: ['f', 'w', 'woman', 'weiblich', 'feminin', 'femme'],
  diverse: ['d', 'divers', 'non binary', 'nonbinary', 'x', 'other'],
});

const HR_STATUS_WORDS = table<HrStatus>({
  active: ['aktiv', 'employed'],
  onboarding: ['pending', 'preboarding', 'hired'],
  leave: ['on leave', 'abwesend'],
  inactive: ['inaktiv'],
  terminated: ['former', 'ausgeschieden', 'offboarded'],
});

type Coerced<T> = { value: T | null; problem?: string };

function coerceWord<T extends string>(raw: unknown, words: Map<string, T>, unknownValue: T | null, what: string): Coerced<T> {
  if (raw === null || raw === undefined) return { value: null };
  if (typeof raw !== 'string') return { value: null, problem: `is not a recognised ${what}` };
  const key = normalizeWord(raw);
  if (key === '') return { value: null };
  const hit = words.get(key);
  if (hit !== undefined) return { value: hit };
  return { value: unknownValue, problem: `is not a recognised ${what}` };
}

/** 'married', 'Verheiratet', 'eingetragene Lebenspartnerschaft' … → MaritalStatus; unknown → null. */
export function normalizeMaritalStatus(raw: unknown): Coerced<MaritalStatus> {
  return coerceWord(raw, MARITAL_WORDS, null, 'marital status');
}

/** 'full-time', 'Vollzeit', 'Teilzeit' … → EmploymentType; an unknown word → 'OTHER' (with a problem). */
export function normalizeEmploymentType(raw: unknown): Coerced<EmploymentType> {
  return coerceWord(raw, EMPLOYMENT_WORDS, 'OTHER', 'employment type');
}

/** Integer 0..MAX_CHILDREN from a number or a numeric string ('2', ' 3 '); anything else → null. */
export function coerceNumberOfChildren(raw: unknown): Coerced<number> {
  if (raw === null || raw === undefined) return { value: null };
  let n: number;
  if (typeof raw === 'number') n = raw;
  else if (typeof raw === 'string') {
    const s = raw.trim();
    if (s === '') return { value: null };
    if (!/^\+?\d+(?:[.,]0+)?$/.test(s)) return { value: null, problem: 'is not a whole number' };
    n = Number.parseInt(s.replace(/^\+/, ''), 10);
  } else return { value: null, problem: 'is not a whole number' };
  if (!Number.isInteger(n)) return { value: null, problem: 'is not a whole number' };
  if (n < 0 || n > MAX_CHILDREN) return { value: null, problem: `is outside 0..${MAX_CHILDREN}` };
  return { value: n };
}

function coercePersonnelNumber(raw: unknown): Coerced<string> {
  if (raw === null || raw === undefined) return { value: null };
  if (typeof raw === 'number' && Number.isFinite(raw)) return { value: String(raw) };
  if (typeof raw === 'string') {
    const s = raw.trim();
    return { value: s === '' ? null : s };
  }
  return { value: null, problem: 'is not text or a number' };
}

function coerceGender(raw: unknown): Coerced<Gender> {
  return coerceWord(raw, GENDER_WORDS, null, 'gender');
}

// ---------------------------------------------------------------------------------------------
// Validation of the result

const nonEmptyName = z.string().min(1, { error: 'must not be empty' }).max(200, { error: 'is too long' }).nullable();
const isoDate = z
  .string()
  .refine(isIsoDate, { error: 'is not a date (YYYY-MM-DD)' })
  .nullable();

const syncedEmployeeSchema = z.object({
  remoteId: z.string().min(1, { error: 'is missing' }).max(255, { error: 'is too long' }),
  firstName: nonEmptyName,
  lastName: nonEmptyName,
  email: z.email({ error: 'is not a valid e-mail address' }).max(320, { error: 'is too long' }).nullable(),
  status: z.enum(HR_STATUSES, { error: 'is not a known HR status' }).nullable(),
  personnelNumber: z.string().min(1).max(100, { error: 'is too long' }).nullable(),
  employmentType: z.enum(EMPLOYMENT_TYPES, { error: 'is not a known employment type' }).nullable(),
  hireDate: isoDate,
  leavingDate: isoDate,
  gender: z.enum(GENDERS, { error: 'is not a known gender' }).nullable(),
  legalEntity: z
    .object({
      id: z.string().min(1, { error: 'has no id' }),
      name: z.string({ error: 'has no name' }),
    })
    .nullable(),
  maritalStatus: z.enum(MARITAL_STATUSES, { error: 'is not a known marital status' }).nullable(),
  numberOfChildren: z.int().min(0).max(MAX_CHILDREN).nullable(),
  hrStatus: z.enum(HR_STATUSES, { error: 'is not a known HR status' }).nullable(),
});

function describeIssues(error: z.ZodError): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || 'record';
    // Only our own messages (never zod's defaults, which could in future quote input values).
    const message = issue.code === 'custom' || issue.message.startsWith('is ') || issue.message.startsWith('must ') || issue.message.startsWith('has ') ? issue.message : 'is invalid';
    const text = `${path} ${message}`;
    if (!seen.has(text)) {
      seen.add(text);
      parts.push(text);
    }
  }
  return parts.join('; ');
}

function trimmed(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null;
  return value.trim();
}

function attribute(remote: RemoteEmployee, key: string | undefined): AttributeValue | undefined {
  if (key === undefined || !remote.attributes || !Object.prototype.hasOwnProperty.call(remote.attributes, key)) return undefined;
  return remote.attributes[key];
}

/**
 * Maps one connector record to the stored shape. A mapped attribute provides the field (and wins over
 * the vendor's standard field when it has a value); values that cannot be understood become null with
 * a warning; a record whose selected fields are malformed (e-mail, dates, empty names, unknown enum
 * values from the connector) is rejected with a reason that names the field. Required fields are
 * always kept, whatever the selection says.
 */
export function mapRemoteEmployee(remote: RemoteEmployee, config: MappingConfig): MappingResult {
  const selected = new Set<EmployeeFieldKey>([...config.selectedFields, ...REQUIRED_FIELD_KEYS]);
  const warnings: MappingWarning[] = [];

  /** The mapped attribute when it carries a value, else the vendor's standard field. */
  const source = (field: MappableField): unknown => {
    const mapped = attribute(remote, config.mapping[field]);
    if (mapped !== undefined && mapped !== null && !(typeof mapped === 'string' && mapped.trim() === '')) return mapped;
    return remote[field];
  };
  const take = <T>(field: EmployeeFieldKey, c: Coerced<T>): T | null => {
    if (c.problem) warnings.push({ field, reason: `${field} ${c.problem}; stored as ${c.value === null ? 'empty' : String(c.value)}` });
    return c.value;
  };

  const hrStatusRaw = trimmed(remote.status);
  const hrStatus = typeof hrStatusRaw === 'string' && hrStatusRaw !== '' ? (HR_STATUS_WORDS.get(normalizeWord(hrStatusRaw)) ?? hrStatusRaw) : null;

  const draft: Record<keyof SyncedEmployee, unknown> = {
    remoteId: typeof remote.remoteId === 'string' ? remote.remoteId.trim() : remote.remoteId,
    firstName: trimmed(remote.firstName),
    lastName: trimmed(remote.lastName),
    email: trimmed(remote.email),
    status: hrStatus,
    personnelNumber: selected.has('personnelNumber') ? take('personnelNumber', coercePersonnelNumber(source('personnelNumber'))) : null,
    employmentType: selected.has('employmentType') ? take('employmentType', normalizeEmploymentType(source('employmentType'))) : null,
    hireDate: trimmed(remote.hireDate),
    leavingDate: trimmed(remote.leavingDate),
    gender: selected.has('gender') ? take('gender', coerceGender(remote.gender)) : null,
    legalEntity: remote.legalEntity ?? null,
    maritalStatus: selected.has('maritalStatus') ? take('maritalStatus', normalizeMaritalStatus(source('maritalStatus'))) : null,
    numberOfChildren: selected.has('numberOfChildren') ? take('numberOfChildren', coerceNumberOfChildren(source('numberOfChildren'))) : null,
    hrStatus,
  };
  // Empty e-mail / dates from a vendor mean "not set".
  for (const key of ['email', 'hireDate', 'leavingDate'] as const) if (draft[key] === '') draft[key] = null;
  for (const key of EMPLOYEE_FIELD_KEYS) if (!selected.has(key)) draft[key] = null;

  const parsed = syncedEmployeeSchema.safeParse(draft);
  if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error) };
  return { ok: true, employee: parsed.data, warnings };
}
