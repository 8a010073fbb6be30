// Durability of the leaving lifecycle on real dev servers: continue-as-new carries the absolute
// deadline, and a Temporal server restart (persistent SQLite file) while the timer is pending still
// deactivates the benefits exactly once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { currentMonth } from '../../domain/leaving-dates';
import { planOrRescheduleLeaving } from '../../infra/leaving-lifecycle-client';
import { freePort } from '../../infra/ports';
import { startTemporalDevServer, type RunningDevServer } from '../../infra/temporal-dev-server';
import { leavingWorkflowId } from '../../contracts/leaving-lifecycle';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createLifecycleWorker, seedCompany, seedEmployee } from '../support/lifecycle-fixtures';
import { stopWorker } from '../support/lifecycle-harness';
import { startTestTemporal, type TestTemporal } from '../support/temporal';
import { readTestEnv } from '../support/test-env';

const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

async function eventCounts(client: Client, workflowId: string, runId?: string) {
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  const events = history.events ?? [];
  return {
    timersFired: events.filter((e) => e.timerFiredEventAttributes).length,
    completeLeavingScheduled: events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'completeLeaving').length,
  };
}

describe('leaving lifecycle durability (dev server)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  describe('continue-as-new', () => {
    let temporal: TestTemporal;
    beforeAll(async () => {
      temporal = await startTestTemporal(database.db);
    });
    afterAll(async () => {
      await temporal?.stop();
    });

    it('continues as new when Temporal suggests it, carrying the absolute deadline, and still ends benefits once', async () => {
      const company = await seedCompany(database.db);
      const e = await seedEmployee(database.db, company);
      const target = { client: temporal.client, taskQueue: temporal.taskQueue };
      const month = currentMonth(new Date(), 'Europe/Berlin');
      const handle = temporal.client.workflow.getHandle(leavingWorkflowId(e.employeeId));
      const first = await planOrRescheduleLeaving(target, e, { benefitsEndAt: inMs(3_600_000), lastWorkingMonth: month });
      expect(first.startedWorkflow).toBe(true);
      const { runId: firstRunId } = await handle.describe();

      // The shared dev server suggests continue-as-new after 60 events: a dozen reschedules pass that.
      for (let i = 1; i <= 12; i++) await planOrRescheduleLeaving(target, e, { benefitsEndAt: inMs(3_600_000 + i * 1000), lastWorkingMonth: month });
      const deadline = inMs(3000);
      await planOrRescheduleLeaving(target, e, { benefitsEndAt: deadline, lastWorkingMonth: month });

      expect(await handle.result()).toEqual({ state: 'LEFT', deactivatedBenefits: 2 });
      const latest = await handle.describe();
      expect(latest.runId).not.toBe(firstRunId);
      expect((await temporal.client.workflow.getHandle(leavingWorkflowId(e.employeeId), firstRunId).describe()).status.name).toBe('CONTINUED_AS_NEW');
      const row = await database.db.employee.findUniqueOrThrow({ where: { id: e.employeeId }, include: { benefits: true } });
      expect(row.status).toBe('LEFT');
      expect(row.leftAt?.toISOString()).toBe(deadline);
      expect(row.benefits.map((b) => b.endedAt?.toISOString())).toEqual([deadline, deadline]);
      expect(await eventCounts(temporal.client, leavingWorkflowId(e.employeeId), latest.runId)).toMatchObject({ completeLeavingScheduled: 1 });
    });
  });

  describe('Temporal server restart', () => {
    let server: RunningDevServer | undefined;
    let dataDir: string;
    beforeAll(() => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifecycle-restart-'));
    });
    afterAll(async () => {
      await server?.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    async function startServer(port: number) {
      return startTemporalDevServer({ cliPath: readTestEnv().temporalCliPath, port, uiPort: null, dbFile: path.join(dataDir, 'temporal.db'), namespace: 'default' });
    }

    async function connect(address: string, db: TestDatabase['db'], taskQueue?: string) {
      const connection = await Connection.connect({ address });
      const client = new Client({ connection, namespace: 'default' });
      const nativeConnection = await NativeConnection.connect({ address });
      const { worker, taskQueue: queue } = await createLifecycleWorker({ connection: nativeConnection, client, db, taskQueue });
      const running = worker.run();
      return {
        client,
        taskQueue: queue,
        close: async () => {
          await stopWorker(worker, running);
          await nativeConnection.close();
          await connection.close();
        },
      };
    }

    it('fires a timer that was pending across a restart exactly once', async () => {
      const port = await freePort();
      server = await startServer(port);
      const company = await seedCompany(database.db);
      const e = await seedEmployee(database.db, company);

      const before = await connect(server.address, database.db);
      const deadline = inMs(6000);
      await planOrRescheduleLeaving({ client: before.client, taskQueue: before.taskQueue }, e, { benefitsEndAt: deadline, lastWorkingMonth: currentMonth(new Date(), 'Europe/Berlin') });
      expect((await database.db.employee.findUniqueOrThrow({ where: { id: e.employeeId } })).status).toBe('LEAVING_PLANNED');
      await before.close();
      await server.stop();

      // The deadline passes while the server is down.
      await new Promise((r) => setTimeout(r, Date.parse(deadline) - Date.now() + 500));
      expect((await database.db.employee.findUniqueOrThrow({ where: { id: e.employeeId } })).status).toBe('LEAVING_PLANNED');

      server = await startServer(port);
      const after = await connect(server.address, database.db, before.taskQueue);
      try {
        const handle = after.client.workflow.getHandle(leavingWorkflowId(e.employeeId));
        expect(await handle.result()).toEqual({ state: 'LEFT', deactivatedBenefits: 2 });
        expect(await eventCounts(after.client, leavingWorkflowId(e.employeeId))).toEqual({ timersFired: 1, completeLeavingScheduled: 1 });
        const row = await database.db.employee.findUniqueOrThrow({ where: { id: e.employeeId }, include: { benefits: true } });
        expect(row.status).toBe('LEFT');
        expect(row.leftAt?.toISOString()).toBe(deadline);
        expect(row.benefits.map((b) => [b.status, b.endedAt?.toISOString()])).toEqual([
          ['DEACTIVATED', deadline],
          ['DEACTIVATED', deadline],
        ]);
      } finally {
        await after.close();
      }
    });
  });
});
