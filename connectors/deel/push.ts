// Deel webhooks (developer.deel.com, "Webhooks"): the product creates the subscription through the
// API (POST /rest/v2/webhooks with { data: { name, url, events, status, api_version, signing_key } };
// no scope is needed), reads it back (GET /webhooks/{id}) and deletes it (DELETE /webhooks/{id}).
// Deel signs every delivery: x-deel-signature is the hex HMAC-SHA256 of "POST" followed by the raw
// body, under the subscription's signing key (ours, sent at creation). The body is
// { data: { meta: { event_type, tracking_id, … }, resource }, timestamp }; the timestamp (when Deel
// sent it) is inside the signed bytes, so a copy sent again later still carries it. Subscriptions
// do not expire.
import crypto from 'node:crypto';
import { HrSystemResponseError } from '../errors';
import type { HrApi } from '../kit';
import type { HrPushDefinition, HrPushSubscriptions, IncomingNotification, NotificationVerdict, PushSubscription, PushSubscriptionRequest } from '../push';

/** Deel's events about people joining, changing and leaving (its "Deel HR", contract and payroll lists). */
export const DEEL_PUSH_EVENTS = ['employee.created.direct', 'employee.created.contractor', 'employee.created.eor', 'employee.updated.direct', 'contract.terminated', 'gp.termination.confirmed'] as const;

/**
 * How old a delivery's signed timestamp may be. Deel publishes no window and no retry schedule, so
 * this is the product's choice: wide enough for Deel's own retries, narrow enough that a captured
 * request cannot be replayed days later. A replay inside it repeats its tracking_id (coalesced).
 */
export const DEEL_MAX_DELIVERY_AGE_MS = 60 * 60_000;
/** Clock difference tolerated for a timestamp ahead of ours. */
const MAX_CLOCK_AHEAD_MS = 5 * 60_000;

/** The signature Deel sends in x-deel-signature for this body. */
export function deelSignature(signingKey: string, rawBody: Buffer | string): string {
  return crypto.createHmac('sha256', signingKey).update('POST').update(rawBody).digest('hex');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

interface DeelDelivery {
  data?: { meta?: { event_type?: unknown; tracking_id?: unknown } | null } | null;
  timestamp?: unknown;
}

export function verifyDeelNotification(n: IncomingNotification, subscription: PushSubscription): NotificationVerdict {
  if (n.method !== 'POST') return { kind: 'rejected', reason: `Deel posts deliveries; ${n.method} is not one` };
  const signature = n.headers['x-deel-signature'];
  if (typeof signature !== 'string' || signature === '') return { kind: 'rejected', reason: 'no x-deel-signature header' };
  if (!sameText(signature.toLowerCase(), deelSignature(subscription.verificationSecret, n.rawBody))) return { kind: 'rejected', reason: 'the x-deel-signature does not match' };

  let delivery: DeelDelivery | null;
  try {
    delivery = JSON.parse(n.rawBody.toString('utf8')) as DeelDelivery | null;
  } catch {
    return { kind: 'ignored', reason: 'a signed delivery that is not JSON' };
  }
  const sentAt = typeof delivery?.timestamp === 'string' ? Date.parse(delivery.timestamp) : NaN;
  if (Number.isNaN(sentAt)) return { kind: 'rejected', reason: 'a delivery without a readable timestamp cannot be checked for freshness' };
  const age = n.receivedAt.getTime() - sentAt;
  if (age > DEEL_MAX_DELIVERY_AGE_MS || age < -MAX_CLOCK_AHEAD_MS) return { kind: 'rejected', reason: 'the delivery timestamp is stale (a replay) or in the future' };

  const meta = delivery?.data?.meta;
  const eventType = typeof meta?.event_type === 'string' ? meta.event_type : null;
  if (eventType === null) return { kind: 'ignored', reason: 'a signed delivery without an event type' };
  if (!(DEEL_PUSH_EVENTS as readonly string[]).includes(eventType)) return { kind: 'ignored', reason: `event ${eventType} is not one the product reads` };
  // tracking_id names the event; without one the body itself does (a resend repeats it byte for byte).
  const id = typeof meta?.tracking_id === 'string' && meta.tracking_id !== '' ? meta.tracking_id : `sha256:${crypto.createHash('sha256').update(n.rawBody).digest('hex')}`;
  return { kind: 'changes', eventIds: [id], count: 1 };
}

export const deelPush: HrPushDefinition = {
  events: DEEL_PUSH_EVENTS,
  proof: 'signature',
  verifyNotification: verifyDeelNotification,
};

interface DeelWebhook {
  id?: unknown;
  status?: unknown;
  signing_key?: unknown;
  deleted_at?: unknown;
}

const WEBHOOK_NAME = 'Benefits: employee changes';

/** Deel's webhook subscriptions, through the connector's HrApi (based at …/rest/v2). */
export class DeelWebhooks implements HrPushSubscriptions {
  constructor(private readonly api: HrApi) {}

  async subscribe(request: PushSubscriptionRequest): Promise<PushSubscription> {
    const res = await this.api.send({
      path: '/webhooks',
      method: 'POST',
      json: {
        data: {
          name: WEBHOOK_NAME,
          description: 'Tells the benefits platform that people joined, changed or left.',
          status: 'enabled',
          url: request.callbackUrl,
          signing_key: request.secret,
          events: DEEL_PUSH_EVENTS,
          api_version: 'v2',
        },
      },
    });
    const created = (res.body as { data?: DeelWebhook } | null)?.data;
    const id = typeof created?.id === 'string' && created.id !== '' ? created.id : null;
    if (id === null) throw this.api.unexpected('the created webhook (no id)', res.status);
    // Deel hides the key it was given (signing_key null); should it answer one of its own, that one signs.
    const issued = typeof created?.signing_key === 'string' && created.signing_key !== '' ? created.signing_key : request.secret;
    return { vendorSubscriptionId: id, expiresAt: null, verificationSecret: issued };
  }

  async unsubscribe(subscription: PushSubscription): Promise<void> {
    // A webhook Deel no longer has counts as deleted. (HrApi's request type names GET and POST only;
    // requestJson sends any method.)
    await this.orGone(this.api.send({ path: this.path(subscription), method: 'DELETE' }));
  }

  /** Held and enabled: a disabled or deleted webhook delivers nothing. */
  async exists(subscription: PushSubscription): Promise<boolean> {
    const res = await this.orGone(this.api.send(this.path(subscription)));
    const webhook = (res?.body as { data?: DeelWebhook } | null | undefined)?.data;
    return webhook !== undefined && webhook !== null && webhook.status === 'enabled' && (webhook.deleted_at === null || webhook.deleted_at === undefined);
  }

  private path(subscription: PushSubscription): string {
    return `/webhooks/${encodeURIComponent(subscription.vendorSubscriptionId)}`;
  }

  private async orGone<T>(answer: Promise<T>): Promise<T | null> {
    try {
      return await answer;
    } catch (err) {
      if (err instanceof HrSystemResponseError && err.httpStatus === 404) return null;
      throw err;
    }
  }
}
