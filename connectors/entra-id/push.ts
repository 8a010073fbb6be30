// What reaches the product's endpoint from Microsoft Graph, judged without network:
//  - POST ?validationToken=… (subscribe, and the lifecycle URL): echo the token as text/plain.
//  - A changeNotificationCollection: every item must carry our subscription id and clientState. Graph
//    does not sign basic notifications; the secret clientState proves the sender (proof 'token'), and
//    the body's content is never used beyond naming the events.
//  - Lifecycle items (same URL): reauthorizationRequired → renew, subscriptionRemoved → re-create,
//    missed → a change listing.
// Event ids are `<subscriptionId>:<user id>:<changeType>:<sequenceNumber>` (a hash of the item where
// Graph sends no sequence number): Graph's retry of an undelivered notification repeats them.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { HrPushDefinition, IncomingNotification, NotificationVerdict, PushSubscription } from '../push';
import { ENTRA_CHANGE_TYPES } from './subscriptions';

/** Renewed half a day before expiry: a subscription lasts 29 days, a failed renewal has hours to be retried. */
export const ENTRA_RENEW_BEFORE_EXPIRY_MS = 12 * 3600_000;
const LIFECYCLE: Record<string, 'renew' | 'recreate' | 'missed'> = { reauthorizationRequired: 'renew', subscriptionRemoved: 'recreate', missed: 'missed' };
/** Most severe first: one verdict answers a batch. */
const LIFECYCLE_ORDER = ['recreate', 'renew', 'missed'] as const;
const MAX_VALIDATION_TOKEN = 2048;

type Item = Record<string, unknown>;

export const entraPush: HrPushDefinition = {
  events: ENTRA_CHANGE_TYPES.map((t) => `users ${t}`),
  proof: 'token',
  renewBeforeExpiryMs: ENTRA_RENEW_BEFORE_EXPIRY_MS,
  verifyNotification,
};

export function verifyNotification(n: IncomingNotification, subscription: PushSubscription): NotificationVerdict {
  if (n.method !== 'POST') return { kind: 'rejected', reason: `Graph posts; ${n.method} is not a notification` };
  const token = n.query.validationToken;
  if (token !== undefined) {
    // The query parser already decoded it; Graph wants it back exactly, as plain text.
    if (token.length === 0 || token.length > MAX_VALIDATION_TOKEN) return { kind: 'rejected', reason: 'unusable validation token' };
    return { kind: 'handshake', status: 200, contentType: 'text/plain; charset=utf-8', body: token };
  }
  if (!/^application\/json\b/i.test(n.headers['content-type'] ?? '')) return { kind: 'rejected', reason: 'not a JSON notification' };
  let items: Item[];
  try {
    const body = JSON.parse(n.rawBody.toString('utf8')) as { value?: unknown };
    if (!Array.isArray(body?.value) || body.value.length === 0 || !body.value.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v))) throw new Error();
    items = body.value as Item[];
  } catch {
    return { kind: 'rejected', reason: 'not a change notification collection' };
  }
  for (const item of items) {
    if (item.subscriptionId !== subscription.vendorSubscriptionId) return { kind: 'rejected', reason: 'an item of another subscription' };
    if (!sameSecret(item.clientState, subscription.verificationSecret)) return { kind: 'rejected', reason: 'clientState does not match' };
  }
  const lifecycle = items.filter((i) => i.lifecycleEvent !== undefined);
  if (lifecycle.length > 0) {
    const events = new Set<string>();
    for (const item of lifecycle) {
      const event = typeof item.lifecycleEvent === 'string' ? LIFECYCLE[item.lifecycleEvent] : undefined;
      if (!event) return { kind: 'rejected', reason: 'an unknown lifecycle event' };
      events.add(event);
    }
    return { kind: 'subscription', event: LIFECYCLE_ORDER.find((e) => events.has(e))! };
  }
  const eventIds = items.map((item) => `${subscription.vendorSubscriptionId}:${changedUser(item)}:${String(item.changeType)}:${sequenceOf(item)}`);
  return { kind: 'changes', eventIds, count: eventIds.length };
}

/** The changed user's id: resourceData.id, else the end of `resource` ("Users/<id>"). */
function changedUser(item: Item): string {
  const data = item.resourceData as Item | undefined;
  if (data && typeof data.id === 'string') return data.id;
  return typeof item.resource === 'string' ? (item.resource.split('/').pop() ?? '') : '';
}

function sequenceOf(item: Item): string {
  const sequence = (item.resourceData as Item | undefined)?.sequenceNumber;
  if (typeof sequence === 'number' || typeof sequence === 'string') return String(sequence);
  return createHash('sha256').update(JSON.stringify(item)).digest('base64url').slice(0, 16);
}

function sameSecret(received: unknown, secret: string): boolean {
  if (typeof received !== 'string') return false;
  const a = Buffer.from(received);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}
