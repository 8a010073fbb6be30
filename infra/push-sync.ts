// A notification from an HR system only asks for a (change) sync of its integration, coalesced with
// the sync single flight. In one atomic step, under the integration row's lock (which the sync's
// finish takes too, activities/sync-runs.ts), a notification either
//   - coalesces into a sync already asked for and not yet claimed (nothing to do),
//   - asks the running sync for one follow-up (started by its finish, PUSH_SYNC_SPACING_MS after it began), or
//   - marks one sync asked for and starts it (at once, or PUSH_SYNC_SPACING_MS after the previous one began).
// So a burst of notifications causes at most two syncs in 10 s, and a replayed one no extra work.
import crypto from 'node:crypto';
import type { Client } from '@temporalio/client';
import { INTEGRATION_SYNC_WORKFLOW_TYPE, integrationSyncWorkflowId, type IntegrationSyncWorkflow } from '../contracts/integration-sync';
import { CompanyIdKey, HrSystemKey, IntegrationIdKey } from '../contracts/search-attributes';
import type { Db } from './prisma';

/** A mark older than this with no sync running was left by a start that never happened: ask again. */
export const PUSH_SYNC_PENDING_STALE_MS = 2 * 60_000;
/**
 * Syncs asked for by notifications start at least this far apart: a burst (1,000 in 10 s, answered
 * over up to ~30 s on a loaded machine) causes two, and a change still arrives within a minute
 * (at worst this plus the sync's own time; an isolated change syncs at once).
 */
export const PUSH_SYNC_SPACING_MS = 30_000;

export type PushSyncDecision = { action: 'start'; startDelayMs: number } | { action: 'follow-up' | 'coalesced' | 'inactive' };

const isFresh = (asked: Date | null, now: Date) => asked !== null && now.getTime() - asked.getTime() < PUSH_SYNC_PENDING_STALE_MS;

export async function decidePushSync(db: Db, integrationId: string, now = new Date()): Promise<PushSyncDecision> {
  // Most notifications of a burst find a sync already asked for: no lock needed to coalesce (the claim
  // that clears the mark precedes that sync's listing, so the listing still sees this change).
  const seen = await db.integration.findUnique({ where: { id: integrationId }, select: { pushSyncRequestedAt: true } });
  if (seen && isFresh(seen.pushSyncRequestedAt, now)) return { action: 'coalesced' };
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ status: string; push_sync_requested_at: Date | null }[]>`
      SELECT status::text AS status, push_sync_requested_at FROM integrations WHERE id = ${integrationId}::uuid FOR UPDATE`;
    if (!row || (row.status !== 'ACTIVE' && row.status !== 'ERROR')) return { action: 'inactive' };
    if (isFresh(row.push_sync_requested_at, now)) return { action: 'coalesced' };
    const running = await tx.syncRun.findFirst({ where: { integrationId, status: 'RUNNING' }, select: { id: true } });
    await tx.integration.update({ where: { id: integrationId }, data: { pushSyncRequestedAt: now } });
    if (running) return { action: 'follow-up' };
    // Syncs asked for by notifications start PUSH_SYNC_SPACING_MS apart at least: a steady stream
    // causes one sync per spacing, a single change one at once.
    const lastPush = await tx.syncRun.findFirst({ where: { integrationId, trigger: 'PUSH', status: { not: 'SKIPPED' } }, orderBy: { startedAt: 'desc' }, select: { startedAt: true } });
    return { action: 'start', startDelayMs: lastPush ? Math.max(0, lastPush.startedAt.getTime() + PUSH_SYNC_SPACING_MS - now.getTime()) : 0 };
    // A burst queues for the pool: wait for a connection longer than Prisma's 2 s default.
  }, { maxWait: 10_000, timeout: 10_000 });
}

/** Takes back a mark whose sync could not be started (Temporal unreachable): the vendor's retry asks again. */
export async function withdrawPushSync(db: Db, integrationId: string, markedAt: Date): Promise<void> {
  await db.integration.updateMany({ where: { id: integrationId, pushSyncRequestedAt: markedAt }, data: { pushSyncRequestedAt: null } });
}

export interface PushSyncStart {
  /** Deterministic where a retry must not start a second one (a follow-up named after the run it follows). */
  workflowId?: string;
  startDelayMs?: number;
}

/** Starts a sync run with trigger PUSH (a change listing where the HR system offers one). */
export async function startPushSyncWorkflow(client: Client, taskQueue: string, integration: { id: string; companyId: string; hrSystem: string }, start: PushSyncStart = {}): Promise<string> {
  const syncRunId = start.workflowId ? undefined : crypto.randomUUID();
  const workflowId = start.workflowId ?? integrationSyncWorkflowId(integration.id, syncRunId!);
  await client.workflow.start<IntegrationSyncWorkflow>(INTEGRATION_SYNC_WORKFLOW_TYPE, {
    taskQueue,
    workflowId,
    args: [{ integrationId: integration.id, trigger: 'PUSH', ...(syncRunId ? { syncRunId } : {}) }],
    typedSearchAttributes: [
      { key: CompanyIdKey, value: integration.companyId },
      { key: IntegrationIdKey, value: integration.id },
      { key: HrSystemKey, value: integration.hrSystem },
    ],
    memo: { trigger: 'PUSH' },
    staticSummary: 'Sync asked for by a change notification of the HR system',
    workflowExecutionTimeout: '6h',
    ...(start.startDelayMs ? { startDelay: start.startDelayMs } : {}),
  });
  return workflowId;
}

/** The follow-up a finished run starts for the notifications that arrived while it ran. */
export const pushFollowUpWorkflowId = (integrationId: string, finishedSyncRunId: string) => `integration-sync-${integrationId}-push-after-${finishedSyncRunId}`;
