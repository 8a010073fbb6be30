// Pure translation of AFAS Profit GetConnector rows into the unified model. A GetConnector's
// fields are the admin's choice: the connector reads them by the field ids below (each renamable
// in the credentials). Date-times come as "2024-04-30T00:00:00Z", Amsterdam time despite the Z
// (AFAS: ignore the Z), so the day is read as written. See NOTES.md for what is verified.
import { asFields, employmentTypeFromLabel, invalidRecord, mapOrInvalid, orNull, readCalendarDate, required, textOf, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, EmploymentType, Gender, HrStatus, MaritalStatus } from '../types';

/** What the connector reads from a row, each from one field of the GetConnector. */
export const AFAS_FIELD_ROLES = ['employeeId', 'firstName', 'lastName', 'email', 'hireDate', 'leavingDate', 'employerId', 'employerName', 'gender', 'maritalStatus', 'employmentType'] as const;
export type AfasFieldRole = (typeof AFAS_FIELD_ROLES)[number];
export type AfasFields = Record<AfasFieldRole, string>;

/**
 * Default field ids. EmployeeId, EmailWork, EmploymentStartDate and EmploymentEndDate are the ids
 * AFAS's own GetConnector examples use; the others are the layout NOTES.md recommends.
 */
export const AFAS_DEFAULT_FIELDS: Readonly<AfasFields> = {
  employeeId: 'EmployeeId',
  firstName: 'FirstName',
  lastName: 'LastName',
  email: 'EmailWork',
  hireDate: 'EmploymentStartDate',
  leavingDate: 'EmploymentEndDate',
  employerId: 'EmployerId',
  employerName: 'EmployerName',
  gender: 'Gender',
  maritalStatus: 'MaritalStatus',
  employmentType: 'EmploymentType',
};

/** Without these the connector cannot work: who someone is, and whether they left. */
export const AFAS_REQUIRED_ROLES: readonly AfasFieldRole[] = ['employeeId', 'leavingDate'];

/** A field of GET /metainfo/get/<id>: { id, fieldId, dataType, label, length, controlType, decimals }. */
export interface AfasMetaField {
  id: string;
  label?: unknown;
  dataType?: unknown;
}

/** The fields of a metainfo answer (entries without an id are skipped); null when the answer has no field list. */
export function metaFieldsOf(body: unknown): AfasMetaField[] | null {
  const fields = asFields(body)?.fields;
  if (!Array.isArray(fields)) return null;
  return fields.filter((f): f is AfasMetaField => asFields(f) !== null && typeof (f as AfasMetaField).id === 'string' && (f as AfasMetaField).id !== '');
}

/** Every field of the GetConnector as an attribute; those the connector does not read itself are custom. */
export function toAttributeOptions(fields: readonly AfasMetaField[], roles: AfasFields): AttributeOption[] {
  const standard = new Set(Object.values(roles));
  return fields.map((f) => ({ key: f.id, label: textOf(f.label) ?? f.id, type: attributeType(f.dataType), custom: !standard.has(f.id) }));
}

function attributeType(dataType: unknown): AttributeOption['type'] {
  switch (dataType) {
    case 'int':
    case 'decimal':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    default:
      return 'string';
  }
}

type Row = Record<string, unknown>;

/** Maps one row; `today` (YYYY-MM-DD) tells a past leaving date from a planned one. */
export function mapAfasRow(record: unknown, fields: AfasFields, today: string): MappedRecord {
  const row = asFields(record);
  if (!row) return invalidRecord(null, 'row is not an object');
  const remoteId = textOf(row[fields.employeeId]);
  if (remoteId === null) return invalidRecord(null, `row has no ${fields.employeeId}`);
  for (const key of Object.values(fields)) {
    const value = row[key];
    if (value !== undefined && value !== null && typeof value === 'object') return invalidRecord(remoteId, `field "${key}" has an unexpected shape`);
  }
  return mapOrInvalid(remoteId, () => {
    const leavingDate = required(readCalendarDate(row[fields.leavingDate]), fields.leavingDate, row[fields.leavingDate]);
    const hireDate = orNull(readCalendarDate(row[fields.hireDate]));
    const employerId = textOf(row[fields.employerId]);
    return {
      remoteId,
      firstName: textOf(row[fields.firstName]),
      lastName: textOf(row[fields.lastName]),
      email: textOf(row[fields.email]),
      status: statusOf(hireDate, leavingDate, today),
      personnelNumber: remoteId,
      employmentType: employmentTypeOf(textOf(row[fields.employmentType])),
      hireDate,
      leavingDate,
      gender: genderOf(textOf(row[fields.gender])),
      legalEntity: employerId ? { id: employerId, name: textOf(row[fields.employerName]) ?? employerId } : null,
      maritalStatus: maritalStatusOf(textOf(row[fields.maritalStatus])),
      attributes: attributesOf(row),
    };
  });
}

/** Every scalar field of the row under its field id (the admin's mapping and filters read these). */
function attributesOf(row: Row): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {};
  for (const [key, value] of Object.entries(row)) {
    attributes[key] = value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
  }
  return attributes;
}

/** AFAS has no status field of its own here: a passed end date has left, a future start date is onboarding. */
export function statusOf(hireDate: string | null, leavingDate: string | null, today: string): HrStatus {
  if (leavingDate !== null && leavingDate < today) return 'terminated';
  if (hireDate !== null && hireDate > today) return 'onboarding';
  return 'active';
}

/** Dutch labels first (Profit's default language), then the kit's English ones. */
export function employmentTypeOf(label: string | null): EmploymentType | null {
  if (!label) return null;
  const v = label.toLowerCase();
  if (v.includes('voltijd')) return 'FULL_TIME';
  if (v.includes('deeltijd')) return 'PART_TIME';
  if (v.includes('stagiair') || v.includes('stage') || v.includes('leerling') || v.includes('bbl')) return 'INTERN';
  if (v.includes('werkstudent')) return 'WORKING_STUDENT';
  if (v.includes('zzp') || v.includes('inhuur') || v.includes('freelance')) return 'CONTRACTOR';
  return employmentTypeFromLabel(label);
}

/** Profit's gender codes (M man, V vrouw, O onbekend, X neutral: assumed) and their labels; unknown is no gender. */
export function genderOf(value: string | null): Gender | null {
  if (!value) return null;
  const v = value.toLowerCase();
  if (['m', 'man', 'male', 'mannelijk'].includes(v)) return 'male';
  if (['v', 'vrouw', 'f', 'female', 'vrouwelijk'].includes(v)) return 'female';
  if (['x', 'neutraal', 'non-binair', 'anders', 'divers', 'diverse'].includes(v)) return 'diverse';
  return null;
}

/** Marital status labels in Dutch (Profit's) or English; anything else is unknown. */
export function maritalStatusOf(value: string | null): MaritalStatus | null {
  if (!value) return null;
  const v = value.toLowerCase();
  if (v.includes('geregistreerd') || v.includes('partnerschap')) return 'registered_partnership';
  if (v.includes('ongehuwd') || v.includes('alleenstaand')) return 'single';
  if (v.includes('gehuwd') || v.includes('getrouwd')) return 'married';
  if (v.includes('gescheiden')) return v.includes('scheiden van tafel') ? 'separated' : 'divorced';
  if (v.includes('weduw')) return 'widowed';
  const english: Record<string, MaritalStatus> = { single: 'single', married: 'married', divorced: 'divorced', widowed: 'widowed', separated: 'separated' };
  return english[v] ?? null;
}
