// Pure translation of one Microsoft Graph user into a RemoteEmployee. A record that cannot be read
// (no id, a date that is not a date, wrong types) becomes an InvalidRemoteRecord instead.
import { z } from 'zod';
import { blankToNull, describeIssues, invalidRecord, mapped, rawId, readUtcDate, type MappedRecord } from '../kit';
import type { AttributeValue, EmploymentType, HrStatus } from '../types';
import { STANDARD_ATTRIBUTES } from './attributes';

const text = z.string().nullish();
const dateTime = z
  .string()
  .refine((v) => readUtcDate(v) !== undefined, 'is not a date-time')
  .nullish();
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const graphUserSchema = z.looseObject({
  id: z.string().min(1),
  accountEnabled: z.boolean().nullish(),
  givenName: text,
  surname: text,
  mail: text,
  userPrincipalName: text,
  employeeId: text,
  employeeType: text,
  employeeHireDate: dateTime,
  employeeLeaveDateTime: dateTime,
  companyName: text,
  department: text,
  jobTitle: text,
  officeLocation: text,
  usageLocation: text,
  employeeOrgData: z.object({ division: text, costCenter: text }).nullish(),
  onPremisesExtensionAttributes: z.record(z.string(), text).nullish(),
});

type GraphUser = z.infer<typeof graphUserSchema>;

/** `today` (YYYY-MM-DD, UTC) decides whether a leave date has passed or a hire date is still ahead. */
export function mapGraphUser(raw: unknown, today: string): MappedRecord {
  const parsed = graphUserSchema.safeParse(raw);
  if (!parsed.success) {
    return invalidRecord(rawId(raw), describeIssues(parsed.error));
  }
  const invalidExtension = Object.entries(parsed.data).find(([k, v]) => k.startsWith('extension_') && !isExtensionValue(v));
  if (invalidExtension) {
    return invalidRecord(parsed.data.id, `${invalidExtension[0]} has an unreadable value`);
  }
  const user = parsed.data;
  // Graph dates are DateTimeOffset in UTC ("2024-09-30T23:59:59Z"); the calendar day in UTC is kept.
  const hireDate = readUtcDate(user.employeeHireDate) ?? null;
  const leavingDate = readUtcDate(user.employeeLeaveDateTime) ?? null;
  const company = blankToNull(user.companyName);
  return mapped({
    remoteId: user.id,
    firstName: blankToNull(user.givenName),
    lastName: blankToNull(user.surname),
    email: workEmail(user),
    status: status(user.accountEnabled, hireDate, leavingDate, today),
    personnelNumber: blankToNull(user.employeeId),
    employmentType: employmentTypeFromLabel(user.employeeType),
    hireDate,
    leavingDate,
    legalEntity: company ? { id: company, name: company } : null,
    attributes: attributesOf(user),
  });
}

/** Leave date reached → terminated; disabled → inactive; hire date ahead → onboarding. */
function status(accountEnabled: boolean | null | undefined, hireDate: string | null, leavingDate: string | null, today: string): HrStatus {
  if (leavingDate && leavingDate <= today) return 'terminated';
  if (accountEnabled === false) return 'inactive';
  if (hireDate && hireDate > today) return 'onboarding';
  return 'active';
}

/** `mail` is the mailbox address; the UPN is the sign-in name and only a fallback (never a guest's #EXT# one). */
function workEmail(user: GraphUser): string | null {
  const mail = blankToNull(user.mail);
  if (mail) return mail;
  const upn = blankToNull(user.userPrincipalName);
  return upn && upn.includes('@') && !upn.includes('#EXT#') ? upn : null;
}

// employeeType is free text ("Employee", "Contractor", "Consultant", "Vendor" are Microsoft's examples).
const EMPLOYMENT_TYPE_LABELS: ReadonlyArray<[RegExp, EmploymentType]> = [
  [/working\s*student|werkstudent/i, 'WORKING_STUDENT'],
  [/intern|praktikant/i, 'INTERN'],
  [/mini\s*-?\s*job|geringf/i, 'MINI_JOB'],
  [/part\s*-?\s*time|teilzeit/i, 'PART_TIME'],
  [/full\s*-?\s*time|vollzeit/i, 'FULL_TIME'],
  [/contractor|consultant|vendor|freelanc/i, 'CONTRACTOR'],
];

export function employmentTypeFromLabel(label: string | null | undefined): EmploymentType | null {
  const value = blankToNull(label);
  if (!value) return null;
  return EMPLOYMENT_TYPE_LABELS.find(([pattern]) => pattern.test(value))?.[1] ?? 'OTHER';
}

function attributesOf(user: GraphUser): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {};
  const record = user as Record<string, unknown>;
  for (const { key } of STANDARD_ATTRIBUTES) {
    const [parent, child] = key.split('.');
    const value = child === undefined ? record[parent] : (record[parent] as Record<string, unknown> | null | undefined)?.[child];
    if (value !== undefined) attributes[key] = value as AttributeValue;
  }
  for (const [name, value] of Object.entries(user.onPremisesExtensionAttributes ?? {})) {
    attributes[`onPremisesExtensionAttributes.${name}`] = value ?? null;
  }
  for (const [name, value] of Object.entries(record)) {
    if (name.startsWith('extension_')) attributes[name] = Array.isArray(value) ? value.join(', ') : (value as AttributeValue);
  }
  return attributes;
}

function isExtensionValue(value: unknown): boolean {
  return scalar.safeParse(value).success || (Array.isArray(value) && value.every((v) => scalar.safeParse(v).success));
}
