// Contract of the confirm-removals workflow (workflows/confirm-removals.ts): an admin confirmed the
// removals a sync held back (mass-removal guard).
export const CONFIRM_REMOVALS_WORKFLOW_TYPE = 'confirmRemovalsWorkflow';

export const confirmRemovalsWorkflowId = (syncRunId: string) => `confirm-removals-${syncRunId}`;

export interface ConfirmRemovalsInput {
  syncRunId: string;
}

export interface ConfirmRemovalsResult {
  removed: number;
}

export type ConfirmRemovalsWorkflow = (input: ConfirmRemovalsInput) => Promise<ConfirmRemovalsResult>;
