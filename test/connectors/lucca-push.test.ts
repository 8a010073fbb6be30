// Lucca webhooks beyond the shared push contract: the activation challenge decides whether the
// endpoint receives anything, Lucca's 5-minute timestamp window, topics the product does not read,
// and a leaver's employment change arriving as a change.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { contractFixture } from '../../connectors/lucca/contract-fixture';
import { lucca } from '../../connectors/lucca/definition';
import { FAKE_LUCCA_CLIENT_ID, FAKE_LUCCA_CLIENT_SECRET, FAKE_LUCCA_TENANT, startFakeLucca } from '../../connectors/lucca/fake-server';
import type { IncomingNotification, NotificationVerdict, PushSubscription } from '../../connectors/push';

const secret = 'lucca-endpoint-secret-0123456789abcdef';
const subscription: PushSubscription = { vendorSubscriptionId: '1', expiresAt: null, verificationSecret: secret };
const verify = (n: IncomingNotification) => lucca.push!.verifyNotification(n, subscription);

/** A delivery signed the way developers.lucca.fr describes it, computed here independently. */
function delivery(event: object, sentAt: Date, receivedAt = new Date()): IncomingNotification {
  const body = JSON.stringify(event);
  const timestamp = sentAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const signature = crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('base64');
  return { method: 'POST', headers: { 'lucca-signature': signature, 'lucca-timestamp': timestamp, 'content-type': 'application/json' }, query: {}, rawBody: Buffer.from(body), receivedAt };
}

describe('Lucca deliveries', () => {
  const event = { id: '991', type: 'event', topic: 'employee.updated', occurredAt: '2026-01-01T08:00:00Z', apiVersion: '2024-11-01', data: { id: '7' } };

  it('a signed event sent 4 minutes ago is a change; one sent 6 minutes ago is refused as stale', () => {
    const now = new Date();
    expect(verify(delivery(event, new Date(now.getTime() - 4 * 60_000), now))).toEqual({ kind: 'changes', eventIds: ['991'], count: 1 });
    expect(verify(delivery(event, new Date(now.getTime() - 6 * 60_000), now))).toMatchObject({ kind: 'rejected' });
    expect(verify(delivery(event, new Date(now.getTime() + 6 * 60_000), now))).toMatchObject({ kind: 'rejected' });
  });

  it('a genuine event of a topic the product does not read is ignored, not a sync', () => {
    expect(verify(delivery({ ...event, topic: 'leave.created' }, new Date()))).toMatchObject({ kind: 'ignored' });
  });

  it('the activation challenge is answered with its value as text; a GET without one is refused', () => {
    expect(verify({ method: 'GET', headers: {}, query: { echo: 'abc123' }, rawBody: Buffer.alloc(0), receivedAt: new Date() })).toEqual({ kind: 'handshake', status: 200, contentType: 'text/plain', body: 'abc123' });
    expect(verify({ method: 'GET', headers: {}, query: {}, rawBody: Buffer.alloc(0), receivedAt: new Date() }).kind).toBe('rejected');
  });
});

/** A receiver that answers the challenge (or not) and records the verdicts of what it receives. */
async function receiver(answerChallenge: boolean, current: () => PushSubscription | null) {
  const verdicts: NotificationVerdict[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://receiver');
      const n: IncomingNotification = { method: req.method ?? 'POST', headers: req.headers as Record<string, string>, query: Object.fromEntries(url.searchParams), rawBody: Buffer.concat(chunks), receivedAt: new Date() };
      const verdict = lucca.push!.verifyNotification(n, current() ?? { vendorSubscriptionId: '', expiresAt: null, verificationSecret: 'none' });
      verdicts.push(verdict);
      if (verdict.kind === 'handshake' && answerChallenge) res.writeHead(200, { 'content-type': verdict.contentType }).end(verdict.body);
      else res.writeHead(verdict.kind === 'rejected' ? 401 : verdict.kind === 'handshake' ? 404 : 202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/rcv_lucca`, verdicts, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('Lucca webhook-endpoints', () => {
  it('an endpoint that does not pass the activation challenge is not seen as held, and receives nothing', async () => {
    const vendor = await contractFixture.start();
    let held: PushSubscription | null = null;
    const rcv = await receiver(false, () => held);
    try {
      const connector = lucca.create(lucca.credentialsSchema.parse(vendor.credentials));
      held = await connector.pushSubscriptions!.subscribe({ callbackUrl: rcv.url, secret: crypto.randomBytes(32).toString('base64url') });
      await expect(connector.pushSubscriptions!.exists(held)).resolves.toBe(false);
      await vendor.push!.changeSomeone();
      expect(rcv.verdicts.filter((v) => v.kind === 'changes')).toEqual([]);
    } finally {
      await rcv.close();
      await vendor.close();
    }
  });

  it('a leaver (their employment ends) arrives as a change, and a second event carries a new id', async () => {
    const fake = await startFakeLucca({ people: 3, requestsPerMinute: null });
    let held: PushSubscription | null = null;
    const rcv = await receiver(true, () => held);
    try {
      const connector = lucca.create(lucca.credentialsSchema.parse({ tenant: FAKE_LUCCA_TENANT, clientId: FAKE_LUCCA_CLIENT_ID, clientSecret: FAKE_LUCCA_CLIENT_SECRET, baseUrl: fake.url, tokenUrl: `${fake.url}/connect/token` }));
      held = await connector.pushSubscriptions!.subscribe({ callbackUrl: rcv.url, secret: crypto.randomBytes(32).toString('base64url') });
      fake.state.terminateEmployee('2', '2030-06-30');
      fake.state.editEmployee('3', { givenName: 'Renamed' });
      await fake.state.webhooks.settled();
      const changes = rcv.verdicts.filter((v): v is Extract<NotificationVerdict, { kind: 'changes' }> => v.kind === 'changes');
      expect(changes).toHaveLength(2);
      expect(new Set(changes.flatMap((c) => c.eventIds)).size).toBe(2);
      expect(fake.state.webhooks.deliveries.map((d) => d.topic)).toEqual(['employment.updated', 'employee.updated']);
    } finally {
      await rcv.close();
      await fake.close();
    }
  });
});
