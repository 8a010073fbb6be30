// Step 6: many leaving employees whose benefits end weeks from now. The employees are written with
// one INSERT (not timed); the clock runs while the sync's own handoff (handOffLeavingChanges, its
// concurrency and its update-with-start calls) starts one lifecycle workflow each, until every one
// has answered that the database says LEAVING_PLANNED (rows as a sync leaves them before its handoff). Then the worker's memory is read while they
// all wait on their timers.
import pino from 'pino';
import type { ActivityDeps } from '../../activities/deps';
import { handOffLeavingChanges, type LeavingChange } from '../../activities/leaving-handoff';
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
      `INSERT INTO employees (id, company_id, integration_id, remote_id, status, first_name, last_name, leaving_date, last_working_month, benefits_end_at, updated_at)
       SELECT gen_random_uuid(), $1, $2, 'leaver-' || g, 'LEAVING_PLANNED', 'Lea', 'Ver', $3, $4, $5, now() FROM generate_series(1, $6) g RETURNING id`,
      [company.id, integrationId, leavingDate, plan.lastWorkingMonth, plan.benefitsEndAt, count],
    );
    const changes: LeavingChange[] = rows.map((r) => ({ employeeId: r.id, companyId: company.id, integrationId, kind: 'plan', lastWorkingMonth: plan.lastWorkingMonth, benefitsEndAt: plan.benefitsEndAt }));
    // The handoff needs only these three of the activity dependencies.
    const deps = { temporal: env.temporal, taskQueue: env.taskQueue, logger: pino({ level: 'warn' }) } as ActivityDeps;

    const workerIdleRssMb = residentMb(worker.pid);
    log(`  starting ${count} leaving lifecycles (benefits end ${plan.benefitsEndAt}) …`);
    const memory = new PeakMemory(worker.pid);
    const cpu = new CpuMeter(env.cpuTargets({ worker }));
    const startedAt = Date.now();
    const handed = await handOffLeavingChanges(deps, changes);
    const startAllMs = Date.now() - startedAt;
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
