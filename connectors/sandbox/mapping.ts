// Pure translation of sandbox employees into the unified model. The sandbox offers every field
// natively except the number of children, a custom field (`children`) the admin maps, like in
// most real HR systems.
import { blankToNull, invalidRecord, mapOrInvalid, oneOf, readPlainDate, required, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, EmploymentType, Gender, HrStatus, MaritalStatus } from '../types';
import { SANDBOX_GENDERS, SANDBOX_MARITAL_STATUSES, type SandboxAttribute, type SandboxEmployee, type SandboxEmploymentType } from './api-types';

const EMPLOYMENT_TYPES: Record<SandboxEmploymentType, EmploymentType> = {
  full_time: 'FULL_TIME',
  part_time: 'PART_TIME',
  working_student: 'WORKING_STUDENT',
  mini_job: 'MINI_JOB',
  intern: 'INTERN',
};

const STATUSES: Record<string, HrStatus> = { onboarding: 'onboarding', active: 'active', terminated: 'terminated' };
const ATTRIBUTE_TYPES = new Set<AttributeOption['type']>(['string', 'number', 'boolean', 'date', 'list']);
export function mapSandboxEmployee(record: unknown): MappedRecord {
  const e = record as Partial<SandboxEmployee> | null;
  if (!e || typeof e !== 'object') return invalidRecord(null, 'not an employee object');
  if (typeof e.id !== 'string' || e.id === '') return invalidRecord(null, 'employee without an id');
  return mapOrInvalid(e.id, () => ({
    remoteId: e.id!,
    firstName: text(e.first_name),
    lastName: text(e.last_name),
    email: text(e.email),
    status: STATUSES[e.status ?? ''] ?? null,
    personnelNumber: text(e.personnel_number),
    employmentType: e.employment_type ? (EMPLOYMENT_TYPES[e.employment_type] ?? 'OTHER') : null,
    hireDate: date(e.hire_date, 'hire_date'),
    leavingDate: date(e.leaving_date, 'leaving_date'),
    gender: oneOf<Gender>(e.gender, SANDBOX_GENDERS),
    legalEntity: e.legal_entity && typeof e.legal_entity.id === 'string' ? { id: e.legal_entity.id, name: String(e.legal_entity.name ?? e.legal_entity.id) } : null,
    maritalStatus: oneOf<MaritalStatus>(e.marital_status, SANDBOX_MARITAL_STATUSES),
    numberOfChildren: null,
    attributes: attributesOf(e),
  }));
}

export function mapSandboxAttribute(attribute: SandboxAttribute): AttributeOption {
  return {
    key: attribute.key,
    label: attribute.label || attribute.key,
    type: ATTRIBUTE_TYPES.has(attribute.type) ? attribute.type : 'string',
    custom: attribute.custom === true,
  };
}

/** Every attribute under the key GET /api/attributes lists, so mapping and filters can use any. */
function attributesOf(e: Partial<SandboxEmployee>): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {
    personnel_number: e.personnel_number ?? null,
    first_name: e.first_name ?? null,
    last_name: e.last_name ?? null,
    email: e.email ?? null,
    gender: e.gender ?? null,
    status: e.status ?? null,
    employment_type: e.employment_type ?? null,
    weekly_hours: typeof e.weekly_hours === 'number' ? e.weekly_hours : null,
    hire_date: e.hire_date ?? null,
    leaving_date: e.leaving_date ?? null,
    legal_entity: e.legal_entity?.name ?? null,
    marital_status: e.marital_status ?? null,
    department: e.department ?? null,
  };
  for (const [key, value] of Object.entries(e.custom_fields ?? {})) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) out[key] = value;
  }
  return out;
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? blankToNull(value) : null;
}

function date(value: unknown, field: string): string | null {
  return required(readPlainDate(value), field, value);
}
