// Pure translation of Sesame HR employees (GET /core/v3/employees) and their contracts (GET
// /contract/v1/contracts/{employeeId}, current contract) into the unified model. Sesame keeps the
// number of children (`children`), marital status and company on the employee; hire and leaving
// dates only on contracts (startDate / endDate).
import { asFields, employmentTypeFromLabel, invalidRecord, mapOrInvalid, maritalStatusFromLabel, orNull, rawId, readCalendarDate, required, textOf, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, EmploymentType, Gender, HrStatus, MaritalStatus } from '../types';

export type Row = Record<string, unknown>;

export const EMPLOYEE_ATTRIBUTES: readonly AttributeOption[] = [
  attr('code', 'Employee code', 'number'),
  attr('firstName', 'First name'),
  attr('lastName', 'Last name'),
  attr('email', 'E-mail'),
  attr('status', 'Status (active / inactive)', 'list'),
  attr('gender', 'Gender', 'list'),
  attr('maritalStatus', 'Marital status', 'list'),
  attr('children', 'Children', 'number'),
  attr('dateOfBirth', 'Date of birth', 'date'),
  attr('nationality', 'Nationality', 'list'),
  attr('city', 'City', 'list'),
  attr('country', 'Country', 'list'),
  attr('contractId', 'Internal contract id'),
  attr('professionalCategoryCode', 'Professional category code', 'list'),
  attr('company.name', 'Company', 'list'),
  attr('contract.workdayType', 'Workday type of the current contract (Completa / Parcial)', 'list'),
  attr('contract.contractType', 'Contract type of the current contract', 'list'),
  attr('contract.jobCharge', 'Job of the current contract', 'list'),
];

function attr(key: string, label: string, type: AttributeOption['type'] = 'string'): AttributeOption {
  return { key, label, type, custom: false };
}

export function customFieldKey(slug: string): string {
  return `customFields.${slug}`;
}

const GENDERS: Readonly<Record<string, Gender | null>> = { female: 'female', male: 'male', no_response: null };

/** Sesame's workday type names (Spanish by default: "Completa", "Parcial"), else the kit's English reading. */
export function employmentTypeOf(workdayType: string | null): EmploymentType | null {
  if (!workdayType) return null;
  if (/^complet/i.test(workdayType)) return 'FULL_TIME';
  if (/^parcial/i.test(workdayType)) return 'PART_TIME';
  return employmentTypeFromLabel(workdayType);
}

/** Marital status as Sesame accounts write it (free text; Spanish or English). */
export function maritalStatusOf(value: string | null): MaritalStatus | null {
  if (!value) return null;
  const v = value.toLowerCase();
  if (/solter/.test(v)) return 'single';
  if (/pareja de hecho/.test(v)) return 'registered_partnership';
  if (/casad/.test(v)) return 'married';
  if (/divorciad/.test(v)) return 'divorced';
  if (/viud/.test(v)) return 'widowed';
  if (/separad/.test(v)) return 'separated';
  return maritalStatusFromLabel(value);
}

export interface ContractDates {
  /** Every contract's { startDate, endDate } (records as Sesame sent them). */
  contracts: readonly unknown[];
  /** The current contract, where the employee has one. */
  current: Row | null;
}

/**
 * Maps one employee with their contracts. Leaving date: the latest contract end once no contract is
 * open-ended (an open contract means still employed). Hire date: the start of the earliest contract.
 * Inactive without any readable end date: terminated without a date (the sync reports it).
 */
export function mapSesameEmployee(record: unknown, dates: ContractDates | undefined, today: string): MappedRecord {
  const employee = asFields(record);
  if (!employee) return invalidRecord(null, 'record is not an object');
  const remoteId = rawId(employee);
  if (remoteId === null) return invalidRecord(null, 'record has no id');
  if (employee.customFields !== undefined && employee.customFields !== null && !Array.isArray(employee.customFields)) return invalidRecord(remoteId, 'field "customFields" has an unexpected shape');
  return mapOrInvalid(remoteId, () => {
    const contracts = (dates?.contracts ?? []).map(asFields).filter((c): c is Row => c !== null);
    const ends = contracts.map((c) => required(readCalendarDate(c.endDate), 'contract endDate', c.endDate));
    const starts = contracts.map((c) => orNull(readCalendarDate(c.startDate))).filter((d): d is string => d !== null).sort();
    const leavingDate = contracts.length && !ends.includes(null) ? (ends as string[]).sort().at(-1)! : null;
    const inactive = employee.status === 'inactive';
    const status: HrStatus = leavingDate !== null ? (leavingDate < today ? 'terminated' : 'active') : inactive ? 'terminated' : 'active';
    const current = dates?.current ?? null;
    const name = (v: unknown) => textOf(asFields(v)?.name);
    const company = asFields(employee.company);
    const companyId = rawId(company);

    const attributes: Record<string, AttributeValue> = {};
    for (const key of ['code', 'firstName', 'lastName', 'email', 'status', 'gender', 'maritalStatus', 'children', 'nationality', 'city', 'country', 'contractId', 'professionalCategoryCode']) {
      const v = employee[key];
      attributes[key] = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
    }
    attributes.dateOfBirth = orNull(readCalendarDate(employee.dateOfBirth));
    attributes['company.name'] = textOf(company?.name);
    attributes['contract.workdayType'] = name(current?.workdayType);
    attributes['contract.contractType'] = name(current?.contractType);
    attributes['contract.jobCharge'] = name(current?.jobCharge);
    for (const field of (employee.customFields as unknown[] | undefined) ?? []) {
      const f = asFields(field);
      const slug = textOf(f?.slug) ?? textOf(f?.id);
      if (!f || !slug) continue;
      const v = f.value;
      attributes[customFieldKey(slug)] = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
    }
    const children = employee.children;
    return {
      remoteId,
      firstName: textOf(employee.firstName),
      lastName: textOf(employee.lastName),
      email: textOf(employee.email),
      status,
      personnelNumber: textOf(employee.code),
      employmentType: employmentTypeOf(name(current?.workdayType)),
      hireDate: starts[0] ?? null,
      leavingDate,
      // An unknown gender value is read as none, never as a reason to drop the person.
      gender: typeof employee.gender === 'string' && Object.hasOwn(GENDERS, employee.gender) ? GENDERS[employee.gender] : null,
      legalEntity: companyId ? { id: companyId, name: textOf(company?.name) ?? companyId } : null,
      maritalStatus: maritalStatusOf(textOf(employee.maritalStatus)),
      numberOfChildren: typeof children === 'number' && Number.isInteger(children) && children >= 0 ? children : null,
      attributes,
    };
  });
}

/** A custom field definition (GET /core/v3/custom-fields: { id, name, slug, type }) as an attribute. */
export function toAttributeOption(field: unknown): AttributeOption | null {
  const f = asFields(field);
  const slug = textOf(f?.slug) ?? textOf(f?.id);
  if (!f || !slug) return null;
  const type = String(f.type ?? '').toLowerCase();
  return { key: customFieldKey(slug), label: textOf(f.name) ?? slug, type: type.includes('date') ? 'date' : type.includes('number') || type.includes('numeric') ? 'number' : type.includes('select') || type.includes('list') ? 'list' : type.includes('bool') || type.includes('check') ? 'boolean' : 'string', custom: true };
}
