// HiBob pushes through a webhook only an admin can add (Bob has no webhooks API): the integration shows
// the admin the address to paste into Bob's Webhooks page, the admin enters the secret token Bob shows,
// and from the first delivery signed with it a change in Bob reaches the employee row within seconds.
// Without the token HiBob simply polls; after a disconnect Bob's deliveries get 410.
import crypto from 'node:crypto';
import { FAKE_HIBOB_SERVICE_USER, FAKE_HIBOB_TOKEN, startFakeHiBob, type RunningFakeHiBob } from '../../connectors/hibob/fake-server';
import { HIBOB_PUSH_EVENTS, bobSignature } from '../../connectors/hibob/push';
import { integrationSubscriptionWorkflowId } from '../../contracts/integration-subscription';
import { integrationSyncScheduleId } from '../../contracts/integration-sync';
import { SubscriptionStateKey } from '../../contracts/search-attributes';
import { PUSH_RELAXED_INTERVAL_MINUTES } from '../../infra/temporal-schedules';
import { bearer, createCompany } from '../support/api';
import { eventually, settledSyncRuns, startPushProduct, subscriptionWithStatus, type PushProduct } from '../support/push-harness';
import { allHistoriesText, waitForSyncRun } from '../support/sync-helpers';

describe('HiBob pushes its changes through the webhook an admin adds in Bob', () => {
  let product: PushProduct;
  let bob: RunningFakeHiBob;
  let company: { id: string; apiKey: string };
  let integrationId: string;
  let callbackUrl: string;
  const auth = () => bearer(company.apiKey);
  const db = () => product.database.db;
  const serviceUser = () => ({ serviceUserId: FAKE_HIBOB_SERVICE_USER, token: FAKE_HIBOB_TOKEN, baseUrl: bob.url });
  const view = async () => (await product.app.inject({ method: 'GET', url: `/v1/integrations/${integrationId}`, headers: auth() })).json();
  const webhookOfUs = () => bob.state.webhooks.list().find((w) => w.url === callbackUrl)!;
  const syncedEmployee = async () => (await db().employee.findFirst({ where: { integrationId }, orderBy: { remoteId: 'asc' } }))!;
  const bobEvent = (employeeId: string) => JSON.stringify({ companyId: bob.state.webhooks.companyId, type: 'employee.updated', triggeredBy: 'system', triggeredAt: new Date().toISOString().slice(0, 23), version: 'v2', data: { employeeId } });
  const deliver = (body: string, signature?: string) =>
    fetch(callbackUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'bob-signature': signature } : {}) }, body });

  beforeAll(async () => {
    product = await startPushProduct();
    bob = await startFakeHiBob({ employees: 25 });
    company = await createCompany(product.app, 'Bob Webhook GmbH');
  });
  afterAll(async () => {
    await product?.stop();
    await bob?.close();
  });

  it('activated without the webhook token, HiBob polls: no error, and the integration shows the address to paste into Bob', async () => {
    const created = await product.app.inject({ method: 'POST', url: '/v1/integrations', headers: auth(), payload: { hrSystem: 'hibob' } });
    integrationId = created.json().id;
    expect(created.json().push).toMatchObject({ status: 'NOT_SUBSCRIBED', createdBy: 'admin', callbackUrl: null });
    expect((await product.app.inject({ method: 'PUT', url: `/v1/integrations/${integrationId}/credentials`, headers: auth(), payload: serviceUser() })).statusCode).toBe(200);
    const activated = await product.app.inject({ method: 'POST', url: `/v1/integrations/${integrationId}/activate`, headers: auth() });
    expect(activated.statusCode).toBe(202);
    expect((await waitForSyncRun(db(), activated.json().syncRunId)).status).toBe('SUCCEEDED');

    callbackUrl = await eventually('the webhook address shown to the admin', async () => (await view()).push.callbackUrl as string | null);
    expect(callbackUrl).toMatch(new RegExp(`^${product.publicUrl}/hooks/rcv_[A-Za-z0-9_-]{43}$`));
    const shown = await view();
    expect(shown.status).toBe('ACTIVE');
    expect(shown.push).toMatchObject({ status: 'PENDING', lastError: null, lastNotificationAt: null, events: expect.arrayContaining(['employee.updated']) });
    const handle = product.temporal.client.workflow.getHandle(integrationSubscriptionWorkflowId(integrationId));
    await eventually('the workflow waiting for the admin', async () => (await handle.describe()).typedSearchAttributes.get(SubscriptionStateKey) === 'AWAITING_ADMIN');
    expect((await handle.describe()).status.name).toBe('RUNNING');
  });

  it('the admin adds the webhook in Bob with that address and enters its token; the first signed delivery makes push ACTIVE', async () => {
    // Bob pings the address when the webhook is added and establishes it only if answered 200.
    const webhook = await bob.state.webhooks.addInBobUi({ url: callbackUrl, events: HIBOB_PUSH_EVENTS, description: 'Benefits' });
    expect(webhook.active).toBe(true);
    const entered = await product.app.inject({ method: 'PUT', url: `/v1/integrations/${integrationId}/credentials`, headers: auth(), payload: { ...serviceUser(), webhookToken: webhook.token } });
    expect(entered.statusCode).toBe(200);
    expect(entered.body).not.toContain(webhook.token);
    const taken = await eventually('the token taken', async () => {
      const row = await db().pushSubscription.findUnique({ where: { integrationId } });
      return row?.vendorSubscriptionId ? row : null;
    });
    // Taken, not yet proven: the schedule stays at the admin's interval until Bob's first signed delivery.
    expect(taken.status).toBe('PENDING');
    expect(taken.secretsCipher).not.toContain(webhook.token);

    const employee = await syncedEmployee();
    const started = Date.now();
    bob.state.editEmployee(employee.remoteId, { 'root.surname': 'Webhookmann' });
    await bob.state.webhooks.settled();
    await eventually('the employee row updated', async () => (await db().employee.findUniqueOrThrow({ where: { id: employee.id } })).lastName === 'Webhookmann', 30_000);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(bob.state.webhooks.deliveries.filter((d) => d.webhookId === webhook.id).map((d) => d.status)).toEqual([202]);

    await subscriptionWithStatus(db(), integrationId, 'ACTIVE');
    const shown = (await view()).push;
    expect(shown).toMatchObject({ status: 'ACTIVE', callbackUrl, notificationsRejected: 0 });
    expect(shown.lastNotificationAt).not.toBeNull();
    const handle = product.temporal.client.workflow.getHandle(integrationSubscriptionWorkflowId(integrationId));
    await eventually('the ACTIVE search attribute', async () => (await handle.describe()).typedSearchAttributes.get(SubscriptionStateKey) === 'ACTIVE');
    await eventually('the relaxed schedule', async () => {
      const s = await product.temporal.client.schedule.getHandle(integrationSyncScheduleId(integrationId)).describe();
      return s.spec.intervals?.[0]?.every === PUSH_RELAXED_INTERVAL_MINUTES * 60_000;
    });
    // Neither the token nor the change's content is in any history of the integration.
    await settledSyncRuns(db(), integrationId);
    const histories = await allHistoriesText(product.temporal.client, `IntegrationId = '${integrationId}'`);
    expect(histories).not.toContain(webhook.token);
    expect(histories).not.toContain('Webhookmann');
  });

  it('refuses a forged delivery (signed with another token, or unsigned) with 401 and syncs nothing', async () => {
    await settledSyncRuns(db(), integrationId);
    const before = await db().syncRun.count({ where: { integrationId } });
    const body = bobEvent((await syncedEmployee()).remoteId);
    const forged = await deliver(body, bobSignature(body, crypto.randomBytes(24).toString('base64url')));
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ error: 'notification_rejected' });
    expect((await deliver(body)).status).toBe(401);
    // The genuine signature still passes, so the 401s were the forgery's.
    expect((await deliver(body, bobSignature(body, webhookOfUs().token))).status).toBe(202);
    await eventually('the rejections counted', async () => (await view()).push.notificationsRejected === 2);
    const runs = await settledSyncRuns(db(), integrationId);
    expect(runs.length).toBeLessThanOrEqual(before + 1);
  });

  it('after disconnect the webhook stays in Bob (only the admin can remove it) and its deliveries get 410', async () => {
    await settledSyncRuns(db(), integrationId);
    const disconnected = await product.app.inject({ method: 'DELETE', url: `/v1/integrations/${integrationId}`, headers: auth() });
    expect(disconnected.statusCode).toBe(200);
    expect(disconnected.json().push).toMatchObject({ status: 'DELETED', callbackUrl: null });
    expect(webhookOfUs().active).toBe(true);
    const deliveredBefore = bob.state.webhooks.deliveries.length;
    bob.state.editEmployee((await syncedEmployee()).remoteId, { 'root.surname': 'Nachher' });
    await bob.state.webhooks.settled();
    expect(bob.state.webhooks.deliveries.slice(deliveredBefore).map((d) => d.status)).toEqual([410]);
    const handle = product.temporal.client.workflow.getHandle(integrationSubscriptionWorkflowId(integrationId));
    await eventually('the subscription workflow to end', async () => (await handle.describe()).status.name === 'COMPLETED');
  });
});
