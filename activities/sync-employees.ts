// The heart of a sync: stream the HR system's listing page by page, map, filter and reconcile it
// into PostgreSQL in batches. Each batch's transaction also records where the listing stands (the
// sync run's resume_progress), so a retry after a worker crash resumes after the last committed
// batch instead of at page one, however long ago the last heartbeat reached the server. Heartbeats
// only prove the worker alive.
import { Context } from '@temporalio/activity';
import { CancelledFailure } from '@temporalio/common';
import { ChangesCheckpointExpiredError } from '../connectors/errors';
import type { EmployeePage } from '../connectors/types';
import { deletedEmployeeKey } from '../domain/deleted-employee-key';
import { type EmployeeFieldKey } from '../domain/employee-fields';
import { integrationFiltersSchema, matchesFilters } from '../domain/employee-filters';
import { mapRemoteEmployee, type MappingConfig } from '../domain/employee-mapping';
import { withContentHash } from '../domain/content-hash';
import { isFormerEmployee } from '../domain/former-employees';
import { decideListing, listingConfigHash, type ListingMode } from '../domain/listing-mode';
import { markSeen, planBatch, planRemovals, resolveDeferred, startReconciliation, type ExistingEmployee, type IncomingEmployee } from '../domain/reconciliation';
import type { ActivityDeps } from './deps';
import { applyRemovals } from './employee-removals';
import { writeEmployeeBatch, type BatchContext } from './employee-batch-writer';
import { FieldCoverage } from './field-coverage';
import { openConnector, toActivityFailure } from './hr-connector';
import type { SyncCounts } from '../contracts/integration-sync';

export interface SyncEmployeesInput {
  integrationId: string;
  syncRunId: string;
}

export interface SyncEmployeesResult {
  status: 'SUCCEEDED' | 'NEEDS_REVIEW';
  counts: SyncCounts;
  warnings: string[];
}

/**
 * What a retry resumes from: the listing it makes, the cursor after the last committed batch, the
 * counts so far, and whether that batch was the listing's last.
 */
export interface SyncProgress {
  cursor: string | null;
  counts: SyncCounts;
  pages: number;
  listing: ResumableListing;
  listingDone: boolean;
  /** The vendor's checkpoint from the listing's last page (stored on the integration once the listing is recorded done). */
  changesCheckpoint?: string | null;
}

/** The listing decided by the first attempt (a retry continues the same one); instants as ISO strings. */
interface ResumableListing {
  mode: ListingMode;
  /** CHANGES: read what changed since this instant. */
  since: string | null;
  /** When the first attempt began listing: the next change listing reads from here. */
  startedAt: string;
}

const BATCH_SIZE = 500;
/** Liveness only: a dead worker is noticed once the heartbeat timeout (workflows/integration-sync.ts) passes. */
const HEARTBEAT_EVERY_MS = 5_000;
const zeroCounts = (): SyncCounts => ({ read: 0, created: 0, updated: 0, unchanged: 0, filteredOut: 0, invalid: 0, removed: 0, formerEmployees: 0 });

/** The resume point the last attempt committed, if any. */
async function committedProgress(deps: ActivityDeps, syncRunId: string): Promise<SyncProgress | null> {
  const run = await deps.db.syncRun.findUnique({ where: { id: syncRunId }, select: { resumeProgress: true } });
  const progress = run?.resumeProgress as SyncProgress | null | undefined;
  return progress ? { ...progress, counts: { ...zeroCounts(), ...progress.counts } } : null;
}

async function loadExisting(deps: ActivityDeps, companyId: string, integrationId: string): Promise<ExistingEmployee[]> {
  // The whole company: a reconnect (new integration of the same HR system) re-links its employees
  // by HR id or e-mail instead of duplicating them.
  const rows = await deps.db.employee.findMany({
    where: { companyId },
    select: { id: true, remoteId: true, email: true, contentHash: true, status: true, removedAt: true, integrationId: true },
  });
  return rows.map((r) => ({
    id: r.id,
    remoteId: r.remoteId,
    email: r.email,
    // An employee of an earlier integration must be written to move it over, even when unchanged.
    contentHash: r.integrationId === integrationId ? r.contentHash : null,
    status: r.status,
    removedAt: r.removedAt,
  }));
}

function decideNewListing(
  integration: { changesSince: Date | null; lastFullListingAt: Date | null; listingConfigHash: string | null; fullListingRequestedAt: Date | null },
  configHash: string,
  supportsChanges: boolean,
  now: Date,
): ResumableListing {
  const decision = decideListing({
    supportsChanges,
    fullRequested: integration.fullListingRequestedAt !== null,
    changesSince: integration.changesSince,
    lastFullListingAt: integration.lastFullListingAt,
    configHash,
    lastConfigHash: integration.listingConfigHash,
    now,
  });
  return { mode: decision.mode, since: decision.mode === 'CHANGES' ? decision.since.toISOString() : null, startedAt: now.toISOString() };
}

/** Which listing the run makes, visible while it runs. */
async function recordListingMode(deps: ActivityDeps, input: SyncEmployeesInput, listing: ResumableListing): Promise<void> {
  await deps.db.syncRun.update({ where: { id: input.syncRunId }, data: { listing: listing.mode } });
}

/**
 * After the listing: from when the next change listing reads (and the vendor's checkpoint for it, or
 * none when this listing gave none); a complete one also resets the daily clock and answers the
 * admin's requests made before it began.
 */
async function recordListingDone(
  deps: ActivityDeps,
  input: SyncEmployeesInput,
  listing: ResumableListing,
  done: { configHash: string; listedEveryone: boolean; changesCheckpoint: string | null },
): Promise<void> {
  const startedAt = new Date(listing.startedAt);
  if (listing.mode === 'FULL') {
    await deps.db.integration.updateMany({ where: { id: input.integrationId, firstCompleteListingAt: null }, data: { firstCompleteListingAt: startedAt } });
  }
  await deps.db.integration.update({
    where: { id: input.integrationId },
    data: { changesSince: startedAt, changesCheckpoint: done.changesCheckpoint, listingConfigHash: done.configHash, ...(done.listedEveryone ? { lastFullListingAt: startedAt } : {}) },
  });
  if (done.listedEveryone) {
    await deps.db.integration.updateMany({ where: { id: input.integrationId, fullListingRequestedAt: { lte: startedAt } }, data: { fullListingRequestedAt: null } });
  }
}

export function createSyncEmployeesActivities(deps: ActivityDeps) {
  return {
    async syncEmployees(input: SyncEmployeesInput): Promise<SyncEmployeesResult> {
      const ctx = Context.current();
      const resumedFrom = await committedProgress(deps, input.syncRunId);
      const integration = await deps.db.integration.findUniqueOrThrow({ where: { id: input.integrationId }, include: { company: { select: { timezone: true } } } });
      const { connector, system } = openConnector(deps, integration);
      const mappingConfig: MappingConfig = {
        selectedFields: integration.selectedFields as EmployeeFieldKey[],
        mapping: (integration.mapping ?? {}) as MappingConfig['mapping'],
      };
      const filters = integrationFiltersSchema.parse(integration.filters ?? {});
      const configHash = listingConfigHash({ selectedFields: integration.selectedFields, mapping: integration.mapping, filters: integration.filters });
      const now = deps.now?.() ?? new Date();
      let listing: ResumableListing = resumedFrom ? resumedFrom.listing : decideNewListing(integration, configHash, Boolean(connector.fetchChangedEmployeePage), now);
      await recordListingMode(deps, input, listing);
      const fetchPage = (cursor: string | null): Promise<EmployeePage> =>
        listing.mode === 'CHANGES' && connector.fetchChangedEmployeePage
          ? connector.fetchChangedEmployeePage(new Date(listing.since!), cursor, integration.changesCheckpoint)
          : connector.fetchEmployeePage(cursor);
      const existing = await loadExisting(deps, integration.companyId, integration.id);
      const deletedByAdmin = new Set((await deps.db.deletedEmployee.findMany({ where: { companyId: integration.companyId }, select: { remoteIdHash: true } })).map((d) => d.remoteIdHash));
      let skippedDeleted = 0;
      const state = startReconciliation(existing);
      // Whoever left in a month that had ended before the first complete listing is former staff.
      const firstCompleteListingAt = integration.firstCompleteListingAt ?? new Date(listing.startedAt);
      const batchContext: BatchContext = {
        companyId: integration.companyId,
        integrationId: integration.id,
        timeZone: integration.company.timezone,
        autoInvite: integration.autoInvite,
        now: deps.now?.() ?? new Date(),
      };

      const counts = resumedFrom ? { ...resumedFrom.counts } : zeroCounts();
      let cursor = resumedFrom?.cursor ?? null;
      let pages = resumedFrom?.pages ?? 0;
      const coverage = new FieldCoverage(mappingConfig.selectedFields);
      const unreadable = new Map<string, number>();
      const deferred: IncomingEmployee[] = [];
      let batch: IncomingEmployee[] = [];
      let committed = { cursor: resumedFrom?.cursor ?? null, pages };
      let changesCheckpoint = resumedFrom?.changesCheckpoint ?? null;
      const heartbeat = () => ctx.heartbeat(committed);

      // One batch is written while the next is read, mapped and planned: PostgreSQL's share of the
      // work overlaps ours. Batches still commit one after the other, in listing order, and the
      // heartbeat only names a cursor whose batch has committed.
      let writing: Promise<void> | null = null;
      const commit = async (cursorAfter: string | null) => {
        const plan = planBatch(state, batch);
        batch = [];
        deferred.push(...plan.deferred);
        const toCreate = withoutFormerEmployees(plan.toCreate);
        counts.created += toCreate.length;
        counts.updated += plan.toUpdate.length;
        counts.unchanged += plan.unchanged;
        const progress: SyncProgress = { cursor: cursorAfter, counts: { ...counts }, pages, listing, listingDone: cursorAfter === null, changesCheckpoint };
        if (writing) await writing;
        writing = writeEmployeeBatch(deps, batchContext, toCreate, plan.toUpdate, { syncRunId: input.syncRunId, progress }).then(() => {
          committed = { cursor: cursorAfter, pages: progress.pages };
        });
        writing.catch(() => undefined); // awaited (and thrown) by the next commit or after the listing
      };

      // The next page is requested as soon as the current one has arrived, so the HR system's answer
      // travels while this page is mapped and written (still one request at a time). A read-ahead
      // that is never awaited (the batch write failed) must not become an unhandled rejection.
      const requestPage = (from: string | null) => {
        const request = fetchPage(from);
        request.catch(() => undefined);
        return request;
      };
      const withoutFormerEmployees = (planned: IncomingEmployee[]): IncomingEmployee[] => {
        const imported = planned.filter((e) => !isFormerEmployee(e, firstCompleteListingAt, batchContext.timeZone));
        counts.formerEmployees += planned.length - imported.length;
        return imported;
      };
      let readAhead: Promise<EmployeePage> | null = null;
      const ticker = setInterval(heartbeat, HEARTBEAT_EVERY_MS); // also while a page or a retry wait takes long
      try {
        // A listing whose last batch had committed before the crash has nothing left to read.
        while (!resumedFrom?.listingDone) {
          if (ctx.cancellationSignal.aborted) throw new CancelledFailure('The sync was cancelled');
          let page;
          try {
            page = await (readAhead ?? requestPage(cursor));
          } catch (err) {
            // The vendor no longer takes the stored checkpoint: this run lists everyone instead.
            if (err instanceof ChangesCheckpointExpiredError && listing.mode === 'CHANGES' && cursor === null) {
              listing = { mode: 'FULL', since: null, startedAt: listing.startedAt };
              await recordListingMode(deps, input, listing);
              readAhead = null;
              continue;
            }
            throw toActivityFailure(err);
          }
          readAhead = page.nextCursor === null ? null : requestPage(page.nextCursor);
          pages++;
          counts.read += page.employees.length + page.invalid.length;
          counts.invalid += page.invalid.length;
          markSeen(state, page.invalid.map((r) => r.remoteId));
          for (const remote of page.employees) {
            if (deletedByAdmin.size && deletedByAdmin.has(deletedEmployeeKey(integration.hrSystem, remote.remoteId))) {
              skippedDeleted++;
              counts.filteredOut++;
              markSeen(state, [remote.remoteId]);
              continue;
            }
            const mapped = mapRemoteEmployee(remote, mappingConfig);
            if (!mapped.ok) {
              counts.invalid++;
              markSeen(state, [remote.remoteId]);
              continue;
            }
            for (const w of mapped.warnings) unreadable.set(w.field, (unreadable.get(w.field) ?? 0) + 1);
            if (!matchesFilters({ ...mapped.employee, attributes: remote.attributes }, filters)) {
              counts.filteredOut++;
              markSeen(state, [remote.remoteId]);
              continue;
            }
            coverage.add(mapped.employee);
            batch.push(withContentHash(mapped.employee));
          }
          cursor = page.nextCursor;
          if (cursor === null) changesCheckpoint = page.changesCheckpoint ?? null;
          if (batch.length >= BATCH_SIZE || cursor === null) await commit(cursor);
          heartbeat();
          if (cursor === null) break;
        }
        await writing;
      } finally {
        clearInterval(ticker);
        // A cancelled or failed attempt ends only once its last batch transaction has settled.
        await (writing as Promise<void> | null)?.catch(() => undefined);
      }

      const late = resolveDeferred(state, deferred);
      const lateWritten = await writeEmployeeBatch(deps, batchContext, withoutFormerEmployees(late.toCreate), late.toUpdate);
      counts.created += lateWritten.created;
      counts.updated += lateWritten.updated;

      const warnings: string[] = [];
      for (const [field, n] of unreadable) warnings.push(`${n} employees had a value for "${field}" that could not be understood; it was left empty.`);
      if (skippedDeleted > 0) warnings.push(`${skippedDeleted} employees deleted by an admin are still listed by ${system.name}; they were not imported again.`);
      if (counts.invalid > 0) warnings.push(`${counts.invalid} records from ${system.name} could not be read and were skipped.`);

      // Only a complete listing sees removals; after a resumed one the ids seen before the crash are
      // unknown, so no removal is believed either.
      const listedEveryone = listing.mode === 'FULL' && !resumedFrom;
      const removal = planRemovals({
        existing,
        seenRemoteIds: state.seenRemoteIds,
        matchedExistingIds: state.matchedExistingIds,
        listingComplete: listedEveryone,
        massRemoval: { maxShare: integration.massRemovalMaxShare, minCount: integration.massRemovalMinCount },
      });
      if (resumedFrom) {
        warnings.push('This sync resumed after an interruption; employees missing from the HR system are checked at the next sync.');
      } else if (listedEveryone) {
        warnings.push(...coverage.warnings(system.name)); // "empty for everyone" needs everyone
      }
      await recordListingDone(deps, input, listing, { configHash, listedEveryone, changesCheckpoint });
      if (removal.removalBlocked) {
        await deps.db.syncRun.update({ where: { id: input.syncRunId }, data: { pendingRemovalIds: removal.missing } });
        warnings.push(removal.explanation ?? 'Removing employees waits for an admin.');
        return { status: 'NEEDS_REVIEW', counts, warnings };
      }
      counts.removed = await applyRemovals(deps, {
        companyId: integration.companyId,
        integrationId: integration.id,
        employeeIds: removal.missing,
        timeZone: integration.company.timezone,
        now: batchContext.now,
      });
      return { status: 'SUCCEEDED', counts, warnings };
    },
  };
}
