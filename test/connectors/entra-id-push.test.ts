// Entra ID push beyond the shared push contract: what the product asks Graph for, the validation
// handshake Graph insists on, lifecycle notifications, expiry, and notifications without our
// subscription id and client state being refused.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { entraIdDefinition } from '../../connectors/entra-id/definition';
import { fakeUserId, startFakeEntraId, type RunningFakeEntra } from '../../connectors/entra-id/fake-server';
import { verifyNotification } from '../../connectors/entra-id/push';
import { PushSubscriptionGoneError, type IncomingNotification, type NotificationVerdict, type PushSubscription } from '../../connectors/push';

interface Receiver {
  url: string;
  verdicts: NotificationVerdict[];
  close(): Promise<void>;
}

/** The product's endpoint in small: answers each request as the verifier says (or refuses to echo). */
async function startReceiver(subscription: () => PushSubscription, options: { echo?: boolean } = {}): Promise<Receiver> {
  const verdicts: NotificationVerdict[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://receiver');
      const notification: IncomingNotification = {
        method: req.method ?? 'POST',
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v])),
        query: Object.fromEntries(url.searchParams),
        rawBody: Buffer.concat(chunks),
        receivedAt: new Date(),
      };
      const verdict = verifyNotification(notification, subscription());
      verdicts.push(verdict);
      if (verdict.kind === 'handshake' && options.echo !== false) res.writeHead(verdict.status, { 'content-type': verdict.contentType }).end(verdict.body);
      else res.writeHead(verdict.kind === 'rejected' ? 401 : 202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/rcv_test`, verdicts, close: () => new Promise((r) => server.close(() => r())) };
}

describe('Microsoft Entra ID push (Graph change notifications)', () => {
  let fake: RunningFakeEntra;
  let receiver: Receiver;
  let clock: Date;
  let current: PushSubscription;
  const secret = crypto.randomBytes(32).toString('base64url');
  const subs = () =>
    entraIdDefinition.create({ tenantId: fake.tenantId, clientId: fake.clientId, clientSecret: fake.clientSecret, baseUrl: fake.url, loginBaseUrl: fake.url }).pushSubscriptions!;

  beforeEach(async () => {
    clock = new Date();
    fake = await startFakeEntraId({ people: 5, now: () => clock });
    current = { vendorSubscriptionId: '', expiresAt: null, verificationSecret: secret };
    receiver = await startReceiver(() => current);
  });
  afterEach(async () => {
    await fake.close();
    await receiver.close();
  });

  const subscribe = async () => (current = await subs().subscribe({ callbackUrl: receiver.url, secret }));

  it('asks Graph for users (updated, deleted) with our client state, lifecycle notifications to the same URL, for about 29 days', async () => {
    const created = await subscribe();
    const [held] = fake.subscriptions.list();
    expect(held).toMatchObject({ resource: 'users', changeType: ['updated', 'deleted'], notificationUrl: receiver.url, lifecycleNotificationUrl: receiver.url, clientState: secret });
    const days = (created.expiresAt!.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(28.9);
    expect(days).toBeLessThanOrEqual(29);
    // Both URLs were checked before Graph created it.
    expect(receiver.verdicts.filter((v) => v.kind === 'handshake')).toHaveLength(2);
  });

  it('an endpoint that does not echo the validation token gets no subscription', async () => {
    const silent = await startReceiver(() => current, { echo: false });
    try {
      await expect(subs().subscribe({ callbackUrl: silent.url, secret })).rejects.toThrow(/validation/i);
      expect(fake.subscriptions.list()).toEqual([]);
    } finally {
      await silent.close();
    }
  });

  it('each user change is its own event; a re-delivery of the same one repeats its id', async () => {
    await subscribe();
    fake.state.editUser(fakeUserId(1), { jobTitle: 'First' });
    fake.state.editUser(fakeUserId(1), { jobTitle: 'Second' });
    await fake.state.notificationsSent();
    const changes = receiver.verdicts.filter((v): v is Extract<NotificationVerdict, { kind: 'changes' }> => v.kind === 'changes');
    expect(changes).toHaveLength(2);
    expect(changes[0].eventIds[0]).not.toBe(changes[1].eventIds[0]);
    expect(changes[0].eventIds[0]).toContain(fakeUserId(1));
  });

  it('a reauthorization request from Graph asks for a renewal, which extends the subscription', async () => {
    const created = await subscribe();
    await fake.subscriptions.requireReauthorization(created.vendorSubscriptionId);
    expect(receiver.verdicts.at(-1)).toEqual({ kind: 'subscription', event: 'renew' });
    clock = new Date(clock.getTime() + 3 * 86_400_000);
    const renewed = await entraIdDefinition
      .create({ tenantId: fake.tenantId, clientId: fake.clientId, clientSecret: fake.clientSecret, baseUrl: fake.url, loginBaseUrl: fake.url })
      .pushSubscriptions!.renew!(created, { callbackUrl: receiver.url, secret });
    expect(renewed.vendorSubscriptionId).toBe(created.vendorSubscriptionId);
    expect(renewed.expiresAt!.getTime()).toBeGreaterThan(created.expiresAt!.getTime());
  });

  it('a subscription past its expiry is gone: not found, and renewing it says so', async () => {
    const created = await subscribe();
    clock = new Date(created.expiresAt!.getTime() + 1000);
    await expect(subs().exists(created)).resolves.toBe(false);
    await expect(subs().renew!(created, { callbackUrl: receiver.url, secret })).rejects.toBeInstanceOf(PushSubscriptionGoneError);
    fake.state.editUser(fakeUserId(2), { jobTitle: 'Unheard' });
    await fake.state.notificationsSent();
    expect(receiver.verdicts.filter((v) => v.kind === 'changes')).toEqual([]);
  });

  describe('notifications without our subscription and client state are refused', () => {
    const subscription: PushSubscription = { vendorSubscriptionId: '5c1e8a4e-61f2-4a4b-9f7e-0c7a2d1b3e4f', expiresAt: null, verificationSecret: secret };
    const tenantId = '11111111-2222-4333-8444-555555555555';
    const userId = fakeUserId(9);
    const item = (overrides: Record<string, unknown> = {}) => ({
      subscriptionId: subscription.vendorSubscriptionId,
      subscriptionExpirationDateTime: '2027-01-01T00:00:00Z',
      tenantId,
      clientState: secret,
      changeType: 'updated',
      resource: `Users/${userId}`,
      resourceData: { '@odata.type': '#Microsoft.Graph.User', '@odata.id': `Users/${userId}`, id: userId, organizationId: tenantId, sequenceNumber: 7 },
      ...overrides,
    });
    const post = (value: unknown[], headers: Record<string, string> = { 'content-type': 'application/json' }): IncomingNotification => ({
      method: 'POST',
      headers,
      query: {},
      rawBody: Buffer.from(JSON.stringify({ value })),
      receivedAt: new Date(),
    });

    it('accepts the shape Graph sends', () => {
      expect(verifyNotification(post([item()]), subscription)).toEqual({ kind: 'changes', eventIds: [`${subscription.vendorSubscriptionId}:${userId}:updated:7`], count: 1 });
    });

    it.each([
      ['another subscription', item({ subscriptionId: crypto.randomUUID() })],
      ['a wrong client state', item({ clientState: 'guessed' })],
      ['no client state', item({ clientState: undefined })],
    ])('refuses a batch with an item of %s', (_why, bad) => {
      expect(verifyNotification(post([item(), bad]), subscription).kind).toBe('rejected');
    });

    it('refuses what is not a JSON POST, and answers a validation request only with the token', () => {
      expect(verifyNotification(post([item()], {}), subscription).kind).toBe('rejected');
      expect(verifyNotification({ ...post([item()]), method: 'GET' }, subscription).kind).toBe('rejected');
      expect(verifyNotification({ ...post([]), rawBody: Buffer.from('{"value":[]}') }, subscription).kind).toBe('rejected');
      expect(verifyNotification({ ...post([]), query: { validationToken: 'a b+c' } }, subscription)).toEqual({ kind: 'handshake', status: 200, contentType: 'text/plain; charset=utf-8', body: 'a b+c' });
    });

    it('reads lifecycle events: removed → re-create, missed → a change listing, the most severe of a batch wins', () => {
      const lifecycle = (event: string) => ({ subscriptionId: subscription.vendorSubscriptionId, subscriptionExpirationDateTime: '2027-01-01T00:00:00Z', tenantId, clientState: secret, lifecycleEvent: event });
      expect(verifyNotification(post([lifecycle('subscriptionRemoved')]), subscription)).toEqual({ kind: 'subscription', event: 'recreate' });
      expect(verifyNotification(post([lifecycle('missed')]), subscription)).toEqual({ kind: 'subscription', event: 'missed' });
      expect(verifyNotification(post([lifecycle('missed'), lifecycle('reauthorizationRequired')]), subscription)).toEqual({ kind: 'subscription', event: 'renew' });
      expect(verifyNotification(post([{ ...lifecycle('missed'), clientState: 'x' }]), subscription).kind).toBe('rejected');
      expect(verifyNotification(post([lifecycle('somethingNew')]), subscription).kind).toBe('rejected');
    });
  });
});
