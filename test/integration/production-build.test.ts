// The production shape: `npm run build` compiles the product and writes the workflow bundle once;
// the compiled API and worker run on plain Node (no TypeScript loader), find their migrations and
// the prebuilt bundle in the build, and sync a company end to end. The recorded histories replay
// against the prebuilt bundle as against the one the tests make from the sources.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { SANDBOX_DEMO_API_KEY } from '../../connectors/sandbox/api-types';
import { startSandboxHrServer, type RunningSandboxHrServer } from '../../connectors/sandbox/fake-server';
import { freePort } from '../../infra/ports';
import { BenchApiClient } from '../../bench/api-client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { recordedHistories } from '../support/replay-histories';
import { waitForSyncRun } from '../support/sync-helpers';
import { readTestEnv } from '../support/test-env';
import { startProductProcess, stopProductProcess, type ProductProcess } from '../support/product-process';

const repo = path.resolve(__dirname, '../..');
// Inside the checkout, so the compiled files resolve node_modules as dist/ does.
const outDir = path.join(repo, '.builds', `test-${crypto.randomBytes(4).toString('hex')}`);

const startCompiled = (part: 'api' | 'worker', env: Record<string, string>) => startProductProcess(path.join(outDir, 'scripts', `${part}.js`), env, ['--max-old-space-size=160']);

describe('the production build', () => {
  let database: TestDatabase;
  let sandbox: RunningSandboxHrServer;
  let api: ProductProcess | undefined;
  let worker: ProductProcess | undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'production-build-'));

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(repo, 'scripts', 'build.js')], { cwd: repo, env: { ...process.env, BUILD_OUT_DIR: outDir }, stdio: 'pipe' });
    [database, sandbox] = await Promise.all([createTestDatabase({ fromTemplate: false }), startSandboxHrServer({ employeeCount: 30 })]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([stopProductProcess(api), stopProductProcess(worker)]);
    await sandbox?.close();
    await database?.drop();
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes compiled entry points, the migrations and the workflow bundle', () => {
    for (const file of ['scripts/api.js', 'scripts/worker.js', 'workflow-bundle.js', 'composition/workflow-bundle.js']) {
      expect(fs.existsSync(path.join(outDir, file))).toBe(true);
    }
    const migrations = fs.readdirSync(path.join(repo, 'prisma', 'migrations')).filter((m) => !m.endsWith('.toml'));
    expect(fs.readdirSync(path.join(outDir, 'prisma', 'migrations'))).toEqual(expect.arrayContaining(migrations));
    // No test or bench code in what production runs.
    expect(fs.existsSync(path.join(outDir, 'test'))).toBe(false);
    expect(fs.existsSync(path.join(outDir, 'bench'))).toBe(false);
  });

  it('replays every recorded history against the prebuilt bundle', async () => {
    const histories = recordedHistories();
    const failures: string[] = [];
    let replayed = 0;
    const results = Worker.runReplayHistories(
      { workflowBundle: { code: fs.readFileSync(path.join(outDir, 'workflow-bundle.js'), 'utf8') }, replayName: 'prebuilt-bundle' },
      histories.map(({ workflowId, history }) => ({ workflowId, history })),
    );
    for await (const result of results) {
      replayed++;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(histories.length);
  });

  it('runs the compiled API and worker on plain Node: migrates a new database, syncs a company, stops on SIGTERM', async () => {
    const port = await freePort();
    const env = {
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: readTestEnv().temporalAddress,
      TEMPORAL_TASK_QUEUE: `production-build-${crypto.randomBytes(4).toString('hex')}`,
      OPERATOR_API_KEY: 'op_production_build_test_key',
      ENCRYPTION_KEY: crypto.randomBytes(32).toString('base64'),
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      START_SANDBOX_HR: 'false',
    };
    // The worker first: it applies the migrations to the empty database.
    worker = await startCompiled('worker', env);
    api = await startCompiled('api', env);
    for (const proc of [worker, api]) {
      const args = fs.readFileSync(`/proc/${proc.child.pid}/cmdline`, 'utf8').split('\0');
      expect(args.some((a) => a.includes('tsx'))).toBe(false);
    }
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);

    const client = new BenchApiClient(`http://127.0.0.1:${port}`, env.OPERATOR_API_KEY);
    const company = await client.createCompany('Compiled GmbH');
    const res = await fetch(`http://127.0.0.1:${port}/v1/integrations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${company.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ hrSystem: 'sandbox' }),
    });
    const integrationId = ((await res.json()) as { id: string }).id;
    const put = await fetch(`http://127.0.0.1:${port}/v1/integrations/${integrationId}/credentials`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${company.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ apiKey: SANDBOX_DEMO_API_KEY, baseUrl: sandbox.url }),
    });
    expect(put.status).toBe(200);
    const syncRunId = await client.activate(company, integrationId);
    const run = await waitForSyncRun(database.db, syncRunId);
    expect(run.status).toBe('SUCCEEDED');
    const employees = await client.employeePage(company, null);
    expect(employees.items.length).toBeGreaterThan(0);

    const [workerExit, apiExit] = await Promise.all([stopProductProcess(worker), stopProductProcess(api)]);
    expect([workerExit, apiExit]).toEqual([0, 0]);
  }, 120_000);
});
