// Step `scale`: the production shape scaled out on one machine. TWO worker processes and TWO API
// processes of the product itself (`scripts/worker.ts`, `scripts/api.ts`, started as `npm run
// worker:dev` / `npm run api:dev` start them, but with `node --import tsx` so the pid held is the
// product's) against ONE PostgreSQL and ONE Temporal server, with the same task queue, keys and data
// directory. The worker processes migrate the empty database at start (both at once: the migrator's
// advisory lock decides).
//
// Phase 1: many small companies, one sandbox integration each (autoInvite on), activated half through
// each API process; the clock runs from the first activation until the last first sync finished.
// Who did the work is read from Temporal: every ActivityTaskStarted event of every sync workflow names
// the polling worker's identity, which the SDK defaults to `<pid>@<hostname>` (the product sets none).
//
// Phase 2: a new hire in every sandbox, then "sync now" for every integration (half through each
// API); once a tenth of those runs has finished, worker A gets SIGTERM and must drain (exit 0 within
// its shutdown bound, composition/worker.ts) while worker B finishes everything else. Every requested
// run must reach a final status (a run without one is lost) and nobody may be invited twice.
//
// Used by `npm run bench -- --steps=scale` (own servers) and by test/integration/horizontal-scale.test.ts
// (the test suite's servers, keeping the database for its own checks).
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { Pool } from 'pg';
import { SANDBOX_DEMO_API_KEY } from '../../connectors/sandbox/api-types';
import { startSandboxHrServer, type RunningSandboxHrServer } from '../../connectors/sandbox/fake-server';
import { DEFAULT_SHUTDOWN_TIMES } from '../../composition/worker';
import { writeWorkflowBundle } from '../../composition/workflow-bundle';
import { integrationSyncScheduleId, integrationSyncWorkflowId } from '../../contracts/integration-sync';
import { RECONCILER_SCHEDULE_ID } from '../../contracts/reconcile-schedules';
import { freePort } from '../../infra/ports';
import { findTemporalCli } from '../../infra/temporal-cli';
import { startTemporalDevServer } from '../../infra/temporal-dev-server';
import { BenchApiClient, type BenchCompany } from '../api-client';
import { mapWithConcurrency } from '../concurrency';
import { createDatabase, dropDatabase } from '../database-admin';
import { productWorkerNodeFlags } from '../environment';
import { REPO_ROOT } from '../processes/child';
import { countOverlappingRuns, waitForSyncRuns } from '../sync-runs';

export interface ScaleServers {
  /** A PostgreSQL URL with the right to create databases. */
  postgresAdminUrl: string;
  temporalAddress: string;
  /** Given to both workers as WORKFLOW_BUNDLE_PATH (no webpack run inside a 160 MB heap). */
  workflowBundlePath: string;
}

export interface HorizontalScaleOptions {
  integrations: number;
  /** Company sizes are spread evenly over [minEmployees, maxEmployees] (sandbox listing, leavers and former staff included). */
  minEmployees: number;
  maxEmployees: number;
  activationConcurrency: number;
  /** Gives up waiting when no run has finished for this long. */
  stallSeconds: number;
  /** SMTP_URL for both workers (the test counts the mails); without it invites go to the outbox. */
  smtpUrl?: string;
  /** Keep the database for the caller's own checks (it then drops it with the returned drop()). */
  keepDatabase?: boolean;
}

export interface ProcessFigures {
  name: string;
  pid: number;
  /** The Temporal worker identity (`<pid>@<hostname>`), workers only. */
  identity: string | null;
  url: string | null;
  exitCode: number | null;
}

export interface HorizontalScaleResult {
  integrations: number;
  employeesPerCompany: { min: number; max: number };
  taskQueue: string;
  workers: ProcessFigures[];
  apis: ProcessFigures[];
  firstSyncs: {
    /** First activation request → last first sync finished (null when they stalled). */
    wallMs: number | null;
    syncsPerSecond: number;
    statuses: Record<string, number>;
    /** Activation requests answered by each API process. */
    activationsPerApi: number[];
    /** Activations answered 503 workflow_service_timeout (Temporal slower than the API's 3.5 s) and repeated. */
    retried503: number;
    /** Activations answered 500 internal_error (repeated like a 503). */
    answered500: number;
    /** Integrations with exactly one ACTIVATION run (must be all). */
    integrationsWithOneFirstRun: number;
    /** Activity tasks of the first sync workflows, per worker identity (from their histories). */
    activityTasks: { perWorker: number[]; other: number; total: number };
    /** Share of those tasks per worker, in worker order. */
    share: number[];
    employees: number;
  };
  resyncs: {
    requested: number;
    requestsPerApi: number[];
    /** "Sync now" requests answered 503 workflow_service_timeout, then checked and, if nothing had started, repeated. */
    retried503: number;
    /** "Sync now" requests answered 500 internal_error (handled like a 503). */
    answered500: number;
    /** Requested runs already finished when SIGTERM was sent to worker A / not yet. */
    finishedAtSigterm: number;
    unfinishedAtSigterm: number;
    /** SIGTERM sent → worker A exited. */
    drainMs: number;
    drainBoundMs: number;
    exitCode: number | null;
    /** Error lines (pino level ≥ 50) worker A wrote after the SIGTERM. */
    shutdownErrors: string[];
    /** SIGTERM sent → every requested run final (null when they stalled). */
    allFinalMs: number | null;
    statuses: Record<string, number>;
    /** Requested runs with no final status at the end (must be 0). */
    lost: number;
    /** Requested runs whose last activity task ran on worker B / A. */
    finishedOnWorker: number[];
    /** Requested runs unfinished at the SIGTERM that then ended SUCCEEDED. */
    unfinishedAtSigtermSucceeded: number;
    /** Runs worker A had run activity tasks of that ended only after A's exit (finished by B). */
    handedOver: number;
    /** Activity attempts that failed or timed out (e.g. cancelled by A's shutdown and retried). */
    failedActivityAttempts: number;
    /** Activity tasks of these runs per worker, after A's exit (A's must be 0). */
    activityTasksAfterExit: number[];
    /** Each requested run created the one new hire of its sandbox. */
    runsCreatingExactlyOne: number;
  };
  invites: {
    total: number;
    statuses: Record<string, number>;
    /** Extra invite rows for one employee, or for one address in one company (must be 0). */
    duplicates: number;
    /** Employees with invited_at set but no SENT invite, or the other way round. */
    mismatched: number;
  };
  /** Runs of one integration that overlapped (must be 0). */
  overlaps: number;
  /** Runs per integration beyond one ACTIVATION and the MANUAL ones requested (must be 0). */
  unexpectedRuns: number;
  /** Set with keepDatabase. */
  databaseUrl: string | null;
  /** Error lines (pino level ≥ 50) of all four processes, per process, and the first few of them. */
  errorLines: { perProcess: Record<string, number>; samples: string[] };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const READY_LINE = 'Press Ctrl-C to stop.';

interface ProductProcess {
  name: string;
  pid: number;
  identity: string | null;
  url: string | null;
  output(): string;
  exit: { code: number | null; at: number } | null;
  exited: Promise<void>;
  /** Sends SIGTERM (once) and returns when it was sent. */
  sigterm(): number;
  stop(): Promise<void>;
}

/** Starts `scripts/<part>.ts` as its own Node process and resolves once it printed its ready line. */
async function startProductProcess(name: string, part: 'worker' | 'api', env: Record<string, string>, nodeArgs: string[] = []): Promise<ProductProcess> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(REPO_ROOT, 'scripts', `${part}.ts`)], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer) => {
    output += d.toString();
    if (process.env.BENCH_VERBOSE === '1') process.stderr.write(`[${name}] ${d.toString()}`);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let sigtermAt: number | null = null;
  const proc: ProductProcess = {
    name,
    pid: child.pid!,
    identity: part === 'worker' ? `${child.pid}@${os.hostname()}` : null,
    url: part === 'api' ? `http://127.0.0.1:${env.PORT}` : null,
    output: () => output,
    exit: null,
    exited: new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        proc.exit = { code: code ?? (signal ? 128 : null), at: Date.now() };
        resolve();
      }),
    ),
    sigterm: () => {
      if (sigtermAt === null) {
        sigtermAt = Date.now();
        child.kill('SIGTERM');
      }
      return sigtermAt;
    },
    stop: async () => {
      if (proc.exit) return;
      proc.sigterm();
      // Past run-process.ts's own deadline (force time + 30 s) something is wrong: kill it.
      const timer = setTimeout(() => child.kill('SIGKILL'), DEFAULT_SHUTDOWN_TIMES.forceTimeMs + 40_000);
      await proc.exited;
      clearTimeout(timer);
    },
  };
  for (let waited = 0; !output.includes(READY_LINE); waited += 100) {
    if (proc.exit) throw new Error(`${name} exited with ${proc.exit.code} during start-up:\n${output.slice(-4000)}`);
    if (waited > 180_000) {
      child.kill('SIGKILL');
      throw new Error(`${name} was not ready within 180 s:\n${output.slice(-4000)}`);
    }
    await sleep(100);
  }
  return proc;
}

/** The bench's own servers: embedded PostgreSQL, a headless in-memory Temporal dev server, the workflow bundle. */
export async function startOwnScaleServers(log: (line: string) => void): Promise<{ servers: ScaleServers; stop(): Promise<void> }> {
  const stops: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch((err) => console.error('scale step shutdown failed:', err));
  };
  try {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-benefits-bench-scale-'));
    fs.chmodSync(workDir, 0o755);
    stops.push(async () => fs.rmSync(workDir, { recursive: true, force: true }));
    const cliPath = findTemporalCli(process.env.TEMPORAL_CLI_PATH);
    if (!cliPath) throw new Error('Temporal CLI not found: run `bash scripts/install-temporal.sh` (or set TEMPORAL_CLI_PATH).');
    const workflowBundlePath = path.join(workDir, 'workflow-bundle.js');
    const [postgresAdminUrl, temporalAddress] = await Promise.all([
      freePort().then(async (port) => {
        const { startEmbeddedPostgres } = await import('../../infra/embedded-postgres');
        const pg = await startEmbeddedPostgres({ dataDir: path.join(workDir, 'postgres'), port, database: 'postgres' });
        stops.push(pg.stop);
        log(`  PostgreSQL (embedded) on port ${port}`);
        return pg.url;
      }),
      freePort().then(async (port) => {
        const server = await startTemporalDevServer({ cliPath, port, uiPort: null, dbFile: null, namespace: 'default' });
        stops.push(server.stop);
        log(`  Temporal dev server (headless, in memory) at ${server.address}`);
        return server.address;
      }),
      writeWorkflowBundle(workflowBundlePath),
    ]);
    return { servers: { postgresAdminUrl, temporalAddress, workflowBundlePath }, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function call<T>(baseUrl: string, method: string, urlPath: string, key: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}${urlPath}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${urlPath} answered ${res.status}: ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : null) as T;
}

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** Activity tasks per identity, failed/timed-out attempts, and the identity of the last started activity task. */
function readHistory(events: HistoryEvent[]) {
  const started: Array<{ identity: string; at: number }> = [];
  let failed = 0;
  for (const e of events) {
    const s = e.activityTaskStartedEventAttributes;
    if (s) started.push({ identity: s.identity ?? '', at: e.eventTime?.seconds ? Number(e.eventTime.seconds) * 1000 + Math.floor((e.eventTime.nanos ?? 0) / 1e6) : 0 });
    if (e.activityTaskFailedEventAttributes || e.activityTaskTimedOutEventAttributes) failed++;
  }
  return { started, failed, last: started.at(-1)?.identity ?? null };
}

export async function runHorizontalScale(servers: ScaleServers | null, options: HorizontalScaleOptions, log: (line: string) => void): Promise<HorizontalScaleResult & { drop(): Promise<void> }> {
  const cleanups: Array<() => Promise<unknown>> = [];
  const cleanUp = async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch((err) => console.error('scale step cleanup failed:', err));
  };
  let dropDatabaseLater: (() => Promise<void>) | null = null;
  const started: ProductProcess[] = [];
  try {
    let given = servers;
    if (!given) {
      const own = await startOwnScaleServers(log);
      cleanups.push(own.stop);
      given = own.servers;
    }
    const { postgresAdminUrl, temporalAddress, workflowBundlePath } = given;
    const databaseName = `scale_${crypto.randomBytes(5).toString('hex')}`;
    await createDatabase(postgresAdminUrl, databaseName);
    const drop = async () => {
      await dropDatabase(postgresAdminUrl, databaseName);
    };
    if (options.keepDatabase) dropDatabaseLater = drop;
    else cleanups.push(drop);
    const databaseUrl = postgresAdminUrl.replace(/\/[^/]+$/, `/${databaseName}`);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-benefits-scale-data-'));
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));

    const connection = await Connection.connect({ address: temporalAddress });
    cleanups.push(() => connection.close());
    const temporalClient = new Client({ connection, namespace: 'default' });

    // Sandbox HR systems of the sizes asked for (several companies share one; each has its own employee rows).
    const sandboxCount = Math.max(1, Math.min(16, options.integrations, options.maxEmployees - options.minEmployees + 1));
    const sizes: number[] = Array.from({ length: sandboxCount }, (_, j) =>
      sandboxCount === 1 ? options.minEmployees : Math.round(options.minEmployees + ((options.maxEmployees - options.minEmployees) * j) / (sandboxCount - 1)),
    );
    const sandboxes: RunningSandboxHrServer[] = [];
    cleanups.push(() => Promise.all(sandboxes.map((s) => s.close())));
    for (const [j, employeeCount] of sizes.entries()) sandboxes.push(await startSandboxHrServer({ employeeCount, seed: 1000 + j }));

    // The same configuration for all four processes, as a deployment would give them.
    const taskQueue = `scale-${crypto.randomBytes(4).toString('hex')}`;
    const operatorKey = `op_scale_${crypto.randomBytes(16).toString('hex')}`;
    const common: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.homedir(),
      ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: taskQueue,
      OPERATOR_API_KEY: operatorKey,
      ENCRYPTION_KEY: crypto.randomBytes(32).toString('base64'),
      DATA_DIR: dataDir,
      WORKFLOW_BUNDLE_PATH: workflowBundlePath,
      START_SANDBOX_HR: 'false',
      LOG_LEVEL: 'warn',
      ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
    };

    log(`  starting 2 worker processes (both migrate the empty database) …`);
    cleanups.push(() => Promise.all(started.map((p) => p.stop())));
    const track = async (p: Promise<ProductProcess>) => {
      const proc = await p;
      started.push(proc);
      return proc;
    };
    const workerFlags = productWorkerNodeFlags();
    const workers = await Promise.all(['worker-A', 'worker-B'].map((name) => track(startProductProcess(name, 'worker', common, workerFlags))));
    const ports = [await freePort(), await freePort()];
    const apis = await Promise.all(['api-1', 'api-2'].map((name, i) => track(startProductProcess(name, 'api', { ...common, PORT: String(ports[i]), HOST: '127.0.0.1' }))));
    log(`  workers ${workers.map((w) => w.identity).join(', ')}; APIs ${apis.map((a) => `${a.pid} at ${a.url}`).join(', ')}`);
    const workerA = workers[0]!;
    const clients = apis.map((a) => new BenchApiClient(a.url!, operatorKey));
    const identities = workers.map((w) => w.identity!);

    const pool = new Pool({ connectionString: databaseUrl, max: 4 });
    pool.on('error', () => undefined);
    cleanups.push(() => pool.end());

    log(`  setting up ${options.integrations} companies with a sandbox integration each (autoInvite) …`);
    const tenants = await mapWithConcurrency(Array.from({ length: options.integrations }, (_, i) => i), 16, async (i) => {
      const api = apis[i % 2]!.url!;
      const sandbox = sandboxes[i % sandboxes.length]!;
      const company: BenchCompany = await clients[i % 2]!.createCompany(`Scale company ${i + 1}`);
      const { id } = await call<{ id: string }>(api, 'POST', '/v1/integrations', company.apiKey, { hrSystem: 'sandbox' });
      await call(api, 'PUT', `/v1/integrations/${id}/credentials`, company.apiKey, { apiKey: SANDBOX_DEMO_API_KEY, baseUrl: sandbox.url });
      await call(api, 'PATCH', `/v1/integrations/${id}`, company.apiKey, { autoInvite: true });
      return { company, integrationId: id, api: i % 2 };
    });
    const integrationIds = tenants.map((t) => t.integrationId);

    // Requests that start workflows, sent as the API asks a client to: after a 503 (Temporal did not
    // confirm within the API's 3.5 s, which a loaded machine can cause) check before repeating.
    // Activation undoes ACTIVE on that answer, so a started first sync ends without a run: repeat it.
    // "Sync now" leaves nothing to undo: look for the workflow the request may have started first.
    // A 500 where the API documents a 503 is counted apart (product misbehaviour) and handled alike.
    let retried503 = 0;
    let answered500 = 0;
    const retryable = (err: unknown) => {
      const status = /answered (\d{3})/.exec((err as Error).message)?.[1];
      if (status === '503') retried503++;
      else if (status === '500') answered500++;
      return status === '503' || status === '500';
    };
    const retryDeadline = () => Date.now() + options.stallSeconds * 1000;
    const startedSince = async (integrationId: string, since: Date): Promise<string | null> => {
      await sleep(3_000);
      for await (const wf of temporalClient.workflow.list({ query: `IntegrationId = "${integrationId}" AND WorkflowType = "integrationSyncWorkflow" AND StartTime >= "${since.toISOString()}"` })) {
        const runId = /-run-([0-9a-f-]{36})$/.exec(wf.workflowId)?.[1];
        if (runId) return runId;
      }
      return null;
    };
    const activateChecked = async (t: (typeof tenants)[number]): Promise<string> => {
      for (let attempt = 1, deadline = retryDeadline(); ; attempt++) {
        try {
          return await clients[t.api]!.activate(t.company, t.integrationId);
        } catch (err) {
          if (!retryable(err) || Date.now() > deadline) throw err;
          const { status } = await call<{ status: string }>(apis[t.api]!.url!, 'GET', `/v1/integrations/${t.integrationId}`, t.company.apiKey);
          if (status === 'ACTIVE') throw new Error(`activation of ${t.integrationId} failed (${(err as Error).message}) but left the integration ACTIVE`);
          await sleep(Math.min(5_000, 1_000 * attempt));
        }
      }
    };
    const syncNowChecked = async (t: (typeof tenants)[number]): Promise<string> => {
      for (let attempt = 1, deadline = retryDeadline(); ; attempt++) {
        const since = new Date(Date.now() - 1_000);
        try {
          return await clients[t.api]!.syncNow(t.company, t.integrationId);
        } catch (err) {
          if (!retryable(err) || Date.now() > deadline) throw err;
          const started = await startedSince(t.integrationId, since);
          if (started) return started;
          await sleep(Math.min(5_000, 1_000 * attempt));
        }
      }
    };
    // Every lane runs to its end before a failure is thrown (no call may outlive the cleanup).
    const settled = async <T>(items: typeof tenants, fn: (t: (typeof tenants)[number]) => Promise<T>): Promise<T[]> => {
      const outcomes = await mapWithConcurrency(items, options.activationConcurrency, (t) => fn(t).then((value) => ({ value }), (error: unknown) => ({ error })));
      const failed = outcomes.find((o): o is { error: unknown } => 'error' in o);
      if (failed) throw failed.error;
      return outcomes.map((o) => (o as { value: T }).value);
    };

    log(`  activating ${options.integrations} integrations, half through each API …`);
    const firstStartedAt = Date.now();
    const firstRunIds = await settled(tenants, async (t) => {
      const syncRunId = await activateChecked(t);
      // No scheduled sync may land inside the measurement (a 4-hour boundary may be near): pause it, as an operator would.
      await temporalClient.schedule.getHandle(integrationSyncScheduleId(t.integrationId)).pause('horizontal-scale: only the requested syncs run');
      return syncRunId;
    });
    const activationRetries = retried503;
    const activation500s = answered500;
    const first = await waitForSyncRuns(pool, firstRunIds, options.stallSeconds);
    const firstWallMs = first.stalledForSeconds === null && first.lastFinishedAt ? first.lastFinishedAt.getTime() - firstStartedAt : null;
    log(`  first syncs: ${JSON.stringify(first.statuses)}${firstWallMs === null ? ' (stalled)' : ` in ${(firstWallMs / 1000).toFixed(1)} s`}`);

    const histories = async (runIds: string[]) =>
      mapWithConcurrency(runIds, 8, async (runId, i) => {
        const handle = temporalClient.workflow.getHandle(integrationSyncWorkflowId(integrationIds[i]!, runId));
        // The run's row is final before the workflow's last activity (the leaving handoff request): wait for the workflow to close.
        await handle.result().catch(() => undefined);
        const history = await handle.fetchHistory();
        return readHistory(history.events ?? []);
      });
    const firstHistories = await histories(firstRunIds);
    const perWorker = identities.map((id) => firstHistories.reduce((n, h) => n + h.started.filter((s) => s.identity === id).length, 0));
    const firstTotal = firstHistories.reduce((n, h) => n + h.started.length, 0);
    const oneFirstRun = await pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM (SELECT i.id FROM integrations i LEFT JOIN sync_runs r ON r.integration_id = i.id AND r.trigger = 'ACTIVATION'
        WHERE i.id = ANY($1::uuid[]) GROUP BY i.id HAVING count(r.id) = 1) x`,
      [integrationIds],
    );
    const employeesAfterFirst = await pool.query<{ n: string }>('SELECT count(*) AS n FROM employees');

    // Phase 2: a new hire in every sandbox, so each resync writes and invites someone.
    const today = new Date().toISOString().slice(0, 10);
    for (const [j, sandbox] of sandboxes.entries()) {
      sandbox.store.add({ first_name: 'Nova', last_name: `Scale${j}`, email: `nova.scale.${j}@scale.example`, hire_date: today });
    }
    log(`  phase 2: "sync now" for every integration, half through each API; SIGTERM to ${workerA.name} once a tenth has finished …`);
    const resyncRunIds = await settled(tenants, syncNowChecked);
    const syncNowRetries = retried503 - activationRetries;
    const syncNow500s = answered500 - activation500s;
    const sigtermWhenFinished = Math.max(1, Math.ceil(options.integrations / 10));
    const finishedCount = async () =>
      Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM sync_runs WHERE id = ANY($1::uuid[]) AND status <> 'RUNNING'`, [resyncRunIds])).rows[0]!.n);
    let finishedAtSigterm = await finishedCount();
    for (const deadline = Date.now() + options.stallSeconds * 1000; finishedAtSigterm < sigtermWhenFinished && Date.now() < deadline; ) {
      await sleep(50);
      finishedAtSigterm = await finishedCount();
    }
    const outputBefore = workerA.output().length;
    const sigtermAt = workerA.sigterm();
    await Promise.race([workerA.exited, sleep(DEFAULT_SHUTDOWN_TIMES.forceTimeMs + 40_000)]);
    if (!workerA.exit) await workerA.stop();
    const exitAt = workerA.exit!.at;
    const drainMs = exitAt - sigtermAt;
    log(`  ${workerA.name} exited with ${workerA.exit!.code} ${(drainMs / 1000).toFixed(1)} s after SIGTERM (${finishedAtSigterm} of ${resyncRunIds.length} runs had finished)`);
    const shutdownErrors = workerA
      .output()
      .slice(outputBefore)
      .split('\n')
      .filter((line) => /"level":(5|6)\d/.test(line) || /did not stop cleanly|did not finish in time/.test(line));

    const resync = await waitForSyncRuns(pool, resyncRunIds, options.stallSeconds);
    const allFinalMs = resync.stalledForSeconds === null && resync.lastFinishedAt ? Math.max(resync.lastFinishedAt.getTime(), exitAt) - sigtermAt : null;
    const resyncHistories = await histories(resyncRunIds);
    const finishedOnWorker = identities.map((id) => resyncHistories.filter((h) => h.last === id).length);
    // Event times are the server's; same machine, so comparable with the exit time (1 s tolerance for its rounding).
    const activityTasksAfterExit = identities.map((id) => resyncHistories.reduce((n, h) => n + h.started.filter((s) => s.identity === id && s.at > exitAt + 1000).length, 0));
    const runs = await pool.query<{ id: string; status: string; count_created: number; finished_at: Date | null }>('SELECT id, status, count_created, finished_at FROM sync_runs WHERE id = ANY($1::uuid[])', [resyncRunIds]);
    const byId = new Map(runs.rows.map((r) => [r.id, r]));
    const lost = resyncRunIds.filter((id) => !byId.get(id) || byId.get(id)!.status === 'RUNNING').length;
    // Runs worker A had worked on (an activity task of it) that ended only after A had exited: B finished them.
    const handedOver = resyncRunIds.filter((id, i) => {
      const finishedAt = byId.get(id)?.finished_at?.getTime() ?? 0;
      return finishedAt > exitAt && resyncHistories[i]!.started.some((s) => s.identity === identities[0]);
    }).length;
    const unfinishedAtSigtermSucceeded = runs.rows.filter((r) => r.status === 'SUCCEEDED' && r.finished_at && r.finished_at.getTime() >= sigtermAt).length;

    const invites = await pool.query<{ status: string; n: string }>('SELECT status, count(*) AS n FROM invites GROUP BY status');
    const duplicates = await pool.query<{ n: string }>(
      `SELECT (SELECT coalesce(sum(c - 1), 0) FROM (SELECT count(*) AS c FROM invites GROUP BY employee_id HAVING count(*) > 1) a)
            + (SELECT coalesce(sum(c - 1), 0) FROM (SELECT count(*) AS c FROM invites GROUP BY company_id, lower(email) HAVING count(*) > 1) b) AS n`,
    );
    const mismatched = await pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM employees e LEFT JOIN invites v ON v.employee_id = e.id AND v.status = 'SENT'
        WHERE (e.invited_at IS NULL) <> (v.id IS NULL)`,
    );
    const unexpected = await pool.query<{ n: string }>(
      `SELECT coalesce(sum(greatest(c - 2, 0)), 0) AS n FROM (SELECT count(*) AS c FROM sync_runs WHERE integration_id = ANY($1::uuid[]) GROUP BY integration_id) x`,
      [integrationIds],
    );
    const overlaps = await countOverlappingRuns(pool, integrationIds);

    const result: HorizontalScaleResult = {
      integrations: options.integrations,
      employeesPerCompany: { min: Math.min(...sizes), max: Math.max(...sizes) },
      taskQueue,
      workers: workers.map((w) => ({ name: w.name, pid: w.pid, identity: w.identity, url: null, exitCode: w === workerA ? (w.exit?.code ?? null) : null })),
      apis: apis.map((a) => ({ name: a.name, pid: a.pid, identity: null, url: a.url, exitCode: null })),
      firstSyncs: {
        wallMs: firstWallMs,
        syncsPerSecond: firstWallMs ? Math.round((options.integrations / firstWallMs) * 10_000) / 10 : 0,
        statuses: first.statuses,
        activationsPerApi: [0, 1].map((a) => tenants.filter((t) => t.api === a).length),
        retried503: activationRetries,
        answered500: activation500s,
        integrationsWithOneFirstRun: Number(oneFirstRun.rows[0]!.n),
        activityTasks: { perWorker, other: firstTotal - perWorker.reduce((a, b) => a + b, 0), total: firstTotal },
        share: perWorker.map((n) => (firstTotal ? Math.round((n / firstTotal) * 1000) / 1000 : 0)),
        employees: Number(employeesAfterFirst.rows[0]!.n),
      },
      resyncs: {
        requested: resyncRunIds.length,
        requestsPerApi: [0, 1].map((a) => tenants.filter((t) => t.api === a).length),
        retried503: syncNowRetries,
        answered500: syncNow500s,
        finishedAtSigterm,
        unfinishedAtSigterm: resyncRunIds.length - finishedAtSigterm,
        drainMs,
        drainBoundMs: DEFAULT_SHUTDOWN_TIMES.forceTimeMs,
        exitCode: workerA.exit!.code,
        shutdownErrors,
        allFinalMs,
        statuses: resync.statuses,
        lost,
        finishedOnWorker,
        unfinishedAtSigtermSucceeded,
        handedOver,
        failedActivityAttempts: resyncHistories.reduce((n, h) => n + h.failed, 0),
        activityTasksAfterExit,
        runsCreatingExactlyOne: runs.rows.filter((r) => r.count_created === 1).length,
      },
      invites: {
        total: invites.rows.reduce((n, r) => n + Number(r.n), 0),
        statuses: Object.fromEntries(invites.rows.map((r) => [r.status, Number(r.n)])),
        duplicates: Number(duplicates.rows[0]!.n),
        mismatched: Number(mismatched.rows[0]!.n),
      },
      overlaps,
      unexpectedRuns: Number(unexpected.rows[0]!.n),
      databaseUrl: options.keepDatabase ? databaseUrl : null,
      errorLines: { perProcess: {}, samples: [] },
    };
    log(`  first syncs shared ${perWorker.join(' / ')} activity tasks; resyncs ${JSON.stringify(resync.statuses)}, ${lost} lost, ${result.invites.duplicates} duplicate invites`);

    // Stop the rest (worker B drains too), then leave nothing running on a shared Temporal server.
    await Promise.all(started.map((p) => p.stop()));
    for (const p of started) {
      const lines = p.output().split('\n').filter((l) => /"level":(5|6)\d/.test(l));
      result.errorLines.perProcess[p.name] = lines.length;
      result.errorLines.samples.push(...lines.slice(0, 2).map((l) => `[${p.name}] ${l.slice(0, 600)}`));
    }
    workers.forEach((w, i) => (result.workers[i]!.exitCode = w.exit?.code ?? null));
    apis.forEach((a, i) => (result.apis[i]!.exitCode = a.exit?.code ?? null));
    if (servers) {
      await mapWithConcurrency(integrationIds, 16, (id) => temporalClient.schedule.getHandle(integrationSyncScheduleId(id)).delete().catch(() => undefined));
      const running: string[] = [];
      for await (const wf of temporalClient.workflow.list({ query: `TaskQueue = "${taskQueue}" AND ExecutionStatus = "Running"` })) running.push(wf.workflowId);
      await mapWithConcurrency(running, 16, (id) => temporalClient.workflow.getHandle(id).terminate('horizontal-scale: done').catch(() => undefined));
      // The reconciler Schedule has one id per namespace: remove it only if these workers created it.
      const reconciler = temporalClient.schedule.getHandle(RECONCILER_SCHEDULE_ID);
      const described = await reconciler.describe().catch(() => null);
      if (described?.action.type === 'startWorkflow' && described.action.taskQueue === taskQueue) await reconciler.delete().catch(() => undefined);
    }
    return { ...result, drop: dropDatabaseLater ?? (async () => undefined) };
  } catch (err) {
    // What the product processes logged as errors says why (their output is otherwise not shown).
    const errors = started.flatMap((p) => p.output().split('\n').filter((l) => /"level":(5|6)\d/.test(l)).slice(-3).map((l) => `[${p.name}] ${l.slice(0, 1500)}`));
    if (errors.length && err instanceof Error) err.message += `\nProduct error logs:\n${errors.join('\n')}`;
    await dropDatabaseLater?.().catch(() => undefined);
    throw err;
  } finally {
    await cleanUp();
  }
}

/** What must always hold for the scale step, at any size (bench invariants). */
export function judgeHorizontalScale(s: HorizontalScaleResult): Array<{ name: string; target: string; measured: string; met: boolean }> {
  const f = s.firstSyncs;
  const r = s.resyncs;
  const succeeded = (statuses: Record<string, number>) => (statuses.SUCCEEDED ?? 0) === s.integrations && Object.keys(statuses).length === 1;
  return [
    {
      name: 'scale: every first sync SUCCEEDED, exactly one per integration',
      target: `${s.integrations} SUCCEEDED, ${s.integrations} with one first run`,
      measured: `${JSON.stringify(f.statuses)}, ${f.integrationsWithOneFirstRun} with one first run`,
      met: succeeded(f.statuses) && f.integrationsWithOneFirstRun === s.integrations,
    },
    { name: 'scale: both workers ran activity tasks, nobody else', target: '> 0 each, 0 other', measured: `${f.activityTasks.perWorker.join(' / ')}, ${f.activityTasks.other} other`, met: f.activityTasks.perWorker.every((n) => n > 0) && f.activityTasks.other === 0 },
    {
      name: 'scale: the SIGTERMed worker drained (exit 0, no error, within its force time, no task after its exit)',
      target: `exit 0, 0 error lines, ≤ ${r.drainBoundMs} ms, 0 tasks`,
      measured: `exit ${r.exitCode}, ${r.shutdownErrors.length} error lines, ${r.drainMs} ms, ${r.activityTasksAfterExit[0]} tasks`,
      met: r.exitCode === 0 && r.shutdownErrors.length === 0 && r.drainMs <= r.drainBoundMs && r.activityTasksAfterExit[0] === 0,
    },
    { name: 'scale: no requested run lost, every one SUCCEEDED', target: `0 lost, ${s.integrations} SUCCEEDED`, measured: `${r.lost} lost, ${JSON.stringify(r.statuses)}`, met: r.lost === 0 && succeeded(r.statuses) },
    { name: 'scale: nobody invited twice', target: '0 duplicates, 0 mismatched', measured: `${s.invites.duplicates} duplicates, ${s.invites.mismatched} mismatched`, met: s.invites.duplicates === 0 && s.invites.mismatched === 0 },
    { name: 'scale: no sync ran twice or overlapped', target: '0 overlaps, 0 unexpected runs', measured: `${s.overlaps} overlaps, ${s.unexpectedRuns} unexpected runs`, met: s.overlaps === 0 && s.unexpectedRuns === 0 },
  ];
}
