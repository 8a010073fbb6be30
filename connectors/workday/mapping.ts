// Pure translation of one Workday `Worker` element (Get_Workers, parsed by xml.ts: namespace prefixes
// dropped) into the unified model. Paths as Workday writes them (see NOTES.md for sources):
// Worker_Reference/ID[@type=WID] (the id), Worker_Data/Worker_ID (the personnel number), Personal_Data
// (names, gender, marital status, e-mails, custom IDs), Employment_Data/Worker_Status_Data (active,
// hire and termination dates), Worker_Job_Data/Position_Data (time type, worker type) and
// Organization_Data (the Company organization = the legal entity).
import { genderFromLabel, invalidRecord, mapOrInvalid, maritalStatusFromLabel, MalformedValueError, orNull, readCalendarDate, required, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, EmploymentType, Gender, HrStatus } from '../types';
import { at, attrOf, child, children, idOfType, isNode, textIn, xmlBoolean } from './xml';

/** Standard worker fields offered as attributes (filters, mapping). */
export const WORKER_ATTRIBUTES: readonly AttributeOption[] = [
  attr('worker_id', 'Worker ID'),
  attr('worker_kind', 'Worker kind (Employee / Contingent worker)', 'list'),
  attr('user_id', 'User name'),
  attr('first_name', 'Legal first name'),
  attr('last_name', 'Legal last name'),
  attr('preferred_first_name', 'Preferred first name'),
  attr('work_email', 'Work e-mail'),
  attr('birth_date', 'Birth date', 'date'),
  attr('gender', 'Gender', 'list'),
  attr('marital_status', 'Marital status', 'list'),
  attr('active', 'Active', 'boolean'),
  attr('hire_date', 'Hire date', 'date'),
  attr('original_hire_date', 'Original hire date', 'date'),
  attr('termination_date', 'Termination date', 'date'),
  attr('termination_last_day_of_work', 'Last day of work', 'date'),
  attr('time_type', 'Time type', 'list'),
  attr('worker_type', 'Employee / contingent worker type', 'list'),
  attr('business_title', 'Business title'),
  attr('company', 'Company', 'list'),
  attr('supervisory_organization', 'Supervisory organization', 'list'),
];

function attr(key: string, label: string, type: AttributeOption['type'] = 'string'): AttributeOption {
  return { key, label, type, custom: false };
}

/** Attribute key of a tenant-defined Custom ID type (Personal_Data/Identification_Data/Custom_ID). */
export function customIdKey(customIdTypeId: string): string {
  return `custom_id.${customIdTypeId}`;
}

/** A tenant's Custom ID types seen on workers: type id → label. */
export function customIdTypesOf(worker: unknown): Map<string, string> {
  const types = new Map<string, string>();
  for (const custom of children(at(worker, 'Worker_Data', 'Personal_Data', 'Identification_Data'), 'Custom_ID')) {
    const typeRef = at(custom, 'Custom_ID_Data', 'ID_Type_Reference');
    const typeId = idOfType(typeRef, 'Custom_ID_Type_ID');
    if (typeId) types.set(typeId, attrOf(typeRef, 'Descriptor') ?? typeId);
  }
  return types;
}

export function customIdOption(typeId: string, label: string): AttributeOption {
  return { key: customIdKey(typeId), label, type: 'string', custom: true };
}

/** A text element that must hold text; child elements there mean the record cannot be trusted. */
function text(node: unknown, field: string): string | null {
  const value = textIn(node);
  if (value === undefined) throw new MalformedValueError(`field "${field}" has an unexpected shape`);
  return value;
}

function flag(node: unknown, field: string): boolean | null {
  const value = xmlBoolean(node);
  if (value === undefined) throw new MalformedValueError(`${field} "${String(textIn(node))}" is not a boolean`);
  return value;
}

function date(node: unknown, field: string): string | null {
  const value = text(node, field);
  return required(readCalendarDate(value), field, value);
}

/** Usage type (WORK, HOME) and primary flag of a contact entry. */
function usageOf(entry: unknown): { types: string[]; primary: boolean } {
  const typeData = children(child(entry, 'Usage_Data'), 'Type_Data');
  return {
    types: typeData.map((t) => idOfType(child(t, 'Type_Reference'), 'Communication_Usage_Type_ID') ?? attrOf(child(t, 'Type_Reference'), 'Descriptor')?.toUpperCase() ?? ''),
    primary: typeData.some((t) => xmlBoolean(attrOf(t, 'Primary')) === true),
  };
}

/** The work e-mail: the primary WORK address, else the first WORK one; a HOME address is never used. */
export function workEmailOf(personal: unknown): string | null {
  const work = children(child(personal, 'Contact_Data'), 'Email_Address_Data')
    .map((entry) => ({ address: text(child(entry, 'Email_Address'), 'Email_Address'), usage: usageOf(entry) }))
    .filter((e) => e.address !== null && e.usage.types.includes('WORK'));
  return (work.find((e) => e.usage.primary) ?? work[0])?.address ?? null;
}

/** Gender and marital status: on Personal_Data up to v2x, under Personal_Information_Data in later versions. */
function personalReference(personal: unknown, name: string): unknown {
  return (
    child(personal, name) ??
    at(personal, 'Personal_Information_Data', name) ??
    at(personal, 'Personal_Information_Data', 'Personal_Information_For_Country_Data', 'Country_Personal_Information_Data', name)
  );
}

/** "Married (United States of America)" → "Married": the descriptor without its country. */
function label(reference: unknown, idType: string): string | null {
  const descriptor = attrOf(reference, 'Descriptor');
  return descriptor ? descriptor.replace(/\s*\([^)]*\)\s*$/, '') : idOfType(reference, idType);
}

/** The primary job (Primary_Job="1"), else the only one. */
function primaryJob(employment: unknown): unknown {
  const jobs = children(employment, 'Worker_Job_Data');
  return jobs.find((j) => xmlBoolean(attrOf(j, 'Primary_Job')) === true) ?? (jobs.length === 1 ? jobs[0] : undefined);
}

/** The worker's organizations of one type (COMPANY, SUPERVISORY, …) as { id, name }. */
function organizationsOfType(worker: unknown, type: string): { id: string; name: string }[] {
  const out: { id: string; name: string }[] = [];
  for (const entry of children(at(worker, 'Worker_Data', 'Organization_Data'), 'Worker_Organization_Data')) {
    const data = child(entry, 'Organization_Data');
    if (idOfType(child(data, 'Organization_Type_Reference'), 'Organization_Type_ID')?.toUpperCase() !== type) continue;
    const reference = child(entry, 'Organization_Reference');
    const id = text(child(data, 'Organization_Reference_ID'), 'Organization_Reference_ID') ?? idOfType(reference, 'Organization_Reference_ID') ?? idOfType(reference, 'Company_Reference_ID');
    if (id) out.push({ id, name: text(child(data, 'Organization_Name'), 'Organization_Name') ?? attrOf(reference, 'Descriptor') ?? id });
  }
  return out;
}

/** Termination data: directly on Worker_Status_Data, or in its Termination_Status_Data (later WSDLs). */
function terminationOf(status: unknown): { terminated: boolean | null; date: string | null; lastDay: string | null } {
  const nested = child(status, 'Termination_Status_Data');
  return {
    terminated: flag(child(status, 'Terminated') ?? child(nested, 'Terminated'), 'Terminated'),
    date: date(child(status, 'Termination_Date') ?? child(nested, 'Termination_Date'), 'Termination_Date'),
    lastDay: date(child(status, 'Termination_Last_Day_of_Work'), 'Termination_Last_Day_of_Work'),
  };
}

/**
 * The leaving date. Termination_Date is the *most recent* termination and stays after a rehire, so it
 * counts only when it is not before the latest Hire_Date; without it, the last day of work of a worker
 * Workday marks terminated. Nothing else is read as leaving.
 */
export function leavingDateOf(hireDate: string | null, termination: ReturnType<typeof terminationOf>): string | null {
  const day = termination.date ?? (termination.terminated === true ? termination.lastDay : null);
  if (day === null) return null;
  return hireDate !== null && day < hireDate ? null : day;
}

export function statusOf(active: boolean | null, terminated: boolean | null, hireDate: string | null, leavingDate: string | null, today: string): HrStatus | null {
  if (leavingDate !== null && (terminated === true || leavingDate < today)) return 'terminated';
  if (active === true) return 'active';
  // A future-dated hire is not active until the hire date (Workday: Active 0, then 1).
  if (active === false && hireDate !== null && hireDate > today) return 'onboarding';
  if (active === false) return 'inactive';
  return null;
}

/** Gender_Code (Male, Female, tenant-defined others); "Not_Declared"-like codes say nothing. */
export function genderOf(code: string | null): Gender | null {
  if (code === null || /not|unknown|declin|unspecified/i.test(code)) return null;
  return genderFromLabel(code);
}

/** Position_Time_Type_ID Full_time / Part_time; contingent workers are contractors. */
export function employmentTypeOf(contingent: boolean, timeType: string | null): EmploymentType | null {
  if (contingent) return 'CONTRACTOR';
  if (timeType === null) return null;
  if (/full/i.test(timeType)) return 'FULL_TIME';
  if (/part/i.test(timeType)) return 'PART_TIME';
  return null;
}

/** Maps one Worker; `today` (YYYY-MM-DD) tells a passed leaving date from a planned one. */
export function mapWorker(record: unknown, today: string): MappedRecord {
  if (!isNode(record)) return invalidRecord(null, 'record is not a Worker element');
  const reference = child(record, 'Worker_Reference');
  const remoteId = idOfType(reference, 'WID');
  if (remoteId === null) return invalidRecord(null, 'Worker has no Worker_Reference WID');
  const data = child(record, 'Worker_Data');
  if (!isNode(data)) return invalidRecord(remoteId, 'Worker has no Worker_Data');
  return mapOrInvalid(remoteId, () => {
    const personal = child(data, 'Personal_Data');
    const legal = at(personal, 'Name_Data', 'Legal_Name_Data', 'Name_Detail_Data');
    const preferred = at(personal, 'Name_Data', 'Preferred_Name_Data', 'Name_Detail_Data');
    const status = at(data, 'Employment_Data', 'Worker_Status_Data');
    const job = primaryJob(child(data, 'Employment_Data'));
    const position = child(job, 'Position_Data');
    const contingent = idOfType(reference, 'Contingent_Worker_ID') !== null;
    const hireDate = date(child(status, 'Hire_Date'), 'Hire_Date');
    const termination = terminationOf(status);
    const leavingDate = leavingDateOf(hireDate, termination);
    const active = flag(child(status, 'Active'), 'Active');
    const genderRef = personalReference(personal, 'Gender_Reference');
    const maritalRef = personalReference(personal, 'Marital_Status_Reference');
    const timeType = idOfType(child(position, 'Position_Time_Type_Reference'), 'Position_Time_Type_ID');
    const workerTypeRef = child(position, 'Worker_Type_Reference') ?? child(position, 'Position_Worker_Type_Reference');
    const company = organizationsOfType(record, 'COMPANY')[0] ?? null;
    const email = workEmailOf(personal);
    const personnelNumber = text(child(data, 'Worker_ID'), 'Worker_ID') ?? idOfType(reference, 'Employee_ID') ?? idOfType(reference, 'Contingent_Worker_ID');
    const attributes: Record<string, AttributeValue> = {
      worker_id: personnelNumber,
      worker_kind: contingent ? 'Contingent worker' : 'Employee',
      user_id: text(child(data, 'User_ID'), 'User_ID'),
      first_name: text(child(legal, 'First_Name'), 'First_Name'),
      last_name: text(child(legal, 'Last_Name'), 'Last_Name'),
      preferred_first_name: text(child(preferred, 'First_Name'), 'First_Name'),
      work_email: email,
      birth_date: orNull(readCalendarDate(textIn(child(personal, 'Birth_Date')) ?? null)),
      gender: label(genderRef, 'Gender_Code'),
      marital_status: label(maritalRef, 'Marital_Status_ID'),
      active,
      hire_date: hireDate,
      original_hire_date: orNull(readCalendarDate(textIn(child(status, 'Original_Hire_Date')) ?? null)),
      termination_date: termination.date,
      termination_last_day_of_work: termination.lastDay,
      time_type: timeType,
      worker_type: label(workerTypeRef, 'Employee_Type_ID') ?? idOfType(workerTypeRef, 'Contingent_Worker_Type_ID'),
      business_title: text(child(position, 'Business_Title'), 'Business_Title'),
      company: company?.name ?? null,
      supervisory_organization: organizationsOfType(record, 'SUPERVISORY')[0]?.name ?? null,
    };
    for (const custom of children(at(personal, 'Identification_Data'), 'Custom_ID')) {
      const customData = child(custom, 'Custom_ID_Data');
      const typeId = idOfType(child(customData, 'ID_Type_Reference'), 'Custom_ID_Type_ID');
      if (typeId) attributes[customIdKey(typeId)] = text(child(customData, 'ID'), `Custom_ID ${typeId}`);
    }
    return {
      remoteId,
      // The legal name, else the preferred one (a worker record may carry only that).
      firstName: (attributes.first_name ?? attributes.preferred_first_name) as string | null,
      lastName: (attributes.last_name ?? text(child(preferred, 'Last_Name'), 'Last_Name')) as string | null,
      email,
      status: statusOf(active, termination.terminated, hireDate, leavingDate, today),
      personnelNumber,
      employmentType: employmentTypeOf(contingent, timeType),
      hireDate,
      leavingDate,
      gender: genderOf(idOfType(genderRef, 'Gender_Code') ?? label(genderRef, 'Gender_Code')),
      legalEntity: company,
      maritalStatus: maritalStatusFromLabel(label(maritalRef, 'Marital_Status_ID')),
      attributes,
    };
  });
}
