// Personio's webhooks against the fake: what the product creates in Personio, what arrives, and what
// the verifier accepts. Personio authenticates deliveries with a static token, not a body signature.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CredentialsRejectedError, HrSystemResponseError } from '../../connectors/errors';
import { createPersonioConnector } from '../../connectors/personio/definition';
import { FAKE_PERSONIO_CLIENT_ID, FAKE_PERSONIO_CLIENT_SECRET, startFakePersonio, type RunningFakePersonio } from '../../connectors/personio/fake-server';
import { PERSONIO_PUSH_EVENTS, verifyPersonioNotification } from '../../connectors/personio/push';
import type { IncomingNotification, PushSubscription } from '../../connectors/push';
import type { HrConnector } from '../../connectors/types';

const REFERENCE_DATE = '2025-06-15';
const SECRET = 'a-secret-of-the-product-0123456789abcdef';

interface Receiver {
  url: string;
  received: IncomingNotification[];
  close(): Promise<void>;
}

/** Records every request; answers 202 (or `status`). */
async function startReceiver(status = 202): Promise<Receiver> {
  const received: IncomingNotification[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      received.push({ method: req.method ?? 'POST', headers, query: {}, rawBody: Buffer.concat(chunks), receivedAt: new Date() });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/rcv_test`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

let fake: RunningFakePersonio;
let receiver: Receiver;
let connector: HrConnector;

beforeEach(async () => {
  fake = await startFakePersonio({ referenceDate: REFERENCE_DATE, employeeCount: 5 });
  receiver = await startReceiver();
  connector = createPersonioConnector({ clientId: FAKE_PERSONIO_CLIENT_ID, clientSecret: FAKE_PERSONIO_CLIENT_SECRET, baseUrl: fake.url, fullTimeWeeklyHours: 40 }, { sleep: async () => {} });
});
afterEach(async () => {
  await fake.close();
  await receiver.close();
});

const subscribe = () => connector.pushSubscriptions!.subscribe({ callbackUrl: receiver.url, secret: SECRET });
const events = () => receiver.received.map((n) => JSON.parse(n.rawBody.toString('utf8')) as { event_name: string; payload: { id: string } });

describe('Personio webhooks', () => {
  it('creates an enabled webhook for person and employment events that sends the product’s secret as its token, with an API v2 token', async () => {
    const created = await subscribe();
    const [webhook] = fake.webhooks.list();
    expect(webhook).toMatchObject({ id: created.vendorSubscriptionId, url: receiver.url, status: 'ENABLED', auth_type: 'TOKEN', token: SECRET });
    expect(webhook.enabled_events).toEqual([...PERSONIO_PUSH_EVENTS]);
    expect(created).toMatchObject({ expiresAt: null, verificationSecret: SECRET });
    expect(fake.state.log.totalFor('/v2/auth/token')).toBe(1);
  });

  it('notifies without employee data: only which person changed', async () => {
    await subscribe();
    const [someone] = fake.state.listEmployees();
    fake.state.editEmployee(someone.id, { lastName: 'Neuname' });
    await fake.webhooks.settled();
    expect(events()).toEqual([expect.objectContaining({ event_name: 'person.updated', payload: { id: String(someone.id) } })]);
    const body = receiver.received[0].rawBody.toString('utf8');
    expect(body).not.toContain('Neuname');
    expect(body).not.toContain(someone.email);
    expect(receiver.received[0].headers.authorization).toBe(SECRET);
  });

  it('a termination effective today is told twice: the employment changed, and it ended', async () => {
    const created = await subscribe();
    const [someone] = fake.state.listEmployees();
    fake.state.terminateEmployee(someone.id, REFERENCE_DATE);
    await fake.webhooks.settled();
    expect(events().map((e) => e.event_name).sort()).toEqual(['employment.terminated', 'employment.updated']);
    const verdicts = receiver.received.map((n) => verifyPersonioNotification(n, created));
    const ids = verdicts.flatMap((v) => (v.kind === 'changes' ? v.eventIds : []));
    expect(new Set(ids).size).toBe(2);
  });

  it('refuses a wrong token, a missing one, and anything but POST; ignores events the product does not use', async () => {
    const created = await subscribe();
    fake.state.editEmployee(fake.state.listEmployees()[0].id, { firstName: 'Ana' });
    await fake.webhooks.settled();
    const genuine = receiver.received[0];
    expect(verifyPersonioNotification(genuine, created).kind).toBe('changes');
    expect(verifyPersonioNotification({ ...genuine, headers: { ...genuine.headers, authorization: `${SECRET}x` } }, created)).toMatchObject({ kind: 'rejected' });
    expect(verifyPersonioNotification({ ...genuine, headers: {} }, created)).toMatchObject({ kind: 'rejected' });
    expect(verifyPersonioNotification({ ...genuine, method: 'GET' }, created)).toMatchObject({ kind: 'rejected' });
    const absence = Buffer.from(genuine.rawBody.toString('utf8').replace('person.updated', 'absence.created'));
    expect(verifyPersonioNotification({ ...genuine, rawBody: absence }, created)).toMatchObject({ kind: 'ignored' });
  });

  it('cannot tell a changed body that keeps the envelope and the token: Personio signs no body', async () => {
    const created = await subscribe();
    const [someone] = fake.state.listEmployees();
    fake.state.editEmployee(someone.id, { firstName: 'Ana' });
    await fake.webhooks.settled();
    const genuine = receiver.received[0];
    const otherPerson = Buffer.from(genuine.rawBody.toString('utf8').replace(`"id":"${someone.id}"`, '"id":"999"'));
    // Harmless by design: a notification only starts a change listing, whose data comes from the API.
    expect(verifyPersonioNotification({ ...genuine, rawBody: otherPerson }, created).kind).toBe('changes');
    expect(verifyPersonioNotification({ ...genuine, rawBody: Buffer.from('{"event_name":"person.updated"}') }, created)).toMatchObject({ kind: 'rejected' });
  });

  it('sees a webhook an admin disabled as gone, and deleting one Personio no longer has is fine', async () => {
    const created: PushSubscription = await subscribe();
    fake.webhooks.update(created.vendorSubscriptionId, { status: 'DISABLED' });
    await expect(connector.pushSubscriptions!.exists(created)).resolves.toBe(false);
    fake.webhooks.remove(created.vendorSubscriptionId);
    await expect(connector.pushSubscriptions!.unsubscribe(created)).resolves.toBeUndefined();
  });

  it('an API credential without the webhooks scope is refused with that reason', async () => {
    fake.state.faults.add({ kind: 'answer', path: '/v2/webhooks', response: { status: 403, body: { errors: [{ title: 'Forbidden', detail: 'Missing scope personio:webhooks:write.' }] } } });
    const refused = subscribe();
    await expect(refused).rejects.toBeInstanceOf(CredentialsRejectedError);
    await expect(refused).rejects.toThrow(/personio:webhooks:write/);
  });

  it('a callback Personio refuses is reported with Personio’s reason', async () => {
    const refused = connector.pushSubscriptions!.subscribe({ callbackUrl: 'http://benefits.example.com/hooks/rcv_x', secret: SECRET });
    await expect(refused).rejects.toBeInstanceOf(HrSystemResponseError);
    await expect(refused).rejects.toThrow('Personio refused the webhook creation (HTTP 422): Unprocessable Entity: url must be an HTTPS URL.');
    expect(fake.webhooks.list()).toEqual([]);
  });

  it('sends nothing to a webhook created disabled', async () => {
    await subscribe();
    fake.webhooks.create({ url: receiver.url, description: 'another', status: 'DISABLED', auth_type: 'TOKEN', token: 'other', enabled_events: ['person.updated'] });
    fake.state.editEmployee(fake.state.listEmployees()[0].id, { firstName: 'Bea' });
    await fake.webhooks.settled();
    expect(receiver.received.map((n) => n.headers.authorization)).toEqual([SECRET]);
  });
});
