// The subscription workflow with subscriptions that expire within seconds (a test-only vendor over the
// sandbox, test/support/test-push-vendor.ts): renewed on a durable timer before expiry, re-created when
// the vendor let one lapse (PushSubscriptionGoneError on renewal), across continue-as-new; a
// notification signed with the current secret syncs, and the deletion on disconnect.
import { SANDBOX_DEMO_API_KEY } from '../../connectors/sandbox/api-types';
import { startSandboxHrServer, type RunningSandboxHrServer } from '../../connectors/sandbox/fake-server';
import { integrationSubscriptionWorkflowId } from '../../contracts/integration-subscription';
import { integrationSyncScheduleId } from '../../contracts/integration-sync';
import { SubscriptionStateKey } from '../../contracts/search-attributes';
import { PUSH_RELAXED_INTERVAL_MINUTES } from '../../infra/temporal-schedules';
import { bearer, createCompany } from '../support/api';
import { eventually, settledSyncRuns, startPushProduct, subscriptionWithStatus, type PushProduct } from '../support/push-harness';
import { waitForSyncRun } from '../support/sync-helpers';
import { layOverSandbox, TestPushVendor } from '../support/test-push-vendor';

const LIFETIME_MS = 8_000;
const RENEW_BEFORE_MS = 5_000;

describe('a subscription that expires: renewed before expiry, re-created when it lapsed', () => {
  let product: PushProduct;
  let hr: RunningSandboxHrServer;
  let undo: () => void;
  const vendor = new TestPushVendor(LIFETIME_MS);
  let integrationId: string;
  let apiKey: string;
  const db = () => product.database.db;

  beforeAll(async () => {
    undo = layOverSandbox(vendor, RENEW_BEFORE_MS);
    product = await startPushProduct();
    hr = await startSandboxHrServer({ employeeCount: 20 });
    apiKey = (await createCompany(product.app, 'Kurzlebig AG')).apiKey;
    const created = await product.app.inject({ method: 'POST', url: '/v1/integrations', headers: bearer(apiKey), payload: { hrSystem: 'sandbox' } });
    integrationId = created.json().id;
    await product.app.inject({ method: 'PUT', url: `/v1/integrations/${integrationId}/credentials`, headers: bearer(apiKey), payload: { apiKey: SANDBOX_DEMO_API_KEY, baseUrl: hr.url } });
    const activated = await product.app.inject({ method: 'POST', url: `/v1/integrations/${integrationId}/activate`, headers: bearer(apiKey) });
    expect(activated.statusCode).toBe(202);
    await waitForSyncRun(db(), activated.json().syncRunId);
  });
  afterAll(async () => {
    await product?.stop();
    await hr?.close();
    undo?.();
  });

  it('renews the subscription before each expiry, keeping one live subscription and its id', async () => {
    const first = await subscriptionWithStatus(db(), integrationId, 'ACTIVE');
    expect(first.expiresAt!.getTime()).toBeGreaterThan(Date.now());
    // Renewals until well past the first expiry.
    const renewed = await eventually('renewals past the first expiry', async () => {
      const row = await db().pushSubscription.findUniqueOrThrow({ where: { integrationId } });
      return vendor.calls.renew >= 2 && row.renewedAt && Date.now() > first.expiresAt!.getTime() + 2_000 ? row : null;
    }, 60_000, 250);
    expect(renewed.vendorSubscriptionId).toBe(first.vendorSubscriptionId);
    expect(renewed.expiresAt!.getTime()).toBeGreaterThan(first.expiresAt!.getTime());
    expect(vendor.live().map((s) => s.id)).toEqual([first.vendorSubscriptionId]);
    expect(vendor.calls.subscribe).toBe(1);
    // The workflow (continued as new along the way where the history grew) still runs.
    const described = await product.temporal.client.workflow.getHandle(integrationSubscriptionWorkflowId(integrationId)).describe();
    expect(described.status.name).toBe('RUNNING');
  });

  it('a change notified with the current secret syncs; the view shows the expiry', async () => {
    const before = await db().syncRun.count({ where: { integrationId, trigger: 'PUSH' } });
    expect(await vendor.notifyChange()).toEqual([202]);
    await eventually('a PUSH sync', async () => (await db().syncRun.count({ where: { integrationId, trigger: 'PUSH', status: 'SUCCEEDED' } })) > before);
    const view = (await product.app.inject({ method: 'GET', url: `/v1/integrations/${integrationId}`, headers: bearer(apiKey) })).json();
    expect(view.push).toMatchObject({ status: 'ACTIVE', notificationsAccepted: 1 });
    expect(Date.parse(view.push.expiresAt)).toBeGreaterThan(Date.now());
  });

  it('re-creates a subscription the vendor let lapse (renewal answers gone)', async () => {
    const lapsed = vendor.live()[0]!;
    vendor.held.delete(lapsed.id);
    const recreated = await eventually('a new live subscription', async () => vendor.live().find((s) => s.id !== lapsed.id), 60_000, 250);
    const row = await subscriptionWithStatus(db(), integrationId, 'ACTIVE');
    expect(row.vendorSubscriptionId).toBe(recreated.id);
    expect(vendor.live()).toHaveLength(1);
    // The new subscription has a new secret: the product verifies against it.
    await settledSyncRuns(db(), integrationId);
    expect(await vendor.notifyChange()).toEqual([202]);
  });

  it('the reconciler starts the subscription workflow again when it is gone', async () => {
    const handle = product.temporal.client.workflow.getHandle(integrationSubscriptionWorkflowId(integrationId));
    const { runId } = await handle.describe();
    await handle.terminate('an operator ended it');
    await product.temporal.client.workflow.execute('reconcileSchedulesWorkflow', { taskQueue: product.temporal.taskQueue, workflowId: `reconcile-${integrationId}`, args: [] });
    const restarted = await product.temporal.client.workflow.getHandle(integrationSubscriptionWorkflowId(integrationId)).describe();
    expect(restarted.runId).not.toBe(runId);
    expect(restarted.status.name).toBe('RUNNING');
    // It found the vendor's subscription live and kept it (no second one).
    await eventually('the ACTIVE search attribute', async () => (await product.temporal.client.workflow.getHandle(integrationSubscriptionWorkflowId(integrationId)).describe()).typedSearchAttributes.get(SubscriptionStateKey) === 'ACTIVE');
    expect(vendor.live()).toHaveLength(1);
  });

  it('a subscription the vendor refuses shows DOWN with the reason, and the schedule is back at the admin’s interval', async () => {
    const schedule = product.temporal.client.schedule.getHandle(integrationSyncScheduleId(integrationId));
    expect((await schedule.describe()).spec.intervals?.[0]?.every).toBe(PUSH_RELAXED_INTERVAL_MINUTES * 60_000);
    vendor.refuseSubscriptions = 'Sandbox refuses new subscriptions today';
    vendor.held.clear();
    // First seen gone at the next renewal, then the re-creation is refused.
    const down = await eventually('the refusal recorded', async () => {
      const row = await db().pushSubscription.findUniqueOrThrow({ where: { integrationId } });
      return row.lastError?.includes('Sandbox refuses new subscriptions today') ? row : null;
    });
    expect(down.status).toBe('DOWN');
    await eventually('the schedule at 240 minutes', async () => (await schedule.describe()).spec.intervals?.[0]?.every === 240 * 60_000);
    const view = (await product.app.inject({ method: 'GET', url: `/v1/integrations/${integrationId}`, headers: bearer(apiKey) })).json();
    expect(view.push).toMatchObject({ status: 'DOWN', lastError: expect.stringContaining('refuses') });
    vendor.refuseSubscriptions = null;
  });

  it('disconnect deletes the subscription at the vendor', async () => {
    const res = await product.app.inject({ method: 'DELETE', url: `/v1/integrations/${integrationId}`, headers: bearer(apiKey) });
    expect(res.statusCode).toBe(200);
    expect(res.json().push.status).toBe('DELETED');
    expect(vendor.live()).toEqual([]);
    const ended = await product.temporal.client.workflow.getHandle(integrationSubscriptionWorkflowId(integrationId)).describe();
    expect(ended.status.name).toBe('COMPLETED');
  });
});
