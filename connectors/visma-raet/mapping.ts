// Pure translation of Youforce IAM API records (persons, their employments, person extensions) into
// the unified model. One employee is one person; the leaving date is when their last employment ends
// (dischargeDate, where 9999-12-31 means open-ended). Properties without a value are left out by
// the API, so every field may be missing.
import { asFields, invalidRecord, mapOrInvalid, orNull, rawId, readCalendarDate, required, textOf, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, EmploymentType, Gender, HrStatus } from '../types';

export type Row = Record<string, unknown>;

export const PERSON_ATTRIBUTES: readonly AttributeOption[] = [
  attr('personCode', 'Person code (Persoonsnummer)'),
  attr('initials', 'Initials'),
  attr('firstNames', 'First names'),
  attr('knownAs', 'Known as (Roepnaam)'),
  attr('lastName', 'Last name'),
  attr('gender', 'Gender', 'list'),
  attr('dateOfBirth', 'Date of birth', 'date'),
  attr('employment.employmentCode', 'Employment code'),
  attr('employment.employmentType', 'Employment type code', 'list'),
  attr('employment.employmentTypeName', 'Employment type', 'list'),
  attr('employment.contractCode', 'Contract code', 'list'),
  attr('employment.payrollClientCode', 'Payroll client code', 'list'),
  attr('employment.company', 'Company', 'list'),
  attr('employment.parttimePercentage', 'Part-time percentage', 'number'),
  attr('employment.hireDate', 'Hire date', 'date'),
  attr('employment.dischargeDate', 'Discharge date', 'date'),
  attr('employment.count', 'Number of employments', 'number'),
];

function attr(key: string, label: string, type: AttributeOption['type'] = 'string'): AttributeOption {
  return { key, label, type, custom: false };
}

export function extensionKey(fieldCode: string): string {
  return `extension.${fieldCode}`;
}

/** One person extension { personCode, bo4FieldCode, fieldNameAlias, value } as an attribute. */
export function readExtension(record: unknown): { personCode: string; key: string; label: string; value: AttributeValue } | null {
  const fields = asFields(record);
  const personCode = rawId(fields, 'personCode');
  const code = textOf(fields?.bo4FieldCode);
  if (!fields || personCode === null || code === null) return null;
  const value = fields.value;
  return { personCode, key: extensionKey(code.replace(/\s+/g, '')), label: textOf(fields.fieldNameAlias) ?? textOf(fields.description) ?? code, value: typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null };
}

/** The person's employments' link: personCode (as the IAM API's own consumers group them), else personId. */
export function employmentPersonKey(employment: unknown): string | null {
  return rawId(employment, 'personCode') ?? rawId(employment, 'personId');
}

interface Employment {
  record: Row;
  hireDate: string | null;
  dischargeDate: string | null;
}

function readEmployment(record: Row): Employment {
  return {
    record,
    hireDate: orNull(readCalendarDate(record.hireDate)),
    // 9999-12-31 (open-ended) reads as no date; a value that is not a date makes the person invalid.
    dischargeDate: required(readCalendarDate(record.dischargeDate), 'dischargeDate', record.dischargeDate),
  };
}

/** Open employments first (latest hire first), then the latest discharged. */
function current(employments: readonly Employment[]): Employment | undefined {
  return [...employments].sort((a, b) => Number(a.dischargeDate !== null) - Number(b.dischargeDate !== null) || String(b.dischargeDate ?? b.hireDate).localeCompare(String(a.dischargeDate ?? a.hireDate)))[0];
}

export function genderOf(label: string | null): Gender | null {
  if (!label) return null;
  if (/^(m|male|man)$/i.test(label)) return 'male';
  if (/^(f|v|female|vrouw)$/i.test(label)) return 'female';
  return null;
}

/** parttimePercentage 100 is full time, less is part time (the IAM API has no full/part-time type). */
export function employmentTypeOf(employment: Row | undefined): EmploymentType | null {
  const working = asFields(employment?.workingAmount);
  const percentage = typeof working?.parttimePercentage === 'number' ? working.parttimePercentage : Number(working?.parttimePercentage ?? NaN);
  if (!Number.isFinite(percentage) || percentage <= 0) return null;
  return percentage >= 100 ? 'FULL_TIME' : 'PART_TIME';
}

function businessEmail(addresses: unknown): string | null {
  if (!Array.isArray(addresses)) return null;
  const found = addresses.map(asFields).find((a) => typeof a?.type === 'string' && a.type.toLowerCase() === 'business' && textOf(a.address) !== null);
  return found ? textOf(found.address) : null;
}

/**
 * Maps one person with their employments and extension values. Leaving date: the latest discharge
 * date once every employment has one (an open employment means still employed). A person without
 * any employment is inactive with no leaving date (never read as having left on a date we invent).
 */
export function mapYouforcePerson(record: unknown, employments: readonly unknown[], extensions: ReadonlyMap<string, AttributeValue> | undefined, today: string): MappedRecord {
  const person = asFields(record);
  if (!person) return invalidRecord(null, 'record is not an object');
  const remoteId = rawId(person, 'id') ?? rawId(person, 'personId');
  if (remoteId === null) return invalidRecord(null, 'record has no id');
  if (person.emailAddresses !== undefined && person.emailAddresses !== null && !Array.isArray(person.emailAddresses)) return invalidRecord(remoteId, 'field "emailAddresses" has an unexpected shape');
  return mapOrInvalid(remoteId, () => {
    const list = employments.map(asFields).filter((e): e is Row => e !== null).map(readEmployment);
    const open = list.some((e) => e.dischargeDate === null);
    const leavingDate = list.length && !open ? list.map((e) => e.dischargeDate!).sort().at(-1)! : null;
    // The hire date of the employment that counts now (the earliest open one): a rehire shows a new date.
    const openHires = list.filter((e) => e.dischargeDate === null).map((e) => e.hireDate).filter((d): d is string => d !== null).sort();
    const now = current(list);
    const status: HrStatus = list.length === 0 ? 'inactive' : leavingDate !== null && leavingDate < today ? 'terminated' : 'active';
    const attributes: Record<string, AttributeValue> = {};
    for (const key of ['personCode', 'initials', 'firstNames', 'knownAs', 'lastName', 'gender']) attributes[key] = textOf(person[key]);
    attributes.dateOfBirth = orNull(readCalendarDate(person.dateOfBirth));
    const e = now?.record;
    for (const key of ['employmentCode', 'employmentType', 'employmentTypeName', 'contractCode', 'payrollClientCode']) attributes[`employment.${key}`] = textOf(e?.[key]);
    attributes['employment.company'] = textOf(e?.company) ?? textOf(asFields(e?.company)?.name) ?? null;
    const percentage = asFields(e?.workingAmount)?.parttimePercentage;
    attributes['employment.parttimePercentage'] = typeof percentage === 'number' ? percentage : null;
    attributes['employment.hireDate'] = now?.hireDate ?? null;
    attributes['employment.dischargeDate'] = now?.dischargeDate ?? null;
    attributes['employment.count'] = list.length;
    for (const [key, value] of extensions ?? []) attributes[key] = value;
    const lastName = [textOf(person.lastNamePrefix), textOf(person.lastName) ?? textOf(person.lastNameAtBirth)].filter(Boolean).join(' ');
    return {
      remoteId,
      firstName: textOf(person.knownAs) ?? textOf(person.firstNames),
      lastName: lastName || null,
      email: businessEmail(person.emailAddresses),
      status,
      personnelNumber: textOf(person.personCode),
      employmentType: employmentTypeOf(e),
      hireDate: openHires[0] ?? now?.hireDate ?? null,
      leavingDate,
      gender: genderOf(textOf(person.gender)),
      legalEntity: null,
      attributes,
    };
  });
}
