// HiBob's webhooks as a company's own integration can have them: Bob offers no API to create, read or
// delete webhooks for service users (only Marketplace OAuth partners get webhooks, configured per app
// in Bob's Developer Portal). An admin adds the webhook in Bob (Settings > Integrations > Webhooks:
// the product's URL, the events), and Bob shows its secret token there; the admin enters that token
// in the product. So nothing here calls Bob: the subscription is the admin's, and its secret theirs.
import { PushNotConfiguredError, type HrPushSubscriptions, type PushSubscription, type PushSubscriptionRequest } from '../push';

/** Bob does not tell the id of a webhook added in its UI; one integration has one. */
export const BOB_ADMIN_WEBHOOK_ID = 'bob-admin-webhook';

export class HiBobAdminWebhook implements HrPushSubscriptions {
  constructor(
    private readonly hrSystemName: string,
    /** The token Bob shows for the webhook the admin added; absent until they did. */
    private readonly webhookSecret: string | undefined,
  ) {}

  /** Takes the admin's webhook: its token is what Bob signs with. Until the admin enters it, push is not configured. */
  async subscribe(_request: PushSubscriptionRequest): Promise<PushSubscription> {
    if (!this.webhookSecret) {
      throw new PushNotConfiguredError(
        this.hrSystemName,
        "add a webhook in Bob (Settings > Integrations > Webhooks) with the product's webhook address (callbackUrl) and enter the secret token Bob shows for it as webhookToken",
      );
    }
    return { vendorSubscriptionId: BOB_ADMIN_WEBHOOK_ID, expiresAt: null, verificationSecret: this.webhookSecret };
  }

  /** Only the admin can delete it in Bob; the product stops accepting its calls. */
  async unsubscribe(_subscription: PushSubscription): Promise<void> {}

  /**
   * Bob offers no way to read webhooks, so it is taken to be there. When deliveries keep failing Bob
   * deactivates it and e-mails its admins; the scheduled syncs go on meanwhile.
   */
  async exists(_subscription: PushSubscription): Promise<boolean> {
    return this.webhookSecret !== undefined;
  }
}
