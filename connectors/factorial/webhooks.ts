// The product's webhook subscriptions in Factorial (/api_public/webhook_subscriptions): one per
// subscription type, all to the product's URL with the product's secret as `challenge`, for the
// company of the API key. Factorial keeps one subscription per type and company; where it answers
// 422 for a subscribed type, one that already calls the product's URL (an earlier attempt, or one
// Factorial disabled after failed deliveries) is updated and enabled again, and one to another URL
// is left alone and refused. Subscriptions do not expire: no renewal.
import { HrSystemResponseError } from '../errors';
import type { HrApi } from '../kit';
import type { HrPushSubscriptions, PushSubscription, PushSubscriptionRequest } from '../push';
import { FACTORIAL_PUSH_EVENTS } from './notification';

const PATH = '/api_public/webhook_subscriptions';
const NAME = 'Benefits platform: employee changes';

interface FactorialSubscription {
  id?: unknown;
  subscription_type?: unknown;
  target_url?: unknown;
  enabled?: unknown;
}

export class FactorialWebhooks implements HrPushSubscriptions {
  constructor(private readonly api: HrApi) {}

  async subscribe(request: PushSubscriptionRequest): Promise<PushSubscription> {
    const companyId = await this.companyId();
    const ids: Record<string, string> = {};
    for (const type of FACTORIAL_PUSH_EVENTS) ids[type] = await this.subscribeTo(type, companyId, request);
    return { vendorSubscriptionId: ids[FACTORIAL_PUSH_EVENTS[0]], expiresAt: null, verificationSecret: request.secret, details: ids };
  }

  async unsubscribe(subscription: PushSubscription): Promise<void> {
    for (const id of subscriptionIds(subscription)) await this.orGone(() => this.api.send({ path: `${PATH}/${encodeURIComponent(id)}`, method: 'DELETE' }));
  }

  /** Every type still subscribed, enabled, to the same URL (Factorial disables one after failed deliveries). */
  async exists(subscription: PushSubscription): Promise<boolean> {
    let url: unknown;
    for (const id of subscriptionIds(subscription)) {
      const held = await this.orGone(() => this.api.json(`${PATH}/${encodeURIComponent(id)}`));
      if (held === 'gone') return false;
      const body = held as FactorialSubscription | null;
      if (body?.enabled !== true || (url !== undefined && body.target_url !== url)) return false;
      url = body.target_url;
    }
    return true;
  }

  private async subscribeTo(type: string, companyId: string, req: PushSubscriptionRequest): Promise<string> {
    const fields = { subscription_type: type, target_url: req.callbackUrl, name: NAME, challenge: req.secret, enabled: true };
    const created = await this.orTaken(() => this.api.send({ path: PATH, method: 'POST', json: { ...fields, company_id: companyId } }));
    if (created !== 'taken') return this.idOf(created.body, 'the webhook subscription');
    const existing = (await this.list(type, companyId)).find((s) => s.target_url === req.callbackUrl);
    if (!existing) throw new HrSystemResponseError(`${this.api.hrSystemName} already sends ${type} to another address; that webhook subscription must be removed in Factorial first`, this.api.hrSystemName, 422);
    const id = this.idOf(existing, 'the webhook subscription list');
    const updated = await this.api.send({ path: `${PATH}/${encodeURIComponent(id)}`, method: 'PUT', json: { id, ...fields } });
    return this.idOf(updated.body, 'the webhook subscription update');
  }

  private async list(type: string, companyId: string): Promise<FactorialSubscription[]> {
    const body = (await this.api.json({ path: PATH, query: { type, company_id: companyId } })) as { data?: unknown } | null;
    if (!Array.isArray(body?.data)) throw this.api.unexpected('the webhook subscription list');
    return body.data as FactorialSubscription[];
  }

  /** The company of the API key, as its legal entities name it (the subscription needs it). */
  private async companyId(): Promise<string> {
    const body = (await this.api.json({ path: '/companies/legal_entities', query: { limit: '1' } })) as { data?: { company_id?: unknown }[] } | null;
    const id = body?.data?.[0]?.company_id;
    if (typeof id !== 'string' && typeof id !== 'number') throw this.api.unexpected('the company of the API key');
    return String(id);
  }

  private idOf(body: unknown, what: string): string {
    const id = (body as FactorialSubscription | null)?.id;
    if (typeof id !== 'string' && typeof id !== 'number') throw this.api.unexpected(what);
    return String(id);
  }

  /** Runs the request; 404 (no such subscription) is 'gone'. */
  private async orGone<T>(send: () => Promise<T>): Promise<T | 'gone'> {
    try {
      return await send();
    } catch (err) {
      if (err instanceof HrSystemResponseError && err.httpStatus === 404) return 'gone';
      throw err;
    }
  }

  /** Runs the request; 422 (the type is already subscribed for the company) is 'taken'. */
  private async orTaken<T>(send: () => Promise<T>): Promise<T | 'taken'> {
    try {
      return await send();
    } catch (err) {
      if (err instanceof HrSystemResponseError && err.httpStatus === 422) return 'taken';
      throw err;
    }
  }
}

function subscriptionIds(subscription: PushSubscription): string[] {
  const ids = Object.values(subscription.details ?? {});
  return ids.length > 0 ? [...new Set(ids)] : [subscription.vendorSubscriptionId];
}
