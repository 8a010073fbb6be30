// Pure translation of BambooHR records (custom report rows and /meta/fields entries) into the
// unified model. BambooHR sends every value as a string; empty dates come as "0000-00-00".
import type { AttributeOption, AttributeValue, EmploymentType, Gender, HrStatus, InvalidRemoteRecord, MaritalStatus, RemoteEmployee } from '../types';

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

export type BambooMappingResult = { ok: true; employee: RemoteEmployee } | { ok: false; invalid: InvalidRemoteRecord };

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
export function mapBambooEmployee(row: unknown, today: string): BambooMappingResult {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) {
    return { ok: false, invalid: { remoteId: null, reason: 'record is not an object' } };
  }
  const record = row as Record<string, unknown>;
  const id = record.id;
  if ((typeof id !== 'string' && typeof id !== 'number') || String(id).trim() === '') {
    return { ok: false, invalid: { remoteId: null, reason: 'record has no employee id' } };
  }
  const remoteId = String(id);
  const attributes: Record<string, AttributeValue> = {};
  for (const [key, raw] of Object.entries(record)) {
    if (key === 'id') continue;
    if (raw !== null && typeof raw === 'object') {
      return { ok: false, invalid: { remoteId, reason: `field "${key}" has an unexpected shape` } };
    }
    attributes[key] = cleanValue(raw as AttributeValue | undefined);
  }
  const text = (key: string) => {
    const value = attributes[key];
    return value === null || value === undefined ? null : String(value);
  };
  const hireDate = dateValue(text('hireDate'));
  const leavingDate = dateValue(text('terminationDate'));
  const division = text('division');
  return {
    ok: true,
    employee: {
      remoteId,
      firstName: text('firstName'),
      lastName: text('lastName'),
      email: text('workEmail'),
      status: statusOf(text('status'), hireDate, leavingDate, today),
      personnelNumber: text('employeeNumber'),
      employmentType: employmentTypeOf(text('employmentHistoryStatus')),
      hireDate,
      leavingDate,
      gender: genderOf(text('gender')),
      // BambooHR has no legal-entity field; "Division" is what customers use for it. Reports
      // carry the division's name only, so the name is also its id.
      legalEntity: division ? { id: division, name: division } : null,
      maritalStatus: maritalStatusOf(text('maritalStatus')),
      attributes,
    },
  };
}

function cleanValue(raw: AttributeValue | undefined): AttributeValue {
  if (raw === undefined || raw === '' || raw === '0000-00-00') return null;
  return raw;
}

function dateValue(value: string | null): string | null {
  if (!value) return null;
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(value);
  return match ? match[1] : null;
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
  if (!value) return null;
  const v = value.toLowerCase();
  if (v.includes('terminated')) return null;
  if (v.includes('full')) return 'FULL_TIME';
  if (v.includes('part')) return 'PART_TIME';
  if (v.includes('student')) return 'WORKING_STUDENT';
  if (v.includes('intern') || v.includes('trainee') || v.includes('apprentic')) return 'INTERN';
  if (v.includes('mini')) return 'MINI_JOB';
  if (v.includes('contract') || v.includes('freelanc')) return 'CONTRACTOR';
  return 'OTHER';
}

function genderOf(value: string | null): Gender | null {
  if (!value) return null;
  if (/^m(ale)?$/i.test(value)) return 'male';
  if (/^f(emale)?$/i.test(value)) return 'female';
  return 'diverse';
}

function maritalStatusOf(value: string | null): MaritalStatus | null {
  if (!value) return null;
  const v = value.toLowerCase();
  if (v.includes('single')) return 'single';
  if (v.includes('partner') || v.includes('common law') || v.includes('civil union')) return 'registered_partnership';
  if (v.includes('married')) return 'married';
  if (v.includes('divorced')) return 'divorced';
  if (v.includes('widow')) return 'widowed';
  if (v.includes('separated')) return 'separated';
  return null;
}
