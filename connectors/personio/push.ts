// Personio webhooks (API v2) as the product receives them. Personio signs nothing: a webhook created
// with auth_type TOKEN sends the token it was given, verbatim, in the Authorization header of every
// delivery. So the check is that token (compared in constant time) plus the event envelope Personio
// documents; the notification itself is dataless (the changed entity's id), and only asks for a
// change listing.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { HrPushDefinition, IncomingNotification, NotificationVerdict, PushSubscription } from '../push';

/** The person and employment events the product subscribes to (Personio's names). */
export const PERSONIO_PUSH_EVENTS = [
  'person.created',
  'person.updated',
  'person.deleted',
  'employment.created',
  'employment.updated',
  'employment.deleted',
  // Effective-date events: sent on the day an employment starts or ends.
  'employment.started',
  'employment.terminated',
] as const;

export type PersonioPushEvent = (typeof PERSONIO_PUSH_EVENTS)[number];

/** Personio's envelope: company_id, event_name, occurred_at and payload are required, meta optional. */
export interface PersonioWebhookEvent {
  company_id: string;
  event_name: string;
  occurred_at: string;
  payload: { id?: string | number } & Record<string, unknown>;
  meta?: Record<string, unknown>;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

export function verifyPersonioNotification(notification: IncomingNotification, subscription: PushSubscription): NotificationVerdict {
  if (notification.method !== 'POST') return { kind: 'rejected', reason: `Personio delivers webhooks by POST, not ${notification.method}` };
  const presented = notification.headers.authorization;
  if (!presented) return { kind: 'rejected', reason: 'no Authorization header (Personio sends the webhook token there)' };
  if (!sameSecret(presented, subscription.verificationSecret)) return { kind: 'rejected', reason: 'the Authorization header is not this webhook’s token' };
  const event = readEvent(notification.rawBody);
  if (!event) return { kind: 'rejected', reason: 'the body is not a Personio webhook event' };
  if (!(PERSONIO_PUSH_EVENTS as readonly string[]).includes(event.event_name)) return { kind: 'ignored', reason: `Personio event ${event.event_name} is not one the product uses` };
  // Personio's envelope has no event id; a redelivery of one event carries the same body, so the
  // event name, entity id and instant identify it.
  return { kind: 'changes', eventIds: [`${event.event_name}/${String(event.payload.id)}/${event.occurred_at}`], count: 1 };
}

export const personioPush: HrPushDefinition = {
  events: PERSONIO_PUSH_EVENTS,
  proof: 'token',
  verifyNotification: verifyPersonioNotification,
};

/** Constant-time comparison whatever the lengths (digests are compared, not the strings). */
function sameSecret(presented: string, expected: string): boolean {
  if (expected.length === 0) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/** The envelope as Personio's JSON schema requires it, or null. */
function readEvent(rawBody: Buffer): PersonioWebhookEvent | null {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return null;
  }
  const event = body as Partial<PersonioWebhookEvent> | null;
  if (typeof event !== 'object' || event === null) return null;
  if (typeof event.company_id !== 'string' || event.company_id.length === 0) return null;
  if (typeof event.event_name !== 'string' || !/^[a-z_]+\.[a-z_]+$/.test(event.event_name)) return null;
  if (typeof event.occurred_at !== 'string' || !ISO_DATE_TIME.test(event.occurred_at) || Number.isNaN(Date.parse(event.occurred_at))) return null;
  if (typeof event.payload !== 'object' || event.payload === null) return null;
  const id = event.payload.id;
  if (!((typeof id === 'string' && /^[\w-]+$/.test(id)) || (typeof id === 'number' && Number.isInteger(id)))) return null;
  return event as PersonioWebhookEvent;
}
