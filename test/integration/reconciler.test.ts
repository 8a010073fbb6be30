// A real workflow + activity round trip on the dev server: the reconciler repairs Schedule drift and
// hands over leaving changes whose handoff was never requested.
import { integrationSyncScheduleId } from '../../contracts/integration-sync';
import { leavingWorkflowId } from '../../contracts/leaving-lifecycle';
import { pendingLeavingHandoffOnCreate } from '../../activities/leaving-handoff';
import { waitForLeavingHandoff } from '../support/sync-helpers';
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

  it('requests the handoff of leaving changes a sync wrote but never handed over (worker died in between)', async () => {
    const company = await database.db.company.create({ data: { name: 'Crashy', apiKeyHash: 'h-crashy' } });
    const integration = await database.db.integration.create({ data: { companyId: company.id, hrSystem: 'sandbox', status: 'DRAFT', selectedFields: [] } });
    const benefitsEndAt = new Date(Date.now() + 40 * 86_400_000);
    const leaver = await database.db.employee.create({
      data: { companyId: company.id, integrationId: integration.id, remoteId: 'r-1', status: 'LEAVING_PLANNED', lastWorkingMonth: '2099-01', benefitsEndAt, ...pendingLeavingHandoffOnCreate },
    });

    const result = await temporal.client.workflow.execute('reconcileSchedulesWorkflow', { taskQueue: temporal.taskQueue, workflowId: `reconcile-handoff-${company.id}`, args: [] });

    expect(result).toMatchObject({ handoffsRequested: 1 });
    expect(await waitForLeavingHandoff(database.db, temporal.client, company.id)).toMatchObject({ started: 1 });
    const lifecycle = temporal.client.workflow.getHandle(leavingWorkflowId(leaver.id));
    expect(await lifecycle.query('lifecycleState')).toEqual({ state: 'LEAVING_PLANNED', benefitsEndAt: benefitsEndAt.toISOString(), lastWorkingMonth: '2099-01' });
    await lifecycle.terminate('test cleanup');
  });
});
