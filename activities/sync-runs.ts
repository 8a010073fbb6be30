// The sync run record and single flight. At most one RUNNING run per integration is enforced by a
// partial unique index, whoever starts the run (schedule, API, an operator in the UI); the loser
// records itself as SKIPPED and asks for one follow-up run instead.
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { Prisma } from '../generated/prisma/client';
import { FailureType } from '../contracts/failures';
import type { SyncCounts, SyncTriggerName } from '../contracts/integration-sync';
import type { SyncMetrics } from '../infra/metrics/sync-metrics';
import { PUSH_SYNC_SPACING_MS, pushFollowUpWorkflowId, startPushSyncWorkflow } from '../infra/push-sync';
import type { ActivityDeps } from './deps';
import { requestLeavingHandoffIfPending } from './leaving-handoff';

export interface StartSyncRunInput {
  integrationId: string;
  trigger: SyncTriggerName;
  /** Given by the API so it can answer with the id at once; generated otherwise. */
  syncRunId?: string;
  workflowId: string;
}

export type StartSyncRunResult =
  | { outcome: 'claimed'; syncRunId: string }
  | { outcome: 'skipped'; syncRunId: string; runningSyncRunId: string | null }
  | { outcome: 'inactive' };

export interface FinishSyncRunInput {
  syncRunId: string;
  status: 'SUCCEEDED' | 'NEEDS_REVIEW' | 'FAILED' | 'CANCELLED';
  counts?: SyncCounts;
  warnings?: string[];
  error?: string | null;
  errorType?: string | null;
}

const isUniqueViolation = (err: unknown) =>
  (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') || String((err as Error)?.message).includes('sync_runs_one_running_per_integration');

async function recordFinishedSync(deps: ActivityDeps, metrics: SyncMetrics, integrationId: string, input: FinishSyncRunInput): Promise<void> {
  try {
    const integration = await deps.db.integration.findUnique({ where: { id: integrationId }, select: { hrSystem: true } });
    metrics.syncFinished({ hrSystem: integration?.hrSystem ?? 'unknown', outcome: input.status, counts: input.counts });
  } catch (err) {
    deps.logger.warn({ err, syncRunId: input.syncRunId }, 'could not count the finished sync in the metrics');
  }
}

interface PushFollowUp {
  integrationId: string;
  startedAt: Date;
}

/** Named after the finished run, so a retried finish starts it once. */
async function startPushFollowUp(deps: ActivityDeps, finishedSyncRunId: string, followUp: PushFollowUp): Promise<void> {
  const integration = await deps.db.integration.findUnique({ where: { id: followUp.integrationId }, select: { id: true, companyId: true, hrSystem: true, status: true } });
  if (!integration || (integration.status !== 'ACTIVE' && integration.status !== 'ERROR')) return;
  const startDelayMs = Math.max(0, followUp.startedAt.getTime() + PUSH_SYNC_SPACING_MS - Date.now());
  try {
    await startPushSyncWorkflow(deps.temporal, deps.taskQueue, integration, { workflowId: pushFollowUpWorkflowId(integration.id, finishedSyncRunId), startDelayMs });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

export function createSyncRunActivities(deps: ActivityDeps) {
  return {
    async startSyncRun(input: StartSyncRunInput): Promise<StartSyncRunResult> {
      if (input.syncRunId) {
        // An activity retry: the first attempt may have recorded the run already.
        const existing = await deps.db.syncRun.findUnique({ where: { id: input.syncRunId } });
        if (existing?.status === 'RUNNING') return { outcome: 'claimed', syncRunId: existing.id };
        if (existing) return { outcome: 'skipped', syncRunId: existing.id, runningSyncRunId: null };
      }
      const integration = await deps.db.integration.findUnique({ where: { id: input.integrationId } });
      if (!integration || integration.status === 'DISCONNECTED' || integration.status === 'DRAFT') return { outcome: 'inactive' };

      // The run's record, whether it claims the integration or is skipped.
      const runRecord = {
        ...(input.syncRunId ? { id: input.syncRunId } : {}),
        integrationId: integration.id,
        companyId: integration.companyId,
        trigger: input.trigger,
        workflowId: input.workflowId,
      };
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          // The claim answers every notification that asked for a sync until now (infra/push-sync.ts).
          const [run] = await deps.db.$transaction([
            deps.db.syncRun.create({ data: { ...runRecord, status: 'RUNNING' } }),
            deps.db.integration.update({ where: { id: integration.id }, data: { pushSyncRequestedAt: null } }),
          ]);
          return { outcome: 'claimed', syncRunId: run.id };
        } catch (err) {
          if (!isUniqueViolation(err)) throw err;
        }
        // Another run holds the claim: ask it for one follow-up, then make sure it is still running
        // (if it finished in between, nobody would see the flag; claim again instead).
        await deps.db.integration.update({ where: { id: integration.id }, data: { followUpRequested: true } });
        const running = await deps.db.syncRun.findFirst({ where: { integrationId: integration.id, status: 'RUNNING' }, select: { id: true } });
        if (running) {
          const skipped = await deps.db.syncRun.create({
            data: {
              ...runRecord,
              status: 'SKIPPED',
              finishedAt: new Date(),
              warnings: [`Another sync of this integration was running; one follow-up sync runs after it.`],
            },
          });
          deps.metrics?.syncFinished({ hrSystem: integration.hrSystem, outcome: 'SKIPPED' });
          return { outcome: 'skipped', syncRunId: skipped.id, runningSyncRunId: running.id };
        }
      }
      throw new Error('Could not claim the sync of this integration after 3 attempts');
    },

    /** Starts the company's leaving handoff when the sync left leaving changes pending; true when it did. */
    async requestLeavingHandoff(input: { integrationId: string }): Promise<{ requested: boolean }> {
      const integration = await deps.db.integration.findUniqueOrThrow({ where: { id: input.integrationId }, select: { companyId: true } });
      return { requested: await requestLeavingHandoffIfPending(deps, integration.companyId) };
    },

    /** Records the outcome; returns whether a follow-up run was requested meanwhile (and clears it). */
    async finishSyncRun(input: FinishSyncRunInput): Promise<{ followUp: boolean }> {
      let finishedIntegrationId = null as string | null; // set when this call recorded the outcome (metrics)
      let pushFollowUp = null as PushFollowUp | null;
      const result = await deps.db.$transaction(async (tx) => {
        const run = await tx.syncRun.findUniqueOrThrow({ where: { id: input.syncRunId } });
        // The integration's lock first: a notification deciding at the same time (infra/push-sync.ts)
        // then sees this run either running (and its ask is read below) or finished (and starts a sync).
        const [marks] = await tx.$queryRaw<{ push_sync_requested_at: Date | null }[]>`
          SELECT push_sync_requested_at FROM integrations WHERE id = ${run.integrationId}::uuid FOR UPDATE`;
        if (run.status === 'RUNNING') {
          finishedIntegrationId = run.integrationId;
          const c = input.counts;
          await tx.syncRun.update({
            where: { id: run.id },
            data: {
              status: input.status,
              finishedAt: new Date(),
              warnings: input.warnings ?? [],
              error: input.error ?? null,
              resumeProgress: Prisma.DbNull, // the run is over: nothing resumes it
              ...(c
                ? {
                    countRead: c.read,
                    countCreated: c.created,
                    countUpdated: c.updated,
                    countUnchanged: c.unchanged,
                    countFilteredOut: c.filteredOut,
                    countInvalid: c.invalid,
                    countRemoved: c.removed,
                    countFormerEmployees: c.formerEmployees ?? 0,
                  }
                : {}),
            },
          });
          if (input.errorType === FailureType.CredentialsRejected) {
            await tx.integration.updateMany({ where: { id: run.integrationId, status: 'ACTIVE' }, data: { status: 'ERROR', lastError: input.error ?? 'The HR system refused the credentials.' } });
          } else if (input.status === 'SUCCEEDED' || input.status === 'NEEDS_REVIEW') {
            await tx.integration.updateMany({ where: { id: run.integrationId, status: 'ERROR' }, data: { status: 'ACTIVE', lastError: null } });
            await tx.integration.updateMany({ where: { id: run.integrationId }, data: { lastError: null } });
          } else if (input.status === 'FAILED') {
            await tx.integration.updateMany({ where: { id: run.integrationId }, data: { lastError: input.error ?? 'The sync failed.' } });
          }
        }
        const cleared = await tx.integration.updateMany({
          where: { id: run.integrationId, followUpRequested: true, status: { in: ['ACTIVE', 'ERROR'] } },
          data: { followUpRequested: false },
        });
        const followUp = cleared.count > 0 && input.status !== 'CANCELLED';
        // Notifications arrived while this run listed: one follow-up, spaced from this run's start
        // (a manual follow-up, which claims and so answers them too, makes it unnecessary).
        if (!followUp && marks?.push_sync_requested_at && input.status !== 'CANCELLED') pushFollowUp = { integrationId: run.integrationId, startedAt: run.startedAt };
        return { followUp };
      });
      if (pushFollowUp) await startPushFollowUp(deps, input.syncRunId, pushFollowUp);
      // Counted once the outcome is committed, once per run (a retried call finds it recorded).
      if (deps.metrics && finishedIntegrationId) await recordFinishedSync(deps, deps.metrics, finishedIntegrationId, input);
      return result;
    },
  };
}
