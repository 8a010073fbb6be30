// The sync's handoff to the leaving lifecycles, as an outbox. A sync (or a confirmed removal) writes
// a leaving change and marks the row pending in the same transaction (pendingLeavingHandoff*); after
// the listing it asks the company's handoff workflow (workflows/leaving-handoff.ts) to drain. The
// drain reads each pending employee's current plan from the database, starts or updates the
// lifecycle with it, and clears the mark only for the version it sent: a change written meanwhile
// stays pending for the next round. Idempotent: the same plan again changes nothing, a withdraw with
// no running lifecycle is a no-op, so a retried batch or a second drain does no harm.
import { setMaxListeners } from 'node:events';
import { Context } from '@temporalio/activity';
import { handOverRecordedPlan, requestLeavingHandoff, updateRefusal, withdrawLeavingIfRunning } from '../infra/leaving-lifecycle-client';
import type { LeavingHandoffCounts } from '../contracts/leaving-handoff';
import { currentActivitySignal, type ActivityDeps } from './deps';

/** Lifecycle calls in flight at once: enough to be quick, few enough not to flood the frontend. */
export const HANDOFF_CONCURRENCY = 16;
/** Employees per drain activity: one short transaction-free round, then a heartbeat-sized answer. */
export const HANDOFF_BATCH = 500;

/** Row fields for a new employee whose leaving the lifecycle must learn about. */
export const pendingLeavingHandoffOnCreate = { leavingHandoffPending: true, leavingHandoffVersion: 1 } as const;
/** Update data for an existing employee whose leaving changed. */
export const pendingLeavingHandoffOnUpdate = { leavingHandoffPending: true, leavingHandoffVersion: { increment: 1 } } as const;

interface PendingLeaver {
  id: string;
  integration_id: string;
  status: 'ACTIVE' | 'LEAVING_PLANNED' | 'LEFT';
  last_working_month: string | null;
  benefits_end_at: Date | null;
  leaving_handoff_version: number;
}

const zeroCounts = (): LeavingHandoffCounts => ({ started: 0, updated: 0, withdrawn: 0, unchanged: 0, refused: 0 });

/** One drain round for a company: up to HANDOFF_BATCH pending employees; `more` when some may remain. */
export async function handOffPendingLeavers(deps: ActivityDeps, input: { companyId: string; limit?: number }): Promise<{ counts: LeavingHandoffCounts; more: boolean }> {
  const limit = input.limit ?? HANDOFF_BATCH;
  const pending = await deps.db.$queryRaw<PendingLeaver[]>`
    SELECT id, integration_id, status, last_working_month, benefits_end_at, leaving_handoff_version
    FROM employees
    WHERE company_id = ${input.companyId}::uuid AND leaving_handoff_pending
    ORDER BY id
    LIMIT ${limit}`;
  const counts = zeroCounts();
  const target = { client: deps.temporal, taskQueue: deps.taskQueue };
  const handed: PendingLeaver[] = [];
  const heartbeat = activityHeartbeat();
  // An update waits for the lifecycle's workflow task; at worker shutdown that task may be due on this
  // very worker, which no longer polls: without the signal the calls (and the shutdown) wait forever.
  const signal = currentActivitySignal();
  if (signal) setMaxListeners(HANDOFF_CONCURRENCY * 4, signal); // each call in flight listens to it
  const handOver = () =>
    forEachWithConcurrency(pending, HANDOFF_CONCURRENCY, async (employee) => {
      const ids = { employeeId: employee.id, companyId: input.companyId, integrationId: employee.integration_id };
      if (employee.status === 'ACTIVE') {
        if (await withdrawLeavingIfRunning(deps.temporal, employee.id)) counts.withdrawn++;
        else counts.unchanged++;
      } else if (employee.status === 'LEAVING_PLANNED' && employee.benefits_end_at && employee.last_working_month) {
        try {
          const outcome = await handOverRecordedPlan(target, ids, { benefitsEndAt: employee.benefits_end_at.toISOString(), lastWorkingMonth: employee.last_working_month });
          counts[outcome]++;
        } catch (err) {
          // A refused update will not succeed on retry; the next sync sees the stored state and decides again.
          const refusal = updateRefusal(err);
          if (refusal === null) throw err;
          counts.refused++;
          deps.logger.warn({ employeeId: employee.id, refusal }, 'leaving lifecycle refused the change');
        }
      } else {
        counts.unchanged++; // LEFT: the lifecycle (or an immediate termination) already ended it
      }
      handed.push(employee);
      heartbeat();
    }, signal);
  try {
    await (signal ? deps.temporal.withAbortSignal(signal, handOver) : handOver());
  } catch (err) {
    if (signal?.aborted) throw signal.reason; // cancelled (not refused): the retry hands the rest over
    throw err;
  } finally {
    await clearHandedOff(deps, handed);
  }
  if (signal?.aborted && handed.length < pending.length) throw signal.reason;
  return { counts, more: pending.length === limit };
}

/** Clears the pending mark of the versions that were handed over; later changes stay pending. */
async function clearHandedOff(deps: ActivityDeps, handed: readonly PendingLeaver[]): Promise<void> {
  if (handed.length === 0) return;
  await deps.db.$executeRaw`
    UPDATE employees e SET leaving_handoff_pending = false
    FROM unnest(${handed.map((h) => h.id)}::uuid[], ${handed.map((h) => h.leaving_handoff_version)}::int[]) AS sent(id, version)
    WHERE e.id = sent.id AND e.leaving_handoff_version = sent.version`;
}

/** Starts the company's drain when it has pending leaving changes; true when it was asked. */
export async function requestLeavingHandoffIfPending(deps: ActivityDeps, companyId: string): Promise<boolean> {
  const pending = await deps.db.employee.findFirst({ where: { companyId, leavingHandoffPending: true }, select: { id: true } });
  if (!pending) return false;
  const request = () => requestLeavingHandoff({ client: deps.temporal, taskQueue: deps.taskQueue }, companyId);
  const signal = currentActivitySignal();
  await (signal ? deps.temporal.withAbortSignal(signal, request) : request());
  return true;
}

/** Heartbeats when running inside an activity (tests also call the drain directly). */
function activityHeartbeat(): () => void {
  let ctx: Context | null = null;
  try {
    ctx = Context.current();
  } catch {
    return () => undefined;
  }
  return () => ctx!.heartbeat();
}

/**
 * Runs `fn` over `items` with at most `limit` calls in flight; the first error rejects after all settle.
 * Once `signal` has aborted no further item is started.
 */
export async function forEachWithConcurrency<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  const lane = async () => {
    while (next < items.length && !signal?.aborted) {
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
