import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { ConfirmRemovalsWorkflow } from '../contracts/confirm-removals';

const { applyConfirmedRemovals } = proxyActivities<Activities>({ startToCloseTimeout: '10m', retry: { maximumAttempts: 10 } });

/** An admin confirmed the removals a sync held back (mass-removal guard). */
export const confirmRemovalsWorkflow: ConfirmRemovalsWorkflow = async (input) => applyConfirmedRemovals(input);
