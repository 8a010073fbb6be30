// Pure translation of Kenjo employees into the unified model. Kenjo keeps an employee in sections
// (account, personal, work, home), each listed on its own and joined here on `_id`. Dates are
// ISO date-times at midnight (`2022-01-01T00:00:00.000Z`), read as the day written. Kenjo's 2024
// description has no leaving date: the work section's contract end date is read as one (its JSON
// name is not published: `contractEndDate` is assumed); `isActive: false` alone never becomes a
// date. See NOTES.md.
import { asFields, genderFromLabel, invalidRecord, mapOrInvalid, maritalStatusFromLabel, MalformedValueError, orNull, rawId, readCalendarDate, required, textOf, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, HrStatus, LegalEntityOption } from '../types';

/** The sections read for a complete listing, with the list endpoint of each (all `{ data: [...] }`). */
export const KENJO_SECTIONS = { personal: '/employees/personals', work: '/employees/works', home: '/employees/homes' } as const;
export type KenjoSection = keyof typeof KENJO_SECTIONS;

/** The work section's contract end date (readme: "The contract end date of the employee"); the name is assumed. */
export const CONTRACT_END_FIELD = 'contractEndDate';

type Row = Record<string, unknown>;

/** One employee: the account record (GET /employees) and its sections by name. */
export interface KenjoEmployee {
  account: unknown;
  sections: Partial<Record<KenjoSection, Row>>;
}

const attr = (key: string, label: string, type: AttributeOption['type'] = 'string'): AttributeOption => ({ key, label, type, custom: false });

/** Standard fields offered as attributes (filters, mapping), keyed `<section>.<Kenjo name>`. */
export const STANDARD_ATTRIBUTES: readonly AttributeOption[] = [
  attr('account.email', 'Work e-mail'),
  attr('account.externalId', 'External id'),
  attr('account.isActive', 'Active', 'boolean'),
  attr('account.language', 'Language', 'list'),
  attr('personal.firstName', 'First name'),
  attr('personal.lastName', 'Last name'),
  attr('personal.displayName', 'Display name'),
  attr('personal.gender', 'Gender', 'list'),
  attr('personal.birthdate', 'Birth date', 'date'),
  attr('work.companyId', 'Company', 'list'),
  attr('work.officeId', 'Office', 'list'),
  attr('work.departmentId', 'Department', 'list'),
  attr('work.jobTitle', 'Job title'),
  attr('work.startDate', 'Start date', 'date'),
  attr(`work.${CONTRACT_END_FIELD}`, 'Contract end date', 'date'),
  attr('work.probationPeriodEnd', 'Probation period end', 'date'),
  attr('work.weeklyHours', 'Weekly hours', 'number'),
  attr('work.reportsToId', 'Reports to'),
  attr('home.maritalStatus', 'Marital status', 'list'),
];

const DATE_ATTRIBUTES = new Set(STANDARD_ATTRIBUTES.filter((a) => a.type === 'date').map((a) => a.key));

/** A custom field definition of GET /custom-fields: { section, label, apiName, type }. */
export function customFieldOption(field: unknown): AttributeOption | null {
  const f = asFields(field);
  const section = textOf(f?.section);
  const apiName = textOf(f?.apiName);
  if (!f || !section || !apiName || !(section in KENJO_SECTIONS)) return null;
  return { key: `${section}.${apiName}`, label: textOf(f.label) ?? apiName, type: customType(f.type), custom: true };
}

function customType(type: unknown): AttributeOption['type'] {
  switch (typeof type === 'string' ? type.toLowerCase() : '') {
    case 'number':
      return 'number';
    case 'date':
      return 'date';
    case 'boolean':
      return 'boolean';
    case 'list':
      return 'list';
    default:
      return 'string';
  }
}

function scalar(row: Row | undefined, key: string): AttributeValue | undefined {
  const value = row?.[key];
  if (value === undefined) return undefined;
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.join(', ');
  return null;
}

function text(row: Row | undefined, key: string): string | null {
  const value = row?.[key];
  if (value !== undefined && value !== null && typeof value === 'object') throw new MalformedValueError(`${key} has an unexpected shape`);
  return textOf(value);
}

/**
 * The HR status: a contract end date that has passed is terminated; `isActive: false` without one is
 * inactive (Kenjo also creates new employees inactive until they are activated, so it is no leaving);
 * a start date ahead is onboarding. A missing `isActive` says nothing.
 */
export function statusOf(isActive: unknown, startDate: string | null, endDate: string | null, today: string): HrStatus | null {
  if (endDate !== null && endDate < today) return 'terminated';
  if (isActive === false) return endDate !== null ? 'terminated' : 'inactive';
  if (startDate !== null && startDate > today) return 'onboarding';
  return isActive === true ? 'active' : null;
}

/** Maps one employee; `companies` names the legal entities by id. */
export function mapKenjoEmployee(employee: KenjoEmployee, companies: ReadonlyMap<string, LegalEntityOption>, today: string): MappedRecord {
  const account = asFields(employee.account);
  if (!account) return invalidRecord(null, 'record is not an object');
  const id = rawId(account, '_id');
  if (id === null) return invalidRecord(null, 'record has no _id');
  const { personal, work, home } = employee.sections;
  return mapOrInvalid(id, () => {
    // A contract end date that is not a date makes the record invalid, never "not leaving".
    const leavingDate = required(readCalendarDate(work?.[CONTRACT_END_FIELD]), `work.${CONTRACT_END_FIELD}`, work?.[CONTRACT_END_FIELD]);
    const hireDate = orNull(readCalendarDate(work?.startDate));
    const attributes: Record<string, AttributeValue> = {};
    const rows: Record<string, Row | undefined> = { account, personal, work, home };
    for (const [section, row] of Object.entries(rows)) {
      for (const key of Object.keys(row ?? {})) {
        const name = `${section}.${key}`;
        if (key === '_id' || !(key.startsWith('c_') || STANDARD_ATTRIBUTES.some((a) => a.key === name))) continue;
        const value = scalar(row, key);
        if (value === undefined) continue;
        attributes[name] = DATE_ATTRIBUTES.has(name) ? orNull(readCalendarDate(value)) : value;
      }
    }
    const companyId = text(work, 'companyId');
    return {
      remoteId: id,
      firstName: text(personal, 'firstName'),
      lastName: text(personal, 'lastName'),
      email: text(account, 'email'),
      status: statusOf(account.isActive, hireDate, leavingDate, today),
      personnelNumber: text(account, 'externalId'),
      employmentType: null,
      hireDate,
      leavingDate,
      gender: genderFromLabel(text(personal, 'gender')),
      legalEntity: companyId ? (companies.get(companyId) ?? { id: companyId, name: companyId }) : null,
      maritalStatus: maritalStatusFromLabel(text(home, 'maritalStatus')),
      attributes,
    };
  });
}
