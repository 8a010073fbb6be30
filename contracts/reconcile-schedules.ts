// Contract of the reconciler workflow (workflows/reconcile-schedules.ts), which runs on its own Schedule.
export const RECONCILE_SCHEDULES_WORKFLOW_TYPE = 'reconcileSchedulesWorkflow';

/** The reconciler's Schedule, and the workflow id of the runs it starts. */
export const RECONCILER_SCHEDULE_ID = 'temporal-reconciler';

export interface ScheduleDriftRepair {
  created: number;
  removed: number;
  checked: number;
  /** Companies whose pending leaving changes were handed to their handoff workflow. */
  handoffsRequested: number;
  /** Active push integrations whose subscription workflow was missing and was started. */
  subscriptionsStarted?: number;
}

export type ReconcileSchedulesResult = { created: number; removed: number; checked: number; handoffsRequested?: number; subscriptionsStarted?: number };

export type ReconcileSchedulesWorkflow = () => Promise<ReconcileSchedulesResult>;
