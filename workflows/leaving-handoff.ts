// One per company (id company-leaving-handoff-<companyId>): hands the leaving changes a sync wrote to
// the employees' lifecycle workflows, outside the sync's listing. The pending changes are an outbox
// on the employee rows; this workflow drains it batch by batch and ends when it is empty. A request
// (signal-with-start) that arrives while it is finishing makes Temporal reject the completion, so the
// loop runs again: no change is ever left behind. History: the company id and counts only.
import { continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { type LeavingHandoffCounts, leavingHandoffRequestedSignal, type LeavingHandoffWorkflow } from '../contracts/leaving-handoff';

const { handOffPendingLeavers } = proxyActivities<Activities>({
  startToCloseTimeout: '5m',
  heartbeatTimeout: '1m',
  // Temporal or the database away for a while: keep trying (every step is idempotent).
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

export const leavingHandoffWorkflow: LeavingHandoffWorkflow = async (input) => {
  let requested = true;
  setHandler(leavingHandoffRequestedSignal, () => {
    requested = true;
  });
  const total: LeavingHandoffCounts = { started: 0, updated: 0, withdrawn: 0, unchanged: 0, refused: 0 };
  while (requested) {
    requested = false;
    for (;;) {
      const batch = await handOffPendingLeavers({ companyId: input.companyId });
      for (const key of Object.keys(total) as (keyof LeavingHandoffCounts)[]) total[key] += batch.counts[key];
      if (!batch.more) break;
      if (workflowInfo().continueAsNewSuggested) await continueAsNew<typeof leavingHandoffWorkflow>(input);
    }
  }
  return total;
};
