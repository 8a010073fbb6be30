// Contract of the leaving lifecycle (workflows/leaving-lifecycle.ts, one workflow per leaving
// employee): its type name, id, input, result and messages, shared by the workflow and its callers
// (API, sync handoff). Identifiers, instants and months only: arguments and results are stored in the history.
import { defineQuery, defineUpdate } from '@temporalio/workflow';

export const LEAVING_LIFECYCLE_WORKFLOW_TYPE = 'leavingLifecycleWorkflow';

export const leavingWorkflowId = (employeeId: string) => `employee-leaving-${employeeId}`;

/** Where a lifecycle stands (also the LifecycleState search attribute). */
export type LifecycleState = 'AWAITING_PLAN' | 'LEAVING_PLANNED' | 'LEFT' | 'WITHDRAWN' | 'TERMINATED' | 'ABANDONED';

export interface LeavingLifecycleInput {
  employeeId: string;
  companyId: string;
  integrationId: string | null;
  /** Absolute deadline (ISO-8601 UTC instant) at which benefits end; null when the workflow was started by an immediate-termination request without a planned leaving. */
  benefitsEndAt: string | null;
  /** 'YYYY-MM' in the company's time zone; null together with benefitsEndAt. */
  lastWorkingMonth: string | null;
  /**
   * The database already holds this plan (the sync wrote it; the handoff read it back): the
   * workflow only arms its timer, even for a deadline that passed while the handoff was pending.
   */
  planRecorded?: boolean;
}

export interface LeavingLifecycleResult {
  state: LifecycleState;
  deactivatedBenefits: number;
}

export type LeavingLifecycleWorkflow = (input: LeavingLifecycleInput) => Promise<LeavingLifecycleResult>;

export interface LeavingPlanUpdate {
  /** Computed by the caller with domain/leaving-dates.ts (never an ended month); must lie in the future. */
  benefitsEndAt: string;
  lastWorkingMonth: string;
  /** The database already holds this plan (sync handoff): nothing to write, only the timer moves. */
  recorded?: boolean;
}

export interface LifecycleSnapshot {
  state: LifecycleState;
  benefitsEndAt: string | null;
  lastWorkingMonth: string | null;
  /** True when this update created the workflow (update-with-start took the start branch). */
  startedWorkflow: boolean;
  /** False when the update changed nothing (a retry, or the same plan again). */
  changed: boolean;
}

export type TerminateNowResult = { terminated: true; deactivatedBenefits: number; leftAt: string } | { terminated: false; reason: string };

/** Plan the leaving, or move its deadline (the same update either way, so update-with-start fits both). Refused with FailureType.LifecycleEnded / InvalidLeavingPlan. */
export const planLeavingUpdate = defineUpdate<LifecycleSnapshot, [LeavingPlanUpdate]>('planLeaving');
/** The leaving date was withdrawn (or the person was rehired): back to ACTIVE, benefits untouched, workflow ends. */
export const withdrawLeavingUpdate = defineUpdate<LifecycleSnapshot, []>('withdrawLeaving');
/** Immediate termination by the admin; refused (terminated: false) while a voucher is selected for the current month. */
export const terminateNowUpdate = defineUpdate<TerminateNowResult, []>('terminateNow');
/** For operators in the Temporal UI; the product itself reads the database. */
export const lifecycleStateQuery = defineQuery<Omit<LifecycleSnapshot, 'startedWorkflow' | 'changed'>>('lifecycleState');
