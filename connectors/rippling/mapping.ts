// Pure translation of Rippling workers (GET /workers with expand=user,legal_entity,employment_type,
// department,custom_fields) into the unified model. Field names are Rippling's snake_case JSON;
// start_date / end_date are calendar days. See NOTES.md for what is verified.
import { asFields, invalidRecord, mapOrInvalid, orNull, rawId, readCalendarDate, required, textOf, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, EmploymentType, Gender, HrStatus } from '../types';

/** Rippling's worker statuses (Worker.status). */
export const RIPPLING_WORKER_STATUSES = ['INIT', 'HIRED', 'ACCEPTED', 'ACTIVE', 'TERMINATED'] as const;
export const TERMINATED = 'TERMINATED';

export const WORKER_ATTRIBUTES: readonly AttributeOption[] = [
  attr('user.name.given_name', 'First name'),
  attr('user.name.family_name', 'Last name'),
  attr('user.name.preferred_given_name', 'Preferred first name'),
  attr('work_email', 'Work e-mail'),
  attr('number', 'Worker number'),
  attr('status', 'Status', 'list'),
  attr('start_date', 'Start date', 'date'),
  attr('end_date', 'End date', 'date'),
  attr('title', 'Title'),
  attr('country', 'Country', 'list'),
  attr('gender', 'Gender', 'list'),
  attr('date_of_birth', 'Date of birth', 'date'),
  attr('department.name', 'Department', 'list'),
  attr('employment_type.label', 'Employment type', 'list'),
  attr('legal_entity.legal_name', 'Legal entity', 'list'),
  attr('termination_details.type', 'Termination type', 'list'),
  attr('termination_details.reason', 'Termination reason'),
];

function attr(key: string, label: string, type: AttributeOption['type'] = 'string'): AttributeOption {
  return { key, label, type, custom: false };
}

type Row = Record<string, unknown>;
const isRow = (value: unknown): value is Row => asFields(value) !== null;
const rowOf = (value: unknown): Row | null => (isRow(value) ? value : null);

/** One definition of GET /custom-fields (the parts read). */
export interface RipplingCustomField {
  id: string;
  name?: unknown;
  type?: unknown;
}

export const customFieldKey = (fieldId: string) => `custom_fields.${fieldId}`;

export function toAttributeOption(field: RipplingCustomField): AttributeOption {
  const type: AttributeOption['type'] =
    field.type === 'NUMBER' || field.type === 'CURRENCY' || field.type === 'PERCENTAGE' ? 'number' : field.type === 'DATE' || field.type === 'DATETIME' ? 'date' : field.type === 'BOOLEAN' ? 'boolean' : field.type === 'SELECT' || field.type === 'RADIO' ? 'list' : 'string';
  return { key: customFieldKey(field.id), label: textOf(field.name) ?? field.id, type, custom: true };
}

const scalar = (v: unknown): AttributeValue => (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null);

/**
 * A worker's custom field values (field id → value). The spec only says "an array of objects"; read
 * are `{ id, value }` (name too), `{ name, value }` (the name resolved to a definition's id) and
 * single-entry objects `{ <id or name>: value }`. Anything else is skipped, never guessed.
 */
export function customValuesOf(entries: unknown, fields: readonly RipplingCustomField[]): Map<string, AttributeValue> {
  const out = new Map<string, AttributeValue>();
  if (!Array.isArray(entries)) return out;
  const byName = new Map(fields.map((f) => [textOf(f.name), f.id]));
  const known = new Set(fields.map((f) => f.id));
  const idFor = (key: string | null) => (key === null ? undefined : known.has(key) ? key : byName.get(key));
  for (const entry of entries) {
    const row = rowOf(entry);
    if (!row) continue;
    if ('value' in row && (row.id !== undefined || row.name !== undefined)) {
      const id = textOf(row.id) ?? idFor(textOf(row.name));
      if (id) out.set(id, scalar(row.value));
      continue;
    }
    const keys = Object.keys(row);
    if (keys.length === 1) {
      const id = idFor(keys[0]);
      if (id) out.set(id, scalar(row[keys[0]]));
    }
  }
  return out;
}

export function genderOf(value: unknown): Gender | null {
  switch (value) {
    case 'MALE':
      return 'male';
    case 'FEMALE':
      return 'female';
    case 'NONBINARY':
    case 'DIVERSE':
      return 'diverse';
    default:
      return null; // UNDETERMINED, DOES_NOT_APPLY, PREFER_NOT_TO_SAY, unknown
  }
}

/** The expanded employment type: contractors by `type`, else full / part time by `amount_worked`. */
export function employmentTypeOf(type: Row | null): EmploymentType | null {
  if (!type) return null;
  if (type.type === 'CONTRACTOR') return 'CONTRACTOR';
  if (type.amount_worked === 'FULL-TIME') return 'FULL_TIME';
  if (type.amount_worked === 'PART-TIME') return 'PART_TIME';
  if (type.amount_worked === 'TEMPORARY') return 'OTHER';
  return null;
}

/** INIT / HIRED / ACCEPTED are hires not started yet; TERMINATED, or a passed end date, a leaver. */
export function statusOf(status: unknown, leavingDate: string | null, today: string): HrStatus | null {
  if (status === TERMINATED) return 'terminated';
  if (leavingDate !== null && leavingDate < today) return 'terminated';
  switch (status) {
    case 'ACTIVE':
      return 'active';
    case 'INIT':
    case 'HIRED':
    case 'ACCEPTED':
      return 'onboarding';
    default:
      return null;
  }
}

/** Fields that must be scalars; an object there means the record cannot be trusted. */
const SCALAR_FIELDS = ['status', 'start_date', 'end_date', 'work_email', 'number', 'gender', 'legal_entity_id'] as const;
const OBJECT_FIELDS = ['user', 'legal_entity', 'employment_type', 'department', 'termination_details'] as const;

/** Maps one worker; `today` (YYYY-MM-DD) tells a passed end date from a planned one. */
export function mapRipplingWorker(record: unknown, today: string, fields: readonly RipplingCustomField[] = []): MappedRecord {
  const worker = rowOf(record);
  if (!worker) return invalidRecord(null, 'record is not an object');
  const remoteId = rawId(worker);
  if (remoteId === null) return invalidRecord(null, 'record has no worker id');
  for (const key of SCALAR_FIELDS) {
    const value = worker[key];
    if (value !== undefined && value !== null && typeof value === 'object') return invalidRecord(remoteId, `field "${key}" has an unexpected shape`);
  }
  for (const key of OBJECT_FIELDS) {
    const value = worker[key];
    if (value !== undefined && value !== null && !isRow(value)) return invalidRecord(remoteId, `field "${key}" has an unexpected shape`);
  }
  if (worker.custom_fields !== undefined && worker.custom_fields !== null && !Array.isArray(worker.custom_fields)) return invalidRecord(remoteId, 'field "custom_fields" has an unexpected shape');
  return mapOrInvalid(remoteId, () => {
    const user = rowOf(worker.user);
    const name = rowOf(user?.name);
    const entity = rowOf(worker.legal_entity);
    const employmentType = rowOf(worker.employment_type);
    const department = rowOf(worker.department);
    const termination = rowOf(worker.termination_details);
    // end_date is the leaving date whatever the status (an active worker's is a planned departure).
    const leavingDate = required(readCalendarDate(worker.end_date), 'end_date', worker.end_date);
    const hireDate = required(readCalendarDate(worker.start_date), 'start_date', worker.start_date);
    const entityId = textOf(worker.legal_entity_id) ?? textOf(entity?.id);
    const attributes: Record<string, AttributeValue> = {
      'user.name.given_name': textOf(name?.given_name),
      'user.name.family_name': textOf(name?.family_name),
      'user.name.preferred_given_name': textOf(name?.preferred_given_name),
      work_email: textOf(worker.work_email),
      number: textOf(worker.number),
      status: textOf(worker.status),
      start_date: hireDate,
      end_date: leavingDate,
      title: textOf(worker.title),
      country: textOf(worker.country),
      gender: textOf(worker.gender),
      date_of_birth: orNull(readCalendarDate(worker.date_of_birth)),
      'department.name': textOf(department?.name),
      'employment_type.label': textOf(employmentType?.label),
      'legal_entity.legal_name': textOf(entity?.legal_name),
      'termination_details.type': textOf(termination?.type),
      'termination_details.reason': textOf(termination?.reason),
    };
    for (const [id, value] of customValuesOf(worker.custom_fields, fields)) attributes[customFieldKey(id)] = value;
    return {
      remoteId,
      firstName: textOf(name?.given_name),
      lastName: textOf(name?.family_name),
      email: textOf(worker.work_email),
      status: statusOf(worker.status, leavingDate, today),
      personnelNumber: textOf(worker.number),
      employmentType: employmentTypeOf(employmentType),
      hireDate,
      leavingDate,
      gender: genderOf(worker.gender),
      legalEntity: entityId ? { id: entityId, name: textOf(entity?.legal_name) ?? entityId } : null,
      attributes,
    };
  });
}

/** A worker record's status as sent (for the listing passes), or undefined. */
export function workerStatusOf(record: unknown): string | undefined {
  const status = rowOf(record)?.status;
  return typeof status === 'string' ? status : undefined;
}
