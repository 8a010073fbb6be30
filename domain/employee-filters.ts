// Which employees an integration synchronises (setup step 5). Pure: the sync calls matchesFilters per
// employee and counts the others as "filtered out".
import { z } from 'zod';
import type { AttributeValue, EmploymentType } from './remote-employee';
import { EMPLOYEE_FIELD_KEYS, type EmployeeFieldKey } from './employee-fields';
import { EMPLOYMENT_TYPES } from './hr-values';

export const integrationFiltersSchema = z
  .object({
    /** Keep employees of these legal entities only. */
    legalEntityIds: z.array(z.string().min(1)).max(1000).optional(),
    /** Keep employees with one of these employment types only. */
    employmentTypes: z.array(z.enum(EMPLOYMENT_TYPES)).max(EMPLOYMENT_TYPES.length).optional(),
    /** Equality on any HR attribute (custom ones included) or unified field, all must match. */
    attributes: z.record(z.string().min(1).max(200), z.union([z.string(), z.number(), z.boolean()])).optional(),
  })
  .strict();

export type IntegrationFilters = z.infer<typeof integrationFiltersSchema>;

/**
 * What a filter looks at: a SyncedEmployee or a RemoteEmployee, plus the HR attributes as the vendor
 * sent them. Pass the mapped employee (so a mapped employment type counts) with `attributes` of the
 * remote record.
 */
export type FilterSubject = {
  legalEntity?: { id: string; name?: string } | null;
  employmentType?: EmploymentType | null;
  attributes?: Record<string, AttributeValue>;
} & Partial<Record<EmployeeFieldKey, unknown>>;

const UNIFIED_KEYS = new Set<string>(EMPLOYEE_FIELD_KEYS);

/** An HR attribute of that key if the vendor sent one, else the unified field of that name. */
function valueOf(subject: FilterSubject, key: string): unknown {
  const attrs = subject.attributes;
  if (attrs && Object.prototype.hasOwnProperty.call(attrs, key)) return attrs[key];
  return UNIFIED_KEYS.has(key) ? subject[key as EmployeeFieldKey] : undefined;
}

/**
 * Loose equality for vendor data: strings compare trimmed and case-insensitively, a number equals its
 * numeric string ('3' = 3), a boolean equals 'true'/'false'. A legal entity matches by id or name.
 */
export function filterValueEquals(actual: unknown, expected: string | number | boolean): boolean {
  if (actual === null || actual === undefined) return false;
  if (typeof actual === 'object') {
    const le = actual as { id?: unknown; name?: unknown };
    return filterValueEquals(le.id, expected) || filterValueEquals(le.name, expected);
  }
  if (typeof expected === 'string') {
    if (typeof actual === 'string') return actual.trim().toLowerCase() === expected.trim().toLowerCase();
    if (typeof actual === 'number') return expected.trim() !== '' && Number(expected) === actual;
    if (typeof actual === 'boolean') return expected.trim().toLowerCase() === String(actual);
    return false;
  }
  if (typeof expected === 'number') {
    if (typeof actual === 'number') return actual === expected;
    if (typeof actual === 'string') return actual.trim() !== '' && Number(actual) === expected;
    return false;
  }
  if (typeof actual === 'boolean') return actual === expected;
  if (typeof actual === 'string') return actual.trim().toLowerCase() === String(expected);
  return false;
}

/** True when the employee passes every filter. Missing or empty filters (and empty lists) match all. */
export function matchesFilters(subject: FilterSubject, filters: IntegrationFilters | null | undefined): boolean {
  if (!filters) return true;
  if (filters.legalEntityIds && filters.legalEntityIds.length > 0) {
    const id = subject.legalEntity?.id;
    if (id === undefined || !filters.legalEntityIds.includes(id)) return false;
  }
  if (filters.employmentTypes && filters.employmentTypes.length > 0) {
    const type = subject.employmentType;
    if (type === undefined || type === null || !filters.employmentTypes.includes(type)) return false;
  }
  if (filters.attributes) {
    for (const [key, expected] of Object.entries(filters.attributes)) {
      if (!filterValueEquals(valueOf(subject, key), expected)) return false;
    }
  }
  return true;
}

/**
 * Unified fields the filters read. A filter on a field that is not selected would filter out
 * everyone: the configuration step should require these to be selected.
 */
export function fieldsUsedByFilters(filters: IntegrationFilters): EmployeeFieldKey[] {
  const fields = new Set<EmployeeFieldKey>();
  if (filters.legalEntityIds?.length) fields.add('legalEntity');
  if (filters.employmentTypes?.length) fields.add('employmentType');
  for (const key of Object.keys(filters.attributes ?? {})) if (UNIFIED_KEYS.has(key)) fields.add(key as EmployeeFieldKey);
  return [...fields];
}
