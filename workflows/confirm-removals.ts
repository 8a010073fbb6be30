import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

const { applyConfirmedRemovals } = proxyActivities<Activities>({ startToCloseTimeout: '10m', retry: { maximumAttempts: 10 } });

/** An admin confirmed the removals a sync held back (mass-removal guard). */
export async function confirmRemovalsWorkflow(input: { syncRunId: string }): Promise<{ removed: number }> {
  return applyConfirmedRemovals(input);
}
