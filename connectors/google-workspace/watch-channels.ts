// The product's Directory API watch channels on users: one channel per event (users.watch takes a
// single `event`), all calling the same address with the product's secret as channel token. Google
// renews nothing: a renewal is a new set of channels, after which the old ones are stopped
// (channels.stop with id + resourceId). Google offers no way to look a channel up, so `exists` can only
// trust the expiry Google gave (see NOTES.md).
import { randomUUID } from 'node:crypto';
import { HrSystemResponseError } from '../errors';
import type { HrApi } from '../kit';
import type { HrPushSubscriptions, PushSubscription, PushSubscriptionRequest } from '../push';
import { channelKey, GOOGLE_WATCH_EVENTS, resourceKey, type GoogleWatchEvent } from './push';

/** What the product asks for; Google may give less (its answer's expiration is kept). */
export const CHANNEL_LIFETIME_MS = 6 * 3600_000;
/** The channel whose id names the subscription. */
const PRIMARY_EVENT: GoogleWatchEvent = 'update';

interface ChannelBody {
  id?: unknown;
  resourceId?: unknown;
  expiration?: unknown;
}

interface OpenChannel {
  event: GoogleWatchEvent;
  id: string;
  resourceId: string;
  expiresAt: Date;
}

export class GoogleWatchChannels implements HrPushSubscriptions {
  constructor(
    private readonly directory: HrApi,
    /** users.watch is scoped like users.list: the customer, or one domain. */
    private readonly scope: { customer: string } | { domain: string },
    private readonly now: () => Date = () => new Date(),
  ) {}

  async subscribe(request: PushSubscriptionRequest): Promise<PushSubscription> {
    const opened: OpenChannel[] = [];
    try {
      for (const event of [PRIMARY_EVENT, ...GOOGLE_WATCH_EVENTS.filter((e) => e !== PRIMARY_EVENT)]) opened.push(await this.watch(event, request));
    } catch (err) {
      // A part of a subscription is no subscription: close what was opened.
      await Promise.all(opened.map((c) => this.stop(c.id, c.resourceId).catch(() => undefined)));
      throw err;
    }
    const details: Record<string, string> = {};
    for (const c of opened) {
      details[channelKey(c.event)] = c.id;
      details[resourceKey(c.event)] = c.resourceId;
    }
    return {
      vendorSubscriptionId: opened[0].id,
      expiresAt: new Date(Math.min(...opened.map((c) => c.expiresAt.getTime()))),
      verificationSecret: request.secret,
      details,
    };
  }

  /** New channels first, then the old ones stopped: no moment without a channel. */
  async renew(subscription: PushSubscription, request: PushSubscriptionRequest): Promise<PushSubscription> {
    const renewed = await this.subscribe(request);
    await this.unsubscribe(subscription);
    return renewed;
  }

  async unsubscribe(subscription: PushSubscription): Promise<void> {
    await Promise.all(
      GOOGLE_WATCH_EVENTS.map(async (event) => {
        const id = subscription.details?.[channelKey(event)] ?? (event === PRIMARY_EVENT ? subscription.vendorSubscriptionId : undefined);
        const resourceId = subscription.details?.[resourceKey(event)];
        if (id && resourceId) await this.stop(id, resourceId);
      }),
    );
  }

  /** Google has no channel lookup: a channel counts as there until the expiry Google gave it. */
  async exists(subscription: PushSubscription): Promise<boolean> {
    return subscription.expiresAt !== null && subscription.expiresAt.getTime() > this.now().getTime();
  }

  private async watch(event: GoogleWatchEvent, request: PushSubscriptionRequest): Promise<OpenChannel> {
    const id = randomUUID(); // never reused: Google refuses a channel id it has seen before
    const body = (await this.directory.json({
      path: '/admin/directory/v1/users/watch',
      method: 'POST',
      query: { ...this.scope, event },
      json: { id, type: 'web_hook', address: request.callbackUrl, token: request.secret, expiration: String(this.now().getTime() + CHANNEL_LIFETIME_MS), payload: false },
    })) as ChannelBody | null;
    const expiresAt = new Date(Number(body?.expiration));
    if (body?.id !== id || typeof body.resourceId !== 'string' || !body.resourceId || Number.isNaN(expiresAt.getTime())) throw this.directory.unexpected('the watch request');
    return { event, id, resourceId: body.resourceId, expiresAt };
  }

  /** One the vendor no longer has (stopped, expired) is stopped already. */
  private async stop(id: string, resourceId: string): Promise<void> {
    try {
      await this.directory.send({ path: '/admin/directory_v1/channels/stop', method: 'POST', json: { id, resourceId } });
    } catch (err) {
      if (!(err instanceof HrSystemResponseError && err.httpStatus === 404)) throw err;
    }
  }
}
