// The contract every HR system that pushes changes passes against its vendor fake, driven by the
// registry: a system whose definition has `push` must have a connector with `pushSubscriptions` and a
// contract fixture with `push`. A local receiver stands in for /hooks/<receiverId>: it answers each
// request with the definition's own verdict, as the product's endpoint does.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import crypto from 'node:crypto';
import type { RunningContractFake } from '../../connectors/kit/fake/contract';
import { PushSubscriptionGoneError, type IncomingNotification, type NotificationVerdict, type PushSubscription, type PushSubscriptionRequest } from '../../connectors/push';
import type { HrConnector, HrSystemDefinition } from '../../connectors/types';
import { availableSystems, loadContractFixture } from '../support/contract-fixtures';

const pushSystems = availableSystems.filter((s) => s.push);
/** describe.each refuses an empty table. */
const eachPushSystem = (rows: (readonly [string, HrSystemDefinition])[]) =>
  rows.length > 0 ? describe.each(rows) : describe.skip.each([['(none)', undefined as unknown as HrSystemDefinition] as const]);

interface Received {
  notification: IncomingNotification;
  verdict: NotificationVerdict;
}

/** The stand-in for the product's endpoint: records every request and answers as the verdict says. */
async function startReceiver(verify: (n: IncomingNotification) => NotificationVerdict) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://receiver');
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
      const notification: IncomingNotification = { method: req.method ?? 'POST', headers, query: Object.fromEntries(url.searchParams), rawBody: Buffer.concat(chunks), receivedAt: new Date() };
      const verdict = verify(notification);
      received.push({ notification, verdict });
      if (verdict.kind === 'handshake') {
        res.writeHead(verdict.status, { 'content-type': verdict.contentType });
        res.end(verdict.body);
      } else if (verdict.kind === 'rejected') {
        res.writeHead(401).end();
      } else {
        res.writeHead(202).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks/rcv_${crypto.randomBytes(16).toString('hex')}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The same request with one byte of the body changed. */
function tampered(n: IncomingNotification): IncomingNotification {
  const body = Buffer.from(n.rawBody);
  if (body.length === 0) return { ...n, query: { ...n.query, tampered: '1' } };
  const at = Math.floor(body.length / 2);
  body[at] = body[at] === 0x41 ? 0x42 : 0x41;
  return { ...n, rawBody: body };
}

describe('every system that pushes has the parts', () => {
  it('the systems the product subscribes to', () => expect(pushSystems.map((s) => s.id)).toEqual(expect.arrayContaining(['personio'])));
  (pushSystems.length ? it.each : it.skip.each)(pushSystems.map((s) => [s.id, s] as const))('%s: connector with subscriptions, fixture with a push fake', async (_id, system) => {
    const vendor = await loadContractFixture(system.id).start();
    try {
      expect(vendor.push).toBeDefined();
      expect(system.create(system.credentialsSchema.parse(vendor.credentials)).pushSubscriptions).toBeDefined();
      expect(system.push!.events.length).toBeGreaterThan(0);
    } finally {
      await vendor.close();
    }
  });
});

eachPushSystem(pushSystems.map((s) => [s.name, s] as const))('%s push contract', (_name, system: HrSystemDefinition) => {
  let vendor: RunningContractFake;
  let connector: HrConnector;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let request: PushSubscriptionRequest;
  let subscription: PushSubscription | null;
  const push = () => system.push!;
  /** The admin adds the subscription in the vendor's UI (HiBob): nothing at the vendor is the product's to create, ask about or delete. */
  const adminCreates = () => push().createdBy === 'admin';
  const subs = () => connector.pushSubscriptions!;
  const verifyAgainst = (s: PushSubscription | null) => (n: IncomingNotification) =>
    push().verifyNotification(n, s ?? { vendorSubscriptionId: '', expiresAt: null, verificationSecret: request.secret });

  beforeEach(async () => {
    vendor = await loadContractFixture(system.id).start();
    connector = system.create(system.credentialsSchema.parse(vendor.credentials), { sleep: async () => {} });
    subscription = null;
    receiver = await startReceiver((n) => verifyAgainst(subscription)(n));
    request = { callbackUrl: receiver.url, secret: crypto.randomBytes(32).toString('base64url') };
  });
  afterEach(async () => {
    await vendor?.close();
    await receiver?.close();
  });

  const subscribe = async () => {
    if (adminCreates()) {
      // The admin pastes the product's URL into the vendor's UI and enters the secret it shows.
      const credentials = await vendor.push!.adminAddsWebhook!(request.callbackUrl);
      connector = system.create(system.credentialsSchema.parse(credentials), { sleep: async () => {} });
    }
    subscription = await subs().subscribe(request);
    return subscription;
  };
  /** The vendor's id of what it holds for the receiver: the product's own where it created it, else as the admin's webhook is listed. */
  const heldId = (created: PushSubscription) => (adminCreates() ? vendor.push!.subscriptions().find((s) => s.callbackUrl === receiver.url)!.id : created.vendorSubscriptionId);
  /** Makes a change and returns the first notification about changes the receiver got for it. */
  const notifiedChange = async () => {
    const before = receiver.received.length;
    await vendor.push!.changeSomeone();
    return until('a notification of the change', () => receiver.received.slice(before).find((r) => r.verdict.kind === 'changes'));
  };

  it('subscribes: the vendor holds one subscription calling the product’s URL, nothing secret in its ids', async () => {
    const created = await subscribe();
    const held = vendor.push!.subscriptions();
    expect(held.map((s) => s.callbackUrl)).toContain(receiver.url);
    if (!adminCreates()) expect(held.find((s) => s.callbackUrl === receiver.url)!.id).toBe(created.vendorSubscriptionId);
    expect(created.verificationSecret.length).toBeGreaterThanOrEqual(16);
    if (created.expiresAt) expect(created.expiresAt.getTime()).toBeGreaterThan(Date.now());
    for (const value of [created.vendorSubscriptionId, ...Object.values(created.details ?? {})]) {
      expect(value).not.toContain(created.verificationSecret);
      for (const secret of vendor.secrets()) expect(value).not.toContain(secret);
    }
    await expect(subs().exists(created)).resolves.toBe(true);
    // Every request of the handshake was answered as the vendor wants it.
    expect(receiver.received.filter((r) => r.verdict.kind === 'rejected')).toEqual([]);
  });

  it('receives: a change in the HR system arrives as a genuine notification with the vendor’s event ids', async () => {
    await subscribe();
    const got = await notifiedChange();
    expect(got.verdict).toMatchObject({ kind: 'changes' });
    if (got.verdict.kind === 'changes') {
      expect(got.verdict.eventIds.length).toBeGreaterThan(0);
      expect(got.verdict.count).toBeGreaterThan(0);
    }
  });

  it('refuses forged notifications: missing proof, another subscription’s secret, and (signing vendors) a changed body', async () => {
    const created = await subscribe();
    const got = await notifiedChange();
    const verify = verifyAgainst(created);
    // A token proves the sender, not the bytes (connectors/push.ts): only a signature makes a changed body fail.
    if ((push().proof ?? 'signature') === 'signature') expect(verify(tampered(got.notification)).kind).toBe('rejected');
    const stripped = { ...got.notification, headers: {} as Record<string, string | undefined>, query: {} };
    expect(verify(stripped).kind).toBe('rejected');
    const foreign: PushSubscription = { ...created, verificationSecret: crypto.randomBytes(32).toString('base64url') };
    expect(verifyAgainst(foreign)(got.notification).kind).toBe('rejected');
  });

  it('a replayed notification carries the same event ids (coalesced by the product) or is refused as stale', async () => {
    const created = await subscribe();
    const got = await notifiedChange();
    const replay = push().verifyNotification({ ...got.notification, receivedAt: new Date() }, created);
    if (replay.kind === 'changes' && got.verdict.kind === 'changes') expect(replay.eventIds).toEqual(got.verdict.eventIds);
    else expect(replay.kind).toBe('rejected');
    const muchLater = push().verifyNotification({ ...got.notification, receivedAt: new Date(Date.now() + 24 * 3600_000) }, created);
    if (muchLater.kind === 'changes' && got.verdict.kind === 'changes') expect(muchLater.eventIds).toEqual(got.verdict.eventIds);
    else expect(muchLater.kind).toBe('rejected');
  });

  it('renews before expiry where subscriptions expire, and tells when the vendor dropped one', async () => {
    const created = await subscribe();
    if (!subs().renew) {
      expect(created.expiresAt).toBeNull();
      return;
    }
    const renewed = await subs().renew!(created, request);
    subscription = renewed;
    if (created.expiresAt) expect(renewed.expiresAt!.getTime()).toBeGreaterThanOrEqual(created.expiresAt.getTime());
    await expect(subs().exists(renewed)).resolves.toBe(true);
    await vendor.push!.dropSubscription(heldId(renewed));
    if (push().noLookup) {
      // Nothing to ask: the next renewal replaces what was dropped, and notifications flow again.
      subscription = await subs().renew!(renewed, request);
      expect((await notifiedChange()).verdict.kind).toBe('changes');
      return;
    }
    await expect(subs().exists(renewed)).resolves.toBe(false);
    await expect(subs().renew!(renewed, request)).rejects.toBeInstanceOf(PushSubscriptionGoneError);
  });

  it('a dropped subscription is seen as gone, and a new one works again', async () => {
    const created = await subscribe();
    await vendor.push!.dropSubscription(heldId(created));
    // Nothing to ask where the vendor has no lookup, or where the admin's webhook cannot be read (the admin adds it again below).
    if (!push().noLookup && !adminCreates()) await expect(subs().exists(created)).resolves.toBe(false);
    await subscribe();
    const got = await notifiedChange();
    expect(got.verdict.kind).toBe('changes');
  });

  it('unsubscribes: the vendor holds none, no notification follows, and a second delete is fine', async () => {
    const created = await subscribe();
    await subs().unsubscribe(created);
    if (adminCreates()) {
      // Only the admin can delete it in the vendor's UI: it stays, and a second unsubscribe is fine too. That the product
      // refuses its deliveries after a disconnect (410) is tested through the product (test/integration/push-hibob.test.ts).
      expect(vendor.push!.subscriptions().map((s) => s.callbackUrl)).toContain(receiver.url);
      await expect(subs().unsubscribe(created)).resolves.toBeUndefined();
      return;
    }
    expect(vendor.push!.subscriptions().filter((s) => s.callbackUrl === receiver.url)).toEqual([]);
    await expect(subs().unsubscribe(created)).resolves.toBeUndefined();
    const before = receiver.received.length;
    await vendor.push!.changeSomeone();
    await new Promise((r) => setTimeout(r, 200));
    expect(receiver.received.slice(before).filter((r) => r.verdict.kind === 'changes')).toEqual([]);
  });
});
