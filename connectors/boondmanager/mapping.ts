// Pure translation of BoondManager resources (GET /api/resources, JSON:API: { id, type, attributes,
// relationships }) into the unified model. BoondManager's resource fields are not published in a
// form that could be checked (NOTES.md): names are those client code reads; the state is a company
// dictionary (0 = left in the one tenant seen); no leaving date field is known, so one is read only
// from the attribute the admin names.
import { asFields, invalidRecord, mapOrInvalid, rawId, readCalendarDate, required, textOf, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, Gender, HrStatus } from '../types';

type Row = Record<string, unknown>;

/** Standard resource attributes, keyed by BoondManager's names. */
export const RESOURCE_ATTRIBUTES: readonly AttributeOption[] = [
  attr('firstName', 'First name'),
  attr('lastName', 'Last name'),
  attr('email1', 'E-mail'),
  attr('civility', 'Civility', 'list'),
  attr('state', 'State', 'list'),
  attr('typeOf', 'Resource type', 'list'),
  attr('title', 'Title'),
  attr('reference', 'Reference'),
  attr('dateOfBirth', 'Date of birth', 'date'),
  attr('creationDate', 'Creation date', 'date'),
  attr('agency', 'Agency', 'list'),
];
const STANDARD = new Set([...RESOURCE_ATTRIBUTES.map((a) => a.key), 'email', 'thumbnail', 'updateDate', 'stateLabel']);

/** States read as "has left" (state 0, "Sortie", in the one tenant dictionary seen; unverified). */
export const LEFT_STATES: ReadonlySet<number> = new Set([0]);

function attr(key: string, label: string, type: AttributeOption['type'] = 'string'): AttributeOption {
  return { key, label, type, custom: false };
}

export function attributeKey(name: string): string {
  return `attributes.${name}`;
}

const scalar = (value: unknown): AttributeValue | undefined =>
  value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;

/** A record's attributes that are not standard ones (the company's own fields), as attribute key → value. */
export function extraAttributes(record: unknown): [string, AttributeValue][] {
  const attributes = asFields(asFields(record)?.attributes);
  if (!attributes) return [];
  return Object.entries(attributes).flatMap(([name, value]) => {
    const v = scalar(value);
    return STANDARD.has(name) || v === undefined ? [] : [[attributeKey(name), v] as [string, AttributeValue]];
  });
}

export function extraAttribute(key: string, value: AttributeValue): AttributeOption {
  const type = typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? 'date' : 'string';
  return { key, label: key.slice('attributes.'.length), type, custom: true };
}

/** Civility 0 / 1 as male / female (BoondManager's M. / Mme; unverified), anything else unknown. */
export function genderOf(civility: unknown): Gender | null {
  if (civility === 0 || civility === '0') return 'male';
  if (civility === 1 || civility === '1') return 'female';
  return null;
}

/** A left state is a leaver; a leaving date that passed is one too; a date ahead keeps them active. */
export function statusOf(state: unknown, leavingDate: string | null, today: string): HrStatus {
  if (leavingDate !== null) return leavingDate < today ? 'terminated' : 'active';
  return typeof state === 'number' && LEFT_STATES.has(state) ? 'terminated' : 'active';
}

/** The id of a to-one relationship ({ data: { id, type } }), or null. */
export function relationshipId(record: Row, name: string): string | null {
  return rawId(asFields(asFields(asFields(record.relationships)?.[name])?.data));
}

export interface ResourceContext {
  today: string;
  /** Agency id → name (from the answer's `included`, else the agency list). */
  agencyNames: ReadonlyMap<string, string>;
  /** The attribute holding the leaving date, where the company keeps one (credentials). */
  leavingDateField?: string;
}

export function mapBoondResource(record: unknown, context: ResourceContext): MappedRecord {
  const resource = asFields(record);
  if (!resource) return invalidRecord(null, 'record is not an object');
  const remoteId = rawId(resource);
  if (remoteId === null) return invalidRecord(null, 'record has no resource id');
  const attributes = asFields(resource.attributes);
  if (!attributes) return invalidRecord(remoteId, 'record has no attributes');
  for (const key of ['firstName', 'lastName', 'email1', 'email', 'state']) {
    const value = attributes[key];
    if (value !== undefined && value !== null && typeof value === 'object') return invalidRecord(remoteId, `attribute "${key}" has an unexpected shape`);
  }
  return mapOrInvalid(remoteId, () => {
    const values: Record<string, AttributeValue> = {};
    const agencyId = relationshipId(resource, 'agency');
    for (const { key } of RESOURCE_ATTRIBUTES) {
      const value = key === 'agency' ? agencyId : key === 'email1' ? scalar(attributes.email1 ?? attributes.email) : scalar(attributes[key]);
      if (value !== undefined) values[key] = value;
    }
    for (const [key, value] of extraAttributes(resource)) values[key] = value;
    const field = context.leavingDateField;
    // A named leaving date attribute that is not a date makes the record invalid, never "not leaving".
    const leavingDate = field ? required(readCalendarDate(attributes[field]), field, attributes[field]) : null;
    return {
      remoteId,
      firstName: textOf(attributes.firstName),
      lastName: textOf(attributes.lastName),
      email: textOf(attributes.email1 ?? attributes.email),
      status: statusOf(attributes.state, leavingDate, context.today),
      personnelNumber: textOf(attributes.reference),
      leavingDate,
      gender: genderOf(attributes.civility),
      legalEntity: agencyId ? { id: agencyId, name: context.agencyNames.get(agencyId) ?? agencyId } : null,
      attributes: values,
    };
  });
}
