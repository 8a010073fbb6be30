// Pure translation of CharlieHR team members (GET /team_members/) and their notes (custom data,
// GET /team_members/{id}/notes) into the unified model. Field names are CharlieHR's snake_case JSON as
// client code reads them; CharlieHR does not describe leavers, so the leaving date is read only where
// an end_date is sent (NOTES.md). Dates are calendar days.
import { asFields, invalidRecord, mapOrInvalid, orNull, rawId, readCalendarDate, required, textOf, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, HrStatus } from '../types';

/** Standard team member fields offered as attributes (filters, mapping), keyed by CharlieHR's names. */
export const TEAM_MEMBER_ATTRIBUTES: readonly AttributeOption[] = [
  attr('first_name', 'First name'),
  attr('last_name', 'Last name'),
  attr('display_name', 'Display name'),
  attr('email', 'E-mail'),
  attr('date_of_birth', 'Date of birth', 'date'),
  attr('start_date', 'Start date', 'date'),
  attr('end_date', 'End date', 'date'),
  attr('office', 'Office', 'list'),
  attr('manager', 'Manager'),
];

const SCALAR_FIELDS = ['first_name', 'last_name', 'email', 'start_date', 'end_date'] as const;

function attr(key: string, label: string, type: AttributeOption['type'] = 'string'): AttributeOption {
  return { key, label, type, custom: false };
}

export function noteKey(noteTypeId: string): string {
  return `notes.${noteTypeId}`;
}

/** A note type ({ id, name, type: Text | Number | Checklist }) as an attribute; null without an id. */
export function noteTypeAttribute(noteType: unknown): AttributeOption | null {
  const row = asFields(noteType);
  const id = rawId(row);
  if (!row || id === null) return null;
  const kind = textOf(row.type)?.toLowerCase();
  return { key: noteKey(id), label: textOf(row.name) ?? id, type: kind === 'number' ? 'number' : 'string', custom: true };
}

/** A note's content as an attribute value: numbers stay numbers, checklists (lists) are joined. */
export function noteValue(content: unknown): AttributeValue {
  if (content === null || content === undefined) return null;
  if (typeof content === 'string' || typeof content === 'number' || typeof content === 'boolean') return content;
  if (Array.isArray(content)) return content.map((c) => textOf(asFields(c)?.name ?? c) ?? '').filter((c) => c !== '').join(', ');
  return null;
}

/** One team member's notes as attribute key → value (the note type names the attribute). */
export function noteValues(notes: readonly unknown[]): Map<string, AttributeValue> {
  const values = new Map<string, AttributeValue>();
  for (const note of notes) {
    const row = asFields(note);
    const typeId = textOf(row?.team_member_note_type_id ?? asFields(row?.team_member_note_type)?.id ?? row?.team_member_note_type);
    if (row && typeId !== null) values.set(noteKey(typeId), noteValue(row.content));
  }
  return values;
}

/**
 * CharlieHR describes no leaver state: an end_date that passed is a leaver, one ahead a planned one;
 * without it the team member is active (a removal is only ever inferred from a complete listing).
 */
export function statusOf(leavingDate: string | null, today: string): HrStatus {
  return leavingDate !== null && leavingDate < today ? 'terminated' : 'active';
}

export function mapCharlieTeamMember(record: unknown, notes: ReadonlyMap<string, AttributeValue>, today: string): MappedRecord {
  const member = asFields(record);
  if (!member) return invalidRecord(null, 'record is not an object');
  const remoteId = rawId(member);
  if (remoteId === null) return invalidRecord(null, 'record has no team member id');
  for (const key of SCALAR_FIELDS) {
    const value = member[key];
    if (value !== undefined && value !== null && typeof value === 'object') return invalidRecord(remoteId, `field "${key}" has an unexpected shape`);
  }
  return mapOrInvalid(remoteId, () => {
    const attributes: Record<string, AttributeValue> = {};
    for (const { key } of TEAM_MEMBER_ATTRIBUTES) {
      const value = member[key];
      if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') attributes[key] = value;
    }
    for (const [key, value] of notes) attributes[key] = value;
    // An end date that is not a date makes the record invalid (reported), never "not leaving".
    const leavingDate = required(readCalendarDate(member.end_date), 'end_date', member.end_date);
    return {
      remoteId,
      firstName: textOf(member.first_name),
      lastName: textOf(member.last_name),
      email: textOf(member.email),
      status: statusOf(leavingDate, today),
      hireDate: orNull(readCalendarDate(member.start_date)),
      leavingDate,
      legalEntity: null,
      attributes,
    };
  });
}
