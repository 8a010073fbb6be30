// Pure translation of Bob's people-search records and field metadata into the unified model.
// Bob answers each requested field twice: nested by its path ("work": {"startDate": …}, root fields
// at the top level) and flat under a slash key ("/work/startDate": {"value": …}). List fields carry
// item ids; with humanReadable=APPEND their display names sit in a "humanReadable" node.
import { asFields, employmentTypeFromLabel, genderFromLabel, invalidRecord, maritalStatusFromLabel, mapped, orNull, readCalendarDate, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, HrStatus } from '../types';

/** One entry of GET /v1/company/people/fields. */
export interface BobFieldMetadata {
  id: string;
  name: string;
  type: string;
  category?: string;
  categoryDisplayName?: string;
  jsonPath?: string;
  typeData?: { listId?: string } | null;
  historical?: boolean;
}

/** One item of GET /v1/company/named-lists/{listName}. */
export interface BobListItem {
  id: string | number;
  value?: string;
  name?: string;
  archived?: boolean;
}

/** Field ids the unified model is built from; always requested. */
export const BOB_MAPPED_FIELDS = [
  'root.id',
  'root.firstName',
  'root.surname',
  'root.email',
  'work.employeeIdInCompany',
  'work.startDate',
  'work.site',
  'work.siteId',
  'internal.status',
  'internal.lifecycleStatus',
  'internal.terminationDate',
  'home.legalGender',
  'home.familyStatus',
  'home.numberOfKids',
  'payroll.employment.type',
] as const;

/** Bob refuses people searches with more than 400 field ids. */
export const MAX_SEARCH_FIELDS = 400;

/** Customer-defined fields have generated ids ("custom.field_1696948109629", "category_….field_…"). */
export function isBobCustomField(field: BobFieldMetadata): boolean {
  return field.id.split('.').some((part) => part.startsWith('field_') || part.startsWith('category_'));
}

export function toAttributeOption(field: BobFieldMetadata): AttributeOption {
  return { key: field.id, label: field.name, type: attributeType(field.type), custom: isBobCustomField(field) };
}

function attributeType(bobType: string): AttributeOption['type'] {
  if (bobType === 'date') return 'date';
  if (bobType === 'number' || bobType === 'currency') return 'number';
  if (bobType === 'boolean') return 'boolean';
  if (bobType.includes('list')) return 'list';
  return 'string';
}

/** Fields to request: the mapped ones, then custom fields, then the other standard ones. */
export function chooseSearchFields(metadata: readonly BobFieldMetadata[]): string[] {
  const ordered = [
    ...BOB_MAPPED_FIELDS,
    ...metadata.filter(isBobCustomField).map((f) => f.id),
    ...metadata.filter((f) => !isBobCustomField(f)).map((f) => f.id),
  ];
  return [...new Set(ordered)].slice(0, MAX_SEARCH_FIELDS);
}

/** Items of a named list still in use, e.g. the company's sites. */
export function activeListItems(items: readonly BobListItem[]): { id: string; name: string }[] {
  return items.filter((i) => !i.archived).map((i) => ({ id: String(i.id), name: String(i.name ?? i.value ?? i.id) }));
}

/** Maps one employee of a people search. `fieldIds` are the requested ids (attribute keys). */
export function mapBobEmployee(record: unknown, fieldIds: readonly string[], listFieldIds: ReadonlySet<string>, today: string): MappedRecord {
  const person = asFields(record);
  if (!person) return invalidRecord(null, 'record is not an object');
  const id = readMachineValue(person, 'root.id');
  if ((typeof id !== 'string' && typeof id !== 'number') || String(id).trim() === '') {
    return invalidRecord(null, 'record has no employee id');
  }
  const remoteId = String(id);
  // Identity and lifecycle fields must be plain values; an odd shape elsewhere only drops that value.
  for (const fieldId of ['root.firstName', 'root.surname', 'root.email', 'work.startDate', 'internal.terminationDate']) {
    const value = readMachineValue(person, fieldId);
    if (value !== undefined && value !== null && typeof value === 'object') {
      return invalidRecord(remoteId, `field "${fieldId}" has an unexpected shape`);
    }
  }

  const attributes: Record<string, AttributeValue> = {};
  for (const fieldId of fieldIds) {
    const value = listFieldIds.has(fieldId) ? (readHumanValue(person, fieldId) ?? readMachineValue(person, fieldId)) : readMachineValue(person, fieldId);
    const scalar = toAttributeValue(value);
    if (scalar !== undefined) attributes[fieldId] = scalar;
  }

  const text = (fieldId: string) => asText(readMachineValue(person, fieldId));
  const label = (fieldId: string) => asText(readHumanValue(person, fieldId)) ?? text(fieldId);
  const hireDate = orNull(readCalendarDate(text('work.startDate')));
  const leavingDate = orNull(readCalendarDate(text('internal.terminationDate')));
  const siteName = label('work.site');
  const siteId = text('work.siteId') ?? siteName;
  return mapped({
    remoteId,
    firstName: text('root.firstName'),
    lastName: text('root.surname'),
    email: text('root.email'),
    status: statusOf(label('internal.lifecycleStatus'), label('internal.status'), hireDate, leavingDate, today),
    personnelNumber: text('work.employeeIdInCompany'),
    employmentType: employmentTypeOf(label('payroll.employment.type')),
    hireDate,
    leavingDate,
    gender: genderFromLabel(label('home.legalGender')),
    legalEntity: siteId && siteName ? { id: siteId, name: siteName } : null,
    maritalStatus: maritalStatusFromLabel(label('home.familyStatus')),
    numberOfChildren: countOf(readMachineValue(person, 'home.numberOfKids')),
    attributes,
  });
}

/** Root fields live at the top level of the answer; the others under their category. */
function pathOf(fieldId: string): string[] {
  const parts = fieldId.split('.');
  return parts[0] === 'root' ? parts.slice(1) : parts;
}

function readNested(source: unknown, path: readonly string[]): unknown {
  let current = source;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function readMachineValue(person: Record<string, unknown>, fieldId: string): unknown {
  const flat = person[`/${fieldId.split('.').join('/')}`];
  if (typeof flat === 'object' && flat !== null && 'value' in flat) return (flat as { value: unknown }).value;
  return readNested(person, pathOf(fieldId));
}

function readHumanValue(person: Record<string, unknown>, fieldId: string): unknown {
  return readNested(person.humanReadable, pathOf(fieldId));
}

function toAttributeValue(value: unknown): AttributeValue | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  // Multi-select lists arrive as arrays of item ids or names.
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.join(', ');
  return undefined;
}

function asText(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
}

function countOf(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : null;
}

function statusOf(lifecycle: string | null, status: string | null, hireDate: string | null, leavingDate: string | null, today: string): HrStatus | null {
  const l = lifecycle?.toLowerCase() ?? '';
  if (l.includes('terminat')) return 'terminated';
  if (l.includes('leave')) return 'leave';
  if (l.includes('hired') || l.includes('onboard')) return 'onboarding';
  if (l.includes('employ')) return 'active';
  if (!status) return null;
  if (/^active$/i.test(status)) return hireDate && hireDate > today ? 'onboarding' : 'active';
  return leavingDate ? 'terminated' : 'inactive';
}

/** Employment types are a company-defined Bob list; these match its usual entries. */
export const employmentTypeOf = employmentTypeFromLabel;
