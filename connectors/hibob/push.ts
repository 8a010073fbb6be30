// HiBob webhooks v2 as the product receives them. Bob signs each delivery: the `Bob-Signature` header
// is the Base64 HMAC-SHA512 of the raw body under the webhook's secret token (shown in Bob's UI, where
// an admin creates the webhook). Bob checks a new webhook first with a "Ping test" POST that must be
// answered 200. The v2 payload names the changed employee, not the data.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { HrPushDefinition, IncomingNotification, NotificationVerdict, PushSubscription } from '../push';

/** The employee events the admin selects in Bob (Bob's names): basic and lifecycle events. */
export const HIBOB_PUSH_EVENTS = [
  'employee.created',
  'employee.updated',
  'employee.deleted',
  // Lifecycle events: sent when the lifecycle entry becomes effective.
  'employee.joined',
  'employee.left',
  'employee.inactivated',
  'employee.activated',
] as const;

/** Bob's v2 envelope (the fields read here). */
export interface BobWebhookEvent {
  companyId: number;
  type: string;
  triggeredBy: string;
  triggeredAt: string;
  version: string;
  data: { employeeId?: string } & Record<string, unknown>;
}

/** Bob's connection check, sent as a plain string first and as JSON if that failed. */
const PING_BODIES = new Set(['Ping test', '"Ping test"', '{"text":"Ping test"}']);

export function verifyHiBobNotification(notification: IncomingNotification, subscription: PushSubscription): NotificationVerdict {
  if (notification.method !== 'POST') return { kind: 'rejected', reason: `Bob delivers webhooks by POST, not ${notification.method}` };
  // The ping carries nothing and starts nothing; Bob only establishes the webhook once it is answered 200.
  if (PING_BODIES.has(notification.rawBody.toString('utf8').trim())) return { kind: 'handshake', status: 200, contentType: 'text/plain', body: '' };
  const signature = notification.headers['bob-signature'];
  if (!signature) return { kind: 'rejected', reason: 'no Bob-Signature header' };
  if (!signedBy(notification.rawBody, signature, subscription.verificationSecret)) return { kind: 'rejected', reason: 'the Bob-Signature does not match the body' };
  const event = readEvent(notification.rawBody);
  if (!event) return { kind: 'rejected', reason: 'the body is not a Bob webhooks v2 event' };
  if (!(HIBOB_PUSH_EVENTS as readonly string[]).includes(event.type)) return { kind: 'ignored', reason: `Bob event ${event.type} is not one the product uses` };
  if (typeof event.data.employeeId !== 'string' || event.data.employeeId.length === 0) return { kind: 'rejected', reason: `a Bob ${event.type} event without an employee id` };
  // Bob's envelope has no event id; a retry of one event is the same signed body.
  return { kind: 'changes', eventIds: [`${event.type}/${event.data.employeeId}/${event.triggeredAt}`], count: 1 };
}

export const hiBobPush: HrPushDefinition = {
  events: HIBOB_PUSH_EVENTS,
  // Bob has no webhooks API: an admin adds the webhook in Bob's UI and enters its token here.
  createdBy: 'admin',
  proof: 'signature',
  verifyNotification: verifyHiBobNotification,
};

/** Base64 HMAC-SHA512 of the raw body, compared in constant time. */
export function bobSignature(rawBody: Buffer | string, secret: string): string {
  return createHmac('sha512', Buffer.from(secret, 'utf8')).update(rawBody).digest('base64');
}

function signedBy(rawBody: Buffer, signature: string, secret: string): boolean {
  if (secret.length === 0) return false;
  const presented = Buffer.from(signature.trim(), 'base64');
  const expected = Buffer.from(bobSignature(rawBody, secret), 'base64');
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

function readEvent(rawBody: Buffer): BobWebhookEvent | null {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return null;
  }
  const event = body as Partial<BobWebhookEvent> | null;
  if (typeof event !== 'object' || event === null) return null;
  if (event.version !== 'v2' || typeof event.type !== 'string' || typeof event.triggeredAt !== 'string') return null;
  if (typeof event.data !== 'object' || event.data === null) return null;
  return event as BobWebhookEvent;
}
