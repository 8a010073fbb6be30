// Steps 1–4 for one company size: the first full sync, the floor on the same data, a resync with no
// change and a resync with a share of employees changed. One fresh worker process per size, so its
// peak memory belongs to this company alone.
import type { BenchEnvironment } from '../environment';
import type { BenchCompany } from '../api-client';
import { CpuMeter } from '../cpu';
import { measureCopyFloor, measureFetchFloor } from '../floor';
import { PeakMemory, residentMb } from '../memory';
import { WriteMeter, type RowsWritten } from '../rows-written';
import { waitForSyncRun, type FinishedRun } from '../sync-runs';
import type { LeavingHandoffCounts } from '../../contracts/leaving-handoff';
import { integrationSyncScheduleId } from '../../contracts/integration-sync';
import { leavingHandoffWorkflowId } from '../../contracts/leaving-handoff';
import { waitUntilLifecyclesArmed } from '../lifecycles-armed';

export interface SyncFigures {
  wallMs: number;
  employeesPerSecond: number;
  workerPeakRssMb: number | null;
  /** CPU seconds per process during the sync: where the wall time went. */
  cpuSeconds: Record<string, number>;
  /** Rows of `employees` written (pg_stat_user_tables counters and new row versions). */
  rowsWritten: RowsWritten;
  run: Pick<FinishedRun, 'status' | 'listing' | 'countRead' | 'countCreated' | 'countUpdated' | 'countUnchanged' | 'countRemoved' | 'countFormerEmployees'>;
  /** The leaving lifecycles this sync handed off after its listing (the company's handoff workflow), when it had leavers. */
  leavingHandoff: LeavingHandoffFigures | null;
}

export interface LeavingHandoffFigures {
  counts: LeavingHandoffCounts;
  /** From the sync run's end until every lifecycle was started and had armed its timer. */
  afterSyncMs: number;
  /** From the sync's start until then: when every leaver's lifecycle was running. */
  totalMs: number;
  /** LEAVING_PLANNED employees of the company, and those still marked pending, when the handoff ended. */
  leavingPlannedInDatabase: number;
  stillPending: number;
  /** Worker peak resident memory over the sync and the handoff together. */
  workerPeakRssMb: number | null;
  cpuSeconds: Record<string, number>;
}

export interface CompanySyncResult {
  employees: number;
  workerIdleRssMb: number | null;
  /** The small sync the fresh worker ran first (not measured): a running product's worker is warm. */
  warmUp: { employees: number; wallMs: number };
  fullSync: SyncFigures;
  floor: { fetchMs: number; fetchPages: number; copyMs: number; copyRows: number; totalMs: number };
  /** Full sync wall time / floor total: the figure to steer by (goal ≤ 2). */
  fullSyncToFloor: number;
  /** The scheduled resync as the product makes it (a change listing where the HR system has one). */
  resyncNoChange: SyncFigures & { toFullSync: number };
  /** The daily complete listing with nothing changed: reads every page, writes nothing. */
  resyncNoChangeComplete: SyncFigures & { toFullSync: number };
  resyncChanged: SyncFigures & { changed: number; toFullSync: number };
  /** The company and its key, for the API load step (not written to the results file). */
  company: BenchCompany;
}

export async function runCompanySync(
  env: BenchEnvironment,
  options: { employees: number; changedShare: number; statsSettleSeconds: number },
  log: (line: string) => void,
): Promise<CompanySyncResult> {
  const { employees, changedShare } = options;
  const meter = new WriteMeter(env.pool, 'employees', options.statsSettleSeconds);
  const fake = await env.startFakePersonio(employees, employees);
  const worker = await env.startWorker();
  try {
    const company = await env.api.createCompany(`Bench ${employees}`);
    const integrationId = await env.api.connectPersonio(company, fake.ready.url);
    const timeoutMs = Math.max(120_000, employees * 20);
    const warmUp = await warmUpWorker(env, log);
    const workerIdleRssMb = residentMb(worker.pid);

    const measureSync = async (start: () => Promise<string>): Promise<SyncFigures> => {
      const mark = await meter.mark();
      const memory = new PeakMemory(worker.pid);
      const cpu = new CpuMeter(env.cpuTargets({ worker, fake }));
      const startedAt = Date.now();
      const run = await waitForSyncRun(env.pool, await start(), timeoutMs);
      const syncMemory = memory.snapshot();
      const { cpuSeconds } = cpu.stop();
      if (run.status !== 'SUCCEEDED') throw new Error(`the sync of ${employees} employees ended ${run.status}: ${run.error ?? ''}`);
      const wallMs = run.finishedAt.getTime() - startedAt;
      const leavingHandoff = await waitForLeavingHandoff(run.finishedAt, startedAt);
      const handoffMemory = memory.stop();
      const rowsWritten = await meter.since(mark);
      const { status, listing, countRead, countCreated, countUpdated, countUnchanged, countRemoved, countFormerEmployees } = run;
      return {
        wallMs,
        employeesPerSecond: Math.round((employees / wallMs) * 1000),
        workerPeakRssMb: syncMemory,
        cpuSeconds,
        rowsWritten,
        run: { status, listing, countRead, countCreated, countUpdated, countUnchanged, countRemoved, countFormerEmployees },
        leavingHandoff: leavingHandoff && { ...leavingHandoff, workerPeakRssMb: handoffMemory },
      };
    };

    /** The handoff runs after the sync's listing; the next measurement must not share the machine with it. */
    const waitForLeavingHandoff = async (syncFinishedAt: Date, startedAt: number): Promise<Omit<LeavingHandoffFigures, 'workerPeakRssMb'> | null> => {
      const cpu = new CpuMeter(env.cpuTargets({ worker, fake }));
      const handle = env.temporal.workflow.getHandle(leavingHandoffWorkflowId(company.id));
      // The sync workflow requests the handoff right after recording its end: wait for that request
      // while leaving changes are pending; with none pending, only a handoff this sync started counts.
      const ownHandoffStarted = async () => {
        const described = await handle.describe().catch(() => null);
        return described !== null && described.startTime.getTime() >= startedAt;
      };
      const pendingNow = async () => Number((await env.pool.query<{ n: string }>('SELECT count(*) AS n FROM employees WHERE company_id = $1 AND leaving_handoff_pending', [company.id])).rows[0]!.n);
      const requestDeadline = Date.now() + 60_000;
      while (!(await ownHandoffStarted())) {
        if ((await pendingNow()) === 0) return null; // no leaving change, no handoff
        if (Date.now() > requestDeadline) throw new Error('the leaving handoff was never requested');
        await new Promise((r) => setTimeout(r, 50));
      }
      const counts = (await handle.result()) as LeavingHandoffCounts;
      const leavers = await env.pool.query<{ id: string }>(`SELECT id FROM employees WHERE company_id = $1 AND status = 'LEAVING_PLANNED'`, [company.id]);
      const armedAt = await waitUntilLifecyclesArmed(env.temporal, env.taskQueue, leavers.rows.map((r) => r.id), timeoutMs);
      const doneAt = Math.max(armedAt, syncFinishedAt.getTime());
      const { rows } = await env.pool.query<{ planned: string; pending: string }>(
        `SELECT count(*) FILTER (WHERE status = 'LEAVING_PLANNED') AS planned, count(*) FILTER (WHERE leaving_handoff_pending) AS pending FROM employees WHERE company_id = $1`,
        [company.id],
      );
      return {
        counts,
        afterSyncMs: doneAt - syncFinishedAt.getTime(),
        totalMs: doneAt - startedAt,
        leavingPlannedInDatabase: Number(rows[0]!.planned),
        stillPending: Number(rows[0]!.pending),
        cpuSeconds: cpu.stop().cpuSeconds,
      };
    };

    log(`  ${employees}: full first sync …`);
    const fullSync = await measureSync(async () => {
      const syncRunId = await env.api.activate(company, integrationId);
      // As an operator would in the UI: no scheduled sync may land inside a measurement.
      await env.temporal.schedule.getHandle(integrationSyncScheduleId(integrationId)).pause('benchmark: syncs are started by the bench');
      return syncRunId;
    });

    log(`  ${employees}: floor (fetch every page, COPY the rows) …`);
    const fetched = await measureFetchFloor(fake.ready.url);
    if (fetched.records !== employees) throw new Error(`the floor fetched ${fetched.records} records, expected ${employees}`);
    const copied = await measureCopyFloor(env.pool, integrationId);
    const floor = { fetchMs: fetched.ms, fetchPages: fetched.pages, copyMs: copied.ms, copyRows: copied.rows, totalMs: fetched.ms + copied.ms };

    log(`  ${employees}: resync with no change …`);
    const noChange = await measureSync(() => env.api.syncNow(company, integrationId));
    log(`  ${employees}: complete resync with no change (the daily one) …`);
    const noChangeComplete = await measureSync(() => env.api.syncNow(company, integrationId, 'FULL'));

    const toChange = Math.max(1, Math.round(employees * changedShare));
    const { edited } = await fake.call<{ edited: number }>({ type: 'renameSpread', count: toChange, round: 1 });
    log(`  ${employees}: resync with ${edited} changed …`);
    const changed = await measureSync(() => env.api.syncNow(company, integrationId));

    return {
      employees,
      workerIdleRssMb,
      warmUp,
      fullSync,
      floor,
      fullSyncToFloor: fullSync.wallMs / floor.totalMs,
      resyncNoChange: { ...noChange, toFullSync: noChange.wallMs / fullSync.wallMs },
      resyncNoChangeComplete: { ...noChangeComplete, toFullSync: noChangeComplete.wallMs / fullSync.wallMs },
      resyncChanged: { ...changed, changed: edited, toFullSync: changed.wallMs / fullSync.wallMs },
      company,
    };
  } finally {
    await worker.stop();
    await fake.stop();
  }
}

const WARM_UP_EMPLOYEES = 200;

/**
 * A worker process that has just started runs its first sync with cold code (no JIT yet, Prisma's
 * query compiler and the connection pools being set up): about a second more at any size. The
 * product's worker runs for weeks, so each step's fresh worker first syncs a small company of its own.
 */
async function warmUpWorker(env: BenchEnvironment, log: (line: string) => void): Promise<{ employees: number; wallMs: number }> {
  log(`  warming the worker up with a ${WARM_UP_EMPLOYEES}-employee company (not measured) …`);
  const fake = await env.startFakePersonio(WARM_UP_EMPLOYEES, 99);
  try {
    const company = await env.api.createCompany('Warm-up GmbH');
    const integrationId = await env.api.connectPersonio(company, fake.ready.url);
    const startedAt = Date.now();
    const run = await waitForSyncRun(env.pool, await env.api.activate(company, integrationId), 120_000);
    await env.temporal.schedule.getHandle(integrationSyncScheduleId(integrationId)).pause('benchmark: warm-up only');
    // Its leavers' lifecycles, if any, are handed off before the measurement starts.
    const handoff = env.temporal.workflow.getHandle(leavingHandoffWorkflowId(company.id));
    for (const deadline = Date.now() + 120_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
      const { rows } = await env.pool.query<{ n: string }>('SELECT count(*) AS n FROM employees WHERE company_id = $1 AND leaving_handoff_pending', [company.id]);
      const described = await handoff.describe().catch(() => null);
      if (Number(rows[0]!.n) === 0 && (described === null || described.status.name !== 'RUNNING')) break;
    }
    return { employees: WARM_UP_EMPLOYEES, wallMs: run.finishedAt.getTime() - startedAt };
  } finally {
    await fake.stop();
  }
}
