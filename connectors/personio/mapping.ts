// Pure translation of Personio v1 records into the unified model. Full-/part-time is derived from
// weekly_working_hours: Personio's own employment_type (internal/external) says nothing about it.
import { invalidRecord, mapOrInvalid, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, EmploymentType, Gender, HrStatus } from '../types';
import type { PersonioAttributeDefinition, PersonioWrappedValue } from './api-types';
import { flattenAttribute, readChoice, readDate, readHours, readNamedReference, readText } from './attribute-values';

export interface PersonioMappingOptions {
  /** Weekly hours from which an employee counts as full-time (company-specific, default 40). */
  fullTimeWeeklyHours: number;
}

const STATUSES = ['onboarding', 'active', 'leave', 'inactive'] as const satisfies readonly HrStatus[];
const GENDERS = ['male', 'female', 'diverse'] as const satisfies readonly Gender[];

/** Custom attributes created by the customer are keyed `dynamic_<id>` by Personio. */
export function isCustomAttributeKey(key: string): boolean {
  return key.startsWith('dynamic_');
}

export function mapPersonioEmployee(record: unknown, options: PersonioMappingOptions): MappedRecord {
  const attributes = attributesOf(record);
  if (!attributes) return invalidRecord(null, 'not an employee record (no attributes)');
  const remoteId = readEmployeeId(attributes.id?.value);
  if (remoteId === null) return invalidRecord(null, 'employee record without a valid id');
  return mapOrInvalid(remoteId, () => ({
    remoteId,
    firstName: readText(attributes, 'first_name'),
    lastName: readText(attributes, 'last_name'),
    email: readText(attributes, 'email'),
    status: readChoice(attributes, 'status', STATUSES),
    personnelNumber: null,
    employmentType: employmentTypeFromHours(readHours(attributes, 'weekly_working_hours'), options.fullTimeWeeklyHours),
    hireDate: readDate(attributes, 'hire_date'),
    leavingDate: readDate(attributes, 'termination_date'),
    gender: readChoice(attributes, 'gender', GENDERS),
    legalEntity: readNamedReference(attributes, 'subcompany'),
    maritalStatus: null,
    numberOfChildren: null,
    attributes: flattenAttributes(attributes),
  }));
}

export function employmentTypeFromHours(hours: number | null, fullTimeWeeklyHours: number): EmploymentType | null {
  if (hours === null) return null;
  return hours >= fullTimeWeeklyHours ? 'FULL_TIME' : 'PART_TIME';
}

/** Legal entity of a record for the legal-entity list; a record it cannot read contributes none. */
export function readSubcompany(record: unknown): { id: string; name: string } | null {
  const attributes = attributesOf(record);
  if (!attributes) return null;
  try {
    return readNamedReference(attributes, 'subcompany');
  } catch {
    return null;
  }
}

const ATTRIBUTE_TYPES: Record<string, AttributeOption['type']> = {
  standard: 'string',
  multiline: 'string',
  link: 'string',
  date: 'date',
  integer: 'number',
  decimal: 'number',
  list: 'list',
  tags: 'list',
  boolean: 'boolean',
};

export function mapPersonioAttribute(definition: PersonioAttributeDefinition): AttributeOption {
  return {
    key: definition.key,
    label: definition.label || definition.key,
    type: ATTRIBUTE_TYPES[definition.type] ?? 'string',
    custom: isCustomAttributeKey(definition.key),
  };
}

function attributesOf(record: unknown): Record<string, PersonioWrappedValue | undefined> | null {
  const attributes = (record as { attributes?: unknown } | null)?.attributes;
  return attributes && typeof attributes === 'object' && !Array.isArray(attributes) ? (attributes as Record<string, PersonioWrappedValue>) : null;
}

function readEmployeeId(value: unknown): string | null {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return String(value);
  if (typeof value === 'string' && /^\d+$/.test(value)) return value;
  return null;
}

/** Every attribute under its Personio key (standard and dynamic_<id>), so any can be mapped or filtered. */
function flattenAttributes(attributes: Record<string, PersonioWrappedValue | undefined>): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [key, wrapped] of Object.entries(attributes)) {
    if (!wrapped || typeof wrapped !== 'object') continue;
    const value = flattenAttribute(wrapped);
    if (value !== undefined) out[key] = value;
  }
  return out;
}
