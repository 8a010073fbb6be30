// What reaches the product's endpoint from a Directory API watch channel, judged without network.
// Google signs nothing: a notification is genuine when it carries the channel token we chose (the
// product's secret) in X-Goog-Channel-Token and names one of our channels. The first message of every
// channel is `sync` (nothing changed); add / update / delete mean users changed. The token proves the
// sender, not the bytes (proof 'token'); the channels are asked for no payload, and the body (a user's
// id and e-mail where sent) is never read.
// Event ids are `<channel id>:<X-Goog-Message-Number>`: a replay repeats them.
import { timingSafeEqual } from 'node:crypto';
import type { HrPushDefinition, IncomingNotification, NotificationVerdict, PushSubscription } from '../push';

/** One channel per event: users.watch takes one event each. */
export const GOOGLE_WATCH_EVENTS = ['add', 'update', 'delete'] as const;
export type GoogleWatchEvent = (typeof GOOGLE_WATCH_EVENTS)[number];
/** Channels asked for 6 hours; renewed (a new channel) an hour before. */
export const GOOGLE_RENEW_BEFORE_EXPIRY_MS = 3600_000;

/** Where a subscription's channels are kept in PushSubscription.details. */
export const channelKey = (event: GoogleWatchEvent) => `${event}.channelId`;
export const resourceKey = (event: GoogleWatchEvent) => `${event}.resourceId`;

export const googleWorkspacePush: HrPushDefinition = {
  events: GOOGLE_WATCH_EVENTS.map((e) => `users ${e}`),
  proof: 'token',
  noLookup: true,
  renewBeforeExpiryMs: GOOGLE_RENEW_BEFORE_EXPIRY_MS,
  verifyNotification,
};

export function verifyNotification(n: IncomingNotification, subscription: PushSubscription): NotificationVerdict {
  if (n.method !== 'POST') return { kind: 'rejected', reason: `Google posts; ${n.method} is not a notification` };
  if (!sameSecret(n.headers['x-goog-channel-token'], subscription.verificationSecret)) return { kind: 'rejected', reason: 'channel token does not match' };
  const channelId = n.headers['x-goog-channel-id'];
  const state = n.headers['x-goog-resource-state'];
  // A channel's sync message can arrive before the product has stored the channel it belongs to;
  // it asks for nothing, so the token alone lets it pass as ignored.
  if (state === 'sync') return { kind: 'ignored', reason: 'a channel started' };
  const event = GOOGLE_WATCH_EVENTS.find((e) => subscription.details?.[channelKey(e)] === channelId);
  if (!channelId || !event) return { kind: 'rejected', reason: 'not one of our channels' };
  const knownResource = subscription.details?.[resourceKey(event)];
  if (knownResource && n.headers['x-goog-resource-id'] !== knownResource) return { kind: 'rejected', reason: 'not the watched resource' };
  const number = n.headers['x-goog-message-number'];
  if (!number || !/^\d{1,20}$/.test(number)) return { kind: 'rejected', reason: 'no message number' };
  if (state !== event) return { kind: 'rejected', reason: `a ${state ?? 'missing'} state on the ${event} channel` };
  return { kind: 'changes', eventIds: [`${channelId}:${number}`], count: 1 };
}

function sameSecret(received: string | undefined, secret: string): boolean {
  if (typeof received !== 'string') return false;
  const a = Buffer.from(received);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}
