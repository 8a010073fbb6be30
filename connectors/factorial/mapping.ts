// Pure translation of Factorial's employees_employee records, together with the employee's contract
// versions and custom field values, into the unified model.
import { asFields, invalidRecord, mapped, orNull, rawId, readCalendarDate, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, EmploymentType, Gender, HrStatus } from '../types';

/** The parts of contracts_contract_version the connector reads. */
export interface FactorialContractVersion {
  id?: string;
  employee_id: string | number;
  effective_on?: string | null;
  starts_on?: string | null;
  ends_on?: string | null;
  job_title?: string | null;
  working_hours?: number | null;
  working_hours_frequency?: string | null;
  working_time_percentage_in_cents?: number | null;
}

/** The parts of custom_fields_field the connector reads. */
export interface FactorialCustomField {
  id: string | number;
  label_text: string;
  field_type: string;
  slug?: string | null;
}

/** The parts of custom_fields_value the connector reads. */
export interface FactorialCustomValue {
  field_id: string | number;
  valuable_id: string | number;
  valuable_type?: string;
  value?: unknown;
  long_text_value?: string | null;
  date_value?: string | null;
  single_choice_value?: string | null;
  cents_value?: number | null;
}

export interface FactorialEmployeeContext {
  /** All contract versions of this employee. */
  contracts: readonly FactorialContractVersion[];
  /** This employee's custom field values. */
  customValues: readonly FactorialCustomValue[];
  /** legal_entity_id → legal name. */
  legalEntities: ReadonlyMap<string, string>;
  today: string;
}

/** Standard employee fields offered as attributes (filters, mapping), keyed by Factorial's names. */
export const EMPLOYEE_ATTRIBUTES: readonly AttributeOption[] = [
  attr('first_name', 'First name'),
  attr('last_name', 'Last name'),
  attr('preferred_name', 'Preferred name'),
  attr('login_email', 'Login e-mail'),
  attr('email', 'E-mail'),
  attr('gender', 'Gender', 'list'),
  attr('company_identifier', 'Company identifier (employee number)'),
  attr('legal_entity_id', 'Legal entity', 'list'),
  attr('location_id', 'Location', 'list'),
  attr('manager_id', 'Manager'),
  attr('nationality', 'Nationality', 'list'),
  attr('country', 'Country', 'list'),
  attr('city', 'City'),
  attr('birthday_on', 'Birthday', 'date'),
  attr('active', 'Active', 'boolean'),
  attr('is_terminating', 'Termination planned', 'boolean'),
  attr('terminated_on', 'Termination date', 'date'),
  attr('termination_reason_type', 'Termination reason type', 'list'),
  attr('seniority_calculation_date', 'Seniority date', 'date'),
];

/** Fields of the current contract version, prefixed "contract.". */
export const CONTRACT_ATTRIBUTES: readonly AttributeOption[] = [
  attr('contract.starts_on', 'Contract start', 'date'),
  attr('contract.ends_on', 'Contract end', 'date'),
  attr('contract.job_title', 'Job title'),
  attr('contract.working_hours', 'Working hours', 'number'),
  attr('contract.working_hours_frequency', 'Working hours frequency', 'list'),
  attr('contract.working_time_percentage_in_cents', 'Working time (% × 100)', 'number'),
];

function attr(key: string, label: string, type: AttributeOption['type'] = 'string'): AttributeOption {
  return { key, label, type, custom: false };
}

export function customFieldKey(fieldId: string | number): string {
  return `custom_fields.${fieldId}`;
}

export function toAttributeOption(field: FactorialCustomField): AttributeOption {
  return { key: customFieldKey(field.id), label: field.label_text, type: customFieldType(field.field_type), custom: true };
}

function customFieldType(fieldType: string): AttributeOption['type'] {
  switch (fieldType) {
    case 'date':
      return 'date';
    case 'checkbox':
      return 'boolean';
    case 'single_choice':
    case 'multiple_choice':
      return 'list';
    case 'rating':
    case 'money':
    case 'cents':
      return 'number';
    default:
      return 'string';
  }
}

/** The contract in force today, else (a future hire) the first upcoming one. */
export function currentContract(contracts: readonly FactorialContractVersion[], today: string): FactorialContractVersion | null {
  const started = contracts.filter((c) => (c.effective_on ?? '') <= today).sort((a, b) => (b.effective_on ?? '').localeCompare(a.effective_on ?? ''));
  if (started.length) return started[0];
  const upcoming = [...contracts].sort((a, b) => (a.effective_on ?? '').localeCompare(b.effective_on ?? ''));
  return upcoming[0] ?? null;
}

export function mapFactorialEmployee(record: unknown, context: FactorialEmployeeContext): MappedRecord {
  const employee = asFields(record);
  if (!employee) return invalidRecord(null, 'record is not an object');
  const remoteId = rawId(employee);
  if (remoteId === null) return invalidRecord(null, 'record has no employee id');
  for (const key of ['first_name', 'last_name', 'login_email', 'terminated_on', 'active'] as const) {
    const value = employee[key];
    if (value !== undefined && value !== null && typeof value === 'object') {
      return invalidRecord(remoteId, `field "${key}" has an unexpected shape`);
    }
  }

  const contract = currentContract(context.contracts, context.today);
  const attributes: Record<string, AttributeValue> = {};
  for (const { key } of EMPLOYEE_ATTRIBUTES) {
    const value = scalar(employee[key]);
    if (value !== undefined) attributes[key] = value;
  }
  for (const { key } of CONTRACT_ATTRIBUTES) {
    const value = contract ? scalar((contract as unknown as Record<string, unknown>)[key.slice('contract.'.length)]) : undefined;
    if (value !== undefined) attributes[key] = value;
  }
  for (const value of context.customValues) attributes[customFieldKey(value.field_id)] = customValueOf(value);

  const text = (key: string) => {
    const value = employee[key];
    return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null;
  };
  const hireDate = orNull(readCalendarDate(contract?.starts_on));
  const leavingDate = orNull(readCalendarDate(text('terminated_on')));
  const legalEntityId = text('legal_entity_id');
  return mapped({
    remoteId,
    firstName: text('first_name'),
    lastName: text('last_name'),
    // login_email is the work address people sign in with; "email" is documented as personal.
    email: text('login_email') ?? text('communications_email') ?? text('email'),
    status: statusOf(employee.active, hireDate, leavingDate, context.today),
    personnelNumber: text('company_identifier'),
    employmentType: employmentTypeOf(contract),
    hireDate,
    leavingDate,
    gender: genderOf(text('gender')),
    legalEntity: legalEntityId ? { id: legalEntityId, name: context.legalEntities.get(legalEntityId) ?? legalEntityId } : null,
    attributes,
  });
}

function scalar(value: unknown): AttributeValue | undefined {
  if (value === undefined) return undefined;
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
}

function customValueOf(value: FactorialCustomValue): AttributeValue {
  const plain = scalar(value.value);
  if (plain !== undefined && plain !== null) return plain;
  if (Array.isArray(value.value)) return value.value.map(String).join(', ');
  return value.date_value ?? value.single_choice_value ?? value.long_text_value ?? value.cents_value ?? null;
}

function statusOf(active: unknown, hireDate: string | null, leavingDate: string | null, today: string): HrStatus | null {
  // "active" is documented as false once the employee is terminated.
  if (active === false) return leavingDate ? 'terminated' : 'inactive';
  if (active === true) return hireDate && hireDate > today ? 'onboarding' : 'active';
  if (leavingDate && leavingDate <= today) return 'terminated';
  return null;
}

/** Factorial has no employment type field; the contract's working-time share tells full from part time. */
function employmentTypeOf(contract: FactorialContractVersion | null): EmploymentType | null {
  const share = contract?.working_time_percentage_in_cents;
  if (typeof share !== 'number' || share <= 0) return null;
  return share >= 10_000 ? 'FULL_TIME' : 'PART_TIME';
}

function genderOf(value: string | null): Gender | null {
  if (!value) return null;
  if (value === 'male') return 'male';
  if (value === 'female') return 'female';
  return 'diverse';
}
