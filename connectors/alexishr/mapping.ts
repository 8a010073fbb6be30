// Pure translation of AlexisHR employees (GET /employee) into the unified model, with the lookups
// the connector reads once per sync: companies (legal entities), employment types, and each
// employee's number of /child records. Field names are AlexisHR's camelCase JSON; its dates are
// date-times (2000-01-23T04:56:07.000+00:00) of which the calendar day as written is read.
import { asFields, employmentTypeFromLabel, genderFromLabel, invalidRecord, mapOrInvalid, orNull, rawId, readCalendarDate, required, textOf, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, HrStatus, LegalEntityOption } from '../types';

/** What the connector looked up for a page: id → company, id → employment type name, employee id → children. */
export interface AlexisHrLookups {
  companies: ReadonlyMap<string, LegalEntityOption>;
  employmentTypes: ReadonlyMap<string, string>;
  children: ReadonlyMap<string, number>;
}

/** Standard employee fields offered as attributes (filters, mapping), keyed by AlexisHR's names. */
export const EMPLOYEE_ATTRIBUTES: readonly AttributeOption[] = [
  attr('firstName', 'First name'),
  attr('lastName', 'Last name'),
  attr('workEmail', 'Work e-mail'),
  attr('privateEmail', 'Private e-mail'),
  attr('employeeNumber', 'Employee number'),
  attr('active', 'Active', 'boolean'),
  attr('title', 'Title'),
  attr('gender', 'Gender', 'list'),
  attr('birthDate', 'Birth date', 'date'),
  attr('hireDate', 'Hire date', 'date'),
  attr('endDate', 'End date', 'date'),
  attr('companyId', 'Company ID', 'list'),
  attr('companyName', 'Company', 'list'),
  attr('employmentTypeId', 'Employment type ID', 'list'),
  attr('employmentTypeName', 'Employment type', 'list'),
  attr('employmentCountry', 'Employment country', 'list'),
  attr('officeId', 'Office ID', 'list'),
  attr('departmentId', 'Department ID', 'list'),
  attr('division', 'Division', 'list'),
  attr('organization', 'Organization', 'list'),
  attr('nationality', 'Nationality', 'list'),
  attr('childCount', 'Number of children (child records)', 'number'),
];

/** Fields whose value must be a scalar; an object there means the record cannot be trusted. */
const SCALAR_FIELDS = ['firstName', 'lastName', 'workEmail', 'employeeNumber', 'active', 'hireDate', 'endDate', 'companyId', 'employmentTypeId', 'gender'] as const;

function attr(key: string, label: string, type: AttributeOption['type'] = 'string'): AttributeOption {
  return { key, label, type, custom: false };
}

/** Custom fields live in the employee's `custom` object; keyed custom.<key>. */
export function customFieldKey(key: string): string {
  return `custom.${key}`;
}

/** The custom object's entries (none when absent; an unreadable custom is none too, see mapAlexisHrEmployee). */
export function customEntries(employee: unknown): Array<[string, unknown]> {
  const custom = employee && typeof employee === 'object' ? (employee as { custom?: unknown }).custom : undefined;
  if (!custom || typeof custom !== 'object' || Array.isArray(custom)) return [];
  return Object.entries(custom as Record<string, unknown>);
}

/** A custom field offered as an attribute, its type guessed from a value seen (the API has no field list). */
export function customAttribute(key: string, sample: unknown): AttributeOption {
  const type: AttributeOption['type'] =
    typeof sample === 'number' ? 'number' : typeof sample === 'boolean' ? 'boolean' : typeof sample === 'string' && /^\d{4}-\d{2}-\d{2}/.test(sample) ? 'date' : Array.isArray(sample) ? 'list' : 'string';
  return { key: customFieldKey(key), label: key, type, custom: true };
}

/** A custom value as an attribute value: lists joined with ", ", objects unreadable (null). */
export function customValueOf(value: unknown): AttributeValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((v) => (v !== null && typeof v === 'object' ? (textOf((v as { name?: unknown; value?: unknown }).name) ?? textOf((v as { value?: unknown }).value) ?? '') : String(v))).filter(Boolean).join(', ');
  if (typeof value === 'object') return textOf((value as { value?: unknown }).value) ?? textOf((value as { name?: unknown }).name);
  return null;
}

/**
 * Maps one employee. `today` (YYYY-MM-DD) tells a passed end date from a planned one. `lookups.children`
 * holds every employee with child records; absent there means none (0).
 */
export function mapAlexisHrEmployee(record: unknown, lookups: AlexisHrLookups, today: string): MappedRecord {
  const employee = asFields(record);
  if (!employee) return invalidRecord(null, 'record is not an object');
  const remoteId = rawId(employee);
  if (remoteId === null) return invalidRecord(null, 'record has no employee id');
  for (const key of SCALAR_FIELDS) {
    const value = employee[key];
    if (value !== undefined && value !== null && typeof value === 'object') return invalidRecord(remoteId, `field "${key}" has an unexpected shape`);
  }
  if (employee.custom !== undefined && employee.custom !== null && (typeof employee.custom !== 'object' || Array.isArray(employee.custom))) {
    return invalidRecord(remoteId, 'field "custom" has an unexpected shape');
  }
  return mapOrInvalid(remoteId, () => {
    const companyId = textOf(employee.companyId);
    const company = companyId ? (lookups.companies.get(companyId) ?? null) : null;
    const typeId = textOf(employee.employmentTypeId);
    const typeName = typeId ? (lookups.employmentTypes.get(typeId) ?? null) : null;
    const children = lookups.children.get(remoteId) ?? 0;

    const attributes: Record<string, AttributeValue> = {};
    for (const { key } of EMPLOYEE_ATTRIBUTES) {
      const value = key === 'companyName' ? (company?.name ?? null) : key === 'employmentTypeName' ? typeName : key === 'childCount' ? children : scalar(employee[key]);
      if (value !== undefined) attributes[key] = value;
    }
    for (const [key, value] of customEntries(employee)) attributes[customFieldKey(key)] = customValueOf(value);

    // An end date that is not a date makes the record invalid (reported), never "not leaving".
    const leavingDate = required(readCalendarDate(employee.endDate), 'endDate', employee.endDate);
    return {
      remoteId,
      firstName: textOf(employee.firstName),
      lastName: textOf(employee.lastName),
      // workEmail is the work address; privateEmail stays an attribute (never used for invites).
      email: textOf(employee.workEmail),
      status: statusOf(employee.active, leavingDate, today),
      personnelNumber: textOf(employee.employeeNumber),
      employmentType: employmentTypeFromLabel(typeName),
      hireDate: orNull(readCalendarDate(employee.hireDate)),
      leavingDate,
      gender: genderFromLabel(textOf(employee.gender)),
      // A company the /company listing does not name is still this employee's legal entity.
      legalEntity: company ?? (companyId ? { id: companyId, name: companyId } : null),
      numberOfChildren: children,
      attributes,
    };
  });
}

/**
 * `active` false: left when the end date has passed (or none is recorded), else inactive (e.g.
 * deactivated before a future end date). `active` true (or missing): left once the end date passed
 * (AlexisHR may deactivate later), else active — a future end date is a planned departure.
 */
export function statusOf(active: unknown, leavingDate: string | null, today: string): HrStatus | null {
  const passed = leavingDate !== null && leavingDate < today;
  if (active === false) return passed ? 'terminated' : 'inactive';
  if (active === true) return passed ? 'terminated' : 'active';
  return passed ? 'terminated' : null;
}

function scalar(value: unknown): AttributeValue | undefined {
  if (value === undefined) return undefined;
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
}
