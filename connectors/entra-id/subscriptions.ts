// The product's Graph change-notification subscription on users: created with POST /subscriptions
// (Graph first checks the callback with a validationToken request, which the product's endpoint
// answers), renewed with PATCH expirationDateTime, deleted with DELETE, read back with GET.
// clientState is the product's secret; lifecycle notifications go to the same callback URL.
import { HrSystemResponseError } from '../errors';
import { PushSubscriptionGoneError, type HrPushSubscriptions, type PushSubscription, type PushSubscriptionRequest } from '../push';
import type { GraphClient } from './graph-client';

/** What the product asks Graph for; `created` is not offered for users (a new user comes as `updated`). */
export const ENTRA_CHANGE_TYPES = ['updated', 'deleted'] as const;
/** Graph's longest lifetime for user subscriptions is 41,760 minutes; an hour less leaves room for clock skew. */
export const SUBSCRIPTION_LIFETIME_MS = (41_760 - 60) * 60_000;
/** Graph keeps clientState up to 128 characters. */
const MAX_CLIENT_STATE = 128;
const SUBSCRIPTION_PERMISSION = 'User.Read.All';

interface GraphSubscriptionBody {
  id?: unknown;
  expirationDateTime?: unknown;
}

export class GraphUserSubscriptions implements HrPushSubscriptions {
  constructor(
    private readonly graph: GraphClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async subscribe(request: PushSubscriptionRequest): Promise<PushSubscription> {
    if (request.secret.length > MAX_CLIENT_STATE) throw new Error(`Graph keeps at most ${MAX_CLIENT_STATE} characters of clientState`);
    const body = (await this.graph.send({
      method: 'POST',
      url: this.url('/v1.0/subscriptions'),
      json: {
        changeType: ENTRA_CHANGE_TYPES.join(','),
        notificationUrl: request.callbackUrl,
        lifecycleNotificationUrl: request.callbackUrl,
        resource: 'users',
        expirationDateTime: this.expiry(),
        clientState: request.secret,
      },
      permission: SUBSCRIPTION_PERMISSION,
    })) as GraphSubscriptionBody | null;
    return this.read(body, request.secret, 'the subscription creation');
  }

  async renew(subscription: PushSubscription): Promise<PushSubscription> {
    const body = await this.orGone(subscription, () =>
      this.graph.send({ method: 'PATCH', url: this.subscriptionUrl(subscription), json: { expirationDateTime: this.expiry() }, permission: SUBSCRIPTION_PERMISSION }),
    );
    return this.read(body as GraphSubscriptionBody | null, subscription.verificationSecret, 'the subscription renewal');
  }

  async unsubscribe(subscription: PushSubscription): Promise<void> {
    try {
      await this.graph.send({ method: 'DELETE', url: this.subscriptionUrl(subscription), permission: SUBSCRIPTION_PERMISSION });
    } catch (err) {
      if (!isNotFound(err)) throw err; // already gone: what was asked
    }
  }

  /** Graph deletes a subscription at its expiry; one it still returns and that has not expired exists. */
  async exists(subscription: PushSubscription): Promise<boolean> {
    try {
      const body = (await this.graph.send({ url: this.subscriptionUrl(subscription), permission: SUBSCRIPTION_PERMISSION })) as GraphSubscriptionBody | null;
      const expires = typeof body?.expirationDateTime === 'string' ? Date.parse(body.expirationDateTime) : NaN;
      return Number.isNaN(expires) || expires > this.now().getTime();
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  private async orGone<T>(subscription: PushSubscription, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (isNotFound(err)) throw new PushSubscriptionGoneError(this.graph.api.hrSystemName, `subscription ${subscription.vendorSubscriptionId} was not found`);
      throw err;
    }
  }

  private read(body: GraphSubscriptionBody | null, secret: string, what: string): PushSubscription {
    const expires = typeof body?.expirationDateTime === 'string' ? new Date(body.expirationDateTime) : null;
    if (typeof body?.id !== 'string' || !body.id || !expires || Number.isNaN(expires.getTime())) throw this.graph.api.unexpected(what);
    return { vendorSubscriptionId: body.id, expiresAt: expires, verificationSecret: secret };
  }

  private expiry(): string {
    return new Date(this.now().getTime() + SUBSCRIPTION_LIFETIME_MS).toISOString();
  }

  private url(path: string): string {
    return this.graph.api.url(path);
  }

  private subscriptionUrl(subscription: PushSubscription): string {
    return this.url(`/v1.0/subscriptions/${encodeURIComponent(subscription.vendorSubscriptionId)}`);
  }
}

function isNotFound(err: unknown): boolean {
  return err instanceof HrSystemResponseError && err.httpStatus === 404;
}
