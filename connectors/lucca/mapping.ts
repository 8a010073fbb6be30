// Pure translation of Lucca API employees (GET /lucca-api/employees), their applicable employment
// (embedded, or GET /lucca-api/employments/{id}), the employment templates and the employee
// extensions into the unified model. Field names are the Lucca API's camelCase JSON; dates are days.
import { asFields, employmentTypeFromLabel, invalidRecord, mapOrInvalid, orNull, rawId, readCalendarDate, required, textOf, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, EmploymentType, HrStatus } from '../types';

/** A reference as the Lucca API writes one: { id, type, url }. */
export interface LuccaRef {
  id?: unknown;
  type?: unknown;
  url?: unknown;
}

/** One employment (the parts read). */
export interface LuccaEmployment {
  id?: unknown;
  status?: unknown;
  start?: { date?: unknown } | null;
  end?: { date?: unknown } | string | null;
  legalEntity?: LuccaRef | null;
  template?: LuccaRef | null;
}

/** One employment-template (the parts read). */
export interface LuccaEmploymentTemplate {
  id?: unknown;
  title?: unknown;
  term?: unknown;
  audience?: unknown;
}

/** One employee-extension-definition (the parts read). */
export interface LuccaExtensionDefinition {
  id?: unknown;
  name?: unknown;
  schema?: { type?: unknown; format?: unknown; title?: unknown } | null;
  multipleValueHandling?: unknown;
  isArchived?: unknown;
}

/** What the mapping of one employee is given besides the record. */
export interface LuccaContext {
  /** The employee's applicable employment, null when Lucca has none for them. */
  employment: LuccaEmployment | null;
  templates: ReadonlyMap<string, LuccaEmploymentTemplate>;
  /** Legal entity id → name. */
  legalEntities: ReadonlyMap<string, string>;
  /** This employee's extension values: definition id → value. */
  extensions: ReadonlyMap<string, AttributeValue>;
  /** YYYY-MM-DD: a leaving date before it has passed. */
  today: string;
}

/** Standard fields offered as attributes (filters, mapping), keyed by the Lucca API's names. */
export const EMPLOYEE_ATTRIBUTES: readonly AttributeOption[] = [
  attr('givenName', 'Given name'),
  attr('familyName', 'Family name'),
  attr('email', 'Professional e-mail'),
  attr('employeeNumber', 'Employee number'),
  attr('remoteId', 'Remote id'),
  attr('status', 'Status (active, upcoming, deactivated)', 'list'),
  attr('phoneNumber', 'Professional phone number'),
  attr('employment.start', 'Employment start', 'date'),
  attr('employment.end', 'Employment end', 'date'),
  attr('employment.template', 'Employment template', 'list'),
  attr('employment.term', 'Employment term (permanent, fixed)', 'list'),
  attr('employment.legalEntity', 'Legal entity (id)', 'list'),
];

/** Fields whose value must be a scalar; an object there means the record cannot be trusted. */
const SCALAR_FIELDS = ['givenName', 'familyName', 'email', 'employeeNumber', 'status', 'remoteId'] as const;

function attr(key: string, label: string, type: AttributeOption['type'] = 'string'): AttributeOption {
  return { key, label, type, custom: false };
}

export function extensionKey(definitionId: string): string {
  return `extensions.${definitionId}`;
}

export function toAttributeOption(definition: LuccaExtensionDefinition): AttributeOption | null {
  const id = rawId(definition);
  if (id === null) return null;
  return { key: extensionKey(id), label: textOf(definition.name) ?? id, type: schemaType(definition.schema), custom: true };
}

function schemaType(schema: LuccaExtensionDefinition['schema']): AttributeOption['type'] {
  const types = Array.isArray(schema?.type) ? schema.type : [schema?.type];
  if (schema?.format === 'date' || schema?.format === 'date-time') return 'date';
  if (types.includes('integer') || types.includes('number')) return 'number';
  if (types.includes('boolean')) return 'boolean';
  if (types.includes('object')) return 'list';
  return 'string';
}

/**
 * An extension value as an attribute value. Lucca's values follow the definition's JSON schema:
 * scalars are kept, a reference ({ id, … }) is its id, a list is joined; anything else is null.
 */
export function extensionValueOf(value: unknown): AttributeValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) {
    const parts = value.map(extensionValueOf).filter((v) => v !== null);
    return parts.length ? parts.map(String).join(', ') : null;
  }
  if (typeof value === 'object') {
    const v = value as { id?: unknown; value?: unknown; name?: unknown };
    if (v.value !== undefined) return extensionValueOf(v.value);
    return textOf(v.name) ?? (typeof v.id === 'string' || typeof v.id === 'number' ? String(v.id) : null);
  }
  return null;
}

/** The day of an employment's start or end: { date: "YYYY-MM-DD" } (or, defensively, the day itself). */
function dayOf(value: unknown, field: string): string | null {
  if (value === null || value === undefined) return null;
  const raw = typeof value === 'object' ? (value as { date?: unknown }).date : value;
  return required(readCalendarDate(raw), field, raw);
}

export function refId(ref: unknown): string | null {
  return ref && typeof ref === 'object' ? rawId(ref) : null;
}

export function mapLuccaEmployee(record: unknown, context: LuccaContext): MappedRecord {
  const employee = asFields(record);
  if (!employee) return invalidRecord(null, 'record is not an object');
  const remoteId = rawId(employee);
  if (remoteId === null) return invalidRecord(null, 'record has no employee id');
  for (const key of SCALAR_FIELDS) {
    const value = employee[key];
    if (value !== undefined && value !== null && typeof value === 'object') return invalidRecord(remoteId, `field "${key}" has an unexpected shape`);
  }
  return mapOrInvalid(remoteId, () => {
    const employment = context.employment;
    // An end that is not a day makes the record invalid (reported), never "not leaving".
    const hireDate = employment ? orNull(readCalendarDate(employment.start?.date)) : null;
    const leavingDate = employment ? dayOf(employment.end, 'employment.end') : null;
    const templateId = refId(employment?.template);
    const template = templateId === null ? undefined : context.templates.get(templateId);
    const legalEntityId = refId(employment?.legalEntity);
    const attributes: Record<string, AttributeValue> = {};
    for (const key of ['givenName', 'familyName', 'email', 'employeeNumber', 'remoteId', 'status', 'phoneNumber']) {
      const value = scalar(employee[key]);
      if (value !== undefined) attributes[key] = value;
    }
    attributes['employment.start'] = hireDate;
    attributes['employment.end'] = leavingDate;
    attributes['employment.template'] = textOf(template?.title) ?? templateId;
    attributes['employment.term'] = textOf(template?.term);
    attributes['employment.legalEntity'] = legalEntityId;
    for (const [id, value] of context.extensions) attributes[extensionKey(id)] = value;
    return {
      remoteId,
      firstName: textOf(employee.givenName),
      lastName: textOf(employee.familyName),
      email: textOf(employee.email),
      status: statusOf(employee.status, leavingDate, context.today),
      personnelNumber: textOf(employee.employeeNumber),
      employmentType: employmentTypeOf(template),
      hireDate,
      leavingDate,
      gender: null,
      legalEntity: legalEntityId === null ? null : { id: legalEntityId, name: context.legalEntities.get(legalEntityId) ?? legalEntityId },
      attributes,
    };
  });
}

/**
 * Lucca's status, calculated from the employments: active (an employment today), upcoming (only a
 * future one), deactivated (only past ones; "former" is read the same). Unknown or missing: only a
 * passed leaving date says anything.
 */
export function statusOf(status: unknown, leavingDate: string | null, today: string): HrStatus | null {
  switch (status) {
    case 'active':
      return leavingDate !== null && leavingDate < today ? 'terminated' : 'active';
    case 'upcoming':
      return 'onboarding';
    case 'deactivated':
    case 'former':
      return leavingDate ? 'terminated' : 'inactive';
    default:
      return leavingDate && leavingDate < today ? 'terminated' : null;
  }
}

/**
 * The employment type from the employment template: its audience says intern (student) or
 * contractor (external, agency, contractor); else its title is read as a label ("CDI", "Part-time",
 * "Internship"…), which for most French contract names is OTHER. No template: unknown.
 */
export function employmentTypeOf(template: LuccaEmploymentTemplate | undefined): EmploymentType | null {
  if (!template) return null;
  switch (template.audience) {
    case 'student':
      return 'INTERN';
    case 'external':
    case 'agency':
    case 'contractor':
      return 'CONTRACTOR';
  }
  const title = textOf(template.title);
  if (title && /stage|internship|apprenti/i.test(title)) return 'INTERN';
  return employmentTypeFromLabel(title);
}

function scalar(value: unknown): AttributeValue | undefined {
  if (value === undefined) return undefined;
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
}
