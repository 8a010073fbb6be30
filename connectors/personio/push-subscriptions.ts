// The product's webhook in Personio, through the v2 Webhooks Management API: created ENABLED with
// auth_type TOKEN (Personio then sends our secret in the Authorization header), deleted on
// disconnect, read back to see whether Personio still has it. Personio's webhooks do not expire,
// so there is no renewal.
import { HrSystemResponseError } from '../errors';
import type { HttpResponse } from '../http';
import type { HrApi } from '../kit';
import type { HrPushSubscriptions, PushSubscription, PushSubscriptionRequest } from '../push';
import { PERSONIO_PUSH_EVENTS } from './push';

/** What Personio answers for a webhook (the fields read here). */
interface PersonioWebhookBody {
  id?: unknown;
  status?: unknown;
}

const WEBHOOK_DESCRIPTION = 'Benefits platform: employee changes';

export class PersonioWebhookSubscriptions implements HrPushSubscriptions {
  constructor(private readonly api: HrApi) {}

  async subscribe(request: PushSubscriptionRequest): Promise<PushSubscription> {
    const res = await this.api.send({
      path: '/v2/webhooks',
      method: 'POST',
      json: {
        url: request.callbackUrl,
        description: WEBHOOK_DESCRIPTION,
        // Personio creates webhooks DISABLED unless told otherwise.
        status: 'ENABLED',
        auth_type: 'TOKEN',
        token: request.secret,
        enabled_events: PERSONIO_PUSH_EVENTS,
      },
    });
    if (res.status >= 300) throw this.refused('the webhook creation', res);
    const id = (res.body as PersonioWebhookBody | null)?.id;
    if (typeof id !== 'string' || id.length === 0) throw this.api.unexpected('the webhook creation', res.status);
    return { vendorSubscriptionId: id, expiresAt: null, verificationSecret: request.secret };
  }

  async unsubscribe(subscription: PushSubscription): Promise<void> {
    // 404: already gone, which is what was asked.
    const res = await this.api.send({ path: this.webhookPath(subscription), method: 'DELETE' });
    if (res.status >= 300 && res.status !== 404) throw this.refused('the webhook deletion', res);
  }

  /** Personio still has it and it is enabled (a disabled webhook delivers nothing). */
  async exists(subscription: PushSubscription): Promise<boolean> {
    const res = await this.api.send(this.webhookPath(subscription));
    if (res.status === 404) return false;
    if (res.status >= 300) throw this.refused('reading the webhook', res);
    return (res.body as PersonioWebhookBody | null)?.status === 'ENABLED';
  }

  /** Personio's reason, e.g. "Unprocessable Entity: url must be an HTTPS URL." */
  private refused(what: string, res: HttpResponse): HrSystemResponseError {
    return new HrSystemResponseError(`${this.api.hrSystemName} refused ${what} (HTTP ${res.status}): ${this.api.errorMessage(res)}`, this.api.hrSystemName, res.status);
  }

  private webhookPath(subscription: PushSubscription): string {
    return `/v2/webhooks/${encodeURIComponent(subscription.vendorSubscriptionId)}`;
  }
}
