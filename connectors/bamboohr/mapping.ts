// Pure translation of BambooHR records (custom report rows and /meta/fields entries) into the
// unified model. BambooHR sends every value as a string; empty dates come as "0000-00-00".
import { asFields, employmentTypeFromLabel, genderFromLabel, invalidRecord, maritalStatusFromLabel, mapped, orNull, rawId, readCalendarDate, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, EmploymentType, HrStatus } from '../types';

/** One entry of GET /api/v1/meta/fields. Custom fields often have no alias and are requested by id. */
export interface BambooMetaField {
  id: number | string;
  name: string;
  type: string;
  alias?: string;
  deprecated?: boolean;
}

/** One entry of GET /api/v1/meta/lists (list fields and their options). */
export interface BambooListField {
  fieldId: number | string;
  alias?: string;
  name: string;
  options: { id: number | string; name: string; archived?: string | boolean }[];
}

/** Report fields the unified model is built from (BambooHR aliases). */
export const BAMBOO_MAPPED_FIELDS = [
  'firstName',
  'lastName',
  'workEmail',
  'status',
  'employeeNumber',
  'employmentHistoryStatus',
  'hireDate',
  'terminationDate',
  'gender',
  'maritalStatus',
  'division',
] as const;

/** The key a field is requested and reported under: its alias, else its numeric id. */
export function bambooFieldKey(field: Pick<BambooMetaField, 'id' | 'alias'>): string {
  return field.alias && field.alias.length > 0 ? field.alias : String(field.id);
}

/** Fields created by the customer have no alias, or a generated "custom…" alias. */
export function isBambooCustomField(field: BambooMetaField): boolean {
  return !field.alias || /^custom[A-Z0-9]/.test(field.alias);
}

export function toAttributeOption(field: BambooMetaField): AttributeOption {
  return { key: bambooFieldKey(field), label: field.name, type: attributeType(field.type), custom: isBambooCustomField(field) };
}

function attributeType(bambooType: string): AttributeOption['type'] {
  switch (bambooType) {
    case 'date':
      return 'date';
    case 'list':
    case 'multilist':
      return 'list';
    case 'int':
    case 'integer':
    case 'currency':
    case 'percentage':
    case 'decimal':
      return 'number';
    case 'bool':
    case 'checkbox':
      return 'boolean';
    default:
      return 'string';
  }
}

/** BambooHR refuses custom reports with more than 400 fields. */
export const MAX_REPORT_FIELDS = 400;

/**
 * The fields to request in the employee report: the mapped ones first, then custom fields (the
 * admin maps e.g. number of children from them), then the remaining standard fields.
 */
export function chooseReportFields(fields: readonly BambooMetaField[]): string[] {
  const current = fields.filter((f) => !f.deprecated);
  const ordered = [
    ...BAMBOO_MAPPED_FIELDS,
    ...current.filter(isBambooCustomField).map(bambooFieldKey),
    ...current.filter((f) => !isBambooCustomField(f)).map(bambooFieldKey),
  ];
  return [...new Set(ordered)].slice(0, MAX_REPORT_FIELDS);
}

/** Options of a list field that are still in use, e.g. the company's divisions. */
export function activeOptions(list: BambooListField | undefined): string[] {
  if (!list) return [];
  return list.options.filter((o) => o.archived !== true && o.archived !== 'yes').map((o) => o.name);
}

/** Maps one custom report row; `today` (YYYY-MM-DD) separates future hires from inactive people. */
export function mapBambooEmployee(row: unknown, today: string): MappedRecord {
  const record = asFields(row);
  if (!record) return invalidRecord(null, 'record is not an object');
  const remoteId = rawId(record);
  if (remoteId === null) return invalidRecord(null, 'record has no employee id');
  const attributes: Record<string, AttributeValue> = {};
  for (const [key, raw] of Object.entries(record)) {
    if (key === 'id') continue;
    if (raw !== null && typeof raw === 'object') {
      return invalidRecord(remoteId, `field "${key}" has an unexpected shape`);
    }
    attributes[key] = cleanValue(raw as AttributeValue | undefined);
  }
  const text = (key: string) => {
    const value = attributes[key];
    return value === null || value === undefined ? null : String(value);
  };
  const hireDate = orNull(readCalendarDate(text('hireDate')));
  const leavingDate = orNull(readCalendarDate(text('terminationDate')));
  const division = text('division');
  return mapped({
    remoteId,
    firstName: text('firstName'),
    lastName: text('lastName'),
    email: text('workEmail'),
    status: statusOf(text('status'), hireDate, leavingDate, today),
    personnelNumber: text('employeeNumber'),
    employmentType: employmentTypeOf(text('employmentHistoryStatus')),
    hireDate,
    leavingDate,
    gender: genderFromLabel(text('gender')),
    // BambooHR has no legal-entity field; "Division" is what customers use for it. Reports
    // carry the division's name only, so the name is also its id.
    legalEntity: division ? { id: division, name: division } : null,
    maritalStatus: maritalStatusFromLabel(text('maritalStatus')),
    attributes,
  });
}

function cleanValue(raw: AttributeValue | undefined): AttributeValue {
  if (raw === undefined || raw === '' || raw === '0000-00-00') return null;
  return raw;
}

function statusOf(status: string | null, hireDate: string | null, leavingDate: string | null, today: string): HrStatus | null {
  if (!status) return null;
  if (/^active$/i.test(status)) return 'active';
  // Future hires are "Inactive" until their first day.
  if (leavingDate) return 'terminated';
  if (hireDate && hireDate > today) return 'onboarding';
  return 'inactive';
}

/** Employment status is an account-defined list; these are BambooHR's default entries. */
export function employmentTypeOf(value: string | null): EmploymentType | null {
  return value?.toLowerCase().includes('terminated') ? null : employmentTypeFromLabel(value);
}
