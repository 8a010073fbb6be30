// Pure translation of HeavenHR employees into the unified model. The list (GET /api/v2/employees)
// carries only a summary (id, names, employeeNumber, jobStatus, department, email); the person's own
// record (GET /api/v2/employees/{id}) has the fields of HeavenHR's published employee sample:
// startDate, endOfContract, professionalEmail, employeeNumber, gender ("MALE"), permanentOrTemporary,
// jobTitle, locationId, occupation, nationality, … Keys the sample does not show are the company's
// own and become custom attributes. Dates are calendar days ("2017-04-13").
import { asFields, invalidRecord, mapOrInvalid, MalformedValueError, orNull, readCalendarDate, required, textOf, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, Gender, HrStatus } from '../types';

/** Keys of HeavenHR's published employee sample and list summary (read by the connector or plain attributes). */
export const DOCUMENTED_KEYS: ReadonlySet<string> = new Set([
  'id', 'firstName', 'lastName', 'email', 'professionalEmail', 'employeeNumber', 'jobStatus', 'updatedTime', 'departmentId', 'departmentName',
  'startDate', 'endOfContract', 'jobTitle', 'permanentOrTemporary', 'streetPersonal', 'streetNumberPersonal', 'additionalContractInformation',
  'locationId', 'gender', 'nationality', 'occupation',
]);

/** Attributes offered for filters besides the custom ones. */
export const STANDARD_ATTRIBUTES: readonly AttributeOption[] = [
  { key: 'jobStatus', label: 'Job status', type: 'list', custom: false },
  { key: 'permanentOrTemporary', label: 'Permanent or temporary', type: 'list', custom: false },
  { key: 'jobTitle', label: 'Job title', type: 'string', custom: false },
  { key: 'occupation', label: 'Occupation', type: 'string', custom: false },
  { key: 'departmentName', label: 'Department', type: 'list', custom: false },
  { key: 'departmentId', label: 'Department id', type: 'string', custom: false },
  { key: 'locationId', label: 'Location id', type: 'string', custom: false },
  { key: 'nationality', label: 'Nationality', type: 'string', custom: false },
  { key: 'endOfContract', label: 'End of contract', type: 'date', custom: false },
];

const GENDERS: Readonly<Record<string, Gender>> = { MALE: 'male', FEMALE: 'female', DIVERSE: 'diverse', OTHER: 'diverse' };

/** Custom attributes: scalar keys of the employee record that HeavenHR's sample does not show. */
export function customKeys(record: Record<string, unknown>): string[] {
  return Object.keys(record).filter((key) => !DOCUMENTED_KEYS.has(key) && scalar(record[key]) !== undefined);
}

function scalar(value: unknown): AttributeValue | undefined {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
}

function text(record: Record<string, unknown>, key: string): string | null {
  const value = record[key];
  if (value !== undefined && value !== null && typeof value === 'object') throw new MalformedValueError(`${key} has an unexpected shape`);
  return textOf(value);
}

/**
 * A passed end of contract: terminated; jobStatus INACTIVE without one: inactive (never a leaver
 * without a date); a start date ahead: onboarding.
 */
export function statusOf(jobStatus: string | null, startDate: string | null, endOfContract: string | null, today: string): HrStatus {
  if (endOfContract !== null && endOfContract < today) return 'terminated';
  if (jobStatus?.toUpperCase() === 'INACTIVE') return 'inactive';
  if (startDate !== null && startDate > today) return 'onboarding';
  return 'active';
}

/** Maps one list summary together with the person's own record (null: no detail could be read). */
export function mapHeavenHrEmployee(summary: unknown, detail: unknown, today: string): MappedRecord {
  const listed = asFields(summary);
  if (!listed) return invalidRecord(null, 'record is not an object');
  const id = textOf(listed.id);
  if (id === null) return invalidRecord(textOf(listed.employeeNumber), 'record has no id');
  const own = asFields(detail);
  if (!own) return invalidRecord(id, 'the employee record could not be read');
  const record = { ...listed, ...own };
  return mapOrInvalid(id, () => {
    // An end of contract that is not a date makes the record invalid (reported), never "not leaving".
    const leavingDate = required(readCalendarDate(record.endOfContract), 'endOfContract', record.endOfContract);
    const hireDate = orNull(readCalendarDate(record.startDate));
    const attributes: Record<string, AttributeValue> = {};
    for (const { key } of STANDARD_ATTRIBUTES) {
      const value = scalar(record[key]);
      if (value !== undefined) attributes[key] = value;
    }
    for (const key of customKeys(record)) attributes[key] = scalar(record[key])!;
    const gender = text(record, 'gender');
    return {
      remoteId: id,
      firstName: text(record, 'firstName'),
      lastName: text(record, 'lastName'),
      email: text(record, 'professionalEmail') ?? text(record, 'email'),
      status: statusOf(text(record, 'jobStatus'), hireDate, leavingDate, today),
      personnelNumber: text(record, 'employeeNumber'),
      hireDate,
      leavingDate,
      gender: gender ? (GENDERS[gender.toUpperCase()] ?? null) : null,
      legalEntity: null,
      attributes,
    };
  });
}
