// Compares what the HR system listed with the employees already stored for one integration and
// decides what to create, update, leave alone and (only after a complete listing) treat as removed.
// No I/O. Built for batches: the sync streams the listing through planBatch() in batches of ~500,
// then calls resolveDeferred() and planRemovals() once at the end. All lookups are Maps/Sets, so a
// listing of 100,000 employees costs O(n).
import type { SyncedEmployee } from './employee-mapping';
import type { EmployeeStatus } from './hr-values';

/** A synced employee together with its content hash (see content-hash.ts). */
export type IncomingEmployee = SyncedEmployee & { contentHash: string };

/** What the sync needs to know about an employee already stored for this integration. */
export interface ExistingEmployee {
  id: string;
  /** Null for an employee not (yet) linked to an HR record, e.g. created before the integration. */
  remoteId: string | null;
  email: string | null;
  contentHash: string | null;
  status: EmployeeStatus;
  /** Set when an earlier complete listing no longer contained the employee. */
  removedAt?: Date | string | null;
}

export interface MassRemovalGuard {
  /** Removal is blocked when the missing active employees exceed this share of the active ones … */
  maxShare: number;
  /** … and are at least this many. */
  minCount: number;
}

export const DEFAULT_MASS_REMOVAL_GUARD: MassRemovalGuard = { maxShare: 0.2, minCount: 5 };

export interface PlannedUpdate {
  existingId: string;
  incoming: IncomingEmployee;
  /** 'changed': hash differs; 'relinked': matched by e-mail, remoteId changes; 'restored': was removed. */
  reason: 'changed' | 'relinked' | 'restored';
  /** The existing employee's remoteId before a re-link (null when it had none). */
  previousRemoteId: string | null;
}

export interface BatchPlan {
  toCreate: IncomingEmployee[];
  toUpdate: PlannedUpdate[];
  unchanged: number;
  /** Records whose remoteId was already seen in this listing (offset pagination can repeat rows). */
  duplicates: number;
  /**
   * Records with no remoteId match but an e-mail match to an employee whose own HR record may still
   * come later in the listing. Keep them and pass them to resolveDeferred() after the last batch.
   */
  deferred: IncomingEmployee[];
}

/** The state of one sync's reconciliation across batches. Mutated by planBatch/markSeen/resolveDeferred. */
export interface ReconciliationState {
  readonly existing: readonly ExistingEmployee[];
  readonly byRemoteId: ReadonlyMap<string, ExistingEmployee>;
  readonly byEmail: ReadonlyMap<string, readonly ExistingEmployee[]>;
  /** Every remoteId the listing contained so far (valid, invalid and filtered-out records). */
  readonly seenRemoteIds: Set<string>;
  /** Existing employees matched to a listed record (by remoteId or by a re-link). */
  readonly matchedExistingIds: Set<string>;
}

export function normalizeEmail(email: string | null | undefined): string | null {
  if (typeof email !== 'string') return null;
  const e = email.trim().toLowerCase();
  return e === '' ? null : e;
}

function isRemoved(e: ExistingEmployee): boolean {
  return e.removedAt !== undefined && e.removedAt !== null;
}

/** Active for the mass-removal guard: not LEFT and not already removed. */
function isActive(e: ExistingEmployee): boolean {
  return e.status !== 'LEFT' && !isRemoved(e);
}

export function startReconciliation(existing: readonly ExistingEmployee[]): ReconciliationState {
  const byRemoteId = new Map<string, ExistingEmployee>();
  const byEmail = new Map<string, ExistingEmployee[]>();
  for (const e of existing) {
    if (e.remoteId !== null && e.remoteId !== '' && !byRemoteId.has(e.remoteId)) byRemoteId.set(e.remoteId, e);
    const email = normalizeEmail(e.email);
    if (email !== null) {
      const list = byEmail.get(email);
      if (list) list.push(e);
      else byEmail.set(email, [e]);
    }
  }
  return { existing, byRemoteId, byEmail, seenRemoteIds: new Set(), matchedExistingIds: new Set() };
}

/** Records the listing contained but the sync did not process (invalid, filtered out): not missing. */
export function markSeen(state: ReconciliationState, remoteIds: Iterable<string | null | undefined>): void {
  for (const id of remoteIds) if (typeof id === 'string' && id !== '') state.seenRemoteIds.add(id);
}

/** Rank of an e-mail candidate: current employees before leavers, leavers before removed ones. */
function rank(e: ExistingEmployee): number {
  if (isRemoved(e)) return 2;
  return e.status === 'LEFT' ? 1 : 0;
}

function pickCandidate(candidates: readonly ExistingEmployee[] | undefined, eligible: (e: ExistingEmployee) => boolean): ExistingEmployee | undefined {
  let best: ExistingEmployee | undefined;
  for (const c of candidates ?? []) if (eligible(c) && (best === undefined || rank(c) < rank(best))) best = c;
  return best;
}

function relink(state: ReconciliationState, target: ExistingEmployee, incoming: IncomingEmployee): PlannedUpdate {
  state.matchedExistingIds.add(target.id);
  return { existingId: target.id, incoming, reason: 'relinked', previousRemoteId: target.remoteId };
}

/**
 * Plans one batch of the listing. Matching is by remoteId first; a record without one is re-linked to
 * an existing employee with the same e-mail (case-insensitive) whose own HR record is not in the
 * listing, instead of creating a duplicate. Re-linking an employee that has no remoteId happens at
 * once; when the employee has a remoteId that may still come later, the record is deferred.
 */
export function planBatch(state: ReconciliationState, batch: readonly IncomingEmployee[]): BatchPlan {
  const plan: BatchPlan = { toCreate: [], toUpdate: [], unchanged: 0, duplicates: 0, deferred: [] };
  const unmatched: IncomingEmployee[] = [];

  // Pass 1: remoteId matches; every listed id is marked seen before any e-mail decision.
  for (const incoming of batch) {
    if (state.seenRemoteIds.has(incoming.remoteId)) {
      plan.duplicates++;
      continue;
    }
    state.seenRemoteIds.add(incoming.remoteId);
    const existing = state.byRemoteId.get(incoming.remoteId);
    if (existing === undefined || state.matchedExistingIds.has(existing.id)) {
      unmatched.push(incoming);
      continue;
    }
    state.matchedExistingIds.add(existing.id);
    if (isRemoved(existing)) plan.toUpdate.push({ existingId: existing.id, incoming, reason: 'restored', previousRemoteId: existing.remoteId });
    else if (existing.contentHash !== incoming.contentHash) plan.toUpdate.push({ existingId: existing.id, incoming, reason: 'changed', previousRemoteId: existing.remoteId });
    else plan.unchanged++;
  }

  // Pass 2: e-mail re-link or create.
  for (const incoming of unmatched) {
    const email = normalizeEmail(incoming.email);
    const candidates = email === null ? undefined : state.byEmail.get(email);
    const unlinked = pickCandidate(candidates, (c) => !state.matchedExistingIds.has(c.id) && (c.remoteId === null || c.remoteId === ''));
    if (unlinked) {
      plan.toUpdate.push(relink(state, unlinked, incoming));
      continue;
    }
    const pending = pickCandidate(candidates, (c) => !state.matchedExistingIds.has(c.id) && c.remoteId !== null && !state.seenRemoteIds.has(c.remoteId));
    if (pending) plan.deferred.push(incoming);
    else plan.toCreate.push(incoming);
  }
  return plan;
}

/**
 * After the last batch: re-links each deferred record to an e-mail match whose HR record did not
 * appear in the listing, and creates the others. Call before planRemovals().
 */
export function resolveDeferred(state: ReconciliationState, deferred: readonly IncomingEmployee[]): Pick<BatchPlan, 'toCreate' | 'toUpdate'> {
  const result: Pick<BatchPlan, 'toCreate' | 'toUpdate'> = { toCreate: [], toUpdate: [] };
  for (const incoming of deferred) {
    const email = normalizeEmail(incoming.email);
    const target = pickCandidate(
      email === null ? undefined : state.byEmail.get(email),
      (c) => !state.matchedExistingIds.has(c.id) && (c.remoteId === null || c.remoteId === '' || !state.seenRemoteIds.has(c.remoteId)),
    );
    if (target) result.toUpdate.push(relink(state, target, incoming));
    else result.toCreate.push(incoming);
  }
  return result;
}

export interface RemovalPlanInput {
  existing: readonly ExistingEmployee[];
  /** Every remoteId the listing contained (valid, invalid and filtered-out records alike). */
  seenRemoteIds: ReadonlySet<string>;
  /** Existing employees matched to a listed record, re-links included. */
  matchedExistingIds?: ReadonlySet<string>;
  /** False when the listing failed, was cut short or is otherwise not known to be complete. */
  listingComplete: boolean;
  massRemoval?: MassRemovalGuard;
  /** An admin confirmed this removal (lifts the mass-removal guard, not the completeness rule). */
  confirmed?: boolean;
}

export interface RemovalPlan {
  /** Existing, not yet removed employees the complete listing did not contain (empty if incomplete). */
  missing: string[];
  /** True: do not remove `missing`; keep them for an admin's confirmation (sync NEEDS_REVIEW). */
  removalBlocked: boolean;
  blockReason: 'MASS_REMOVAL' | 'EMPTY_LISTING' | null;
  /** True when no removal was considered because the listing is not complete. */
  skippedIncompleteListing: boolean;
  /** Missing employees who are active (not LEFT), and all active ones: the guard's numbers. */
  missingActiveCount: number;
  activeCount: number;
  /** Human-readable explanation for the sync record (numbers only, no personal data). */
  explanation: string | null;
}

/**
 * Which stored employees the listing no longer contains, and whether removing them must wait for
 * an admin. Removals are only believed after a complete listing. They are blocked when the missing
 * active employees are at least `minCount` AND more than `maxShare` of the active ones (exactly the
 * share is still allowed), or when the listing contained nobody at all.
 */
export function planRemovals(input: RemovalPlanInput): RemovalPlan {
  const guard = input.massRemoval ?? DEFAULT_MASS_REMOVAL_GUARD;
  const matched = input.matchedExistingIds;
  let activeCount = 0;
  for (const e of input.existing) if (isActive(e)) activeCount++;

  if (!input.listingComplete) {
    return {
      missing: [],
      removalBlocked: false,
      blockReason: null,
      skippedIncompleteListing: true,
      missingActiveCount: 0,
      activeCount,
      explanation: 'The employee listing was not complete, so no employee was treated as removed.',
    };
  }

  const missing: string[] = [];
  let missingActiveCount = 0;
  for (const e of input.existing) {
    if (isRemoved(e) || matched?.has(e.id)) continue;
    if (e.remoteId !== null && e.remoteId !== '' && input.seenRemoteIds.has(e.remoteId)) continue;
    missing.push(e.id);
    if (isActive(e)) missingActiveCount++;
  }

  let blockReason: RemovalPlan['blockReason'] = null;
  let explanation: string | null = null;
  if (!input.confirmed && missingActiveCount > 0) {
    if (input.seenRemoteIds.size === 0) {
      blockReason = 'EMPTY_LISTING';
      explanation = `The HR system listed no employees at all; removing ${missingActiveCount} active employees waits for an admin's confirmation.`;
    } else if (missingActiveCount >= guard.minCount && missingActiveCount > guard.maxShare * activeCount + 1e-9) {
      blockReason = 'MASS_REMOVAL';
      explanation = `${missingActiveCount} of ${activeCount} active employees are missing from the HR system (more than ${formatShare(guard.maxShare)}); their removal waits for an admin's confirmation.`;
    }
  }
  return { missing, removalBlocked: blockReason !== null, blockReason, skippedIncompleteListing: false, missingActiveCount, activeCount, explanation };
}

function formatShare(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

export interface ReconciliationInput {
  incoming: readonly IncomingEmployee[];
  existing: readonly ExistingEmployee[];
  listingComplete: boolean;
  massRemoval?: MassRemovalGuard;
  /** remoteIds the listing contained but that are not in `incoming` (invalid or filtered-out records). */
  otherListedRemoteIds?: Iterable<string | null | undefined>;
  confirmed?: boolean;
}

export interface ReconciliationPlan {
  toCreate: IncomingEmployee[];
  toUpdate: PlannedUpdate[];
  unchanged: number;
  duplicates: number;
  missing: string[];
  removalBlocked: boolean;
  removal: RemovalPlan;
}

/** The whole listing at once (planBatch + resolveDeferred + planRemovals). */
export function planReconciliation(input: ReconciliationInput): ReconciliationPlan {
  const state = startReconciliation(input.existing);
  const batch = planBatch(state, input.incoming);
  if (input.otherListedRemoteIds) markSeen(state, input.otherListedRemoteIds);
  const late = resolveDeferred(state, batch.deferred);
  const removal = planRemovals({
    existing: input.existing,
    seenRemoteIds: state.seenRemoteIds,
    matchedExistingIds: state.matchedExistingIds,
    listingComplete: input.listingComplete,
    massRemoval: input.massRemoval,
    confirmed: input.confirmed,
  });
  return {
    toCreate: [...batch.toCreate, ...late.toCreate],
    toUpdate: [...batch.toUpdate, ...late.toUpdate],
    unchanged: batch.unchanged,
    duplicates: batch.duplicates,
    missing: removal.missing,
    removalBlocked: removal.removalBlocked,
    removal,
  };
}
