// Step 6: many leaving employees whose benefits end weeks from now. The employees are written with
// one INSERT (not timed) as a sync leaves them: LEAVING_PLANNED and pending for the leaving handoff.
// The clock runs from the sync's request (signal-with-start of the company's handoff workflow) until
// that workflow has started every lifecycle and the worker has armed their timers. Then the worker's memory is read while
// they all wait on their timers.
import type { LeavingHandoffCounts } from '../../contracts/leaving-handoff';
import { requestLeavingHandoff } from '../../infra/leaving-lifecycle-client';
import { leavingHandoffWorkflowId } from '../../contracts/leaving-handoff';
import { waitUntilLifecyclesArmed } from '../lifecycles-armed';
import { addDays, todayUtc } from '../../connectors/personio/fake-data';
import { planLeaving } from '../../domain/leaving-dates';
import type { BenchEnvironment } from '../environment';
import { CpuMeter } from '../cpu';
import { PeakMemory, residentMb } from '../memory';

export interface WaitingLifecyclesResult {
  lifecycles: number;
  startAllMs: number;
  lifecyclesPerSecond: number;
  benefitsEndAt: string;
  leavingPlannedInDatabase: number;
  workerIdleRssMb: number | null;
  workerPeakRssMbWhileStarting: number | null;
  workerRssMbWhileWaiting: number | null;
  /** CPU seconds per process while starting them. */
  cpuSeconds: Record<string, number>;
}

const TIME_ZONE = 'Europe/Berlin';

export async function runWaitingLifecycles(env: BenchEnvironment, count: number, waitSeconds: number, log: (line: string) => void): Promise<WaitingLifecyclesResult> {
  const worker = await env.startWorker();
  try {
    const company = await env.api.createCompany('Leavers GmbH');
    const integrationId = await env.api.createIntegration(company);
    const leavingDate = addDays(todayUtc(), 42);
    const plan = planLeaving({ leavingDate, firstSeenAt: new Date(), timeZone: TIME_ZONE });
    const { rows } = await env.pool.query<{ id: string }>(
      `INSERT INTO employees (id, company_id, integration_id, remote_id, status, first_name, last_name, leaving_date, last_working_month, benefits_end_at,
                              leaving_handoff_pending, leaving_handoff_version, updated_at)
       SELECT gen_random_uuid(), $1, $2, 'leaver-' || g, 'LEAVING_PLANNED', 'Lea', 'Ver', $3, $4, $5, true, 1, now() FROM generate_series(1, $6) g RETURNING id`,
      [company.id, integrationId, leavingDate, plan.lastWorkingMonth, plan.benefitsEndAt, count],
    );
    if (rows.length !== count) throw new Error(`${rows.length} of ${count} leavers inserted`);

    const workerIdleRssMb = residentMb(worker.pid);
    log(`  starting ${count} leaving lifecycles (benefits end ${plan.benefitsEndAt}) …`);
    const memory = new PeakMemory(worker.pid);
    const cpu = new CpuMeter(env.cpuTargets({ worker }));
    const startedAt = Date.now();
    await requestLeavingHandoff({ client: env.temporal, taskQueue: env.taskQueue }, company.id);
    const handed = (await env.temporal.workflow.getHandle(leavingHandoffWorkflowId(company.id)).result()) as LeavingHandoffCounts;
    const armedAt = await waitUntilLifecyclesArmed(env.temporal, env.taskQueue, rows.map((r) => r.id), Math.max(120_000, count * 50));
    const startAllMs = armedAt - startedAt;
    const workerPeakRssMbWhileStarting = memory.stop();
    const { cpuSeconds } = cpu.stop();
    if (handed.started !== count) throw new Error(`${handed.started} of ${count} lifecycles reported as started`);

    await new Promise((r) => setTimeout(r, waitSeconds * 1000));
    const workerRssMbWhileWaiting = residentMb(worker.pid);
    const { rows: planned } = await env.pool.query<{ n: string }>(`SELECT count(*) AS n FROM employees WHERE integration_id = $1 AND status = 'LEAVING_PLANNED'`, [integrationId]);
    return {
      lifecycles: count,
      startAllMs,
      lifecyclesPerSecond: Math.round((count / startAllMs) * 1000),
      benefitsEndAt: plan.benefitsEndAt,
      leavingPlannedInDatabase: Number(planned[0]!.n),
      workerIdleRssMb,
      workerPeakRssMbWhileStarting,
      workerRssMbWhileWaiting,
      cpuSeconds,
    };
  } finally {
    await worker.stop();
  }
}
