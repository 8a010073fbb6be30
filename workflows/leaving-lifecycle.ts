// One workflow per leaving employee (id employee-leaving-<employeeId>). It waits on a durable,
// updatable timer for the absolute deadline (midnight at the start of the month after the last
// working month, computed outside workflow code), then deactivates every benefit in one idempotent
// activity. The database is the system of record: every state change is written by an activity
// before the update that caused it answers. History carries ids, instants, months and counts only.
//
// Lifecycles run for weeks: a change to this logic must replay the histories recorded under
// test/replay-histories (test/integration/replay-histories.test.ts), so put changes to running
// behaviour behind patched('<change-id>') (none so far) and record a new history alongside. Changes
// that only new inputs can reach (planRecorded, recorded) replay old histories unchanged.
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { Activities } from '../activities';
import { leavingPlanProblem } from './leaving-plan-check';
import {
  type LeavingLifecycleWorkflow,
  type LeavingPlanUpdate,
  lifecycleStateQuery,
  type LifecycleSnapshot,
  type LifecycleState,
  planLeavingUpdate,
  type TerminateNowResult,
  terminateNowUpdate,
  withdrawLeavingUpdate,
} from '../contracts/leaving-lifecycle';
import { FailureType } from '../contracts/failures';
import { CompanyIdKey, EmployeeIdKey, IntegrationIdKey, LastWorkingMonthKey, LifecycleStateKey } from '../contracts/search-attributes';

const lifecycle = proxyActivities<Activities>({
  startToCloseTimeout: '1m',
  // Database work: retry until the database is back (idempotent), but do not hammer it.
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '5m' },
});

/** A lifecycle started for an immediate termination that was refused has nothing left to wait for. */
const NO_PLAN_GRACE = '1 hour';
/** Events before the first workflow task runs: started, task scheduled, task started. */
const FIRST_TASK_HISTORY_LENGTH = 3;

export const leavingLifecycleWorkflow: LeavingLifecycleWorkflow = async (input) => {
  const ids = { employeeId: input.employeeId, companyId: input.companyId, integrationId: input.integrationId };
  const continued = workflowInfo().continuedFromExecutionRunId !== undefined;
  let state: LifecycleState = 'AWAITING_PLAN';
  let plan: LeavingPlanUpdate | null = null;
  /** Bumped on every plan change so the timer recomputes the remaining wait. */
  let revision = 0;
  let deactivatedBenefits = 0;

  // Handlers and the main loop each touch the database through activities: one at a time, so writes
  // land in the order the workflow decided them.
  let busy = false;
  async function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    while (busy) await condition(() => !busy);
    busy = true;
    try {
      return await fn();
    } finally {
      busy = false;
    }
  }

  const snapshot = (startedWorkflow: boolean, changed: boolean): LifecycleSnapshot => ({
    state,
    benefitsEndAt: plan?.benefitsEndAt ?? null,
    lastWorkingMonth: plan?.lastWorkingMonth ?? null,
    startedWorkflow,
    changed,
  });

  function publishState(): void {
    const pairs: SearchAttributeUpdatePair[] = [
      { key: CompanyIdKey, value: ids.companyId },
      { key: EmployeeIdKey, value: ids.employeeId },
      { key: LifecycleStateKey, value: state },
      { key: LastWorkingMonthKey, value: plan?.lastWorkingMonth ?? null },
    ];
    if (ids.integrationId) pairs.push({ key: IntegrationIdKey, value: ids.integrationId });
    upsertSearchAttributes(pairs);
  }

  const isWaiting = () => state === 'AWAITING_PLAN' || state === 'LEAVING_PLANNED';
  const endedProblem = () => `The leaving lifecycle has already ended (${state}).`;

  /** Writes the plan (LEAVING_PLANNED) and arms the timer with it. Caller holds the lock. */
  async function applyPlan(next: LeavingPlanUpdate): Promise<boolean> {
    if (plan && plan.benefitsEndAt === next.benefitsEndAt && plan.lastWorkingMonth === next.lastWorkingMonth && state === 'LEAVING_PLANNED') return false;
    // A recorded plan is already in the database (the sync wrote it): only the timer moves.
    const { found } = next.recorded ? { found: true } : await lifecycle.markLeavingPlanned(ids.employeeId, next);
    if (!found) {
      state = 'ABANDONED';
      publishState();
      return true;
    }
    plan = { benefitsEndAt: next.benefitsEndAt, lastWorkingMonth: next.lastWorkingMonth }; // nothing else reaches the history
    state = 'LEAVING_PLANNED';
    revision++;
    publishState();
    return true;
  }

  setHandler(lifecycleStateQuery, () => {
    const { startedWorkflow: _s, changed: _c, ...rest } = snapshot(false, false);
    return rest;
  });

  setHandler(
    planLeavingUpdate,
    async (next) => {
      // Delivered in the first workflow task of a fresh run: this update-with-start created the workflow.
      const first = !continued && workflowInfo().historyLength <= FIRST_TASK_HISTORY_LENGTH;
      return exclusive(async () => {
        if (!isWaiting()) throw ApplicationFailure.nonRetryable(endedProblem(), FailureType.LifecycleEnded);
        const problem = leavingPlanProblem(next, Date.now());
        if (problem) throw ApplicationFailure.nonRetryable(problem, FailureType.InvalidLeavingPlan);
        const changed = await applyPlan(next);
        return snapshot(first, changed);
      });
    },
    {
      validator: (next) => {
        if (!isWaiting()) throw new Error(endedProblem());
        const problem = leavingPlanProblem(next, Date.now());
        if (problem) throw new Error(problem);
      },
    },
  );

  setHandler(
    withdrawLeavingUpdate,
    async () =>
      exclusive(async () => {
        if (!isWaiting()) return snapshot(false, false);
        await lifecycle.withdrawLeaving(ids.employeeId);
        state = 'WITHDRAWN';
        publishState();
        return snapshot(false, true);
      }),
    {
      validator: () => {
        if (!isWaiting()) throw new Error(endedProblem());
      },
    },
  );

  setHandler(
    terminateNowUpdate,
    async (): Promise<TerminateNowResult> =>
      exclusive(async () => {
        if (!isWaiting()) return { terminated: false, reason: endedProblem() };
        const at = new Date(Date.now()).toISOString();
        const check = await lifecycle.checkTerminateNowAllowed(ids.employeeId, at);
        const outcome = check.allowed ? await lifecycle.terminateNow(ids.employeeId, at) : { terminated: false as const, reason: check.reason };
        if (outcome.terminated) {
          state = 'TERMINATED';
          deactivatedBenefits += outcome.deactivatedBenefits;
          publishState();
        } else if (state === 'AWAITING_PLAN') {
          state = 'ABANDONED'; // started only for this request: nothing to wait for
          publishState();
        }
        return outcome;
      }),
    {
      validator: () => {
        if (!isWaiting()) throw new Error(endedProblem());
      },
    },
  );

  if (input.benefitsEndAt && input.lastWorkingMonth) {
    const carried = { benefitsEndAt: input.benefitsEndAt, lastWorkingMonth: input.lastWorkingMonth };
    if (continued || input.planRecorded) {
      // Continued-as-new, or started by the sync's handoff: the plan is already in the database and
      // in the start's search attributes; only the timer has to be armed (a deadline that passed
      // meanwhile completes at once).
      plan = carried;
      state = 'LEAVING_PLANNED';
      revision++;
    } else if (leavingPlanProblem(carried, Date.now()) === null) {
      // A plain start works as well as update-with-start (whose update then finds nothing to change).
      await exclusive(() => applyPlan(carried));
    } else {
      state = 'ABANDONED';
      publishState();
    }
  } else {
    // Started by terminate-now without a plan: its handler decides, a plan may also arrive.
    await condition(() => state !== 'AWAITING_PLAN', NO_PLAN_GRACE);
    if (state === 'AWAITING_PLAN') {
      state = 'ABANDONED';
      publishState();
    }
  }

  while (state === 'LEAVING_PLANNED' && plan) {
    const seen = revision;
    const remainingMs = Date.parse(plan.benefitsEndAt) - Date.now();
    if (remainingMs > 0) {
      await condition(() => revision !== seen || state !== 'LEAVING_PLANNED' || workflowInfo().continueAsNewSuggested, remainingMs, {
        summary: 'benefits end at the deadline',
      });
      if (state === 'LEAVING_PLANNED' && revision === seen && workflowInfo().continueAsNewSuggested) {
        await condition(() => allHandlersFinished() && !busy);
        if (state === 'LEAVING_PLANNED' && plan) {
          // Timers do not survive continue-as-new: carry the absolute deadline, the next run re-arms it.
          await continueAsNew<typeof leavingLifecycleWorkflow>({ ...ids, ...plan });
        }
      }
      continue;
    }
    await exclusive(async () => {
      // A handler may have moved the deadline or ended the lifecycle while we waited for the lock.
      if (state !== 'LEAVING_PLANNED' || !plan || Date.parse(plan.benefitsEndAt) > Date.now()) return;
      const done = await lifecycle.completeLeaving(ids.employeeId, plan.benefitsEndAt);
      deactivatedBenefits += done.deactivatedBenefits;
      switch (done.outcome) {
        case 'RESCHEDULED': // the database already holds a later deadline: follow it
          plan = { benefitsEndAt: done.benefitsEndAt, lastWorkingMonth: done.lastWorkingMonth };
          revision++;
          break;
        case 'WITHDRAWN':
          state = 'WITHDRAWN';
          break;
        case 'NOT_FOUND':
          state = 'ABANDONED';
          break;
        default:
          state = 'LEFT';
      }
      publishState();
    });
  }

  await condition(allHandlersFinished);
  return { state, deactivatedBenefits };
};
