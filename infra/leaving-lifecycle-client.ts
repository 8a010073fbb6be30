// Client-side calls into the leaving lifecycle, shared by the sync handoff and the API. Every call
// reaches the one workflow per employee (id leavingWorkflowId) by update-with-start with conflict
// policy USE_EXISTING, so there is never a second lifecycle and the caller always gets an answer.
import {
  type Client,
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateStage,
} from '@temporalio/client';
import type { SearchAttributePair } from '@temporalio/common';
import { LEAVING_HANDOFF_WORKFLOW_TYPE, leavingHandoffRequestedSignal, leavingHandoffWorkflowId, type LeavingHandoffWorkflow } from '../contracts/leaving-handoff';
import {
  LEAVING_LIFECYCLE_WORKFLOW_TYPE,
  type LeavingLifecycleInput,
  type LeavingLifecycleWorkflow,
  type LeavingPlanUpdate,
  leavingWorkflowId,
  type LifecycleSnapshot,
  planLeavingUpdate,
  type TerminateNowResult,
  terminateNowUpdate,
  withdrawLeavingUpdate,
} from '../contracts/leaving-lifecycle';
import { CompanyIdKey, EmployeeIdKey, IntegrationIdKey, LastWorkingMonthKey, LifecycleStateKey } from '../contracts/search-attributes';

export interface LifecycleTarget {
  client: Client;
  taskQueue: string;
}

/**
 * How a caller bounds the two phases of a call: until Temporal has accepted it, and the wait for the
 * outcome of what it accepted. The API puts a deadline on the first (an unreachable Temporal answers
 * at once instead of after the client's ~20 s of retries) and tells the two apart in its errors.
 */
export interface CallPhases {
  untilAccepted<T>(call: () => Promise<T>): Promise<T>;
  afterAccepted<T>(call: () => Promise<T>): Promise<T>;
}

export const UNBOUNDED: CallPhases = { untilAccepted: (call) => call(), afterAccepted: (call) => call() };

export interface LeavingEmployeeIds {
  employeeId: string;
  companyId: string;
  integrationId: string | null;
}

/** Exactly the workflow input: callers may pass richer objects, the history gets ids only. */
function lifecycleInput(ids: LeavingEmployeeIds, plan: { benefitsEndAt: string | null; lastWorkingMonth: string | null }): LeavingLifecycleInput {
  return { employeeId: ids.employeeId, companyId: ids.companyId, integrationId: ids.integrationId, benefitsEndAt: plan.benefitsEndAt, lastWorkingMonth: plan.lastWorkingMonth };
}

function lifecycleSearchAttributes(input: LeavingLifecycleInput): SearchAttributePair[] {
  const searchAttributes: SearchAttributePair[] = [
    { key: CompanyIdKey, value: input.companyId },
    { key: EmployeeIdKey, value: input.employeeId },
    { key: LifecycleStateKey, value: input.benefitsEndAt ? 'LEAVING_PLANNED' : 'AWAITING_PLAN' },
  ];
  if (input.integrationId) searchAttributes.push({ key: IntegrationIdKey, value: input.integrationId });
  if (input.lastWorkingMonth) searchAttributes.push({ key: LastWorkingMonthKey, value: input.lastWorkingMonth });
  return searchAttributes;
}

function startOperation(taskQueue: string, input: LeavingLifecycleInput) {
  return new WithStartWorkflowOperation<LeavingLifecycleWorkflow>(LEAVING_LIFECYCLE_WORKFLOW_TYPE, {
    workflowId: leavingWorkflowId(input.employeeId),
    taskQueue,
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
    typedSearchAttributes: lifecycleSearchAttributes(input),
  });
}

export type RecordedPlanOutcome = 'started' | 'updated' | 'unchanged';

/**
 * Hands a plan the database already holds to the lifecycle: a plain start carrying it (one request,
 * nothing awaited: the workflow only arms its timer), or, when a lifecycle runs, an update moving its
 * deadline. Rejected updates (deadline passed, lifecycle ended) throw WorkflowUpdateFailedError.
 */
export async function handOverRecordedPlan(target: LifecycleTarget, ids: LeavingEmployeeIds, plan: LeavingPlanUpdate): Promise<RecordedPlanOutcome> {
  const input = { ...lifecycleInput(ids, plan), planRecorded: true };
  try {
    await target.client.workflow.start<LeavingLifecycleWorkflow>(LEAVING_LIFECYCLE_WORKFLOW_TYPE, {
      workflowId: leavingWorkflowId(ids.employeeId),
      taskQueue: target.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'FAIL',
      typedSearchAttributes: lifecycleSearchAttributes(input),
    });
    return 'started';
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  const snapshot = await target.client.workflow
    .getHandle(leavingWorkflowId(ids.employeeId))
    .executeUpdate(planLeavingUpdate, { args: [{ benefitsEndAt: plan.benefitsEndAt, lastWorkingMonth: plan.lastWorkingMonth, recorded: true }] });
  return snapshot.changed ? 'updated' : 'unchanged';
}

/** Asks the company's handoff workflow (started if none runs) to drain its pending leaving changes. */
export async function requestLeavingHandoff(target: LifecycleTarget, companyId: string): Promise<void> {
  await target.client.workflow.signalWithStart<LeavingHandoffWorkflow>(LEAVING_HANDOFF_WORKFLOW_TYPE, {
    workflowId: leavingHandoffWorkflowId(companyId),
    taskQueue: target.taskQueue,
    args: [{ companyId }],
    signal: leavingHandoffRequestedSignal,
    signalArgs: [],
    typedSearchAttributes: [{ key: CompanyIdKey, value: companyId }],
  });
}

/** Plans the leaving (starting the lifecycle) or moves its deadline; resolves once the database says LEAVING_PLANNED. */
export async function planOrRescheduleLeaving(target: LifecycleTarget, ids: LeavingEmployeeIds, plan: LeavingPlanUpdate, phases: CallPhases = UNBOUNDED): Promise<LifecycleSnapshot> {
  const update = await phases.untilAccepted(() =>
    target.client.workflow.startUpdateWithStart(planLeavingUpdate, {
      args: [{ benefitsEndAt: plan.benefitsEndAt, lastWorkingMonth: plan.lastWorkingMonth }],
      waitForStage: WorkflowUpdateStage.ACCEPTED,
      startWorkflowOperation: startOperation(target.taskQueue, lifecycleInput(ids, plan)),
    }),
  );
  return phases.afterAccepted(() => update.result());
}

/** Immediate termination through the lifecycle (started without a plan when none runs). */
export async function terminateLeavingNow(target: LifecycleTarget, ids: LeavingEmployeeIds, phases: CallPhases = UNBOUNDED): Promise<TerminateNowResult> {
  const update = await phases.untilAccepted(() =>
    target.client.workflow.startUpdateWithStart(terminateNowUpdate, {
      args: [],
      waitForStage: WorkflowUpdateStage.ACCEPTED,
      startWorkflowOperation: startOperation(target.taskQueue, lifecycleInput(ids, { benefitsEndAt: null, lastWorkingMonth: null })),
    }),
  );
  return phases.afterAccepted(() => update.result());
}

/**
 * Withdraws a running lifecycle (employee back to ACTIVE, benefits untouched). No running lifecycle:
 * nothing to withdraw, returns null. A withdraw never starts a workflow.
 */
export async function withdrawLeavingIfRunning(client: Client, employeeId: string, phases: CallPhases = UNBOUNDED): Promise<LifecycleSnapshot | null> {
  try {
    const update = await phases.untilAccepted(() => client.workflow.getHandle(leavingWorkflowId(employeeId)).startUpdate(withdrawLeavingUpdate, { waitForStage: WorkflowUpdateStage.ACCEPTED }));
    return await phases.afterAccepted(() => update.result());
  } catch (err) {
    if (isNoRunningLifecycle(err)) return null;
    throw err;
  }
}

/** Ends a running lifecycle at once (employee deletion); true when one was running. */
export async function endLeavingLifecycleIfRunning(client: Client, employeeId: string, reason: string, phases: CallPhases = UNBOUNDED): Promise<boolean> {
  try {
    await phases.untilAccepted(() => client.workflow.getHandle(leavingWorkflowId(employeeId)).terminate(reason));
    return true;
  } catch (err) {
    if (isNoRunningLifecycle(err)) return false;
    throw err;
  }
}

/** No workflow with the id, or only a closed one. */
export function isNoRunningLifecycle(err: unknown): boolean {
  if (err instanceof WorkflowNotFoundError) return true;
  const message = err instanceof Error ? err.message : '';
  return /already completed|not found/i.test(message) && !(err instanceof WorkflowUpdateFailedError);
}

/** The reason a lifecycle update was refused (validator or handler), or null for other errors. */
export function updateRefusal(err: unknown): string | null {
  if (!(err instanceof WorkflowUpdateFailedError)) return null;
  const cause = err.cause as { message?: string } | undefined;
  return cause?.message ?? err.message;
}
