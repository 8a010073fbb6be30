// The product's webhook in BambooHR (a permissioned webhook of the API key's user): created by
// POST /api/v1/webhooks for the event-based employee events, JSON format, monitoring the fields the
// connector reads; BambooHR answers with the private key that signs its deliveries (only then).
// Webhooks do not expire, so there is no renewal; 404 on read or delete means it is gone.
import { HrSystemResponseError } from '../errors';
import type { HrApi } from '../kit';
import type { HrPushSubscriptions, PushSubscription, PushSubscriptionRequest } from '../push';
import { BAMBOO_MAPPED_FIELDS, isBambooCustomField } from './mapping';
import { BAMBOOHR_PUSH_EVENTS } from './notification';

const WEBHOOK_NAME = 'Benefits platform: employee changes';

interface MonitorField {
  id?: unknown;
  name?: unknown;
  alias?: unknown;
}

export class BambooHrWebhooks implements HrPushSubscriptions {
  constructor(private readonly api: HrApi) {}

  async subscribe(request: PushSubscriptionRequest): Promise<PushSubscription> {
    const monitorFields = await this.monitorFields();
    const res = await this.api.send({
      path: '/api/v1/webhooks',
      method: 'POST',
      json: { name: WEBHOOK_NAME, url: request.callbackUrl, format: 'json', events: BAMBOOHR_PUSH_EVENTS, monitorFields, postFields: {}, includeCompanyDomain: false },
    });
    const body = res.body as { id?: unknown; privateKey?: unknown } | null;
    if (body?.id === undefined || body.id === null || typeof body.privateKey !== 'string' || body.privateKey.length === 0) throw this.api.unexpected('the webhook creation', res.status);
    // BambooHR issues the signing key; the product's own secret has no use here.
    return { vendorSubscriptionId: String(body.id), expiresAt: null, verificationSecret: body.privateKey };
  }

  async unsubscribe(subscription: PushSubscription): Promise<void> {
    await this.orGone(() => this.api.send({ path: this.webhookPath(subscription), method: 'DELETE' }));
  }

  async exists(subscription: PushSubscription): Promise<boolean> {
    return (await this.orGone(() => this.api.send(this.webhookPath(subscription)))) !== 'gone';
  }

  /**
   * The fields the connector reads that BambooHR lets a webhook monitor: the mapped standard fields
   * and the company's custom fields (the admin maps e.g. the number of children from one).
   */
  private async monitorFields(): Promise<string[]> {
    const body = (await this.api.json('/api/v1/webhooks/monitor_fields')) as { fields?: unknown } | null;
    if (!Array.isArray(body?.fields)) throw this.api.unexpected('the monitorable fields');
    const read = new Set<string>(BAMBOO_MAPPED_FIELDS);
    const chosen = (body.fields as MonitorField[]).flatMap((f) => {
      const alias = typeof f.alias === 'string' && f.alias.length > 0 ? f.alias : undefined;
      const key = alias ?? (f.id === undefined || f.id === null ? undefined : String(f.id));
      if (key === undefined) return [];
      return read.has(key) || isBambooCustomField({ id: key, name: String(f.name ?? ''), type: '', alias }) ? [key] : [];
    });
    if (chosen.length === 0) throw this.api.unexpected('the monitorable fields (none of the fields the sync reads)');
    return chosen;
  }

  private webhookPath(subscription: PushSubscription): string {
    return `/api/v1/webhooks/${encodeURIComponent(subscription.vendorSubscriptionId)}`;
  }

  /** Runs the request; BambooHR's 404 (no such webhook) is 'gone'. */
  private async orGone<T>(request: () => Promise<T>): Promise<T | 'gone'> {
    try {
      return await request();
    } catch (err) {
      if (err instanceof HrSystemResponseError && err.httpStatus === 404) return 'gone';
      throw err;
    }
  }
}
