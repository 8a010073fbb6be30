// Pure translation of PayFit collaborators (GET /companies/{companyId}/collaborators) into the
// unified model. Field names are PayFit's camelCase JSON; dates are calendar days (YYYY-MM-DD).
// See NOTES.md for what is verified.
import { asFields, invalidRecord, mapOrInvalid, orNull, rawId, readCalendarDate, required, textOf, type MappedRecord } from '../kit';
import type { AttributeOption, AttributeValue, Gender, HrStatus } from '../types';

/** PayFit's contract statuses (the collaborator list's contracts[].status). */
export const PAYFIT_CONTRACT_STATUSES = ['ACTIVE', 'ARCHIVED', 'PENDING'] as const;

/**
 * The number of children: PayFit documents `numberOfChildren` on collaborator creation only, so it
 * is not claimed as read natively; it is offered for the mapping step (custom) and read where sent.
 */
export const NUMBER_OF_CHILDREN_KEY = 'numberOfChildren';

export const COLLABORATOR_ATTRIBUTES: readonly AttributeOption[] = [
  attr('firstName', 'First name'),
  attr('lastName', 'Last name'),
  attr('birthName', 'Birth name'),
  attr('birthDate', 'Birth date', 'date'),
  attr('matricule', 'Matricule'),
  attr('gender', 'Gender', 'list'),
  attr('nationality', 'Nationality', 'list'),
  attr('teamName', 'Team', 'list'),
  attr('managerId', 'Manager (collaborator id)'),
  attr('emails.professional', 'Professional e-mail'),
  attr('emails.personal', 'Personal e-mail'),
  attr('terminationDate', 'Termination date', 'date'),
  attr('contracts.status', 'Status of the current contract', 'list'),
  { key: NUMBER_OF_CHILDREN_KEY, label: 'Number of children', type: 'number', custom: true },
];

function attr(key: string, label: string, type: AttributeOption['type'] = 'string'): AttributeOption {
  return { key, label, type, custom: false };
}

type Row = Record<string, unknown>;
const isRow = (value: unknown): value is Row => asFields(value) !== null;

/** Fields that must be scalars; an object there means the record cannot be trusted. */
const SCALAR_FIELDS = ['firstName', 'lastName', 'matricule', 'gender', 'terminationDate', 'birthDate', 'numberOfChildren'] as const;

export interface PayFitContract {
  id: string | null;
  startDate: string | null;
  endDate: string | null;
  status: string | null;
}

/** The contracts list; null when PayFit sent none (the field is optional). A bad date makes the record invalid. */
export function contractsOf(collaborator: Row): PayFitContract[] | null {
  const value = collaborator.contracts;
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) throw new TypeError('contracts');
  return value.filter(isRow).map((c) => ({
    id: textOf(c.id),
    startDate: required(readCalendarDate(c.startDate), 'contracts.startDate', c.startDate),
    endDate: required(readCalendarDate(c.endDate), 'contracts.endDate', c.endDate),
    status: textOf(c.status),
  }));
}

const running = (c: PayFitContract) => c.status === 'ACTIVE' || c.status === 'PENDING';

/**
 * The leaving date: terminationDate (the end of the last active or current contract), unless a
 * running contract started after it (a rehire whose old date PayFit did not remove yet: that
 * contract's end counts). Without terminationDate, the latest end once every contract has one.
 */
export function leavingDateOf(collaborator: Row, contracts: PayFitContract[] | null): string | null {
  const termination = required(readCalendarDate(collaborator.terminationDate), 'terminationDate', collaborator.terminationDate);
  const list = contracts ?? [];
  if (termination) {
    const rehire = list.filter((c) => running(c) && c.startDate !== null && c.startDate > termination);
    if (rehire.length === 0) return termination;
    return rehire.some((c) => c.endDate === null) ? null : rehire.map((c) => c.endDate!).sort().at(-1)!;
  }
  if (list.length === 0 || list.some((c) => c.endDate === null)) return null;
  return list.map((c) => c.endDate!).sort().at(-1)!;
}

/** The first day of the current employment: back along contracts that follow each other without a gap. */
export function hireDateOf(contracts: PayFitContract[] | null): string | null {
  const dated = (contracts ?? []).filter((c) => c.startDate !== null).sort((a, b) => a.startDate!.localeCompare(b.startDate!));
  if (dated.length === 0) return null;
  let start = dated[dated.length - 1].startDate!;
  for (let i = dated.length - 2; i >= 0; i--) {
    const end = dated[i].endDate;
    if (end !== null && dayAfter(end) < start) break;
    start = dated[i].startDate!;
  }
  return start;
}

function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The professional e-mail, else one of unknown type; never the personal one (PayFit's default address). */
export function emailOf(emails: unknown, type: 'professional' | 'personal' | 'work'): string | null {
  if (emails === undefined || emails === null) return null;
  if (!Array.isArray(emails)) throw new TypeError('emails');
  const of = (t: string) => emails.find((e): e is Row => isRow(e) && e.type === t && textOf(e.email) !== null);
  const chosen = type === 'work' ? (of('professional') ?? of('unknown')) : of(type);
  return chosen ? textOf(chosen.email) : null;
}

/** male / female / other (the spec), man / woman (the docs for France). */
export function genderOf(value: unknown): Gender | null {
  switch (textOf(value)?.toLowerCase()) {
    case 'male':
    case 'man':
      return 'male';
    case 'female':
    case 'woman':
      return 'female';
    case 'other':
      return 'diverse';
    default:
      return null;
  }
}

export function statusOf(contracts: PayFitContract[] | null, leavingDate: string | null, today: string): HrStatus | null {
  if (leavingDate !== null && leavingDate < today) return 'terminated';
  if (contracts === null || contracts.length === 0) return null;
  if (contracts.some((c) => c.status === 'ACTIVE')) return 'active';
  if (contracts.some((c) => c.status === 'PENDING')) return 'onboarding';
  // Only archived contracts and no passed leaving date: not working now, never read as a leaver.
  return 'inactive';
}

/** The status of the contract that decides the current state (active, else pending, else the latest). */
function currentContractStatus(contracts: PayFitContract[] | null): string | null {
  if (!contracts || contracts.length === 0) return null;
  for (const s of ['ACTIVE', 'PENDING']) if (contracts.some((c) => c.status === s)) return s;
  return contracts[contracts.length - 1].status;
}

function childrenOf(value: unknown): AttributeValue | undefined {
  if (value === undefined) return undefined;
  if (value === null || value === '') return null;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : null;
}

/** Maps one collaborator; `today` (YYYY-MM-DD) tells a passed leaving date from a planned one. */
export function mapPayFitCollaborator(record: unknown, today: string): MappedRecord {
  if (!isRow(record)) return invalidRecord(null, 'record is not an object');
  const collaborator = record;
  const remoteId = rawId(collaborator);
  if (remoteId === null) return invalidRecord(null, 'record has no collaborator id');
  for (const key of SCALAR_FIELDS) {
    const value = collaborator[key];
    if (value !== undefined && value !== null && typeof value === 'object') return invalidRecord(remoteId, `field "${key}" has an unexpected shape`);
  }
  for (const key of ['emails', 'contracts'] as const) {
    const value = collaborator[key];
    if (value !== undefined && value !== null && !Array.isArray(value)) return invalidRecord(remoteId, `field "${key}" has an unexpected shape`);
  }
  return mapOrInvalid(remoteId, () => {
    const contracts = contractsOf(collaborator);
    const leavingDate = leavingDateOf(collaborator, contracts);
    const email = emailOf(collaborator.emails, 'work');
    const attributes: Record<string, AttributeValue> = {};
    const put = (key: string, value: unknown) => {
      if (value === undefined) return;
      attributes[key] = value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
    };
    for (const key of ['firstName', 'lastName', 'birthName', 'matricule', 'gender', 'nationality', 'teamName', 'managerId']) put(key, collaborator[key]);
    put('birthDate', orNull(readCalendarDate(collaborator.birthDate)));
    put('terminationDate', leavingDate);
    put('emails.professional', email);
    put('emails.personal', emailOf(collaborator.emails, 'personal'));
    put('contracts.status', currentContractStatus(contracts));
    put(NUMBER_OF_CHILDREN_KEY, childrenOf(collaborator.numberOfChildren));
    return {
      remoteId,
      firstName: textOf(collaborator.firstName),
      lastName: textOf(collaborator.lastName),
      email,
      status: statusOf(contracts, leavingDate, today),
      personnelNumber: textOf(collaborator.matricule),
      employmentType: null,
      hireDate: hireDateOf(contracts),
      leavingDate,
      gender: genderOf(collaborator.gender),
      legalEntity: null,
      attributes,
    };
  });
}
