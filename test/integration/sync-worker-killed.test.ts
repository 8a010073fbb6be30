// A worker process SIGKILLed in the middle of a first sync: the next attempt starts at the page after
// the last batch the killed worker committed (recorded in the database with that batch, not taken
// from heartbeat details), the dead worker is noticed within the listing's heartbeat timeout, and
// the result is whole: every employee once, one invitation each.
import { Client, Connection } from '@temporalio/client';
import { startChild, type BenchChild } from '../../bench/processes/child';
import { FAKE_PERSONIO_CLIENT_ID, FAKE_PERSONIO_CLIENT_SECRET, startFakePersonio, type RunningFakePersonio } from '../../connectors/personio/fake-server';
import { DEFAULT_FIELD_SELECTION } from '../../domain/employee-fields';
import { CredentialsCipher } from '../../infra/credentials-cipher';
import { startSyncWorkflow } from '../../infra/sync-workflows';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { waitForSyncRun } from '../support/sync-helpers';
import { TEST_ENCRYPTION_KEY } from '../support/temporal';
import { readTestEnv } from '../support/test-env';

const EMPLOYEES = 1_500;
const BATCH = 500;

describe('a worker killed during a sync', () => {
  let database: TestDatabase;
  let personio: RunningFakePersonio;
  let connection: Connection;
  let client: Client;
  const workers: BenchChild<Record<string, unknown>>[] = [];
  const taskQueue = `kill-test-${Date.now().toString(36)}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    personio = await startFakePersonio({ employeeCount: EMPLOYEES, seed: 21 });
    connection = await Connection.connect({ address: readTestEnv().temporalAddress });
    client = new Client({ connection, namespace: 'default' });
  });
  afterAll(async () => {
    for (const w of workers) await w.stop();
    await connection?.close();
    await personio?.close();
    await database?.drop();
  });

  /** `npm run worker`'s worker, in a process of its own that can be killed for real. */
  async function startWorkerProcess(): Promise<BenchChild<Record<string, unknown>>> {
    const env = readTestEnv();
    const worker = await startChild<Record<string, unknown>>('worker', 'worker-process.ts', {
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: env.temporalAddress,
      TEMPORAL_TASK_QUEUE: taskQueue,
      ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      WORKFLOW_BUNDLE_PATH: env.workflowBundlePath,
    });
    workers.push(worker);
    return worker;
  }

  async function committedCursor(syncRunId: string): Promise<number | null> {
    const run = await database.db.syncRun.findUnique({ where: { id: syncRunId }, select: { resumeProgress: true } });
    const cursor = (run?.resumeProgress as { cursor: string | null } | null)?.cursor;
    return cursor ? Number(cursor) : null;
  }

  it('resumes after the last committed batch and finishes within 30 s of a new worker starting', async () => {
    const company = await database.db.company.create({ data: { name: 'Kill GmbH', apiKeyHash: 'kill-test' } });
    const integration = await database.db.integration.create({
      data: { companyId: company.id, hrSystem: 'personio', status: 'ACTIVE', selectedFields: [...DEFAULT_FIELD_SELECTION], autoInvite: true },
    });
    const cipher = new CredentialsCipher(TEST_ENCRYPTION_KEY);
    const credentialsCipher = cipher.encrypt({ clientId: FAKE_PERSONIO_CLIENT_ID, clientSecret: FAKE_PERSONIO_CLIENT_SECRET, baseUrl: personio.url }, integration.id);
    await database.db.integration.update({ where: { id: integration.id }, data: { credentialsCipher } });

    const first = await startWorkerProcess();
    personio.state.listingDelayMs = 250; // a slow vendor: 15 pages of 100
    const syncRunId = await startSyncWorkflow(client, taskQueue, integration, 'ACTIVATION');

    // Kill the worker once its second batch has committed: no shutdown, no last heartbeat.
    for (const deadline = Date.now() + 60_000; ((await committedCursor(syncRunId)) ?? 0) < 2 * BATCH; ) {
      if (Date.now() > deadline) throw new Error('the sync never committed two batches');
      await new Promise((r) => setTimeout(r, 50));
    }
    process.kill(first.pid, 'SIGKILL');
    const killedAt = Date.now();
    await new Promise((r) => setTimeout(r, 300)); // let the fake answer what the dead worker had asked
    const committed = (await committedCursor(syncRunId))!;
    const requestsBeforeRestart = personio.state.employeeListRequests.length;
    expect(committed).toBeGreaterThanOrEqual(2 * BATCH);
    expect(committed).toBeLessThan(EMPLOYEES);
    personio.state.listingDelayMs = 0;

    await startWorkerProcess();
    const restartedAt = Date.now();
    const run = await waitForSyncRun(database.db, syncRunId, 60_000);
    const secondsAfterRestart = (Date.now() - restartedAt) / 1000;

    // The next attempt's first page is the one after the committed cursor, not page one again.
    const resumedRequests = personio.state.employeeListRequests.slice(requestsBeforeRestart);
    expect(resumedRequests[0]).toMatchObject({ offset: committed });
    expect(resumedRequests.some((r) => r.offset < committed)).toBe(false);
    const resumedAfterRestart = (resumedRequests[0]!.at - restartedAt) / 1000;
    console.log(`killed-worker resume: committed ${committed}; kill → new worker ready ${((restartedAt - killedAt) / 1000).toFixed(1)} s; first resumed page ${resumedAfterRestart.toFixed(1)} s and finished ${secondsAfterRestart.toFixed(1)} s after the new worker started`);
    expect(secondsAfterRestart).toBeLessThan(30);

    expect(run).toMatchObject({ status: 'SUCCEEDED', countRead: EMPLOYEES });
    const stored = await database.db.employee.findMany({ where: { integrationId: integration.id }, select: { remoteId: true } });
    expect(stored).toHaveLength(EMPLOYEES - run.countFormerEmployees);
    expect(new Set(stored.map((e) => e.remoteId)).size).toBe(stored.length);
    const invites = await database.db.invite.groupBy({ by: ['employeeId'], _count: true, where: { companyId: company.id } });
    expect(invites.every((i) => i._count === 1)).toBe(true);
  });
});
