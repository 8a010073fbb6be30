// Contract of the per-company leaving handoff workflow (workflows/leaving-handoff.ts): hands the
// leaving changes a sync wrote to the employees' lifecycle workflows.
import { defineSignal } from '@temporalio/workflow';

export const LEAVING_HANDOFF_WORKFLOW_TYPE = 'leavingHandoffWorkflow';

/** One handoff workflow per company drains its pending leaving changes (activities/leaving-handoff.ts). */
export const leavingHandoffWorkflowId = (companyId: string) => `company-leaving-handoff-${companyId}`;

/** There are pending leaving changes to hand to the lifecycles (signal-with-start). */
export const leavingHandoffRequestedSignal = defineSignal<[]>('leavingHandoffRequested');

export interface LeavingHandoffInput {
  companyId: string;
}

export interface LeavingHandoffCounts {
  started: number;
  updated: number;
  withdrawn: number;
  /** Already held by the lifecycle (a retry), or nothing to do (the employee already left). */
  unchanged: number;
  /** Refused by the lifecycle (deadline passed, lifecycle ended); the next sync decides again. */
  refused: number;
}

export type LeavingHandoffWorkflow = (input: LeavingHandoffInput) => Promise<LeavingHandoffCounts>;
