// Pure translation of Nmbrs REST records into the unified model: an employee's personal info
// history (GET …/employees/personalinfo: { employeeId, info: [...] }, the newest entry counts), its
// employments (GET …/employees/employments: { employeeId, employments: [...] }, the latest start
// counts), the company it belongs to (the legal entity) and the employee type of the listing pass.
// Field names are Nmbrs' camelCase JSON; see NOTES.md for what is verified.
import { asFields, invalidRecord, mapOrInvalid, orNull, rawId, readCalendarDate, required, textOf, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, Gender, HrStatus } from '../types';

/**
 * Nmbrs' employee types read by a complete listing, one pass each (former staff only when asked
 * for: assumed). Applicants and rejected applicants are not employees and are not read.
 */
export const NMBRS_EMPLOYEE_TYPES = ['payroll', 'newHire', 'formerPayroll', 'external', 'formerExternal'] as const;
export type NmbrsEmployeeType = (typeof NMBRS_EMPLOYEE_TYPES)[number];

/** The mappable count of an employee's registered children (Nmbrs' children records). */
export const CHILDREN_COUNT_KEY = 'children.count';

export const EMPLOYEE_ATTRIBUTES: readonly AttributeOption[] = [
  attr('basicInfo.employeeNumber', 'Employee number', 'number'),
  attr('basicInfo.employeeType', 'Employee type', 'list'),
  attr('basicInfo.initials', 'Initials'),
  attr('basicInfo.prefix', 'Name prefix (tussenvoegsel)'),
  attr('birthInfo.birthDate', 'Birth date', 'date'),
  attr('birthInfo.gender', 'Gender', 'list'),
  attr('company.name', 'Company', 'list'),
  attr('employment.startDate', 'Employment start', 'date'),
  attr('employment.endDate', 'Employment end', 'date'),
  attr('employment.seniorityDate', 'Seniority date', 'date'),
];

export const CHILDREN_ATTRIBUTE: AttributeOption = { key: CHILDREN_COUNT_KEY, label: 'Number of children (Nmbrs children records)', type: 'number', custom: true };

function attr(key: string, label: string, type: AttributeOption['type'] = 'string'): AttributeOption {
  return { key, label, type, custom: false };
}

type Row = Record<string, unknown>;

export interface NmbrsCompany {
  id: string;
  name: string;
}

/** What the connector knows besides the personal info record. */
export interface NmbrsContext {
  company: NmbrsCompany;
  /** The employee type the listing pass asked for. */
  employeeType: NmbrsEmployeeType;
  /** The employee's employments; undefined when Nmbrs listed none for them. */
  employments: readonly unknown[] | undefined;
  /** Children registered for the employee; undefined when the children could not be read at all. */
  childrenCount: number | undefined;
  today: string;
}

const isRow = (value: unknown): value is Row => asFields(value) !== null;
const fieldsOf = (row: Row, key: string): Row => (isRow(row[key]) ? (row[key] as Row) : {});

/** The newest personal info entry (by createdAt, else the last one listed). */
export function currentInfo(infos: unknown[]): Row | null {
  let best: Row | null = null;
  for (const info of infos) {
    if (!isRow(info)) continue;
    if (best === null || String(info.createdAt ?? '') >= String(best.createdAt ?? '')) best = info;
  }
  return best;
}

/** The employment that started last (ties: the one created last); null when there is none. */
export function latestEmployment(employments: readonly unknown[]): Row | null {
  let best: Row | null = null;
  for (const e of employments) {
    if (!isRow(e)) continue;
    const start = required(readCalendarDate(e.startDate), 'employment.startDate', e.startDate) ?? '';
    const bestStart = best ? (orNull(readCalendarDate(best.startDate)) ?? '') : '';
    if (best === null || start > bestStart || (start === bestStart && String(e.createdAt ?? '') >= String(best.createdAt ?? ''))) best = e;
  }
  return best;
}

export function mapNmbrsEmployee(record: unknown, context: NmbrsContext): MappedRecord {
  if (!isRow(record)) return invalidRecord(null, 'record is not an object');
  const remoteId = rawId(record, 'employeeId');
  if (remoteId === null) return invalidRecord(null, 'record has no employeeId');
  if (!Array.isArray(record.info)) return invalidRecord(remoteId, 'field "info" has an unexpected shape');
  const info = currentInfo(record.info);
  if (!info) return invalidRecord(remoteId, 'employee has no personal info');
  if (context.employments !== undefined && !Array.isArray(context.employments)) return invalidRecord(remoteId, 'field "employments" has an unexpected shape');
  return mapOrInvalid(remoteId, () => {
    const basic = fieldsOf(info, 'basicInfo');
    const birth = fieldsOf(info, 'birthInfo');
    const contact = fieldsOf(info, 'contactInfo');
    const employment = latestEmployment(context.employments ?? []);
    const hireDate = employment ? required(readCalendarDate(employment.startDate), 'employment.startDate', employment.startDate) : null;
    const leavingDate = employment ? required(readCalendarDate(employment.endDate), 'employment.endDate', employment.endDate) : null;
    const lastName = [textOf(basic.prefix), textOf(basic.lastName)].filter((p): p is string => p !== null).join(' ') || null;
    const attributes: Record<string, AttributeValue> = {
      'basicInfo.employeeNumber': scalar(basic.employeeNumber),
      'basicInfo.employeeType': context.employeeType,
      'basicInfo.initials': textOf(basic.initials),
      'basicInfo.prefix': textOf(basic.prefix),
      'birthInfo.birthDate': orNull(readCalendarDate(birth.birthDate)),
      'birthInfo.gender': textOf(birth.gender),
      'company.name': context.company.name,
      'employment.startDate': hireDate,
      'employment.endDate': leavingDate,
      'employment.seniorityDate': employment ? orNull(readCalendarDate(employment.seniorityDate)) : null,
    };
    if (context.childrenCount !== undefined) attributes[CHILDREN_COUNT_KEY] = context.childrenCount;
    return {
      remoteId,
      firstName: textOf(basic.firstName) ?? textOf(basic.firstNameInFull) ?? textOf(basic.initials),
      lastName,
      // The business address only: a private one is never used for invitations.
      email: textOf(contact.businessEmail),
      status: statusOf(context.employeeType, leavingDate, context.today),
      personnelNumber: textOf(basic.employeeNumber),
      employmentType: context.employeeType === 'external' || context.employeeType === 'formerExternal' ? 'CONTRACTOR' : null,
      hireDate,
      leavingDate,
      gender: genderOf(textOf(birth.gender)),
      legalEntity: { id: context.company.id, name: context.company.name },
      attributes,
    };
  });
}

function scalar(value: unknown): AttributeValue {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
}

/** Nmbrs' gender: male / female; unspecified and unknown are no gender. */
export function genderOf(value: string | null): Gender | null {
  if (value === 'male') return 'male';
  if (value === 'female') return 'female';
  return null;
}

/**
 * The type of the listing pass says who someone is now; a passed end date has left whatever the
 * type; a former employee without a readable end date is inactive (never a made-up leaving date).
 */
export function statusOf(type: NmbrsEmployeeType, leavingDate: string | null, today: string): HrStatus {
  if (leavingDate !== null && leavingDate < today) return 'terminated';
  switch (type) {
    case 'newHire':
      return 'onboarding';
    case 'formerPayroll':
    case 'formerExternal':
      return leavingDate ? 'terminated' : 'inactive';
    default:
      return 'active';
  }
}
