// Pure translation of one Directory API user into a RemoteEmployee. Google has no hire or leaving
// date: they come from custom fields named in the settings ("Schema.field"). A record that cannot be
// read (no id, wrong shapes, a configured date that is not one) becomes an InvalidRemoteRecord.
import { z } from 'zod';
import { blankToNull, describeIssues, invalidRecord, mapped, rawId, readPlainDate, type MappedRecord } from '../kit';
import type { AttributeValue, Gender, HrStatus } from '../types';
import { customFieldKey } from './attributes';

const text = z.string().nullish();
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const customValue = z.union([scalar, z.array(z.looseObject({ value: scalar.optional(), type: text, customType: text }))]);

const googleUserSchema = z.looseObject({
  id: z.string().min(1),
  primaryEmail: text,
  name: z.looseObject({ givenName: text, familyName: text, fullName: text }).nullish(),
  suspended: z.boolean().nullish(),
  archived: z.boolean().nullish(),
  orgUnitPath: text,
  gender: z.looseObject({ type: text, customGender: text }).nullish(),
  externalIds: z.array(z.looseObject({ value: text, type: text, customType: text })).nullish(),
  organizations: z
    .array(z.looseObject({ name: text, title: text, department: text, costCenter: text, description: text, location: text, primary: z.boolean().nullish() }))
    .nullish(),
  customSchemas: z.record(z.string(), z.record(z.string(), customValue)).nullish(),
});

type GoogleUser = z.infer<typeof googleUserSchema>;
type Organization = NonNullable<GoogleUser['organizations']>[number];

export interface GoogleMappingSettings {
  /** YYYY-MM-DD (UTC): decides whether a leaving date has passed or a hire date is still ahead. */
  today: string;
  /** "Schema.field" of the custom DATE field holding the hire date, if the customer keeps one. */
  hireDateField?: string;
  /** "Schema.field" of the custom DATE field holding the leaving date, if the customer keeps one. */
  leavingDateField?: string;
}

export function mapGoogleUser(raw: unknown, settings: GoogleMappingSettings): MappedRecord {
  const parsed = googleUserSchema.safeParse(raw);
  if (!parsed.success) return invalidRecord(rawId(raw), describeIssues(parsed.error));
  const user = parsed.data;
  const hire = customDate(user, settings.hireDateField);
  const leaving = customDate(user, settings.leavingDateField);
  const unreadable = [hire, leaving].find((d) => d.error);
  if (unreadable?.error) return invalidRecord(user.id, unreadable.error);

  const organization = primaryOrganization(user);
  const company = blankToNull(organization?.name);
  return mapped({
    remoteId: user.id,
    firstName: blankToNull(user.name?.givenName),
    lastName: blankToNull(user.name?.familyName),
    email: blankToNull(user.primaryEmail),
    status: status(user, hire.date, leaving.date, settings.today),
    personnelNumber: employeeId(user),
    hireDate: hire.date,
    leavingDate: leaving.date,
    gender: gender(user.gender?.type),
    legalEntity: company ? { id: company, name: company } : null,
    attributes: attributesOf(user, organization),
  });
}

/**
 * Leaving date reached or archived (Google's state for former employees) → terminated;
 * suspended → inactive (suspension is also used for leave or security holds); hire ahead → onboarding.
 */
function status(user: GoogleUser, hireDate: string | null, leavingDate: string | null, today: string): HrStatus {
  if ((leavingDate && leavingDate <= today) || user.archived === true) return 'terminated';
  if (user.suspended === true) return 'inactive';
  if (hireDate && hireDate > today) return 'onboarding';
  return 'active';
}

function primaryOrganization(user: GoogleUser): Organization | null {
  const organizations = user.organizations ?? [];
  return organizations.find((o) => o.primary === true) ?? organizations[0] ?? null;
}

/** externalIds of type "organization" is Google's employee id. */
function employeeId(user: GoogleUser): string | null {
  return blankToNull(user.externalIds?.find((e) => e.type === 'organization')?.value);
}

function gender(type: string | null | undefined): Gender | null {
  if (type === 'female' || type === 'male') return type;
  if (type === 'other') return 'diverse';
  return null; // "unknown" or not set
}

function customDate(user: GoogleUser, fieldPath: string | undefined): { date: string | null; error?: string } {
  if (!fieldPath) return { date: null };
  const [schemaName, fieldName] = fieldPath.split('.');
  const value = user.customSchemas?.[schemaName]?.[fieldName];
  const date = readPlainDate(value);
  if (date !== undefined) return { date };
  return { date: null, error: `${customFieldKey(schemaName, fieldName)}: is not a date (YYYY-MM-DD)` };
}

function attributesOf(user: GoogleUser, organization: Organization | null): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {
    orgUnitPath: user.orgUnitPath ?? null,
    suspended: user.suspended ?? false,
    archived: user.archived ?? false,
    'externalIds.organization': employeeId(user),
    gender: user.gender?.type ?? null,
  };
  if (organization) {
    for (const field of ['name', 'title', 'department', 'costCenter', 'description', 'location'] as const) {
      attributes[`organizations.${field}`] = organization[field] ?? null;
    }
  }
  for (const [schemaName, fields] of Object.entries(user.customSchemas ?? {})) {
    for (const [fieldName, value] of Object.entries(fields)) {
      // Multi-valued fields are lists of {value, type}; kept as one comma-separated value.
      attributes[customFieldKey(schemaName, fieldName)] = Array.isArray(value) ? value.map((v) => String(v.value ?? '')).join(', ') : value;
    }
  }
  return attributes;
}
