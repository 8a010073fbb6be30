// Pure translation of HR WORKS persons (GET /v2/persons/master-data, the `Person` schema of HR WORKS'
// OpenAPI description) into the unified model. Keys of a person that the schema does not describe
// are the company's custom free fields ("returned with the assigned field name as key"): they become
// attributes `customField.<name>`, so the number of children can be mapped. Dates are calendar days.
import { asFields, invalidRecord, mapOrInvalid, MalformedValueError, orNull, readCalendarDate, required, textOf, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, EmploymentType, Gender, HrStatus } from '../types';

/** Keys of HR WORKS' documented Person object (OAS "HR WORKS API v2", schema Person). */
export const PERSON_KEYS: ReadonlySet<string> = new Set([
  'accountPayable', 'address', 'bankAccount', 'birthday', 'birthName', 'buildingOrRoom', 'companyMobilePhoneNumber', 'costCenter',
  'costObjective', 'countryCode', 'datevPersonnelNumber', 'emergencyContactDegreeOfKinship', 'emergencyContactName', 'emergencyContactPhone',
  'email', 'employmentType', 'expensesGroup', 'externalIds', 'firstName', 'gender', 'historicizedData', 'joinDate', 'languageCode', 'lastName',
  'leaveDate', 'nationality', 'officePhoneNumber', 'organizationUnit', 'permanentEstablishment', 'shortTimeWorkSchedule', 'personId',
  'personLicenseNumber', 'personnelNumber', 'position', 'privateEmail', 'privateMobilePhoneNumber', 'probationEndDate', 'salutation',
  'secondNationality', 'superior', 'title', 'workSchedule', 'highestLevelOfEducation', 'highestLevelOfEducationId',
  'highestProfessionalQualification', 'highestProfessionalQualificationId', 'socialSecurityNumber', 'taxpayerIdentificationNumber',
  'dateOfNotice', 'reasonForGivingNotice', 'triggerForGivingNotice', 'isActive', 'customNameId', 'profilePictureUrl',
  'timeRecordingRegulation', 'personIdentifierForKiosk', 'paymentAccounts', 'uuid', 'organizationUnitUuid',
]);

/** HR WORKS' EmploymentType enum; regular employees are full- or part-time by their weekly hours. */
const EMPLOYMENT_TYPES: Readonly<Record<string, EmploymentType | 'regular'>> = {
  apprentice: 'INTERN',
  externalWorker: 'CONTRACTOR',
  intern: 'INTERN',
  marginalEmployment: 'MINI_JOB',
  regularEmployee: 'regular',
  // kurzfristige Beschäftigung: no unified value says it better.
  shortTermEmployment: 'OTHER',
  studentTrainee: 'WORKING_STUDENT',
};

const GENDERS: Readonly<Record<string, Gender | null>> = { male: 'male', female: 'female', diverse: 'diverse', 'not specified': null };

/** Attribute key of a custom free field. */
export const customFieldKey = (name: string): string => `customField.${name}`;

const attr = (key: string, label: string, type: AttributeOption['type'] = 'string'): AttributeOption => ({ key, label, type, custom: false });

/** Standard person fields offered as attributes (filters, mapping), keyed by HR WORKS' names. */
export const PERSON_ATTRIBUTES: readonly AttributeOption[] = [
  attr('personnelNumber', 'Personnel number'),
  attr('personId', 'User name (personId)'),
  attr('email', 'E-mail'),
  attr('employmentType', 'Employment type', 'list'),
  attr('joinDate', 'Join date', 'date'),
  attr('leaveDate', 'Leave date (last working day)', 'date'),
  attr('dateOfNotice', 'Date of notice', 'date'),
  attr('reasonForGivingNotice', 'Reason for giving notice'),
  attr('isActive', 'Active (not set to gone)', 'boolean'),
  attr('gender', 'Gender', 'list'),
  attr('birthday', 'Birthday', 'date'),
  attr('position', 'Position'),
  attr('nationality', 'Nationality'),
  attr('countryCode', 'Country code'),
  attr('organizationUnit.number', 'Organization unit (number)', 'list'),
  attr('organizationUnit.name', 'Organization unit', 'list'),
  attr('organizationUnitUuid', 'Organization unit (uuid)'),
  attr('permanentEstablishment.name', 'Permanent establishment', 'list'),
  attr('costCenter.number', 'Cost center (number)', 'list'),
  attr('costCenter.name', 'Cost center', 'list'),
  attr('workSchedule.weeklyWorkingHours', 'Weekly working hours', 'number'),
  attr('datevPersonnelNumber', 'DATEV personnel number'),
];

export interface HrWorksMappingOptions {
  /** YYYY-MM-DD (UTC): decides whether a leave date has passed or a join date is still ahead. */
  today: string;
  /** Weekly hours from which a regular employee counts as full-time. */
  fullTimeWeeklyHours: number;
}

/** The value at a dotted path of attributes such as organizationUnit.name. */
function at(person: Record<string, unknown>, key: string): unknown {
  return key.split('.').reduce<unknown>((value, part) => asFields(value)?.[part], person);
}

/** A scalar as an attribute value; lists of scalars joined; objects are no attribute value. */
export function attributeValueOf(value: unknown): AttributeValue | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value) && value.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) return value.join(', ');
  return undefined;
}

/** Custom free fields of a person: every key HR WORKS' Person schema does not describe. */
export function customFieldNames(person: Record<string, unknown>): string[] {
  return Object.keys(person).filter((key) => !PERSON_KEYS.has(key));
}

function scalarText(person: Record<string, unknown>, key: string): string | null {
  const value = person[key];
  if (value !== undefined && value !== null && typeof value === 'object') throw new MalformedValueError(`${key} has an unexpected shape`);
  return textOf(value);
}

/** Unified employment type; a regular employee by the work schedule's weekly hours (none: unknown). */
export function employmentTypeOf(value: unknown, weeklyHours: unknown, fullTimeWeeklyHours: number): EmploymentType | null {
  if (value === undefined || value === null || value === '') return null;
  const type = typeof value === 'string' && Object.prototype.hasOwnProperty.call(EMPLOYMENT_TYPES, value) ? EMPLOYMENT_TYPES[value] : 'OTHER';
  if (type !== 'regular') return type;
  if (typeof weeklyHours !== 'number' || !Number.isFinite(weeklyHours) || weeklyHours <= 0) return null;
  return weeklyHours >= fullTimeWeeklyHours ? 'FULL_TIME' : 'PART_TIME';
}

/**
 * The HR status: set to gone (isActive false) or past the leave date: terminated; a join date still
 * ahead: onboarding; else active. isActive missing or unreadable says nothing (never read as gone).
 */
export function statusOf(isActive: unknown, joinDate: string | null, leaveDate: string | null, today: string): HrStatus {
  if (isActive === false || (leaveDate !== null && leaveDate < today)) return 'terminated';
  if (joinDate !== null && joinDate > today) return 'onboarding';
  return 'active';
}

/** Maps one person; the HR WORKS uuid (it never changes) is the remote id. */
export function mapHrWorksPerson(record: unknown, options: HrWorksMappingOptions): MappedRecord {
  const person = asFields(record);
  if (!person) return invalidRecord(null, 'record is not an object');
  const uuid = textOf(person.uuid);
  if (uuid === null) return invalidRecord(textOf(person.personnelNumber), 'record has no uuid');
  return mapOrInvalid(uuid, () => {
    // A leave date that is not a date makes the record invalid (reported), never "not leaving".
    const leavingDate = required(readCalendarDate(person.leaveDate), 'leaveDate', person.leaveDate);
    const hireDate = orNull(readCalendarDate(person.joinDate));
    const attributes: Record<string, AttributeValue> = {};
    for (const { key } of PERSON_ATTRIBUTES) {
      const value = attributeValueOf(at(person, key));
      if (value !== undefined) attributes[key] = value;
    }
    for (const name of customFieldNames(person)) {
      const value = attributeValueOf(person[name]);
      if (value !== undefined) attributes[customFieldKey(name)] = value;
    }
    const gender = person.gender;
    return {
      remoteId: uuid,
      firstName: scalarText(person, 'firstName'),
      lastName: scalarText(person, 'lastName'),
      email: scalarText(person, 'email'),
      status: statusOf(person.isActive, hireDate, leavingDate, options.today),
      personnelNumber: scalarText(person, 'personnelNumber'),
      employmentType: employmentTypeOf(person.employmentType, at(person, 'workSchedule.weeklyWorkingHours'), options.fullTimeWeeklyHours),
      hireDate,
      leavingDate,
      gender: typeof gender === 'string' && gender in GENDERS ? GENDERS[gender] : null,
      legalEntity: null,
      attributes,
    };
  });
}
