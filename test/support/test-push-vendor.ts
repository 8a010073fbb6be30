// A test-only push vendor with short-lived subscriptions (as Graph's and Google's expire), laid over the
// sandbox HR system for one test file: the sandbox definition gets `push` and its connector
// `pushSubscriptions` that talk to this in-process vendor. Notifications are HMAC-SHA256 signed with
// the subscription's secret and dataless (event ids only). Jest gives every test file its own module
// registry, so the change stays inside the file that makes it.
import crypto from 'node:crypto';
import { deliverNotification } from '../../connectors/kit/fake/notify';
import { PushSubscriptionGoneError, type HrPushDefinition, type HrPushSubscriptions, type PushSubscription } from '../../connectors/push';
import { sandbox } from '../../connectors/sandbox/definition';

interface HeldSubscription {
  id: string;
  callbackUrl: string;
  secret: string;
  expiresAt: Date;
}

const SIGNATURE_HEADER = 'x-test-signature';
const sign = (secret: string, body: string) => crypto.createHmac('sha256', secret).update(body).digest('hex');

export class TestPushVendor {
  readonly held = new Map<string, HeldSubscription>();
  readonly calls = { subscribe: 0, renew: 0, unsubscribe: 0, exists: 0 };
  /** While set, the vendor refuses new subscriptions with this message. */
  refuseSubscriptions: string | null = null;

  constructor(readonly lifetimeMs: number) {}

  /** Live subscriptions (an expired one is gone, as at the vendors). */
  live(): HeldSubscription[] {
    const now = Date.now();
    return [...this.held.values()].filter((s) => s.expiresAt.getTime() > now);
  }

  /** Notifies every live subscription that something changed. */
  async notifyChange(): Promise<number[]> {
    const body = JSON.stringify({ events: [{ id: `evt_${crypto.randomUUID()}`, type: 'employee.updated' }] });
    return Promise.all(this.live().map(async (s) => (await deliverNotification(s.callbackUrl, { headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: sign(s.secret, body) }, body })).status));
  }

  readonly subscriptions: HrPushSubscriptions = {
    subscribe: async (request) => {
      this.calls.subscribe++;
      if (this.refuseSubscriptions) throw new Error(this.refuseSubscriptions);
      const s = { id: `sub_${crypto.randomUUID()}`, callbackUrl: request.callbackUrl, secret: request.secret, expiresAt: new Date(Date.now() + this.lifetimeMs) };
      this.held.set(s.id, s);
      return { vendorSubscriptionId: s.id, expiresAt: s.expiresAt, verificationSecret: request.secret };
    },
    renew: async (subscription) => {
      this.calls.renew++;
      const s = this.live().find((h) => h.id === subscription.vendorSubscriptionId);
      if (!s) throw new PushSubscriptionGoneError('Sandbox', `subscription ${subscription.vendorSubscriptionId} expired or was removed`);
      s.expiresAt = new Date(Date.now() + this.lifetimeMs);
      return { ...subscription, expiresAt: s.expiresAt };
    },
    unsubscribe: async (subscription) => {
      this.calls.unsubscribe++;
      this.held.delete(subscription.vendorSubscriptionId);
    },
    exists: async (subscription: PushSubscription) => {
      this.calls.exists++;
      return this.live().some((s) => s.id === subscription.vendorSubscriptionId);
    },
  };

  readonly definition: HrPushDefinition = {
    events: ['employee.updated'],
    renewBeforeExpiryMs: 0, // set by layOverSandbox
    verifyNotification(notification, subscription) {
      const signature = notification.headers[SIGNATURE_HEADER];
      if (!signature || signature !== sign(subscription.verificationSecret, notification.rawBody.toString('utf8'))) return { kind: 'rejected', reason: 'bad signature' };
      const events = (JSON.parse(notification.rawBody.toString('utf8')) as { events: { id: string }[] }).events;
      return { kind: 'changes', eventIds: events.map((e) => e.id), count: events.length };
    },
  };
}

/** Makes the sandbox push through `vendor` for this test file; returns the undo. */
export function layOverSandbox(vendor: TestPushVendor, renewBeforeExpiryMs: number): () => void {
  const original = { create: sandbox.create, push: sandbox.push };
  const target = sandbox as { create: typeof sandbox.create; push?: HrPushDefinition };
  target.push = { ...vendor.definition, renewBeforeExpiryMs };
  target.create = (credentials, context) => Object.assign(original.create(credentials, context), { pushSubscriptions: vendor.subscriptions });
  return () => {
    target.create = original.create;
    target.push = original.push;
  };
}
