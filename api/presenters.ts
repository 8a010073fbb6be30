// Database rows → API resources (camelCase, ISO dates). Credentials are never part of any resource.
import type { Integration, Invite, SyncRun } from '../generated/prisma/client';
import type { EmployeeRow } from '../infra/repositories/employee-pages';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
/** An instant as a Date (Prisma) or already as ISO 8601 text (infra/repositories/employee-pages.ts). */
const isoText = (d: Date | string | null) => (typeof d === 'string' ? d : iso(d));

/** An employee as Prisma reads it, or as the page reader does (same fields, instants as text). */
type EmployeeLike = Omit<EmployeeRow, 'invitedAt' | 'createdAt' | 'updatedAt'> & { invitedAt: Date | string | null; createdAt: Date | string; updatedAt: Date | string };

const listingOf = (value: string | null): 'FULL' | 'CHANGES' | null => (value === 'FULL' || value === 'CHANGES' ? value : null);

export function presentSyncRun(run: SyncRun) {
  return {
    id: run.id,
    integrationId: run.integrationId,
    trigger: run.trigger,
    status: run.status,
    startedAt: run.startedAt.toISOString(),
    finishedAt: iso(run.finishedAt),
    counts: {
      read: run.countRead,
      created: run.countCreated,
      updated: run.countUpdated,
      unchanged: run.countUnchanged,
      filteredOut: run.countFilteredOut,
      invalid: run.countInvalid,
      removed: run.countRemoved,
      formerEmployees: run.countFormerEmployees,
    },
    warnings: run.warnings,
    error: run.error,
    pendingRemovals: run.status === 'NEEDS_REVIEW' && !run.confirmedAt ? run.pendingRemovalIds.length : 0,
    confirmedAt: iso(run.confirmedAt),
    listing: listingOf(run.listing),
  };
}

export function presentIntegration(i: Integration, lastSync: SyncRun | null, nextScheduledSyncAt: Date | null) {
  return {
    id: i.id,
    hrSystem: i.hrSystem,
    status: i.status,
    credentialsEntered: i.credentialsCipher !== null,
    fields: i.selectedFields as never,
    mapping: (i.mapping ?? {}) as Record<string, string>,
    filters: (i.filters ?? {}) as never,
    autoInvite: i.autoInvite,
    syncIntervalMinutes: i.syncIntervalMinutes,
    lastError: i.lastError,
    lastSync: lastSync ? presentSyncRun(lastSync) : null,
    nextScheduledSyncAt: iso(nextScheduledSyncAt),
    lastCompleteListingAt: iso(i.lastFullListingAt),
    createdAt: i.createdAt.toISOString(),
    activatedAt: iso(i.activatedAt),
    disconnectedAt: iso(i.disconnectedAt),
  };
}

export function presentEmployee(e: EmployeeLike) {
  return {
    id: e.id,
    integrationId: e.integrationId,
    remoteId: e.remoteId,
    firstName: e.firstName,
    lastName: e.lastName,
    email: e.email,
    status: e.status,
    personnelNumber: e.personnelNumber,
    employmentType: e.employmentType,
    hireDate: e.hireDate,
    leavingDate: e.leavingDate,
    lastWorkingMonth: e.lastWorkingMonth,
    gender: e.gender,
    legalEntity: e.legalEntityId ? { id: e.legalEntityId, name: e.legalEntityName ?? e.legalEntityId } : null,
    maritalStatus: e.maritalStatus,
    numberOfChildren: e.numberOfChildren,
    invitedAt: isoText(e.invitedAt),
    createdAt: isoText(e.createdAt)!,
    updatedAt: isoText(e.updatedAt)!,
  };
}

export function presentInvite(i: Invite) {
  return { id: i.id, employeeId: i.employeeId, email: i.email, status: i.status, createdAt: i.createdAt.toISOString(), sentAt: iso(i.sentAt) };
}
