// Deel webhooks beyond the shared push contract: the exact signing scheme ("POST" + body), the
// product's freshness window on the signed timestamp, event types the product does not read, the
// product's secret being the key Deel signs with, a leaver's events, and a disabled webhook.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { deel } from '../../connectors/deel/definition';
import { FAKE_DEEL_API_TOKEN, startFakeDeel } from '../../connectors/deel/fake-server';
import type { IncomingNotification, NotificationVerdict, PushSubscription } from '../../connectors/push';

const key = 'deel-signing-key-0123456789abcdef0123';
const subscription: PushSubscription = { vendorSubscriptionId: 'w1', expiresAt: null, verificationSecret: key };
const verify = (n: IncomingNotification) => deel.push!.verifyNotification(n, subscription);

function delivery(eventType: string, sentAt: Date, sign: (body: string) => string = (body) => crypto.createHmac('sha256', key).update(`POST${body}`).digest('hex'), receivedAt = new Date()): IncomingNotification {
  const body = JSON.stringify({ data: { meta: { event_type: eventType, tracking_id: 'trk_42', organization_id: 'org' }, resource: { id: 'p1' } }, timestamp: sentAt.toISOString() });
  return { method: 'POST', headers: { 'x-deel-signature': sign(body), 'content-type': 'application/json' }, query: {}, rawBody: Buffer.from(body), receivedAt };
}

describe('Deel deliveries', () => {
  it('a body signed after the "POST" prefix is a change named by its tracking_id; the same body signed without it is refused', () => {
    expect(verify(delivery('employee.updated.direct', new Date()))).toEqual({ kind: 'changes', eventIds: ['trk_42'], count: 1 });
    const withoutPrefix = (body: string) => crypto.createHmac('sha256', key).update(body).digest('hex');
    expect(verify(delivery('employee.updated.direct', new Date(), withoutPrefix)).kind).toBe('rejected');
  });

  it('a delivery signed 30 minutes ago is a change; one signed two hours ago is refused as a replay', () => {
    const now = new Date();
    expect(verify(delivery('contract.terminated', new Date(now.getTime() - 30 * 60_000), undefined, now)).kind).toBe('changes');
    expect(verify(delivery('contract.terminated', new Date(now.getTime() - 2 * 3600_000), undefined, now)).kind).toBe('rejected');
  });

  it('a genuine event of a type the product does not read is ignored, not a sync', () => {
    expect(verify(delivery('time-off.created', new Date()))).toMatchObject({ kind: 'ignored' });
  });
});

async function receiver(current: () => PushSubscription | null) {
  const verdicts: NotificationVerdict[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const n: IncomingNotification = { method: req.method ?? 'POST', headers: req.headers as Record<string, string>, query: {}, rawBody: Buffer.concat(chunks), receivedAt: new Date() };
      const verdict = deel.push!.verifyNotification(n, current() ?? { vendorSubscriptionId: '', expiresAt: null, verificationSecret: 'none' });
      verdicts.push(verdict);
      res.writeHead(verdict.kind === 'rejected' ? 401 : 202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/rcv_deel`, verdicts, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('Deel webhook subscriptions', () => {
  let fake: Awaited<ReturnType<typeof startFakeDeel>>;
  let rcv: Awaited<ReturnType<typeof receiver>>;
  let held: PushSubscription | null;
  beforeEach(async () => {
    fake = await startFakeDeel({ people: 3, rateLimit: null });
    held = null;
    rcv = await receiver(() => held);
  });
  afterEach(async () => {
    await rcv.close();
    await fake.close();
  });
  const connector = () => deel.create(deel.credentialsSchema.parse({ apiToken: FAKE_DEEL_API_TOKEN, baseUrl: fake.url }));

  it("Deel signs with the product's own secret, given at creation", async () => {
    const secret = crypto.randomBytes(32).toString('base64url');
    held = await connector().pushSubscriptions!.subscribe({ callbackUrl: rcv.url, secret });
    expect(held.verificationSecret).toBe(secret);
    expect(fake.state.webhooks.webhooks.get(held.vendorSubscriptionId)!.signingKey).toBe(secret);
  });

  it('a leaver sends a person update and a contract termination, each a change with its own id', async () => {
    held = await connector().pushSubscriptions!.subscribe({ callbackUrl: rcv.url, secret: crypto.randomBytes(32).toString('base64url') });
    const [, id] = fake.state.people.keys();
    fake.state.offboardPerson(id, '2030-06-30');
    await fake.state.webhooks.settled();
    expect(fake.state.webhooks.deliveries.map((d) => d.eventType)).toEqual(['employee.updated.direct', 'contract.terminated']);
    const ids = rcv.verdicts.flatMap((v) => (v.kind === 'changes' ? v.eventIds : []));
    expect(new Set(ids).size).toBe(2);
  });

  it('a webhook disabled in Deel is not seen as held', async () => {
    const subs = connector().pushSubscriptions!;
    held = await subs.subscribe({ callbackUrl: rcv.url, secret: crypto.randomBytes(32).toString('base64url') });
    await expect(subs.exists(held)).resolves.toBe(true);
    fake.state.webhooks.webhooks.get(held.vendorSubscriptionId)!.status = 'disabled';
    await expect(subs.exists(held)).resolves.toBe(false);
  });
});
