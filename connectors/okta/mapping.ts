// Pure translation of Okta users (GET /api/v1/users) into the unified model, and of the user schema
// (GET /api/v1/meta/schemas/user/default) into attributes. Okta keeps no hire or leaving date: they
// come from the profile attributes the admin named. A record that cannot be read (no id, a profile
// value of an unexpected shape, a named date that is not one) becomes an InvalidRemoteRecord.
import { z } from 'zod';
import { blankToNull, describeIssues, employmentTypeFromLabel, invalidRecord, mapped, rawId, readCalendarDate, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, HrStatus } from '../types';

/** Okta's user statuses (the User object's `status`). */
export const OKTA_STATUSES = ['STAGED', 'PROVISIONED', 'ACTIVE', 'RECOVERY', 'PASSWORD_EXPIRED', 'LOCKED_OUT', 'SUSPENDED', 'DEPROVISIONED'] as const;
export type OktaStatus = (typeof OKTA_STATUSES)[number];

const text = z.string().nullish();
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const profileValue = z.union([scalar, z.array(scalar)]);

const oktaUserSchema = z.looseObject({
  id: z.string().min(1),
  status: text,
  created: text,
  activated: text,
  statusChanged: text,
  lastUpdated: text,
  profile: z.record(z.string(), profileValue),
});

type OktaUser = z.infer<typeof oktaUserSchema>;

export interface OktaMappingSettings {
  /** YYYY-MM-DD (UTC): decides whether a leaving date has passed or a hire date is still ahead. */
  today: string;
  /** Variable name of the profile attribute holding the hire date, if the customer keeps one. */
  hireDateField?: string;
  /** Variable name of the profile attribute holding the leaving date, if the customer keeps one. */
  leavingDateField?: string;
}

/** Attribute keys: profile attributes as `profile.<variable name>`. */
export const profileKey = (name: string): string => `profile.${name}`;

/** Top-level user properties offered as attributes besides the profile. */
export const USER_ATTRIBUTES: readonly AttributeOption[] = [
  { key: 'status', label: 'Status', type: 'list', custom: false },
  { key: 'created', label: 'Created', type: 'date', custom: false },
  { key: 'activated', label: 'Activated', type: 'date', custom: false },
  { key: 'statusChanged', label: 'Status changed', type: 'date', custom: false },
  { key: 'lastUpdated', label: 'Last updated', type: 'date', custom: false },
];

/** Okta's base profile attributes the mapping reads, offered when the schema answer has no base part. */
export const BASE_PROFILE_ATTRIBUTES: ReadonlyArray<[name: string, label: string]> = [
  ['login', 'Username'],
  ['email', 'Primary email'],
  ['firstName', 'First name'],
  ['lastName', 'Last name'],
  ['employeeNumber', 'Employee number'],
  ['userType', 'User type'],
  ['organization', 'Organization'],
  ['division', 'Division'],
  ['department', 'Department'],
  ['costCenter', 'Cost center'],
  ['title', 'Title'],
  ['manager', 'Manager'],
];

export function mapOktaUser(raw: unknown, settings: OktaMappingSettings): MappedRecord {
  const parsed = oktaUserSchema.safeParse(raw);
  if (!parsed.success) return invalidRecord(rawId(raw), describeIssues(parsed.error));
  const user = parsed.data;
  const hire = profileDate(user, settings.hireDateField);
  const leaving = profileDate(user, settings.leavingDateField);
  const unreadable = [hire, leaving].find((d) => d.error);
  if (unreadable?.error) return invalidRecord(user.id, unreadable.error);

  const organization = textValue(user.profile.organization);
  return mapped({
    remoteId: user.id,
    firstName: textValue(user.profile.firstName),
    lastName: textValue(user.profile.lastName),
    email: textValue(user.profile.email),
    status: statusOf(user.status, hire.date, leaving.date, settings.today),
    personnelNumber: textValue(user.profile.employeeNumber),
    // userType is free text ("Employee", "Contractor", "Full-time", …).
    employmentType: employmentTypeFromLabel(textValue(user.profile.userType)),
    hireDate: hire.date,
    leavingDate: leaving.date,
    legalEntity: organization ? { id: organization, name: organization } : null,
    attributes: attributesOf(user),
  });
}

/**
 * DEPROVISIONED (Okta's state for a deactivated account) or a passed leaving date → terminated;
 * SUSPENDED → inactive; STAGED / PROVISIONED / ACTIVATING (not yet activated) or a hire date ahead →
 * onboarding; ACTIVE and the credential states RECOVERY, PASSWORD_EXPIRED, LOCKED_OUT → active. An
 * unknown status says nothing (null).
 */
export function statusOf(status: string | null | undefined, hireDate: string | null, leavingDate: string | null, today: string): HrStatus | null {
  if (status === 'DEPROVISIONED' || (leavingDate !== null && leavingDate < today)) return 'terminated';
  switch (status) {
    case 'SUSPENDED':
      return 'inactive';
    case 'STAGED':
    case 'PROVISIONED':
    case 'ACTIVATING': // transitional, while an activation completes (spec)
      return 'onboarding';
    case 'ACTIVE':
    case 'RECOVERY':
    case 'PASSWORD_EXPIRED':
    case 'LOCKED_OUT':
      return hireDate !== null && hireDate > today ? 'onboarding' : 'active';
    default:
      return null;
  }
}

/** The record's status when it is a readable user object, else undefined (malformed records). */
export function statusOfRecord(record: unknown): string | undefined {
  const status = record && typeof record === 'object' ? (record as { status?: unknown }).status : undefined;
  return typeof status === 'string' ? status : undefined;
}

function profileDate(user: OktaUser, field: string | undefined): { date: string | null; error?: string } {
  if (!field) return { date: null };
  const value = user.profile[field];
  const date = readCalendarDate(value);
  if (date !== undefined) return { date };
  return { date: null, error: `${profileKey(field)}: is not a date (YYYY-MM-DD)` };
}

function textValue(value: unknown): string | null {
  return typeof value === 'string' ? blankToNull(value) : typeof value === 'number' ? String(value) : null;
}

function attributesOf(user: OktaUser): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {
    status: user.status ?? null,
    created: user.created ?? null,
    activated: user.activated ?? null,
    statusChanged: user.statusChanged ?? null,
    lastUpdated: user.lastUpdated ?? null,
  };
  // Array attributes (string[], number[]) are kept as one comma-separated value.
  for (const [name, value] of Object.entries(user.profile)) attributes[profileKey(name)] = Array.isArray(value) ? value.map(String).join(', ') : value;
  return attributes;
}

/** One property of the user schema (the parts read). */
interface SchemaProperty {
  title?: unknown;
  type?: unknown;
  enum?: unknown;
  oneOf?: unknown;
  items?: unknown;
}

/** The attributes of the user schema: base properties (custom: false) and custom ones (custom: true). */
export function schemaAttributes(schema: unknown): AttributeOption[] {
  const definitions = (schema as { definitions?: Record<string, { properties?: unknown } | undefined> } | null)?.definitions;
  const read = (part: 'base' | 'custom'): AttributeOption[] => {
    const properties = definitions?.[part]?.properties;
    if (!properties || typeof properties !== 'object') return [];
    return Object.entries(properties as Record<string, SchemaProperty>).map(([name, p]) => ({
      key: profileKey(name),
      label: typeof p?.title === 'string' && p.title.trim() ? p.title.trim() : name,
      type: attributeType(p),
      custom: part === 'custom',
    }));
  };
  const base = read('base');
  const fallback = base.length ? base : BASE_PROFILE_ATTRIBUTES.map(([name, label]): AttributeOption => ({ key: profileKey(name), label, type: 'string', custom: false }));
  return [...fallback, ...read('custom')];
}

/** The names of every profile attribute the schema declares (base and custom). */
export function schemaAttributeNames(schema: unknown): Set<string> {
  return new Set(schemaAttributes(schema).map((a) => a.key.slice('profile.'.length)));
}

function attributeType(property: SchemaProperty | undefined): AttributeOption['type'] {
  if (Array.isArray(property?.enum) || Array.isArray(property?.oneOf) || property?.type === 'array') return 'list';
  switch (property?.type) {
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'string';
  }
}
