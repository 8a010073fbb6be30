// Step 5: many small companies activated at once. Setup (company, integration, credentials checked
// live against the fake) is not timed; then every integration is activated through the API (its
// Schedule plus its first sync workflow) and the clock runs until the last first sync has finished.
import { mapWithConcurrency } from '../concurrency';
import type { BenchEnvironment } from '../environment';
import { CpuMeter } from '../cpu';
import { PeakMemory } from '../memory';
import { countOverlappingRuns, waitForSyncRuns } from '../sync-runs';
import { integrationSyncScheduleId, integrationSyncWorkflowId } from '../../contracts/integration-sync';

export interface ManyIntegrationsResult {
  companies: number;
  employeesPerCompany: number;
  /** First activation request sent → last first sync finished (null when they never all finished). */
  allFirstSyncsMs: number | null;
  finishedFirstSyncs: number;
  /**
   * Set when the first syncs stopped making progress: how long none had finished when the bench gave
   * up. The unfinished sync workflows are then terminated so the later steps start clean.
   */
  stalledForSeconds: number | null;
  activationRequestsMs: number;
  syncWorkflowsPerSecond: number;
  statuses: Record<string, number>;
  /** Pairs of runs of one integration that ran at the same time (must be 0). */
  overlaps: number;
  workerPeakRssMb: number | null;
  /** CPU seconds per process from the first activation to the last finished sync. */
  cpuSeconds: Record<string, number>;
  employeesWritten: number;
  /** The leavers of these first syncs, whose lifecycles the companies' handoffs started after the syncs. */
  leavers: number;
  /** First activation request sent → every handoff drained (nothing pending, no handoff workflow running). */
  allHandoffsMs: number | null;
}

/** Until nothing of these integrations is pending and no handoff workflow runs; the instant it was so, or null on timeout. */
async function waitForHandoffs(env: BenchEnvironment, integrationIds: string[], timeoutMs: number): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await env.pool.query<{ n: string }>('SELECT count(*) AS n FROM employees WHERE integration_id = ANY($1::uuid[]) AND leaving_handoff_pending', [integrationIds]);
    // This bench's own task queue: the smoke test shares its Temporal server with other tests.
    const running = await env.temporal.workflow.count(`WorkflowType = "leavingHandoffWorkflow" AND ExecutionStatus = "Running" AND TaskQueue = "${env.taskQueue}"`);
    if (Number(rows[0]!.n) === 0 && running.count === 0) return Date.now();
    await new Promise((r) => setTimeout(r, 500));
  }
  return null;
}

export async function runManyIntegrations(
  env: BenchEnvironment,
  options: { companies: number; employeesPerCompany: number; activationConcurrency: number; stallSeconds: number },
  log: (line: string) => void,
): Promise<ManyIntegrationsResult> {
  const fake = await env.startFakePersonio(options.employeesPerCompany, 7);
  const worker = await env.startWorker();
  try {
    log(`  setting up ${options.companies} companies …`);
    const tenants = await mapWithConcurrency(Array.from({ length: options.companies }, (_, i) => i), 16, async (i) => {
      const company = await env.api.createCompany(`Small company ${i + 1}`);
      return { company, integrationId: await env.api.connectPersonio(company, fake.ready.url) };
    });

    log(`  activating ${options.companies} integrations at once …`);
    const memory = new PeakMemory(worker.pid);
    const cpu = new CpuMeter(env.cpuTargets({ worker, fake }));
    const startedAt = Date.now();
    const syncRunIds = await mapWithConcurrency(tenants, options.activationConcurrency, (t) => env.api.activate(t.company, t.integrationId));
    const activationRequestsMs = Date.now() - startedAt;
    const done = await waitForSyncRuns(env.pool, syncRunIds, options.stallSeconds);
    const allDone = done.stalledForSeconds === null;
    const allFirstSyncsMs = allDone && done.lastFinishedAt ? done.lastFinishedAt.getTime() - startedAt : null;
    const workerPeakRssMb = memory.stop();
    const { cpuSeconds } = cpu.stop();
    if (!allDone) {
      log(`  STALLED: ${done.finished} of ${syncRunIds.length} first syncs finished, none for ${done.stalledForSeconds} s; terminating the others`);
      await mapWithConcurrency(tenants, 32, (t, i) =>
        env.temporal.workflow.getHandle(integrationSyncWorkflowId(t.integrationId, syncRunIds[i]!)).terminate('benchmark: the first syncs stalled').catch(() => undefined),
      );
    }

    const integrationIds = tenants.map((t) => t.integrationId);
    // The handoffs run after the syncs; the next step must not share the machine with them.
    log(`  waiting for the companies' leaving handoffs …`);
    const handoffsDoneAt = allDone ? await waitForHandoffs(env, integrationIds, 30 * 60_000) : null;
    const leavers = await env.pool.query<{ n: string }>(`SELECT count(*) AS n FROM employees WHERE integration_id = ANY($1::uuid[]) AND status = 'LEAVING_PLANNED'`, [integrationIds]);
    const overlaps = await countOverlappingRuns(env.pool, integrationIds);
    const { rows } = await env.pool.query<{ n: string }>('SELECT count(*) AS n FROM employees WHERE integration_id = ANY($1::uuid[])', [integrationIds]);
    // Their Schedules stay as activation made them, but paused: no scheduled sync may disturb the later steps.
    await mapWithConcurrency(integrationIds, 32, (id) => env.temporal.schedule.getHandle(integrationSyncScheduleId(id)).pause('benchmark: later steps measure other things'));
    return {
      companies: options.companies,
      employeesPerCompany: options.employeesPerCompany,
      allFirstSyncsMs,
      finishedFirstSyncs: done.finished,
      stalledForSeconds: done.stalledForSeconds,
      activationRequestsMs,
      syncWorkflowsPerSecond: allFirstSyncsMs ? Math.round((options.companies / allFirstSyncsMs) * 1000 * 10) / 10 : 0,
      statuses: done.statuses,
      overlaps,
      workerPeakRssMb,
      cpuSeconds,
      employeesWritten: Number(rows[0]!.n),
      leavers: Number(leavers.rows[0]!.n),
      allHandoffsMs: handoffsDoneAt === null ? null : handoffsDoneAt - startedAt,
    };
  } finally {
    await worker.stop();
    await fake.stop();
  }
}
