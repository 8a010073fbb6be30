// The sync's handoff to the leaving lifecycle: after a batch of employee rows is committed (with
// status/lastWorkingMonth/benefitsEndAt already written from domain/leaving-dates.ts planLeaving),
// each leaving change starts or updates that employee's lifecycle workflow. Idempotent under
// retries: the same plan again changes nothing, a withdraw with no running lifecycle is a no-op.
import { planOrRescheduleLeaving, updateRefusal, withdrawLeavingIfRunning } from '../infra/leaving-lifecycle-client';
import type { ActivityDeps } from './deps';

export interface LeavingChange {
  employeeId: string;
  companyId: string;
  integrationId: string | null;
  kind: 'plan' | 'reschedule' | 'withdraw';
  lastWorkingMonth: string | null;
  /** ISO-8601 UTC instant at which benefits end. */
  benefitsEndAt: string | null;
}

export interface LeavingHandoffResult {
  started: number;
  updated: number;
  withdrawn: number;
}

/** Lifecycle calls in flight at once: enough to be quick, few enough not to flood the frontend. */
export const HANDOFF_CONCURRENCY = 16;

export async function handOffLeavingChanges(deps: ActivityDeps, changes: LeavingChange[]): Promise<LeavingHandoffResult> {
  const result: LeavingHandoffResult = { started: 0, updated: 0, withdrawn: 0 };
  const target = { client: deps.temporal, taskQueue: deps.taskQueue };
  await forEachWithConcurrency(changes, HANDOFF_CONCURRENCY, async (change) => {
    if (change.kind === 'withdraw') {
      if (await withdrawLeavingIfRunning(deps.temporal, change.employeeId)) result.withdrawn++;
      return;
    }
    if (!change.benefitsEndAt || !change.lastWorkingMonth) {
      deps.logger.warn({ employeeId: change.employeeId, kind: change.kind }, 'leaving change without a plan skipped');
      return;
    }
    try {
      const snapshot = await planOrRescheduleLeaving(target, change, { benefitsEndAt: change.benefitsEndAt, lastWorkingMonth: change.lastWorkingMonth });
      if (snapshot.startedWorkflow) result.started++;
      else if (snapshot.changed) result.updated++;
    } catch (err) {
      // A refused update (deadline already passed, lifecycle just completed) will not succeed on retry;
      // the next sync sees the stored state and decides again.
      const refusal = updateRefusal(err);
      if (refusal === null) throw err;
      deps.logger.warn({ employeeId: change.employeeId, kind: change.kind, refusal }, 'leaving lifecycle refused the change');
    }
  });
  return result;
}

/** Runs `fn` over `items` with at most `limit` calls in flight; the first error rejects after all settle. */
export async function forEachWithConcurrency<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      try {
        await fn(item);
      } catch (err) {
        errors.push(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (errors.length > 0) throw errors[0];
}
