// Google Workspace push beyond the shared push contract: one watch channel per event with our token,
// renewal as new channels before the old ones stop, the sync message, and notifications Google would
// not send being refused.
import crypto, { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { googleWorkspaceDefinition } from '../../connectors/google-workspace/definition';
import { fakeGoogleUserId, startFakeGoogleWorkspace, type RunningFakeGoogle } from '../../connectors/google-workspace/fake-server';
import { verifyNotification } from '../../connectors/google-workspace/push';
import type { HrPushSubscriptions, IncomingNotification, NotificationVerdict, PushSubscription } from '../../connectors/push';

const CLIENT_EMAIL = 'hr-sync@fake-project.iam.gserviceaccount.com';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('Google Workspace push (Directory API watch channels)', () => {
  let fake: RunningFakeGoogle;
  let verdicts: NotificationVerdict[];
  let server: http.Server;
  let callbackUrl: string;
  let current: PushSubscription;
  const secret = crypto.randomBytes(32).toString('base64url');
  const request = () => ({ callbackUrl, secret });
  let subs: HrPushSubscriptions;

  beforeEach(async () => {
    fake = await startFakeGoogleWorkspace({ serviceAccount: { clientEmail: CLIENT_EMAIL, publicKey }, people: 5 });
    const keyFile = JSON.stringify({ type: 'service_account', private_key: privatePem, client_email: CLIENT_EMAIL, token_uri: fake.tokenUrl });
    subs = googleWorkspaceDefinition.create(googleWorkspaceDefinition.credentialsSchema.parse({ serviceAccountKey: keyFile, adminEmail: fake.adminEmail, baseUrl: fake.url })).pushSubscriptions!;
    current = { vendorSubscriptionId: '', expiresAt: null, verificationSecret: secret };
    verdicts = [];
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://receiver');
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
        const verdict = verifyNotification({ method: req.method ?? 'POST', headers, query: Object.fromEntries(url.searchParams), rawBody: Buffer.concat(chunks), receivedAt: new Date() }, current);
        verdicts.push(verdict);
        res.writeHead(verdict.kind === 'rejected' ? 401 : 202).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    callbackUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/rcv_google`;
  });
  afterEach(async () => {
    await fake.close();
    await new Promise((r) => server.close(r));
  });

  const subscribe = async () => {
    current = await subs.subscribe(request());
    await fake.channels.sent();
    return current;
  };
  const changes = () => verdicts.filter((v) => v.kind === 'changes');

  it('opens one channel per event (add, update, delete) with our token, no payload, for about 6 hours', async () => {
    const created = await subscribe();
    const held = fake.channels.list();
    expect(held.map((c) => c.event).sort()).toEqual(['add', 'delete', 'update']);
    for (const c of held) expect(c).toMatchObject({ address: callbackUrl, token: secret, payload: false });
    expect(held.find((c) => c.event === 'update')!.id).toBe(created.vendorSubscriptionId);
    expect(created.details).toMatchObject(Object.fromEntries(held.flatMap((c) => [[`${c.event}.channelId`, c.id], [`${c.event}.resourceId`, c.resourceId]])));
    const hours = (created.expiresAt!.getTime() - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(5.9);
    expect(hours).toBeLessThanOrEqual(6);
    // Each channel's first message is sync: nothing to do.
    expect(verdicts).toEqual([{ kind: 'ignored', reason: expect.any(String) }, { kind: 'ignored', reason: expect.any(String) }, { kind: 'ignored', reason: expect.any(String) }]);
  });

  it('a new hire, an edit and a deletion each arrive on their channel as changes', async () => {
    await subscribe();
    fake.state.addUser();
    fake.state.editUser(fakeGoogleUserId(2), { suspended: true });
    fake.state.removeUser(fakeGoogleUserId(3));
    await fake.channels.sent();
    expect(changes()).toHaveLength(3);
  });

  it('renews with new channels, then stops the old ones; no channel id is used twice', async () => {
    const created = await subscribe();
    const renewed = await subs.renew!(created, request());
    const held = fake.channels.list();
    expect(held.map((c) => c.id).sort()).toEqual(Object.entries(renewed.details!).filter(([k]) => k.endsWith('.channelId')).map(([, v]) => v).sort());
    expect(held.map((c) => c.id)).not.toContain(created.vendorSubscriptionId);
    expect(renewed.vendorSubscriptionId).not.toBe(created.vendorSubscriptionId);
  });

  it('a watch Google refuses midway leaves no channel open', async () => {
    fake.state.faults.add({ kind: 'answer', path: '/admin/directory/v1/users/watch', after: 2, response: { status: 400, body: { error: { code: 400, message: 'Bad Request', errors: [{ reason: 'badRequest' }] } } } });
    await expect(subs.subscribe(request())).rejects.toThrow();
    expect(fake.channels.list()).toEqual([]);
  });

  it('exists trusts the expiry Google gave, since Google has no channel lookup', async () => {
    const created = await subscribe();
    await expect(subs.exists(created)).resolves.toBe(true);
    await expect(subs.exists({ ...created, expiresAt: new Date(Date.now() - 1000) })).resolves.toBe(false);
  });

  describe('messages Google would not send are refused', () => {
    const subscription: PushSubscription = {
      vendorSubscriptionId: 'chan-update',
      expiresAt: null,
      verificationSecret: secret,
      details: { 'update.channelId': 'chan-update', 'update.resourceId': 'res-u', 'add.channelId': 'chan-add', 'add.resourceId': 'res-a', 'delete.channelId': 'chan-delete', 'delete.resourceId': 'res-d' },
    };
    const message = (headers: Record<string, string | undefined>): IncomingNotification => ({
      method: 'POST',
      headers: { 'x-goog-channel-id': 'chan-add', 'x-goog-channel-token': secret, 'x-goog-resource-id': 'res-a', 'x-goog-resource-state': 'add', 'x-goog-message-number': '4', ...headers },
      query: {},
      rawBody: Buffer.alloc(0),
      receivedAt: new Date(),
    });

    it('accepts a genuine one; its event id is the channel and message number', () => {
      expect(verifyNotification(message({}), subscription)).toEqual({ kind: 'changes', eventIds: ['chan-add:4'], count: 1 });
    });

    it.each([
      ['a wrong token', { 'x-goog-channel-token': 'guessed' }],
      ['no token', { 'x-goog-channel-token': undefined }],
      ['a channel that is not ours', { 'x-goog-channel-id': 'chan-other' }],
      ['another watched resource', { 'x-goog-resource-id': 'res-d' }],
      ['a state its channel does not watch', { 'x-goog-resource-state': 'makeAdmin' }],
      ['no message number', { 'x-goog-message-number': undefined }],
    ])('refuses %s', (_why, headers) => {
      expect(verifyNotification(message(headers), subscription).kind).toBe('rejected');
    });

    it('ignores a sync message carrying our token, even from a channel not stored yet', () => {
      expect(verifyNotification(message({ 'x-goog-resource-state': 'sync', 'x-goog-channel-id': 'chan-being-created' }), subscription).kind).toBe('ignored');
      expect(verifyNotification(message({ 'x-goog-resource-state': 'sync', 'x-goog-channel-token': 'guessed' }), subscription).kind).toBe('rejected');
    });
  });
});
