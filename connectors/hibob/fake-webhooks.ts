// The fake Bob's webhooks v2: what an admin does on Bob's Webhooks page (add one with a URL and
// events, refresh its token, deactivate or delete it), and what Bob then sends. As Bob documents: a
// "Ping test" POST when a webhook is added (as a string, then as JSON if that failed; not answered 2xx
// → the webhook is not established), then each event POSTed as JSON {companyId, type, triggeredBy,
// triggeredAt, version: "v2", data} naming the employee and the changed field ids, never their
// values, signed in Bob-Signature (Base64 HMAC-SHA512 of the body under the webhook's token). Bob's
// retries over 3 days are left out: a failed delivery is only recorded.
import { randomBytes, randomUUID } from 'node:crypto';
import { deliverNotification } from '../kit/fake';
import { bobSignature, type BobWebhookEvent } from './push';

export interface FakeBobWebhook {
  id: string;
  url: string;
  description: string;
  events: string[];
  /** The secret token Bob shows for the webhook. */
  token: string;
  active: boolean;
}

export interface FakeBobDelivery {
  webhookId: string;
  type: string;
  status: number;
}

const ANSWER_WITHIN_MS = 10_000;

export class FakeBobWebhooks {
  readonly deliveries: FakeBobDelivery[] = [];
  private readonly webhooks = new Map<string, FakeBobWebhook>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    readonly companyId: number,
    /** Who made the edits (an admin's backend id). */
    private readonly triggeredBy: string,
  ) {}

  list(): FakeBobWebhook[] {
    return [...this.webhooks.values()];
  }

  /** An admin adds a webhook in Bob: Bob pings the URL and establishes the webhook only if it is answered 2xx. */
  async addInBobUi(input: { url: string; events: readonly string[]; description?: string }): Promise<FakeBobWebhook> {
    const webhook: FakeBobWebhook = { id: randomUUID(), url: input.url, description: input.description ?? 'Webhook', events: [...input.events], token: randomBytes(24).toString('base64url'), active: false };
    for (const ping of ['Ping test', JSON.stringify({ text: 'Ping test' })]) {
      const { status } = await this.post(webhook, ping, ping.startsWith('{') ? 'application/json' : 'text/plain');
      if (status >= 200 && status < 300) {
        webhook.active = true;
        break;
      }
    }
    this.webhooks.set(webhook.id, webhook);
    return webhook;
  }

  /** The admin's "refresh token": the old one no longer signs. */
  refreshToken(id: string): string {
    const webhook = this.require(id);
    webhook.token = randomBytes(24).toString('base64url');
    return webhook.token;
  }

  /** Deactivated by the admin, or by Bob after deliveries kept failing. */
  deactivate(id: string): void {
    this.require(id).active = false;
  }

  remove(id: string): boolean {
    return this.webhooks.delete(id);
  }

  /** Sends one event to every active webhook that selected it. */
  send(type: string, data: BobWebhookEvent['data']): void {
    const event: BobWebhookEvent = { companyId: this.companyId, type, triggeredBy: this.triggeredBy, triggeredAt: bobTimestamp(new Date()), version: 'v2', data };
    const body = JSON.stringify(event);
    for (const webhook of this.webhooks.values()) {
      if (!webhook.active || !webhook.events.includes(type)) continue;
      const delivery = this.post(webhook, body, 'application/json').then(({ status }) => void this.deliveries.push({ webhookId: webhook.id, type, status }));
      this.inFlight.add(delivery);
      void delivery.finally(() => this.inFlight.delete(delivery));
    }
  }

  /** Resolves once every delivery started so far was answered (or timed out). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private post(webhook: FakeBobWebhook, body: string, contentType: string) {
    return deliverNotification(webhook.url, { headers: { 'content-type': contentType, 'bob-signature': bobSignature(body, webhook.token) }, body, timeoutMs: ANSWER_WITHIN_MS });
  }

  private require(id: string): FakeBobWebhook {
    const webhook = this.webhooks.get(id);
    if (!webhook) throw new Error(`the fake Bob has no webhook ${id}`);
    return webhook;
  }
}

/** Bob's form in its examples: local date-time with microseconds and no zone, e.g. 2025-01-08T13:06:26.915906. */
function bobTimestamp(at: Date): string {
  return `${at.toISOString().slice(0, 23)}000`;
}
