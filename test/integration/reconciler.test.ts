// A real workflow + activity round trip on the dev server: the reconciler repairs Schedule drift.
import { integrationSyncScheduleId } from '../../workflows/ids';
import { upsertIntegrationSchedule } from '../../infra/temporal-schedules';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestTemporal, type TestTemporal } from '../support/temporal';

describe('reconcileSchedulesWorkflow', () => {
  let database: TestDatabase;
  let temporal: TestTemporal;
  beforeAll(async () => {
    database = await createTestDatabase();
    temporal = await startTestTemporal(database.db);
  });
  afterAll(async () => {
    await temporal.stop();
    await database.drop();
  });

  async function scheduleExists(integrationId: string): Promise<boolean> {
    try {
      await temporal.client.schedule.getHandle(integrationSyncScheduleId(integrationId)).describe();
      return true;
    } catch {
      return false;
    }
  }

  it('creates the missing Schedule of an active integration and removes the one of a disconnected integration', async () => {
    const company = await database.db.company.create({ data: { name: 'Acme', apiKeyHash: 'h-acme' } });
    const other = await database.db.company.create({ data: { name: 'Other', apiKeyHash: 'h-other' } });
    const active = await database.db.integration.create({ data: { companyId: company.id, hrSystem: 'sandbox', status: 'ACTIVE', selectedFields: [] } });
    const gone = await database.db.integration.create({ data: { companyId: other.id, hrSystem: 'sandbox', status: 'DISCONNECTED', selectedFields: [] } });
    await upsertIntegrationSchedule(temporal.client, temporal.taskQueue, { ...gone, syncIntervalMinutes: 240 });
    expect(await scheduleExists(active.id)).toBe(false);

    const result = await temporal.client.workflow.execute('reconcileSchedulesWorkflow', { taskQueue: temporal.taskQueue, workflowId: `reconcile-${active.id}`, args: [] });

    expect(result).toMatchObject({ created: 1, removed: 1 });
    expect(await scheduleExists(active.id)).toBe(true);
    expect(await scheduleExists(gone.id)).toBe(false);
    const described = await temporal.client.schedule.getHandle(integrationSyncScheduleId(active.id)).describe();
    expect(described.policies.catchupWindow).toBeLessThanOrEqual(4 * 3600 * 1000);
    await temporal.client.schedule.getHandle(integrationSyncScheduleId(active.id)).delete();
  });
});
