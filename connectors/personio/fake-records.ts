// Renders fake employees the way Personio v1 sends them: every attribute wrapped as
// {label, value, type, universal_id}, dates with a time and UTC offset, references as
// {type, attributes:{id, name}}, custom attributes under dynamic_<id>.
import type { PersonioAttributeDefinition, PersonioEmployeeRecord, PersonioWrappedValue } from './api-types';
import {
  CHILDREN_ATTRIBUTE,
  EMPLOYEE_NUMBER_ATTRIBUTE,
  FAKE_DEPARTMENTS,
  FAKE_OFFICES,
  FAKE_SUBCOMPANIES,
  MARITAL_STATUS_ATTRIBUTE,
  MARITAL_STATUS_OPTIONS,
  type FakePersonioEmployee,
  type NamedEntity,
} from './fake-data';

/** Standard attributes the fake's API credential may read, in Personio's key/label/type terms. */
export const STANDARD_ATTRIBUTES: readonly PersonioAttributeDefinition[] = [
  { key: 'id', label: 'ID', type: 'integer', universal_id: 'id' },
  { key: 'first_name', label: 'First name', type: 'standard', universal_id: 'first_name' },
  { key: 'last_name', label: 'Last name', type: 'standard', universal_id: 'last_name' },
  { key: 'email', label: 'Email', type: 'standard', universal_id: 'email' },
  { key: 'gender', label: 'Gender', type: 'standard', universal_id: 'gender' },
  { key: 'status', label: 'Status', type: 'standard', universal_id: 'status' },
  { key: 'position', label: 'Position', type: 'standard', universal_id: 'position' },
  { key: 'employment_type', label: 'Employment type', type: 'standard', universal_id: 'employment_type' },
  { key: 'weekly_working_hours', label: 'Weekly hours', type: 'standard', universal_id: 'weekly_working_hours' },
  { key: 'hire_date', label: 'Hire date', type: 'date', universal_id: 'hire_date' },
  { key: 'termination_date', label: 'Termination date', type: 'date', universal_id: 'termination_date' },
  { key: 'termination_type', label: 'Termination type', type: 'standard', universal_id: 'termination_type' },
  { key: 'termination_reason', label: 'Termination reason', type: 'standard', universal_id: 'termination_reason' },
  { key: 'subcompany', label: 'Subcompany', type: 'standard', universal_id: 'subcompany' },
  { key: 'department', label: 'Department', type: 'standard', universal_id: 'department' },
  { key: 'office', label: 'Office', type: 'standard', universal_id: 'office' },
  { key: 'created_at', label: 'created_at', type: 'date', universal_id: 'created_at' },
  { key: 'last_modified_at', label: 'Last modified', type: 'date', universal_id: 'last_modified_at' },
];

export const DEFAULT_CUSTOM_ATTRIBUTES: readonly PersonioAttributeDefinition[] = [
  { key: CHILDREN_ATTRIBUTE, label: 'Number of children', type: 'integer', universal_id: null },
  { key: MARITAL_STATUS_ATTRIBUTE, label: 'Marital status', type: 'list', universal_id: null, options: [...MARITAL_STATUS_OPTIONS] },
  { key: EMPLOYEE_NUMBER_ATTRIBUTE, label: 'Employee number', type: 'standard', universal_id: null },
];

function wrap(definition: PersonioAttributeDefinition | undefined, key: string, value: unknown): PersonioWrappedValue {
  return { label: definition?.label ?? key, value, type: definition?.type ?? 'standard', universal_id: definition?.universal_id ?? null };
}

/** Personio writes dates as midnight in the company's zone (Europe/Berlin here, roughly by season). */
function personioDate(date: string | null): string | null {
  if (!date) return null;
  const month = Number(date.slice(5, 7));
  return `${date}T00:00:00${month >= 4 && month <= 10 ? '+02:00' : '+01:00'}`;
}

function reference(type: string, entities: readonly NamedEntity[], id: number | null): unknown {
  const entity = entities.find((e) => e.id === id);
  return entity ? { type, attributes: { id: entity.id, name: entity.name } } : null;
}

function standardValues(e: FakePersonioEmployee): Record<string, unknown> {
  return {
    id: e.id,
    first_name: e.firstName,
    last_name: e.lastName,
    email: e.email,
    gender: e.gender,
    status: e.status,
    position: e.position,
    employment_type: e.employmentType,
    weekly_working_hours: String(e.weeklyWorkingHours),
    hire_date: personioDate(e.hireDate),
    termination_date: personioDate(e.terminationDate),
    termination_type: e.terminationType,
    termination_reason: e.terminationReason,
    subcompany: reference('Subcompany', FAKE_SUBCOMPANIES, e.subcompanyId),
    department: reference('Department', FAKE_DEPARTMENTS, e.departmentId),
    office: reference('Office', FAKE_OFFICES, e.officeId),
    created_at: e.createdAt,
    last_modified_at: e.lastModifiedAt,
  };
}

/**
 * One employee as GET /v1/company/employees sends it. `only` mirrors Personio's attributes[]
 * filter (the id is always sent).
 */
export function renderEmployee(
  employee: FakePersonioEmployee,
  customAttributes: readonly PersonioAttributeDefinition[],
  only: ReadonlySet<string> | null = null,
): PersonioEmployeeRecord {
  const attributes: Record<string, PersonioWrappedValue> = {};
  const include = (key: string) => key === 'id' || only === null || only.has(key);
  const standard = standardValues(employee);
  for (const definition of STANDARD_ATTRIBUTES) {
    if (include(definition.key)) attributes[definition.key] = wrap(definition, definition.key, standard[definition.key] ?? null);
  }
  for (const definition of customAttributes) {
    if (include(definition.key)) attributes[definition.key] = wrap(definition, definition.key, employee.custom[definition.key] ?? null);
  }
  return { type: 'Employee', attributes };
}

export type MalformedKind = 'missing-id' | 'bad-date';

/** Records no sane Personio sends, to prove one bad record never fails a page. */
export function renderMalformed(kind: MalformedKind, record: PersonioEmployeeRecord): PersonioEmployeeRecord {
  const attributes = { ...record.attributes };
  if (kind === 'missing-id') delete attributes.id;
  else attributes.termination_date = { ...attributes.termination_date, value: 'end of next month' };
  return { type: 'Employee', attributes };
}
