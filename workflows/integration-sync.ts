// One sync run of one integration. Input and result are ids and counts only; the activities load
// configuration and credentials themselves. Single flight is claimed in the database, so it holds
// whoever started the run (Schedule, API, or an operator in the Temporal UI).
import { ApplicationFailure, CancellationScope, continueAsNew, isCancellation, proxyActivities, upsertMemo, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { type IntegrationSyncWorkflow, SYNC_NON_RETRYABLE_FAILURES, syncListingTaskQueue } from '../contracts/integration-sync';

const bookkeeping = proxyActivities<Activities>({
  startToCloseTimeout: '1m',
  retry: { initialInterval: '1s', maximumInterval: '30s', maximumAttempts: 10 },
});

// Long listing on a queue of its own (see composition/worker.ts). It heartbeats every few seconds while
// alive, so a killed worker is noticed within the heartbeat timeout; the retry resumes from the
// point the last committed batch recorded in the database (activities/sync-employees.ts).
const listing = proxyActivities<Activities>({
  taskQueue: syncListingTaskQueue(workflowInfo().taskQueue),
  startToCloseTimeout: '4h',
  heartbeatTimeout: '15s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '5m', maximumAttempts: 8, nonRetryableErrorTypes: SYNC_NON_RETRYABLE_FAILURES },
});

function failureText(err: unknown): { message: string; type: string | null } {
  let cause: unknown = err;
  // ActivityFailure wraps the ApplicationFailure that carries the reason.
  while (cause && typeof cause === 'object' && 'cause' in cause && (cause as { cause?: unknown }).cause) cause = (cause as { cause: unknown }).cause;
  if (cause instanceof ApplicationFailure) return { message: cause.message, type: cause.type ?? null };
  return { message: cause instanceof Error ? cause.message : 'The sync failed.', type: null };
}

export const integrationSyncWorkflow: IntegrationSyncWorkflow = async (input) => {
  const claim = await bookkeeping.startSyncRun({ integrationId: input.integrationId, trigger: input.trigger, syncRunId: input.syncRunId, workflowId: workflowInfo().workflowId });
  if (claim.outcome === 'inactive') return { syncRunId: null, status: 'INACTIVE' };
  if (claim.outcome === 'skipped') return { syncRunId: claim.syncRunId, status: 'SKIPPED' };
  const syncRunId = claim.syncRunId;
  upsertMemo({ trigger: input.trigger, syncRunId });

  let result;
  try {
    result = await listing.syncEmployees({ integrationId: input.integrationId, syncRunId });
  } catch (err) {
    if (isCancellation(err)) {
      // Disconnect cancels a running sync: record it, even though this workflow is being cancelled.
      await CancellationScope.nonCancellable(() => bookkeeping.finishSyncRun({ syncRunId, status: 'CANCELLED', error: 'The integration was disconnected during the sync.' }));
      throw err;
    }
    const failure = failureText(err);
    const { followUp } = await bookkeeping.finishSyncRun({ syncRunId, status: 'FAILED', error: failure.message, errorType: failure.type });
    await bookkeeping.requestLeavingHandoff({ integrationId: input.integrationId }); // batches committed before the failure
    if (followUp) await continueAsNew<typeof integrationSyncWorkflow>({ integrationId: input.integrationId, trigger: 'MANUAL' });
    return { syncRunId, status: 'FAILED' };
  }
  try {
    await bookkeeping.sendPendingInvites({ integrationId: input.integrationId });
  } catch {
    // Invitations stay PENDING and go out with the next sync; the sync itself succeeded.
  }
  const { followUp } = await bookkeeping.finishSyncRun({ syncRunId, status: result.status, counts: result.counts, warnings: result.warnings });
  // The lifecycles learn of the leaving changes from the outbox, once the run is recorded: their
  // workflow tasks then never queue ahead of this run's last steps. (Should this request be lost, the
  // reconciler makes it.)
  await bookkeeping.requestLeavingHandoff({ integrationId: input.integrationId });
  if (followUp) await continueAsNew<typeof integrationSyncWorkflow>({ integrationId: input.integrationId, trigger: 'MANUAL' });
  return { syncRunId, status: result.status, counts: result.counts };
};
