// Pure translation of CatalystOne v3 employees (GET /mono/api/employees?fullObject=true) into the
// unified model. An employee is { guid, profileGUID, name, username, employeeId, lastModified, field }
// where `field` maps numeric field ids to { name, type, lastModified, data: { value, guid, … } }
// (list fields: data is an array). Field ids are the tenant's: the defaults below are the ids seen in
// published client code of two customers (see NOTES.md), each renamable in the credentials.
import { asFields, employmentTypeFromLabel, invalidRecord, mapOrInvalid, MalformedValueError, orNull, readCalendarDate, required, textOf, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, EmploymentType, Gender, HrStatus } from '../types';

/** What the connector reads from an employee, each from one field id. */
export const CATALYSTONE_FIELD_ROLES = ['employeeId', 'firstName', 'lastName', 'email', 'gender', 'hireDate', 'leavingDate', 'legalEntity', 'employmentType'] as const;
export type CatalystOneFieldRole = (typeof CATALYSTONE_FIELD_ROLES)[number];
export type CatalystOneFields = Record<CatalystOneFieldRole, string>;

/** Ids named "Employee ID", "First name", "Last name", "E-mail", "Gender", "Date of hiring", "Date of termination", "Legal entity", "Employment type" in published client code. */
export const CATALYSTONE_DEFAULT_FIELDS: Readonly<CatalystOneFields> = {
  employeeId: '0',
  firstName: '2',
  lastName: '3',
  email: '7',
  gender: '19',
  hireDate: '37',
  leavingDate: '38',
  legalEntity: '1002',
  employmentType: '1046',
};

/** Attribute key of a field id. */
export const fieldKey = (id: string): string => `field.${id}`;

/** One field entry of an employee ({ name, type, data }), or null. */
function entryOf(fields: Record<string, unknown>, id: string): Record<string, unknown> | null {
  return asFields(fields[id]);
}

/** A field's value as text: data.value, a list's values joined, or a bare scalar. */
export function fieldText(fields: Record<string, unknown>, id: string): string | null {
  const data = entryOf(fields, id)?.data;
  if (Array.isArray(data)) {
    const values = data.map((d) => textOf(asFields(d)?.value ?? d)).filter((v): v is string => v !== null);
    return values.length ? values.join(', ') : null;
  }
  const object = asFields(data);
  if (object) {
    if (object.value !== undefined && object.value !== null && typeof object.value === 'object') throw new MalformedValueError(`field ${id} has an unexpected shape`);
    return textOf(object.value);
  }
  return textOf(data);
}

/** Every field of the employee as an attribute `field.<id>` (documents and photos are no value). */
function attributesOf(record: Record<string, unknown>, fields: Record<string, unknown>): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {};
  for (const key of ['guid', 'profileGUID', 'username', 'employeeId', 'lastModified']) {
    const value = textOf(record[key]);
    if (value !== null) attributes[key] = value;
  }
  for (const id of Object.keys(fields)) {
    const type = textOf(entryOf(fields, id)?.type);
    if (type && /^(PHOTO|DOCUMENT)/i.test(type)) continue;
    try {
      attributes[fieldKey(id)] = fieldText(fields, id);
    } catch {
      attributes[fieldKey(id)] = null;
    }
  }
  return attributes;
}

/** A passed termination date has left, a hiring date ahead is onboarding; no other field is read as leaving. */
export function statusOf(hireDate: string | null, leavingDate: string | null, today: string): HrStatus {
  if (leavingDate !== null && leavingDate < today) return 'terminated';
  if (hireDate !== null && hireDate > today) return 'onboarding';
  return 'active';
}

/** English and Scandinavian labels; an unknown label is no gender (never a guess). */
export function genderOf(label: string | null): Gender | null {
  if (!label) return null;
  const v = label.trim().toLowerCase();
  if (['m', 'male', 'man', 'mann', 'mand'].includes(v)) return 'male';
  if (['f', 'female', 'woman', 'k', 'kvinne', 'kvinna', 'kvinde'].includes(v)) return 'female';
  if (['other', 'diverse', 'non-binary', 'annet', 'annan', 'andet'].includes(v)) return 'diverse';
  return null;
}

/** Scandinavian labels first (heltid, deltid, …), then the kit's English ones. */
export function employmentTypeOf(label: string | null): EmploymentType | null {
  if (!label) return null;
  const v = label.toLowerCase();
  if (v.includes('heltid') || v.includes('fast')) return 'FULL_TIME';
  if (v.includes('deltid')) return 'PART_TIME';
  if (v.includes('lærling') || v.includes('lärling') || v.includes('praktikant')) return 'INTERN';
  if (v.includes('konsulent') || v.includes('innleid')) return 'CONTRACTOR';
  return employmentTypeFromLabel(label);
}

/** Maps one employee; `today` (YYYY-MM-DD) tells a past termination date from a planned one. */
export function mapCatalystOneEmployee(record: unknown, roles: CatalystOneFields, today: string): MappedRecord {
  const employee = asFields(record);
  if (!employee) return invalidRecord(null, 'record is not an object');
  const guid = textOf(employee.guid);
  if (guid === null) return invalidRecord(textOf(employee.employeeId), 'record has no guid');
  if (employee.field !== undefined && employee.field !== null && asFields(employee.field) === null) return invalidRecord(guid, 'field has an unexpected shape');
  const fields = asFields(employee.field) ?? {};
  return mapOrInvalid(guid, () => {
    const leavingValue = fieldText(fields, roles.leavingDate);
    // A termination date that is not a date makes the record invalid (reported), never "not leaving".
    const leavingDate = required(readCalendarDate(leavingValue), `field ${roles.leavingDate}`, leavingValue);
    const hireDate = orNull(readCalendarDate(fieldText(fields, roles.hireDate)));
    const entityData = entryOf(fields, roles.legalEntity)?.data;
    const entityName = fieldText(fields, roles.legalEntity);
    const entityId = textOf(asFields(entityData)?.guid) ?? entityName;
    return {
      remoteId: guid,
      firstName: fieldText(fields, roles.firstName),
      lastName: fieldText(fields, roles.lastName),
      email: fieldText(fields, roles.email),
      status: statusOf(hireDate, leavingDate, today),
      personnelNumber: fieldText(fields, roles.employeeId) ?? textOf(employee.employeeId),
      employmentType: employmentTypeOf(fieldText(fields, roles.employmentType)),
      hireDate,
      leavingDate,
      gender: genderOf(fieldText(fields, roles.gender)),
      legalEntity: entityId ? { id: entityId, name: entityName ?? entityId } : null,
      attributes: attributesOf(employee, fields),
    };
  });
}

/** The fields seen on the employees as attributes (label = CatalystOne's field name); those the connector reads itself are not custom. */
export function attributeOptions(records: readonly unknown[], roles: CatalystOneFields): AttributeOption[] {
  const standard = new Set<string>(Object.values(roles));
  const seen = new Map<string, AttributeOption>();
  for (const record of records) {
    const fields = asFields(asFields(record)?.field) ?? {};
    for (const id of Object.keys(fields)) {
      const entry = entryOf(fields, id);
      const type = textOf(entry?.type);
      if (seen.has(id) || (type && /^(PHOTO|DOCUMENT)/i.test(type))) continue;
      seen.set(id, { key: fieldKey(id), label: textOf(entry?.name) ?? `Field ${id}`, type: attributeType(type), custom: !standard.has(id) });
    }
  }
  return [...seen.values()].sort((a, b) => Number(a.key.slice(6)) - Number(b.key.slice(6)));
}

function attributeType(type: string | null): AttributeOption['type'] {
  const t = (type ?? '').toUpperCase();
  if (t.includes('DATE')) return 'date';
  if (t.includes('NUMBER') || t.includes('INTEGER') || t.includes('DECIMAL')) return 'number';
  if (t.includes('BOOLEAN') || t.includes('CHECKBOX')) return 'boolean';
  if (t.includes('LIST') || t.includes('SELECT')) return 'list';
  return 'string';
}
