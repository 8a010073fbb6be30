// Pure translation of Remote employments into the unified model: the listing's minimal employment
// (GET /v1/employments), its details (GET /v1/employments/{id}: basic_information, company_id,
// provisional_start_date, …), the employment's offboarding (GET /v1/offboardings, joined by
// employment_id) and its custom field values. Field names are Remote's snake_case; see NOTES.md for
// what of each is verified.
import { asFields, invalidRecord, mapOrInvalid, orNull, rawId, readCalendarDate, required, textOf, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, EmploymentType, HrStatus } from '../types';

type Row = Record<string, unknown>;

/** Remote's EmploymentStatus enum (spec). The list hides `deleted` unless asked for it. */
export const REMOTE_STATUSES = ['active', 'created', 'created_awaiting_reserve', 'created_reserve_paid', 'initiated', 'invited', 'pending', 'review', 'archived', 'deleted'] as const;
/** Statuses before the first day (the employment is being set up). */
const ONBOARDING_STATUSES = new Set(['created', 'created_awaiting_reserve', 'created_reserve_paid', 'initiated', 'invited', 'pending', 'review']);

/** One offboarding request (termination or resignation) as GET /v1/offboardings lists it. */
export interface RemoteOffboarding {
  id?: unknown;
  employment_id?: unknown;
  type?: unknown;
  status?: unknown;
  termination_date?: unknown;
  proposed_termination_date?: unknown;
  proposed_last_working_day?: unknown;
  termination_reason?: unknown;
  resignation_reason?: unknown;
  submitted_at?: unknown;
}

/** One custom field definition (GET /v1/custom-fields). */
export interface RemoteCustomField {
  id: string;
  name?: unknown;
  type?: unknown;
}

/** Standard attributes (filters, mapping), keyed by Remote's names. */
export const EMPLOYMENT_ATTRIBUTES: readonly AttributeOption[] = [
  attr('full_name', 'Full name'),
  attr('job_title', 'Job title'),
  attr('personal_email', 'Personal (login) e-mail'),
  attr('work_email', 'Work e-mail'),
  attr('status', 'Employment status', 'list'),
  attr('type', 'Employment type (employee, contractor, …)', 'list'),
  attr('country', 'Country', 'list'),
  attr('department', 'Department', 'list'),
  attr('department_id', 'Department id'),
  attr('company_id', 'Company id', 'list'),
  attr('provisional_start_date', 'Provisional start date', 'date'),
  attr('seniority_date', 'Seniority date', 'date'),
  attr('employment_lifecycle_stage', 'Lifecycle stage', 'list'),
  attr('offboarding.type', 'Offboarding type', 'list'),
  attr('offboarding.status', 'Offboarding status', 'list'),
  attr('offboarding.reason', 'Offboarding reason', 'list'),
];

function attr(key: string, label: string, type: AttributeOption['type'] = 'string'): AttributeOption {
  return { key, label, type, custom: false };
}

export function customFieldKey(fieldId: string): string {
  return `customFields.${fieldId}`;
}

export function toAttributeOption(field: RemoteCustomField): AttributeOption {
  return { key: customFieldKey(field.id), label: textOf(field.name) ?? field.id, type: customFieldType(field.type), custom: true };
}

function customFieldType(type: unknown): AttributeOption['type'] {
  switch (type) {
    case 'integer':
    case 'decimal':
    case 'percentage':
    case 'currency':
      return 'number';
    case 'date':
      return 'date';
    case 'boolean':
      return 'boolean';
    case 'single_select':
      return 'list';
    default:
      return 'string';
  }
}

/** A custom field value as an attribute value: scalars as they are, lists joined, objects' `value`/`amount`, else null. */
export function customValueOf(value: unknown): AttributeValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((v) => textOf(v)).filter((v) => v !== null).join(', ') || null;
  if (typeof value === 'object') {
    const inner = (value as Row).value ?? (value as Row).amount;
    return typeof inner === 'string' || typeof inner === 'number' || typeof inner === 'boolean' ? inner : null;
  }
  return null;
}

/** The offboarding that speaks for an employment: never a canceled one; a done one first, then the latest submitted. */
export function pickOffboarding(offboardings: readonly RemoteOffboarding[]): RemoteOffboarding | null {
  const live = offboardings.filter((o) => o.status !== 'canceled');
  if (live.length === 0) return null;
  const rank = (o: RemoteOffboarding) => (o.status === 'done' ? 1 : 0);
  return [...live].sort((a, b) => rank(b) - rank(a) || String(b.submitted_at ?? '').localeCompare(String(a.submitted_at ?? '')))[0];
}

/** The leaving date of an offboarding: termination_date once set, else the proposed date of the request. */
export function leavingDateOf(offboarding: RemoteOffboarding | null): string | null {
  if (!offboarding) return null;
  const confirmed = required(readCalendarDate(offboarding.termination_date), 'termination_date', offboarding.termination_date);
  if (confirmed) return confirmed;
  const proposed = required(readCalendarDate(offboarding.proposed_termination_date), 'proposed_termination_date', offboarding.proposed_termination_date);
  if (proposed) return proposed;
  return required(readCalendarDate(offboarding.proposed_last_working_day), 'proposed_last_working_day', offboarding.proposed_last_working_day);
}

export interface RemoteEmploymentParts {
  /** The record as the listing has it. */
  listed: unknown;
  /** GET /v1/employments/{id} → data.employment, or null when it could not be read (404). */
  details: Row | null;
  offboarding: RemoteOffboarding | null;
  /** custom field id → value. */
  customValues: ReadonlyMap<string, AttributeValue>;
  /** company id → name (GET /v1/companies). */
  companies: ReadonlyMap<string, string>;
}

/** Fields whose value must be a scalar; an object there means the record cannot be trusted. */
const SCALAR_FIELDS = ['full_name', 'personal_email', 'status', 'type', 'job_title'] as const;

/** Maps one employment; `today` (YYYY-MM-DD) tells a past leaving date from a planned one. */
export function mapRemoteEmployment(parts: RemoteEmploymentParts, today: string): MappedRecord {
  const { listed, details, offboarding, customValues, companies } = parts;
  if (!asFields(listed)) return invalidRecord(null, 'record is not an object');
  const minimal = listed as Row;
  const remoteId = rawId(minimal);
  if (remoteId === null) return invalidRecord(null, 'record has no employment id');
  for (const key of SCALAR_FIELDS) {
    const value = minimal[key];
    if (value !== undefined && value !== null && typeof value === 'object') return invalidRecord(remoteId, `field "${key}" has an unexpected shape`);
  }
  // The details win where they have a field; the listing's minimal record fills the rest.
  const record: Row = { ...minimal, ...(details ?? {}) };
  const basic = objectOf(record.basic_information);
  return mapOrInvalid(remoteId, () => {
    const leavingDate = leavingDateOf(offboarding);
    const hireDate = orNull(readCalendarDate(basic.provisional_start_date ?? record.provisional_start_date));
    const fullName = textOf(basic.name) ?? textOf(record.full_name);
    const { firstName, lastName } = namesOf(textOf(basic.first_name), textOf(basic.last_name), fullName);
    const workEmail = textOf(basic.work_email) ?? textOf(record.work_email);
    const companyId = textOf(record.company_id);
    const attributes: Record<string, AttributeValue> = {
      full_name: fullName,
      job_title: textOf(basic.job_title) ?? textOf(record.job_title),
      personal_email: textOf(record.personal_email) ?? textOf(basic.email),
      work_email: workEmail,
      status: textOf(record.status),
      type: textOf(record.type),
      country: countryOf(record.country),
      department: textOf(record.department),
      department_id: textOf(record.department_id),
      company_id: companyId,
      provisional_start_date: hireDate,
      seniority_date: orNull(readCalendarDate(record.seniority_date)),
      employment_lifecycle_stage: textOf(record.employment_lifecycle_stage),
      'offboarding.type': textOf(offboarding?.type),
      'offboarding.status': textOf(offboarding?.status),
      'offboarding.reason': textOf(offboarding?.termination_reason) ?? textOf(offboarding?.resignation_reason),
    };
    for (const [fieldId, value] of customValues) attributes[customFieldKey(fieldId)] = value;
    return {
      remoteId,
      firstName,
      lastName,
      // The work e-mail where Remote has one; else the login e-mail (Remote's personal_email).
      email: workEmail ?? textOf(basic.email) ?? textOf(record.personal_email),
      status: statusOf(record.status, record.employment_lifecycle_stage, leavingDate, today),
      personnelNumber: null,
      employmentType: employmentTypeOf(record.type),
      hireDate,
      leavingDate,
      legalEntity: companyId ? { id: companyId, name: companies.get(companyId) ?? companyId } : null,
      attributes,
    };
  });
}

export function statusOf(status: unknown, lifecycleStage: unknown, leavingDate: string | null, today: string): HrStatus | null {
  if (status === 'active') return lifecycleStage === 'offboarded' ? (leavingDate ? 'terminated' : 'inactive') : 'active';
  if (typeof status === 'string' && ONBOARDING_STATUSES.has(status)) return 'onboarding';
  if (status === 'archived' || status === 'deleted') return leavingDate ? 'terminated' : 'inactive';
  // Unknown or missing: only a passed leaving date says anything.
  return leavingDate && leavingDate < today ? 'terminated' : null;
}

/** Remote's `type` says employee or contractor, not full- or part-time: only a contractor is known. */
export function employmentTypeOf(type: unknown): EmploymentType | null {
  return type === 'contractor' ? 'CONTRACTOR' : null;
}

/** First and last name: given ones where Remote has them, else the full name split at its last space (unverified). */
export function namesOf(first: string | null, last: string | null, fullName: string | null): { firstName: string | null; lastName: string | null } {
  if (first || last) return { firstName: first, lastName: last };
  if (!fullName) return { firstName: null, lastName: null };
  const at = fullName.lastIndexOf(' ');
  return at === -1 ? { firstName: fullName, lastName: null } : { firstName: fullName.slice(0, at).trim(), lastName: fullName.slice(at + 1).trim() };
}

function countryOf(value: unknown): AttributeValue {
  if (typeof value === 'string') return textOf(value);
  const country = objectOf(value);
  return textOf(country.code) ?? textOf(country.alpha_2_code) ?? textOf(country.name);
}

function objectOf(value: unknown): Row {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Row) : {};
}
