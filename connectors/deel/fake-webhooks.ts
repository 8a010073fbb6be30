// The fake Deel's webhooks, as developer.deel.com describes them: subscriptions created with
// POST /rest/v2/webhooks { data: { name, description, status, url, signing_key, events, api_version } }
// (answered 201 with the webhook, its signing_key hidden as null), read with GET /webhooks and
// GET /webhooks/{id}, deleted with DELETE /webhooks/{id}. Each matching event is posted to every
// enabled webhook as { data: { meta: { event_type, event_type_id, organization_id,
// organization_name, tracking_id }, resource }, timestamp } with the headers x-deel-signature (hex
// HMAC-SHA256 of "POST" + body under the signing key), x-deel-hmac-label (the webhook's name) and
// x-deel-webhook-version. Deel's retry schedule and any automatic disabling are not published: the
// fake sends each event once.
import crypto from 'node:crypto';
import { deliverNotification, parseJson, type FakeRequest, type FakeResponse } from '../kit/fake';

type Row = Record<string, unknown>;

/** Event types the fake knows (from Deel's published list; its events endpoint names more). */
export const FAKE_DEEL_EVENT_TYPES = [
  'contract.created',
  'contract.status.updated',
  'contract.terminated',
  'employee.created.direct',
  'employee.created.contractor',
  'employee.created.eor',
  'employee.updated.direct',
  'worker.v2.created',
  'worker.v2.deleted',
  'gp.termination.confirmed',
  'time-off.created',
];
export const FAKE_DEEL_ORGANIZATION = { id: '987deccd-0000-4000-8000-000000000001', name: 'Example Org' };

export interface FakeDeelWebhook {
  id: string;
  name: string;
  description: string;
  url: string;
  events: string[];
  status: 'enabled' | 'disabled';
  apiVersion: string;
  signingKey: string;
  createdAt: string;
  updatedAt: string;
}

export interface FakeDeelDelivery {
  webhookId: string;
  eventType: string;
  trackingId: string;
  status: number;
}

type ErrorAnswer = (req: FakeRequest, status: number, code: string, message: string, path?: string) => FakeResponse;

export class FakeDeelWebhooks {
  readonly webhooks = new Map<string, FakeDeelWebhook>();
  readonly deliveries: FakeDeelDelivery[] = [];
  private lastId = 0;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly error: ErrorAnswer) {}

  private view(w: FakeDeelWebhook): Row {
    return { id: w.id, name: w.name, description: w.description, status: w.status, url: w.url, signing_key: null, api_version: w.apiVersion, events: w.events, created_at: w.createdAt, updated_at: w.updatedAt, hidden: false, internal: false, deleted_at: null };
  }

  create(req: FakeRequest): FakeResponse {
    const data = parseJson<{ data?: Row }>(req.body)?.value?.data;
    if (!data || typeof data !== 'object') return this.error(req, 400, 'VALIDATION_ERROR', "must have required property 'data'", '/body');
    const url = typeof data.url === 'string' ? data.url : '';
    // Deel wants an HTTPS endpoint; the fake also takes loopback http so tests can receive.
    if (!/^https:\/\//.test(url) && !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(url)) return this.error(req, 400, 'VALIDATION_ERROR', 'must match format "uri" (https)', '/body/data/url');
    const events = Array.isArray(data.events) ? data.events.filter((e): e is string => typeof e === 'string') : [];
    if (events.length === 0) return this.error(req, 400, 'VALIDATION_ERROR', 'must NOT have fewer than 1 items', '/body/data/events');
    const unknown = events.find((e) => !FAKE_DEEL_EVENT_TYPES.includes(e));
    if (unknown) return this.error(req, 400, 'VALIDATION_ERROR', `Unknown event type ${unknown}`, '/body/data/events');
    const status = data.status ?? 'enabled';
    if (status !== 'enabled' && status !== 'disabled') return this.error(req, 400, 'VALIDATION_ERROR', 'must be equal to one of the allowed values: enabled, disabled', '/body/data/status');
    const now = new Date().toISOString();
    const webhook: FakeDeelWebhook = {
      id: `00000000-0000-4000-8000-${String(++this.lastId).padStart(12, '0')}`,
      name: typeof data.name === 'string' ? data.name : '',
      description: typeof data.description === 'string' ? data.description : '',
      url,
      events,
      status,
      apiVersion: typeof data.api_version === 'string' ? data.api_version : 'v2',
      // A subscriber's signing key is used as given; without one the fake makes one and shows it once.
      signingKey: typeof data.signing_key === 'string' && data.signing_key !== '' ? data.signing_key : crypto.randomBytes(32).toString('hex'),
      createdAt: now,
      updatedAt: now,
    };
    this.webhooks.set(webhook.id, webhook);
    const shown = typeof data.signing_key === 'string' && data.signing_key !== '' ? null : webhook.signingKey;
    return { status: 201, body: { data: { ...this.view(webhook), signing_key: shown } } };
  }

  list(): FakeResponse {
    return { status: 200, body: { data: [...this.webhooks.values()].map((w) => this.view(w)) } };
  }

  get(req: FakeRequest, id: string): FakeResponse {
    const webhook = this.webhooks.get(id);
    return webhook ? { status: 200, body: { data: this.view(webhook) } } : this.error(req, 404, 'NOT_FOUND', 'Webhook not found');
  }

  delete(req: FakeRequest, id: string): FakeResponse {
    const webhook = this.webhooks.get(id);
    if (!webhook) return this.error(req, 404, 'NOT_FOUND', 'Webhook not found');
    this.webhooks.delete(id);
    return { status: 200, body: { data: { ...this.view(webhook), deleted_at: new Date().toISOString() } } };
  }

  /** An admin deletes the webhook in Deel's Developer Center. */
  drop(id: string): void {
    this.webhooks.delete(id);
  }

  signingKeys(): string[] {
    return [...this.webhooks.values()].map((w) => w.signingKey);
  }

  /** Something happened in Deel: one event, posted to every enabled webhook subscribed to its type. */
  emit(eventType: string, resource: Row): void {
    const trackingId = crypto.randomBytes(21).toString('base64url');
    for (const webhook of this.webhooks.values()) {
      if (webhook.status !== 'enabled' || !webhook.events.includes(eventType)) continue;
      const sending = this.deliver(webhook, eventType, trackingId, resource).finally(() => this.inFlight.delete(sending));
      this.inFlight.add(sending);
    }
  }

  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  private async deliver(webhook: FakeDeelWebhook, eventType: string, trackingId: string, resource: Row): Promise<void> {
    const body = JSON.stringify({
      data: {
        meta: { event_type: eventType, event_type_id: String(FAKE_DEEL_EVENT_TYPES.indexOf(eventType) + 1), organization_id: FAKE_DEEL_ORGANIZATION.id, organization_name: FAKE_DEEL_ORGANIZATION.name, tracking_id: trackingId },
        resource,
      },
      timestamp: new Date().toISOString(),
    });
    const signature = crypto.createHmac('sha256', webhook.signingKey).update(`POST${body}`).digest('hex');
    const answer = await deliverNotification(webhook.url, {
      headers: { 'content-type': 'application/json', 'x-deel-signature': signature, 'x-deel-hmac-label': webhook.name, 'x-deel-webhook-version': '1.0.0' },
      body,
    });
    this.deliveries.push({ webhookId: webhook.id, eventType, trackingId, status: answer.status });
  }
}
