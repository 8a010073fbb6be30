// Changes within a minute, end to end with Personio's webhooks: the real API listening on a port, the
// worker on the Temporal dev server, PostgreSQL, and the Personio fake posting its dataless events to
// /hooks/<receiverId> with the webhook's token, as Personio does.
import crypto from 'node:crypto';
import { FAKE_PERSONIO_CLIENT_ID, FAKE_PERSONIO_CLIENT_SECRET, startFakePersonio, type RunningFakePersonio } from '../../connectors/personio/fake-server';
import { integrationSubscriptionWorkflowId } from '../../contracts/integration-subscription';
import { integrationSyncScheduleId } from '../../contracts/integration-sync';
import { IntegrationIdKey, SubscriptionStateKey } from '../../contracts/search-attributes';
import { PUSH_RELAXED_INTERVAL_MINUTES } from '../../infra/temporal-schedules';
import { bearer, createCompany } from '../support/api';
import { eventually, settledSyncRuns, startPushProduct, subscriptionWithStatus, type PushProduct } from '../support/push-harness';
import { allHistoriesText, waitForSyncRun } from '../support/sync-helpers';

describe('Personio pushes its changes: webhooks with polling as the safety net', () => {
  let product: PushProduct;
  let personio: RunningFakePersonio;
  let company: { id: string; apiKey: string };
  let integrationId: string;
  let receiverUrl: string;
  const auth = () => bearer(company.apiKey);
  const db = () => product.database.db;

  beforeAll(async () => {
    // Asks Personio every 3 s whether it still has the webhook, so a dropped one is seen quickly.
    product = await startPushProduct({ pushSubscriptionCheckMs: 3_000 });
    personio = await startFakePersonio({ employeeCount: 60, seed: 5 });
    company = await createCompany(product.app, 'Webhook Werke GmbH');
  });
  afterAll(async () => {
    await product?.stop();
    await personio?.close();
  });

  const webhookOfUs = () => personio.webhooks.list().find((w) => w.url === receiverUrl);
  /** A notification as Personio sends it for a person, with the token of the product's webhook. */
  const personioEvent = (personId: string, occurredAt = new Date()) =>
    JSON.stringify({ company_id: personio.webhooks.companyId, event_name: 'person.updated', occurred_at: occurredAt.toISOString(), payload: { id: Number(personId) } });
  const post = (body: string, headers: Record<string, string> = { authorization: webhookOfUs()!.token! }) =>
    fetch(receiverUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const syncRunCount = () => db().syncRun.count({ where: { integrationId } });
  const syncedEmployee = async () => (await db().employee.findFirst({ where: { integrationId }, orderBy: { remoteId: 'asc' } }))!;

  it('activation subscribes: Personio holds one webhook to the receiver, the workflow shows ACTIVE, the schedule relaxes', async () => {
    const created = await product.app.inject({ method: 'POST', url: '/v1/integrations', headers: auth(), payload: { hrSystem: 'personio' } });
    integrationId = created.json().id;
    expect(created.json().push).toMatchObject({ status: 'NOT_SUBSCRIBED' });
    const creds = await product.app.inject({ method: 'PUT', url: `/v1/integrations/${integrationId}/credentials`, headers: auth(), payload: { clientId: FAKE_PERSONIO_CLIENT_ID, clientSecret: FAKE_PERSONIO_CLIENT_SECRET, baseUrl: personio.url } });
    expect(creds.statusCode).toBe(200);
    const activated = await product.app.inject({ method: 'POST', url: `/v1/integrations/${integrationId}/activate`, headers: auth() });
    expect(activated.statusCode).toBe(202);
    await waitForSyncRun(db(), activated.json().syncRunId);

    const row = await subscriptionWithStatus(db(), integrationId, 'ACTIVE');
    receiverUrl = `${product.publicUrl}/hooks/${row.receiverId}`;
    expect(row.receiverId).toMatch(/^rcv_[A-Za-z0-9_-]{43}$/);
    expect(personio.webhooks.list().filter((w) => w.url === receiverUrl)).toHaveLength(1);
    expect(webhookOfUs()).toMatchObject({ status: 'ENABLED', auth_type: 'TOKEN' });
    expect(row.secretsCipher).not.toContain(webhookOfUs()!.token!);

    const handle = product.temporal.client.workflow.getHandle(integrationSubscriptionWorkflowId(integrationId));
    const described = await eventually('the ACTIVE search attribute', async () => {
      const d = await handle.describe();
      return d.typedSearchAttributes.get(SubscriptionStateKey) === 'ACTIVE' ? d : null;
    });
    expect(described.status.name).toBe('RUNNING');
    expect(described.typedSearchAttributes.get(IntegrationIdKey)).toBe(integrationId);

    const schedule = await eventually('the relaxed schedule', async () => {
      const s = await product.temporal.client.schedule.getHandle(integrationSyncScheduleId(integrationId)).describe();
      return s.spec.intervals?.[0]?.every === PUSH_RELAXED_INTERVAL_MINUTES * 60_000 ? s : null;
    });
    expect(schedule.state.note).toContain('change notifications work');

    const view = await product.app.inject({ method: 'GET', url: `/v1/integrations/${integrationId}`, headers: auth() });
    expect(view.json().push).toMatchObject({ status: 'ACTIVE', expiresAt: null, lastError: null, events: expect.arrayContaining(['person.updated']) });
    expect(view.body).not.toContain(row.receiverId);
    expect(view.body).not.toContain(webhookOfUs()!.token!);
  });

  it('a change in Personio reaches the employee row within seconds, through a change sync asked for by the webhook', async () => {
    const employee = await syncedEmployee();
    const started = Date.now();
    personio.state.editEmployee(Number(employee.remoteId), { lastName: 'Schnellgeändert' });
    await personio.webhooks.settled();
    const updated = await eventually('the employee row updated', async () => {
      const e = await db().employee.findUniqueOrThrow({ where: { id: employee.id } });
      return e.lastName === 'Schnellgeändert' ? e : null;
    }, 30_000);
    expect(updated.lastName).toBe('Schnellgeändert');
    expect(Date.now() - started).toBeLessThan(30_000);
    const pushRun = await db().syncRun.findFirstOrThrow({ where: { integrationId, trigger: 'PUSH' } });
    expect(pushRun.listing).toBe('CHANGES');
    const view = (await product.app.inject({ method: 'GET', url: `/v1/integrations/${integrationId}`, headers: auth() })).json();
    expect(view.push.notificationsAccepted).toBeGreaterThan(0);
    expect(view.push.lastNotificationAt).not.toBeNull();
    // Neither the notification's content nor the webhook's token is in any history of the integration.
    await settledSyncRuns(db(), integrationId);
    const histories = await allHistoriesText(product.temporal.client, `IntegrationId = '${integrationId}'`);
    expect(histories).not.toContain('Schnellgeändert');
    expect(histories).not.toContain(webhookOfUs()!.token!);
  });

  it('refuses forged and unsigned notifications with 401 and syncs nothing', async () => {
    await settledSyncRuns(db(), integrationId);
    const before = await syncRunCount();
    const employee = await syncedEmployee();
    const forged = await post(personioEvent(employee.remoteId), { authorization: crypto.randomBytes(32).toString('base64url') });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ error: 'notification_rejected' });
    expect((await post(personioEvent(employee.remoteId), {})).status).toBe(401);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await syncRunCount()).toBe(before);
    expect((await db().pushSubscription.findUniqueOrThrow({ where: { integrationId } })).notificationsRejected).toBe(2);
  });

  it('a replayed notification causes no further sync', async () => {
    const employee = await syncedEmployee();
    const body = personioEvent(employee.remoteId);
    expect((await post(body)).status).toBe(202);
    const afterFirst = await settledSyncRuns(db(), integrationId);
    for (let i = 0; i < 5; i++) expect((await post(body)).status).toBe(202);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await settledSyncRuns(db(), integrationId)).toHaveLength(afterFirst.length);
  });

  it('refuses a body over 256 KiB with 413, unread', async () => {
    const before = await syncRunCount();
    const res = await post(JSON.stringify({ padding: 'x'.repeat(300 * 1024) }));
    expect(res.status).toBe(413);
    const unknown = await fetch(`${product.publicUrl}/hooks/rcv_${crypto.randomBytes(32).toString('base64url')}`, { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(404);
    expect(await syncRunCount()).toBe(before);
  });

  it('a burst of 1,000 notifications in 10 s causes at most 2 syncs', async () => {
    await settledSyncRuns(db(), integrationId);
    const burstStart = new Date();
    const people = (await db().employee.findMany({ where: { integrationId }, select: { remoteId: true } })).map((e) => e.remoteId);
    // One every 10 ms, whatever the answers take: 1,000 in 10 s.
    const answers = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        new Promise((r) => setTimeout(r, i * 10)).then(() => post(personioEvent(people[i % people.length]!, new Date(burstStart.getTime() + i))).then((r) => r.status)),
      ),
    );
    expect(answers.filter((s) => s === 202)).toHaveLength(1000);
    const runs = (await settledSyncRuns(db(), integrationId, 3_000)).filter((r) => r.startedAt >= burstStart && r.status !== 'SKIPPED');
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(runs.length).toBeLessThanOrEqual(2);
  });

  it('re-creates the webhook after Personio dropped it (an admin deleted it)', async () => {
    const first = webhookOfUs()!;
    personio.webhooks.remove(first.id);
    const recreated = await eventually('a new webhook to the receiver', async () => webhookOfUs(), 60_000);
    expect(recreated.id).not.toBe(first.id);
    const row = await subscriptionWithStatus(db(), integrationId, 'ACTIVE');
    expect(row.vendorSubscriptionId).toBe(recreated.id);
    // And it works: a change arrives through the new webhook.
    const employee = await syncedEmployee();
    personio.state.editEmployee(Number(employee.remoteId), { lastName: 'Nachgetragen' });
    await personio.webhooks.settled();
    await eventually('the employee row updated', async () => (await db().employee.findUniqueOrThrow({ where: { id: employee.id } })).lastName === 'Nachgetragen', 30_000);
  });

  it('disconnect deletes the webhook at Personio and ends the workflow; later notifications get 410', async () => {
    await settledSyncRuns(db(), integrationId);
    const token = webhookOfUs()!.token!;
    const res = await product.app.inject({ method: 'DELETE', url: `/v1/integrations/${integrationId}`, headers: auth() });
    expect(res.statusCode).toBe(200);
    expect(personio.webhooks.list().filter((w) => w.url === receiverUrl)).toEqual([]);
    expect(res.json().push).toMatchObject({ status: 'DELETED' });
    const handle = product.temporal.client.workflow.getHandle(integrationSubscriptionWorkflowId(integrationId));
    await eventually('the subscription workflow to end', async () => (await handle.describe()).status.name === 'COMPLETED');
    const employee = await syncedEmployee();
    const late = await post(personioEvent(employee.remoteId), { authorization: token });
    expect(late.status).toBe(410);
  });
});
