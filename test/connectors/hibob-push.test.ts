// HiBob webhooks v2 against the fake, the way Bob offers them: an admin adds the webhook in Bob's UI
// with the product's URL (Bob pings it first), the admin enters the token Bob shows, and every event
// is signed with it (Bob-Signature). A stand-in for the product's endpoint answers by the verifier.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakeHiBob, type RunningFakeHiBob } from '../../connectors/hibob/fake-server';
import { HIBOB_PUSH_EVENTS, bobSignature, verifyHiBobNotification } from '../../connectors/hibob/push';
import { HiBobAdminWebhook } from '../../connectors/hibob/push-subscriptions';
import { PushNotConfiguredError, type IncomingNotification, type NotificationVerdict, type PushSubscription } from '../../connectors/push';

interface Received {
  notification: IncomingNotification;
  verdict: NotificationVerdict;
}

let fake: RunningFakeHiBob;
let subscription: PushSubscription | null;
let received: Received[];
let server: http.Server;
let callbackUrl: string;

/** The product's endpoint: the verifier's verdict decides the answer (handshake as told, rejected 401, else 200). */
async function startReceiver(): Promise<void> {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      const notification: IncomingNotification = { method: req.method ?? 'POST', headers, query: {}, rawBody: Buffer.concat(chunks), receivedAt: new Date() };
      const verdict = verifyHiBobNotification(notification, subscription ?? { vendorSubscriptionId: '', expiresAt: null, verificationSecret: '' });
      received.push({ notification, verdict });
      if (verdict.kind === 'handshake') res.writeHead(verdict.status, { 'content-type': verdict.contentType }).end(verdict.body);
      else res.writeHead(verdict.kind === 'rejected' ? 401 : 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  callbackUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/rcv_${crypto.randomBytes(8).toString('hex')}`;
}

beforeEach(async () => {
  fake = await startFakeHiBob({ employees: 5 });
  subscription = null;
  received = [];
  await startReceiver();
});
afterEach(async () => {
  await fake.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The admin's steps in Bob, then the token entered in the product. */
async function adminSetsUpTheWebhook() {
  const webhook = await fake.state.webhooks.addInBobUi({ url: callbackUrl, events: HIBOB_PUSH_EVENTS, description: 'Benefits platform' });
  subscription = await new HiBobAdminWebhook('HiBob', webhook.token).subscribe({ callbackUrl, secret: 'unused-bob-issues-its-own-secret' });
  return webhook;
}

const changes = () => received.filter((r) => r.verdict.kind === 'changes');
const someoneId = () => [...fake.state.employees.keys()][0];

describe('HiBob webhooks', () => {
  it('Bob’s ping when the admin adds the webhook is answered 200, so Bob establishes it', async () => {
    const webhook = await adminSetsUpTheWebhook();
    expect(webhook.active).toBe(true);
    expect(received[0].verdict).toEqual({ kind: 'handshake', status: 200, contentType: 'text/plain', body: '' });
  });

  it('an endpoint that refuses the ping leaves the webhook unestablished in Bob', async () => {
    server.removeAllListeners('request');
    server.on('request', (_req, res) => res.writeHead(401).end());
    const webhook = await fake.state.webhooks.addInBobUi({ url: callbackUrl, events: ['employee.updated'] });
    expect(webhook.active).toBe(false);
  });

  it('without the token Bob shows, push is not configured (HiBob polls) and the admin is told what to do', async () => {
    const refused = new HiBobAdminWebhook('HiBob', undefined).subscribe({ callbackUrl, secret: 'x'.repeat(32) });
    await expect(refused).rejects.toBeInstanceOf(PushNotConfiguredError);
    await expect(refused).rejects.toThrow(/Settings > Integrations > Webhooks/);
  });

  it('a change arrives signed, naming the employee and the changed fields, never their values', async () => {
    await adminSetsUpTheWebhook();
    fake.state.editEmployee(someoneId(), { 'root.surname': 'Neuname' });
    await fake.state.webhooks.settled();
    expect(changes()).toHaveLength(1);
    const body = JSON.parse(changes()[0].notification.rawBody.toString('utf8'));
    expect(body).toMatchObject({ type: 'employee.updated', version: 'v2', data: { employeeId: someoneId(), fieldUpdates: [{ fieldId: 'root.surname' }] } });
    expect(changes()[0].notification.rawBody.toString('utf8')).not.toContain('Neuname');
  });

  it('refuses a changed body, a missing signature, a hex signature and another webhook’s token; a replay repeats the event id', async () => {
    await adminSetsUpTheWebhook();
    fake.state.editEmployee(someoneId(), { 'root.firstName': 'Ana' });
    await fake.state.webhooks.settled();
    const genuine = changes()[0];
    const rawBody = Buffer.from(genuine.notification.rawBody.toString('utf8').replace(someoneId(), `${someoneId()}1`));
    expect(verifyHiBobNotification({ ...genuine.notification, rawBody }, subscription!).kind).toBe('rejected');
    expect(verifyHiBobNotification({ ...genuine.notification, headers: {} }, subscription!).kind).toBe('rejected');
    const hex = Buffer.from(genuine.notification.headers['bob-signature']!, 'base64').toString('hex');
    expect(verifyHiBobNotification({ ...genuine.notification, headers: { 'bob-signature': hex } }, subscription!).kind).toBe('rejected');
    expect(verifyHiBobNotification(genuine.notification, { ...subscription!, verificationSecret: 'another-webhook-token' }).kind).toBe('rejected');
    const replay = verifyHiBobNotification({ ...genuine.notification, receivedAt: new Date(Date.now() + 86_400_000) }, subscription!);
    expect(replay).toEqual(genuine.verdict);
  });

  it('after the admin refreshes the token in Bob, deliveries are refused until the new token is entered', async () => {
    const webhook = await adminSetsUpTheWebhook();
    const newToken = fake.state.webhooks.refreshToken(webhook.id);
    fake.state.editEmployee(someoneId(), { 'root.firstName': 'Bea' });
    await fake.state.webhooks.settled();
    expect(received.at(-1)!.verdict.kind).toBe('rejected');
    subscription = await new HiBobAdminWebhook('HiBob', newToken).subscribe({ callbackUrl, secret: 'unused' });
    fake.state.editEmployee(someoneId(), { 'root.firstName': 'Cleo' });
    await fake.state.webhooks.settled();
    expect(received.at(-1)!.verdict.kind).toBe('changes');
  });

  it('a termination effective today brings the update and the lifecycle events, each its own event', async () => {
    await adminSetsUpTheWebhook();
    fake.state.terminateEmployee(someoneId(), new Date().toISOString().slice(0, 10));
    await fake.state.webhooks.settled();
    const types = changes().map((r) => JSON.parse(r.notification.rawBody.toString('utf8')).type);
    expect(types.sort()).toEqual(['employee.inactivated', 'employee.left', 'employee.updated']);
    const ids = changes().flatMap((r) => (r.verdict.kind === 'changes' ? r.verdict.eventIds : []));
    expect(new Set(ids).size).toBe(3);
  });

  it('a signed event the product does not use is ignored, and a deactivated webhook sends nothing', async () => {
    const webhook = await adminSetsUpTheWebhook();
    const tableEvent = JSON.stringify({ companyId: 804211, type: 'table.entry.updated', triggeredBy: 'system', triggeredAt: '2026-01-08T13:06:26.915906', version: 'v2', data: { employeeId: someoneId(), tableId: 'work' } });
    const signed: IncomingNotification = { method: 'POST', headers: { 'bob-signature': bobSignature(tableEvent, webhook.token) }, query: {}, rawBody: Buffer.from(tableEvent), receivedAt: new Date() };
    expect(verifyHiBobNotification(signed, subscription!).kind).toBe('ignored');
    fake.state.webhooks.deactivate(webhook.id);
    const before = received.length;
    fake.state.editEmployee(someoneId(), { 'root.firstName': 'Dora' });
    await fake.state.webhooks.settled();
    expect(received.length).toBe(before);
  });

  it('a deleted employee and a new hire are told as their own events', async () => {
    await adminSetsUpTheWebhook();
    fake.state.deleteEmployee(someoneId());
    fake.state.addEmployee({ 'root.email': 'neu@example.com', 'work.startDate': '2020-01-01' });
    await fake.state.webhooks.settled();
    const types = changes().map((r) => JSON.parse(r.notification.rawBody.toString('utf8')).type);
    expect(types.sort()).toEqual(['employee.created', 'employee.deleted', 'employee.joined']);
  });
});
