// Stopping the worker (test teardown, Ctrl-C of `npm start`, SIGTERM of `npm run worker`) is
// bounded: running activities get the grace time, are then cancelled, and honour it (the HTTP
// layer's retry waits and requests, the leaving handoff's lifecycle calls); the attempt is recorded
// as failed by the shutdown, not left running. An activity that ignores its cancellation cannot hold
// the worker past the force time. The product's worker is two Temporal workers that stop together.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { CancelledFailure } from '@temporalio/common';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { NativeConnection } from '@temporalio/worker';
import pino from 'pino';
import { startFakeHttpServer, type FakeResponse, type RunningFakeServer } from '../../connectors/fake-http-server';
import { requestJson } from '../../connectors/http';
import type { ConnectorContext } from '../../connectors/types';
import { CredentialsCipher } from '../../infra/credentials-cipher';
import { requestLeavingHandoff } from '../../infra/leaving-lifecycle-client';
import { startSyncWorkflow } from '../../infra/sync-workflows';
import { createWorker, WorkerShutdownForcedError, type ProductWorker, type ShutdownTimes } from '../../composition/worker';
import { integrationSyncWorkflowId } from '../../contracts/integration-sync';
import { leavingHandoffWorkflowId } from '../../contracts/leaving-handoff';
import { leavingWorkflowId } from '../../contracts/leaving-lifecycle';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedCompany, seedEmployee } from '../support/lifecycle-fixtures';
import { RecordingMailer, TEST_ENCRYPTION_KEY } from '../support/temporal';
import { readTestEnv } from '../support/test-env';

const { PendingActivityState } = temporal.api.enums.v1;
const SHUTDOWN: ShutdownTimes = { graceTimeMs: 1_000, forceTimeMs: 20_000 };
/** What a bounded shutdown may take beyond the grace time (cancellation, reporting, draining). */
const SLACK_MS = 5_000;
const WORKER_SHUTDOWN_FAILURE = /Worker is shutting down and this activity did not complete in time/;
/** Lets one call wait out a vendor's Retry-After of an hour in-process (HR_RETRY_MAX_WAIT_SECONDS raised that far). */
const LONG_RETRY_WAITS: ConnectorContext = { maxRetryWaitMs: 3_600_000 };

describe('worker shutdown', () => {
  const cipher = new CredentialsCipher(TEST_ENCRYPTION_KEY);
  let database: TestDatabase;
  let connection: Connection;
  let client: Client;
  let nativeConnection: NativeConnection;
  const servers: RunningFakeServer[] = [];
  const handles: WorkflowHandle[] = [];

  beforeAll(async () => {
    const env = readTestEnv();
    database = await createTestDatabase();
    connection = await Connection.connect({ address: env.temporalAddress });
    client = new Client({ connection, namespace: 'default' });
    nativeConnection = await NativeConnection.connect({ address: env.temporalAddress });
  });
  afterAll(async () => {
    for (const h of handles) await h.terminate('test over').catch(() => undefined);
    for (const s of servers) await s.close();
    await nativeConnection?.close();
    await connection?.close();
    await database?.drop();
  });

  interface RunOutcome {
    resolved: boolean;
    error?: unknown;
    at: number;
  }

  interface RunningWorker {
    worker: ProductWorker;
    taskQueue: string;
    /** How run() ended, and when. */
    outcome: Promise<RunOutcome>;
    /** Shuts down; resolves with run()'s outcome and the milliseconds it took. */
    stop(): Promise<{ resolved: boolean; error?: unknown; ms: number }>;
  }

  async function startWorker(options: { connectorContext?: ConnectorContext; shutdown?: ShutdownTimes } = {}): Promise<RunningWorker> {
    const taskQueue = `shutdown-${crypto.randomBytes(4).toString('hex')}`;
    const worker = await createWorker({
      connection: nativeConnection,
      namespace: 'default',
      taskQueue,
      workflowBundle: { code: fs.readFileSync(readTestEnv().workflowBundlePath, 'utf8') },
      activityDeps: { db: database.db, temporal: client, cipher, taskQueue, mailer: new RecordingMailer(), logger: pino({ level: 'silent' }), connectorContext: options.connectorContext },
      shutdown: options.shutdown ?? SHUTDOWN,
    });
    const outcome = worker.run().then(
      (): RunOutcome => ({ resolved: true, at: Date.now() }),
      (error: unknown): RunOutcome => ({ resolved: false, error, at: Date.now() }),
    );
    return {
      worker,
      taskQueue,
      outcome,
      stop: async () => {
        const from = Date.now();
        worker.shutdown();
        const { resolved, error, at } = await outcome;
        return { resolved, error, ms: at - from };
      },
    };
  }

  /** A sandbox integration whose HR system is `hr`. */
  async function sandboxIntegration(hr: RunningFakeServer) {
    const { companyId, integrationId } = await seedCompany(database.db);
    await database.db.integration.update({ where: { id: integrationId }, data: { credentialsCipher: cipher.encrypt({ apiKey: 'sandbox-key', baseUrl: hr.url }, integrationId) } });
    return { id: integrationId, companyId, hrSystem: 'sandbox' };
  }

  async function fakeHr(answer: () => FakeResponse | Promise<FakeResponse>): Promise<{ server: RunningFakeServer; requests: string[] }> {
    const requests: string[] = [];
    const server = await startFakeHttpServer((req) => {
      requests.push(req.url.pathname);
      return answer();
    });
    servers.push(server);
    return { server, requests };
  }

  async function pendingActivity(handle: WorkflowHandle, activityType: string) {
    const described = await handle.describe();
    return described.raw.pendingActivities?.find((a) => a.activityType?.name === activityType);
  }

  async function waitUntil(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const isStarted = async (handle: WorkflowHandle, activityType: string) => (await pendingActivity(handle, activityType))?.state === PendingActivityState.PENDING_ACTIVITY_STATE_STARTED;

  /** Starts a sync of a sandbox integration whose HR system answers `answer`; resolves once its listing is waiting on that system. */
  async function syncWaitingOnHr(running: RunningWorker, answer: () => FakeResponse | Promise<FakeResponse>) {
    const hr = await fakeHr(answer);
    const integration = await sandboxIntegration(hr.server);
    const syncRunId = await startSyncWorkflow(client, running.taskQueue, integration, 'MANUAL');
    const handle = client.workflow.getHandle(integrationSyncWorkflowId(integration.id, syncRunId));
    handles.push(handle);
    await waitUntil('the listing asked the HR system', async () => hr.requests.length > 0 && (await isStarted(handle, 'syncEmployees')));
    return { handle, hr };
  }

  async function expectAttemptFailedByShutdown(handle: WorkflowHandle, activityType: string): Promise<void> {
    const activity = await pendingActivity(handle, activityType);
    expect(activity).toBeDefined();
    // The attempt ended (the next one is scheduled for another worker), reported as failed by the shutdown.
    expect(activity!.state).not.toBe(PendingActivityState.PENDING_ACTIVITY_STATE_STARTED);
    expect(activity!.attempt).toBe(2);
    expect(activity!.lastFailure?.message).toMatch(WORKER_SHUTDOWN_FAILURE);
  }

  it("aborts the HTTP layer's wait for a throttled vendor's Retry-After when the activity is cancelled", async () => {
    const hr = await fakeHr(() => ({ status: 429, headers: { 'retry-after': '3600' }, body: { message: 'slow down' } }));
    const controller = new AbortController();
    const reason = new CancelledFailure('WORKER_SHUTDOWN');
    const request = requestJson(`${hr.server.url}/api/employees`, { hrSystemName: 'Sandbox HR' }, { ...LONG_RETRY_WAITS, signal: controller.signal });
    await waitUntil('the request was answered', () => hr.requests.length === 1);
    await new Promise((r) => setTimeout(r, 100));
    controller.abort(reason);
    await expect(request).rejects.toBe(reason);
    expect(hr.requests).toHaveLength(1);
  });

  it('stops within the grace time while a sync listing waits out a Retry-After of an hour, recording the attempt as failed by the shutdown', async () => {
    const running = await startWorker({ connectorContext: LONG_RETRY_WAITS }); // real retry waits
    const { handle, hr } = await syncWaitingOnHr(running, () => ({ status: 429, headers: { 'retry-after': '3600' }, body: { message: 'slow down' } }));
    const stopped = await running.stop();
    expect(stopped.resolved).toBe(true);
    expect(stopped.ms).toBeLessThan(SHUTDOWN.graceTimeMs + SLACK_MS);
    expect(running.worker.getStates()).toEqual(['STOPPED', 'STOPPED']);
    await expectAttemptFailedByShutdown(handle, 'syncEmployees');
    expect(hr.requests).toEqual(['/api/employees']); // cancelled, not retried
  });

  it('stops within the grace time while a sync listing waits for an HR system that never answers', async () => {
    const running = await startWorker();
    const { handle } = await syncWaitingOnHr(running, () => new Promise<FakeResponse>(() => undefined));
    const stopped = await running.stop();
    expect(stopped.resolved).toBe(true);
    expect(stopped.ms).toBeLessThan(SHUTDOWN.graceTimeMs + SLACK_MS);
    await expectAttemptFailedByShutdown(handle, 'syncEmployees');
  });

  it('stops within the grace time while the leaving handoff waits for a lifecycle no worker takes (its own tasks, once it stops polling)', async () => {
    const running = await startWorker();
    const seeded = await seedEmployee(database.db, await seedCompany(database.db));
    await database.db.employee.update({
      where: { id: seeded.employeeId },
      data: { status: 'LEAVING_PLANNED', lastWorkingMonth: '2027-03', benefitsEndAt: new Date('2027-03-31T22:00:00Z'), leavingHandoffPending: true, leavingHandoffVersion: 2 },
    });
    // The employee's lifecycle runs, but its workflow tasks reach no worker: the handoff's Update waits,
    // as it does when the lifecycle's tasks are due on the very worker that is shutting down.
    handles.push(
      await client.workflow.start('leavingLifecycleWorkflow', {
        taskQueue: `${running.taskQueue}-nobody`,
        workflowId: leavingWorkflowId(seeded.employeeId),
        args: [{ employeeId: seeded.employeeId, companyId: seeded.companyId, integrationId: seeded.integrationId, benefitsEndAt: null, lastWorkingMonth: null }],
      }),
    );
    await requestLeavingHandoff({ client, taskQueue: running.taskQueue }, seeded.companyId);
    const handoff = client.workflow.getHandle(leavingHandoffWorkflowId(seeded.companyId));
    handles.push(handoff);
    await waitUntil('the handoff activity runs', () => isStarted(handoff, 'handOffPendingLeavers'));

    const stopped = await running.stop();
    expect(stopped.resolved).toBe(true);
    expect(stopped.ms).toBeLessThan(SHUTDOWN.graceTimeMs + SLACK_MS);
    await expectAttemptFailedByShutdown(handoff, 'handOffPendingLeavers');
    // Not handed over, so still pending for the next attempt.
    expect(await database.db.employee.findUniqueOrThrow({ where: { id: seeded.employeeId } })).toMatchObject({ leavingHandoffPending: true });
  });

  it('reports and stops both of its workers: one stopping stops the other, and run() settles', async () => {
    const running = await startWorker();
    expect(running.worker.getStates()).toEqual(['RUNNING', 'RUNNING']);
    expect(running.worker.getState()).toBe('RUNNING');

    const [, listings] = running.worker.workers;
    listings!.shutdown(); // as if the listing worker had stopped on its own
    expect(running.worker.getState()).toBe('STOPPING'); // no longer all running
    const settled = await Promise.race([running.outcome, new Promise<null>((r) => setTimeout(() => r(null), SHUTDOWN.graceTimeMs + SLACK_MS))]);
    expect(settled).toMatchObject({ resolved: true });
    expect(running.worker.getStates()).toEqual(['STOPPED', 'STOPPED']);
    expect(running.worker.getState()).toBe('STOPPED');
    expect(() => running.worker.shutdown()).not.toThrow(); // again, after the stop
  });

  it('stops by the force time even when an activity ignores its cancellation', async () => {
    const times: ShutdownTimes = { graceTimeMs: 500, forceTimeMs: 3_000 };
    // A retry wait that never ends and never looks at the signal.
    const running = await startWorker({ connectorContext: { ...LONG_RETRY_WAITS, sleep: () => new Promise<void>(() => undefined) }, shutdown: times });
    await syncWaitingOnHr(running, () => ({ status: 429, body: { message: 'slow down' } }));
    const stopped = await running.stop();
    expect(stopped.resolved).toBe(false);
    expect(stopped.error).toBeInstanceOf(WorkerShutdownForcedError);
    expect(stopped.ms).toBeGreaterThanOrEqual(times.forceTimeMs - 100);
    expect(stopped.ms).toBeLessThan(times.forceTimeMs + SLACK_MS);
  });
});
