// BambooHR event-based webhooks as the product receives them. BambooHR signs each delivery with the
// webhook's private key (issued when the webhook is created): X-BambooHR-Signature is the hex
// HMAC-SHA256 of the raw body followed directly by the X-BambooHR-Timestamp value (Unix seconds).
// The event itself ({type, timestamp, data: {companyId, employeeId, changedFields}}) carries no
// field values; it only asks for a change listing.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { HrPushDefinition, IncomingNotification, NotificationVerdict, PushSubscription } from '../push';

/** The events the product subscribes to (BambooHR's names). */
export const BAMBOOHR_PUSH_EVENTS = ['employee.created', 'employee.updated', 'employee.deleted'] as const;

/** A signed timestamp further than this from the arrival is refused (a replay, or a clock far off). */
export const SIGNATURE_TOLERANCE_MS = 5 * 60_000;

interface BambooEvent {
  type?: unknown;
  timestamp?: unknown;
  data?: { employeeId?: unknown } | null;
}

export function verifyBambooHrNotification(notification: IncomingNotification, subscription: PushSubscription): NotificationVerdict {
  if (notification.method !== 'POST') return { kind: 'rejected', reason: `BambooHR delivers webhooks by POST, not ${notification.method}` };
  const signature = notification.headers['x-bamboohr-signature'];
  const timestamp = notification.headers['x-bamboohr-timestamp'];
  if (!signature || !timestamp) return { kind: 'rejected', reason: 'no X-BambooHR-Signature or X-BambooHR-Timestamp header' };
  const signedAt = signedInstant(timestamp);
  if (signedAt === null) return { kind: 'rejected', reason: 'X-BambooHR-Timestamp is not a time' };
  if (Math.abs(notification.receivedAt.getTime() - signedAt) > SIGNATURE_TOLERANCE_MS) return { kind: 'rejected', reason: 'the signed timestamp is more than 5 minutes away from the arrival' };
  if (!validSignature(signature, notification.rawBody, timestamp, subscription.verificationSecret)) return { kind: 'rejected', reason: 'the signature does not match this webhook’s private key' };

  const event = readEvent(notification.rawBody);
  const type = typeof event?.type === 'string' ? event.type : null;
  if (type !== null && !(BAMBOOHR_PUSH_EVENTS as readonly string[]).includes(type)) return { kind: 'ignored', reason: `BambooHR event ${type} is not one the product uses` };
  return { kind: 'changes', eventIds: [eventId(event, notification.rawBody)], count: 1 };
}

export const bambooHrPush: HrPushDefinition = {
  events: BAMBOOHR_PUSH_EVENTS,
  proof: 'signature',
  verifyNotification: verifyBambooHrNotification,
};

/** Unix seconds as BambooHR sends them; an ISO 8601 time is read too (not seen, but harmless). */
function signedInstant(value: string): number | null {
  if (/^\d{9,11}$/.test(value)) return Number(value) * 1000;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : parsed;
}

function validSignature(presented: string, rawBody: Buffer, timestamp: string, privateKey: string): boolean {
  if (privateKey.length === 0 || !/^[0-9a-f]{64}$/i.test(presented)) return false;
  const expected = createHmac('sha256', privateKey).update(rawBody).update(timestamp, 'utf8').digest();
  return timingSafeEqual(expected, Buffer.from(presented, 'hex'));
}

function readEvent(rawBody: Buffer): BambooEvent | null {
  try {
    const body: unknown = JSON.parse(rawBody.toString('utf8'));
    return typeof body === 'object' && body !== null ? (body as BambooEvent) : null;
  } catch {
    return null;
  }
}

/**
 * BambooHR gives events no id. The event's type, employee and occurrence time identify it (a
 * redelivery is signed anew but describes the same event); hashed, so no employee id travels on.
 * A signed body that cannot be read is identified by its bytes.
 */
function eventId(event: BambooEvent | null, rawBody: Buffer): string {
  const identity =
    event && typeof event.type === 'string' && event.data?.employeeId !== undefined && typeof event.timestamp === 'string'
      ? `${event.type}\n${String(event.data.employeeId)}\n${event.timestamp}`
      : rawBody.toString('base64');
  return `bamboohr:${createHash('sha256').update(identity, 'utf8').digest('hex').slice(0, 32)}`;
}
