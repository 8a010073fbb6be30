// Records the histories the replay test checks every change against. Runs only on request:
//   RECORD_HISTORIES=1 npx jest test/integration/record-histories.test.ts
// then commit test/replay-histories/*.json. Re-record only for a deliberate, patched() change.
import { currentMonth } from '../../domain/leaving-dates';
import { pendingLeavingHandoffOnCreate } from '../../activities/leaving-handoff';
import { handOverRecordedPlan, planOrRescheduleLeaving, requestLeavingHandoff, terminateLeavingNow, withdrawLeavingIfRunning } from '../../infra/leaving-lifecycle-client';
import { leavingHandoffWorkflowId } from '../../contracts/leaving-handoff';
import { leavingWorkflowId } from '../../contracts/leaving-lifecycle';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedCompany, seedEmployee } from '../support/lifecycle-fixtures';
import { recordHistory } from '../support/replay-histories';
import { startTestTemporal, type TestTemporal } from '../support/temporal';
import { integrationSubscriptionWorkflowId } from '../../contracts/integration-subscription';
import { deleteSubscriptionThroughWorkflow, ensureSubscriptionWorkflow } from '../../infra/subscription-workflows';
import { deleteIntegrationSchedule } from '../../infra/temporal-schedules';
import { layOverSandbox, TestPushVendor } from '../support/test-push-vendor';

const describeWhenRecording = process.env.RECORD_HISTORIES === '1' ? describe : describe.skip;
const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

describeWhenRecording('record workflow histories for the replay test', () => {
  let database: TestDatabase;
  let temporal: TestTemporal;
  beforeAll(async () => {
    database = await createTestDatabase();
    // An address for push subscriptions (the test vendor of integrationSubscriptionWorkflow never calls it).
    temporal = await startTestTemporal(database.db, { publicUrl: 'http://127.0.0.1:9' });
  });
  afterAll(async () => {
    await temporal?.stop();
    await database?.drop();
  });

  const target = () => ({ client: temporal.client, taskQueue: temporal.taskQueue });
  const month = () => currentMonth(new Date(), 'Europe/Berlin');
  async function employee(benefits?: ('MONTHLY_VOUCHER' | 'INTERNET_ALLOWANCE')[]) {
    return seedEmployee(database.db, await seedCompany(database.db), benefits ? { benefits } : {});
  }

  it('leavingLifecycleWorkflow: planned, retried, moved, left at the deadline', async () => {
    const e = await employee();
    await planOrRescheduleLeaving(target(), e, { benefitsEndAt: inMs(60_000), lastWorkingMonth: month() });
    await planOrRescheduleLeaving(target(), e, { benefitsEndAt: inMs(60_000), lastWorkingMonth: month() }).catch(() => undefined);
    await planOrRescheduleLeaving(target(), e, { benefitsEndAt: inMs(2500), lastWorkingMonth: month() });
    await temporal.client.workflow.getHandle(leavingWorkflowId(e.employeeId)).result();
    await recordHistory(temporal.client, 'leavingLifecycleWorkflow--left', leavingWorkflowId(e.employeeId));
  });

  it('leavingLifecycleWorkflow: still waiting on its timer (a running lifecycle)', async () => {
    const e = await employee();
    await planOrRescheduleLeaving(target(), e, { benefitsEndAt: inMs(30 * 86_400_000), lastWorkingMonth: month() });
    await recordHistory(temporal.client, 'leavingLifecycleWorkflow--waiting', leavingWorkflowId(e.employeeId));
    await temporal.client.workflow.getHandle(leavingWorkflowId(e.employeeId)).terminate('recorded');
  });

  it('leavingLifecycleWorkflow: withdrawn', async () => {
    const e = await employee();
    await planOrRescheduleLeaving(target(), e, { benefitsEndAt: inMs(86_400_000), lastWorkingMonth: month() });
    await withdrawLeavingIfRunning(temporal.client, e.employeeId);
    await temporal.client.workflow.getHandle(leavingWorkflowId(e.employeeId)).result();
    await recordHistory(temporal.client, 'leavingLifecycleWorkflow--withdrawn', leavingWorkflowId(e.employeeId));
  });

  it('leavingLifecycleWorkflow: terminated now while planned', async () => {
    const e = await employee();
    await planOrRescheduleLeaving(target(), e, { benefitsEndAt: inMs(86_400_000), lastWorkingMonth: month() });
    await terminateLeavingNow(target(), e);
    await temporal.client.workflow.getHandle(leavingWorkflowId(e.employeeId)).result();
    await recordHistory(temporal.client, 'leavingLifecycleWorkflow--terminated-now', leavingWorkflowId(e.employeeId));
  });

  it('leavingLifecycleWorkflow: terminate-now refused (started without a plan)', async () => {
    const e = await employee(['MONTHLY_VOUCHER']);
    await database.db.voucher.create({ data: { companyId: e.companyId, employeeId: e.employeeId, benefitId: e.benefitIds[0]!, month: month(), amountCents: 5000 } });
    await terminateLeavingNow(target(), e);
    await temporal.client.workflow.getHandle(leavingWorkflowId(e.employeeId)).result();
    await recordHistory(temporal.client, 'leavingLifecycleWorkflow--terminate-refused', leavingWorkflowId(e.employeeId));
  });

  it('leavingLifecycleWorkflow: continued as new, then left', async () => {
    const e = await employee();
    await planOrRescheduleLeaving(target(), e, { benefitsEndAt: inMs(3_600_000), lastWorkingMonth: month() });
    const handle = temporal.client.workflow.getHandle(leavingWorkflowId(e.employeeId));
    const { runId: firstRunId } = await handle.describe();
    for (let i = 1; i <= 12; i++) await planOrRescheduleLeaving(target(), e, { benefitsEndAt: inMs(3_600_000 + i * 1000), lastWorkingMonth: month() });
    await planOrRescheduleLeaving(target(), e, { benefitsEndAt: inMs(2500), lastWorkingMonth: month() });
    await handle.result();
    await recordHistory(temporal.client, 'leavingLifecycleWorkflow--continued-as-new', leavingWorkflowId(e.employeeId), firstRunId);
    await recordHistory(temporal.client, 'leavingLifecycleWorkflow--after-continue-as-new', leavingWorkflowId(e.employeeId), (await handle.describe()).runId);
  });

  it('leavingLifecycleWorkflow: handed off by a sync (recorded plan), moved by the next one, left', async () => {
    const e = await employee();
    await handOverRecordedPlan(target(), e, { benefitsEndAt: inMs(60_000), lastWorkingMonth: month() });
    await handOverRecordedPlan(target(), e, { benefitsEndAt: inMs(3000), lastWorkingMonth: month() });
    await temporal.client.workflow.getHandle(leavingWorkflowId(e.employeeId)).result();
    await recordHistory(temporal.client, 'leavingLifecycleWorkflow--handed-off', leavingWorkflowId(e.employeeId));
  });

  it('leavingHandoffWorkflow: drains the pending leavers of a company', async () => {
    const company = await seedCompany(database.db);
    const employees = await Promise.all([1, 2, 3].map(() => seedEmployee(database.db, company)));
    const benefitsEndAt = new Date(Date.now() + 30 * 86_400_000);
    for (const e of employees) {
      await database.db.employee.update({ where: { id: e.employeeId }, data: { status: 'LEAVING_PLANNED', lastWorkingMonth: month(), benefitsEndAt, ...pendingLeavingHandoffOnCreate } });
    }
    await requestLeavingHandoff(target(), company.companyId);
    await temporal.client.workflow.getHandle(leavingHandoffWorkflowId(company.companyId)).result();
    await recordHistory(temporal.client, 'leavingHandoffWorkflow--drained', leavingHandoffWorkflowId(company.companyId));
    for (const e of employees) await temporal.client.workflow.getHandle(leavingWorkflowId(e.employeeId)).terminate('recorded');
  });

  it('integrationSubscriptionWorkflow: subscribed, renewed, re-created after a lapse, continued as new, deleted', async () => {
    const vendor = new TestPushVendor(6_000);
    const undo = layOverSandbox(vendor, 4_000);
    try {
      const { companyId, integrationId } = await seedCompany(database.db);
      await database.db.integration.update({ where: { id: integrationId }, data: { credentialsCipher: temporal.cipher.encrypt({ apiKey: 'sandbox-demo-key' }, integrationId) } });
      const integration = { id: integrationId, companyId, hrSystem: 'sandbox' };
      await ensureSubscriptionWorkflow(temporal.client, temporal.taskQueue, integration);
      const handle = temporal.client.workflow.getHandle(integrationSubscriptionWorkflowId(integrationId));
      const firstRunId = (await handle.describe()).runId;
      const until = async (what: string, probe: () => boolean) => {
        for (let waited = 0; !probe(); waited += 200) {
          if (waited > 60_000) throw new Error(`timed out waiting for ${what}`);
          await new Promise((r) => setTimeout(r, 200));
        }
      };
      await until('two renewals', () => vendor.calls.renew >= 2);
      const lapsed = vendor.live()[0]!.id;
      vendor.held.delete(lapsed);
      await until('a new subscription', () => vendor.live().some((l) => l.id !== lapsed));
      await until('a continue-as-new', () => vendor.calls.renew >= 6);
      await deleteSubscriptionThroughWorkflow(temporal.client, temporal.taskQueue, integration, { untilAccepted: (call) => call() }, 30_000);
      await handle.result();
      await recordHistory(temporal.client, 'integrationSubscriptionWorkflow--renewed-recreated', integrationSubscriptionWorkflowId(integrationId), firstRunId);
      await recordHistory(temporal.client, 'integrationSubscriptionWorkflow--deleted', integrationSubscriptionWorkflowId(integrationId), (await handle.describe()).runId);
      await deleteIntegrationSchedule(temporal.client, integrationId);
    } finally {
      undo();
    }
  });

  it('reconcileSchedulesWorkflow', async () => {
    const workflowId = 'record-reconciler';
    await temporal.client.workflow.execute('reconcileSchedulesWorkflow', { taskQueue: temporal.taskQueue, workflowId, args: [] });
    await recordHistory(temporal.client, 'reconcileSchedulesWorkflow--no-drift', workflowId);
  });
});
