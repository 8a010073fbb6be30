// Lucca webhooks (developers.lucca.fr, "Webhooks & Events"): the product declares a webhook-endpoint
// through the API (POST /lucca-api/webhook-endpoints with its URL and the topics it wants); Lucca
// then activates it with a challenge (a GET carrying an `echo` query parameter that must be answered
// with that value as plain text) and posts one event per request. Each delivery is signed: the
// Lucca-Signature header is the base64 HMAC-SHA256 of "<Lucca-Timestamp>.<raw body>" under the
// endpoint's secret, and Lucca-Timestamp is the UTC moment it was sent (ISO 8601), to be refused when
// more than 5 minutes away. Endpoints do not expire; Lucca suspends one whose deliveries keep failing.
// Where the secret comes from (the creation answer's `secret`) is taken from third-party code (NOTES.md).
import crypto from 'node:crypto';
import { HrSystemResponseError } from '../errors';
import type { HrApi } from '../kit';
import type { HrPushDefinition, HrPushSubscriptions, IncomingNotification, NotificationVerdict, PushSubscription, PushSubscriptionRequest } from '../push';

/** The topics that change what the product reads: employees and their employments. */
export const LUCCA_PUSH_TOPICS = ['employee.created', 'employee.updated', 'employment.created', 'employment.updated', 'employment.deleted'] as const;

/** Lucca's freshness window for Lucca-Timestamp (± 5 minutes). */
export const LUCCA_SIGNATURE_TOLERANCE_MS = 5 * 60_000;
/** The longest challenge Lucca documents (500 characters); anything longer is not Lucca's. */
const MAX_ECHO_LENGTH = 500;

const header = (n: IncomingNotification, name: string): string | undefined => {
  const value = n.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** Constant-time comparison of two strings (false when their lengths differ). */
function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

/** The signature Lucca puts in Lucca-Signature for this timestamp and body. */
export function luccaSignature(secret: string, timestamp: string, rawBody: Buffer | string): string {
  return crypto.createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('base64');
}

export function verifyLuccaNotification(n: IncomingNotification, subscription: PushSubscription): NotificationVerdict {
  if (n.method === 'GET') {
    // The activation challenge: answering it proves only that we own the URL, so it carries no signature.
    const echo = n.query.echo;
    if (typeof echo !== 'string' || echo === '' || echo.length > MAX_ECHO_LENGTH) return { kind: 'rejected', reason: 'a GET without a Lucca activation challenge' };
    return { kind: 'handshake', status: 200, contentType: 'text/plain', body: echo };
  }
  if (n.method !== 'POST') return { kind: 'rejected', reason: `Lucca posts events; ${n.method} is not one` };
  const signature = header(n, 'lucca-signature');
  const timestamp = header(n, 'lucca-timestamp');
  if (!signature || !timestamp) return { kind: 'rejected', reason: 'no Lucca-Signature or Lucca-Timestamp header' };
  const sentAt = Date.parse(timestamp);
  if (Number.isNaN(sentAt)) return { kind: 'rejected', reason: 'Lucca-Timestamp is not a date' };
  if (Math.abs(n.receivedAt.getTime() - sentAt) > LUCCA_SIGNATURE_TOLERANCE_MS) return { kind: 'rejected', reason: 'Lucca-Timestamp is more than 5 minutes away (stale or replayed)' };
  if (!sameText(signature, luccaSignature(subscription.verificationSecret, timestamp, n.rawBody))) return { kind: 'rejected', reason: 'the Lucca-Signature does not match' };

  let event: { id?: unknown; topic?: unknown } | null;
  try {
    event = JSON.parse(n.rawBody.toString('utf8')) as { id?: unknown; topic?: unknown } | null;
  } catch {
    return { kind: 'ignored', reason: 'a signed delivery that is not JSON' };
  }
  const id = typeof event?.id === 'string' || typeof event?.id === 'number' ? String(event.id) : null;
  const topic = typeof event?.topic === 'string' ? event.topic : null;
  if (id === null || topic === null) return { kind: 'ignored', reason: 'a signed delivery without an event id or topic' };
  if (!(LUCCA_PUSH_TOPICS as readonly string[]).includes(topic)) return { kind: 'ignored', reason: `topic ${topic} is not one the product reads` };
  return { kind: 'changes', eventIds: [id], count: 1 };
}

export const luccaPush: HrPushDefinition = {
  events: LUCCA_PUSH_TOPICS,
  proof: 'signature',
  verifyNotification: verifyLuccaNotification,
};

interface WebhookEndpoint {
  id?: unknown;
  secret?: unknown;
  status?: unknown;
}

/** What the product names its endpoint in Lucca (shown to the admin in Lucca's integrations page). */
const ENDPOINT_NAME = 'Benefits: employee changes';

/** The webhook-endpoints of the Lucca API, through the connector's HrApi (based at …/lucca-api). */
export class LuccaWebhookEndpoints implements HrPushSubscriptions {
  constructor(
    private readonly api: HrApi,
    private readonly apiVersion: string,
  ) {}

  async subscribe(request: PushSubscriptionRequest): Promise<PushSubscription> {
    const res = await this.api.send({
      path: '/webhook-endpoints',
      method: 'POST',
      json: { name: ENDPOINT_NAME, webhookUrl: request.callbackUrl, topics: LUCCA_PUSH_TOPICS, apiVersion: this.apiVersion, status: 'active' },
    });
    const created = res.body as WebhookEndpoint | null;
    const id = typeof created?.id === 'string' || typeof created?.id === 'number' ? String(created.id) : null;
    // Lucca issues the signing secret; without it no delivery could be checked, so the endpoint is useless.
    if (id === null || typeof created?.secret !== 'string' || created.secret === '') throw this.api.unexpected('the created webhook-endpoint (no id or secret)', res.status);
    return { vendorSubscriptionId: id, expiresAt: null, verificationSecret: created.secret };
  }

  async unsubscribe(subscription: PushSubscription): Promise<void> {
    // One Lucca no longer has counts as deleted.
    await this.orGone(this.api.send({ path: this.path(subscription), method: 'DELETE' }));
  }

  /** Held and active: a suspended endpoint (failed deliveries) or an inactive one receives nothing. */
  async exists(subscription: PushSubscription): Promise<boolean> {
    const res = await this.orGone(this.api.send(this.path(subscription)));
    return res !== null && (res.body as WebhookEndpoint | null)?.status === 'active';
  }

  private path(subscription: PushSubscription): string {
    return `/webhook-endpoints/${encodeURIComponent(subscription.vendorSubscriptionId)}`;
  }

  /** The answer, or null where Lucca answers 404 (no such endpoint). */
  private async orGone<T>(answer: Promise<T>): Promise<T | null> {
    try {
      return await answer;
    } catch (err) {
      if (err instanceof HrSystemResponseError && err.httpStatus === 404) return null;
      throw err;
    }
  }
}
