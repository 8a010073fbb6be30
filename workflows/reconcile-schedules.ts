import { log, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { ReconcileSchedulesWorkflow } from '../contracts/reconcile-schedules';

const { repairScheduleDrift } = proxyActivities<Activities>({
  startToCloseTimeout: '5m',
  retry: { maximumAttempts: 5 },
});

/** Runs on its own Schedule: every active integration has its sync Schedule, no orphan remains, no leaving change waits unrequested. */
export const reconcileSchedulesWorkflow: ReconcileSchedulesWorkflow = async () => {
  const result = await repairScheduleDrift();
  if (result.created || result.removed || result.handoffsRequested) log.info('drift repaired', { ...result });
  return result;
};
