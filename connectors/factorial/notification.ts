// Factorial webhooks as the product receives them. Factorial signs nothing: the `challenge` given
// when subscribing comes back, verbatim, in the x-factorial-wh-challenge header of every delivery,
// and the body is the changed resource itself (no envelope, no event id, no timestamp). So the
// check is that challenge, compared in constant time; the body only asks for a change listing.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { HrPushDefinition, IncomingNotification, NotificationVerdict, PushSubscription } from '../push';

/** The subscription types the product subscribes to (Factorial's names, API 2026-07-01). */
export const FACTORIAL_PUSH_EVENTS = [
  'employees/employee/create_with_contract',
  'employees/employee/update',
  'employees/employee/terminate',
  'employees/employee/unterminate',
] as const;

export const CHALLENGE_HEADER = 'x-factorial-wh-challenge';

export function verifyFactorialNotification(notification: IncomingNotification, subscription: PushSubscription): NotificationVerdict {
  if (notification.method !== 'POST') return { kind: 'rejected', reason: `Factorial delivers webhooks by POST, not ${notification.method}` };
  const presented = notification.headers[CHALLENGE_HEADER];
  if (!presented) return { kind: 'rejected', reason: `no ${CHALLENGE_HEADER} header (Factorial sends the subscription's challenge there)` };
  if (!sameSecret(presented, subscription.verificationSecret)) return { kind: 'rejected', reason: `${CHALLENGE_HEADER} is not this subscription's challenge` };
  if (!isResource(notification.rawBody)) return { kind: 'rejected', reason: 'the body is not a Factorial resource' };
  return { kind: 'changes', eventIds: [eventId(notification.rawBody)], count: 1 };
}

export const factorialPush: HrPushDefinition = {
  events: FACTORIAL_PUSH_EVENTS,
  proof: 'token',
  verifyNotification: verifyFactorialNotification,
};

/** Constant-time comparison whatever the lengths (digests are compared, not the strings). */
function sameSecret(presented: string, expected: string): boolean {
  if (expected.length === 0) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/** A JSON object with an id: what Factorial delivers for every subscription type. */
function isResource(rawBody: Buffer): boolean {
  try {
    const body: unknown = JSON.parse(rawBody.toString('utf8'));
    const id = (body as { id?: unknown } | null)?.id;
    return typeof body === 'object' && body !== null && !Array.isArray(body) && (typeof id === 'string' || typeof id === 'number');
  } catch {
    return false;
  }
}

/**
 * Factorial gives deliveries no id; a retry resends the same resource, so its bytes identify the
 * event (hashed: the body carries personal data).
 */
function eventId(rawBody: Buffer): string {
  return `factorial:${createHash('sha256').update(rawBody).digest('hex').slice(0, 32)}`;
}
