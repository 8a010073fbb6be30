// Directory API push of the Google Workspace fake, as Google describes watch channels:
//  - POST /admin/directory/v1/users/watch?customer|domain=…&event=… with a Channel {id, type web_hook,
//    address, token, expiration (ms), payload}: a channel id is never accepted twice; the answer
//    names the watched resource (resourceId, resourceUri) and the expiration, capped at 6 hours.
//  - Right after, a `sync` message (message number 1); then one message per user change of that
//    channel's event, numbered on: X-Goog-Channel-ID / -Token / -Expiration, X-Goog-Resource-ID /
//    -URI / -State, X-Goog-Message-Number; the user (kind, id, etag, primaryEmail) as the body unless
//    the channel asked for no payload.
//  - POST /admin/directory_v1/channels/stop {id, resourceId}: 204; unknown or expired: 404.
//  - An expired channel delivers nothing and is gone.
import { createHash } from 'node:crypto';
import { deliverNotification, type DeliveredNotification, type FakeResponse } from '../kit/fake';

const MAX_LIFETIME_MS = 6 * 3600_000;
const EVENTS = ['add', 'delete', 'makeAdmin', 'undelete', 'update'];

export interface FakeWatchChannel {
  id: string;
  resourceId: string;
  resourceUri: string;
  event: string;
  address: string;
  token: string | null;
  payload: boolean;
  expiration: Date;
  messages: number;
}

type GoogleError = (code: number, status: string, reason: string, message: string) => FakeResponse;

export class FakeWatchChannels {
  private readonly channels = new Map<string, FakeWatchChannel>();
  private readonly usedIds = new Set<string>();
  private readonly deliveries = new Set<Promise<unknown>>();

  constructor(
    private readonly error: GoogleError,
    private readonly baseUrl: () => string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The channels Google still holds (expired ones are gone). */
  list(): FakeWatchChannel[] {
    for (const [id, c] of this.channels) if (c.expiration.getTime() <= this.now().getTime()) this.channels.delete(id);
    return [...this.channels.values()];
  }

  watch(url: URL, body: string): FakeResponse {
    const customer = url.searchParams.get('customer');
    const domain = url.searchParams.get('domain');
    const event = url.searchParams.get('event');
    if (!customer && !domain) return this.error(400, 'INVALID_ARGUMENT', 'badRequest', 'Bad Request');
    if (!event || !EVENTS.includes(event)) return this.error(400, 'INVALID_ARGUMENT', 'invalid', `Invalid value for event: ${event ?? ''}`);
    const channel = parse(body);
    if (!channel || typeof channel.id !== 'string' || !/^[A-Za-z0-9\-_+/=]{1,64}$/.test(channel.id)) return this.error(400, 'INVALID_ARGUMENT', 'invalid', 'Invalid channel id');
    if (channel.type !== 'web_hook' || typeof channel.address !== 'string') return this.error(400, 'INVALID_ARGUMENT', 'invalid', 'Invalid channel type or address');
    if (this.usedIds.has(channel.id)) return this.error(400, 'INVALID_ARGUMENT', 'channelIdNotUnique', 'Channel id not unique');
    if (channel.token !== undefined && (typeof channel.token !== 'string' || channel.token.length > 256)) return this.error(400, 'INVALID_ARGUMENT', 'invalid', 'Invalid channel token');
    const now = this.now().getTime();
    const asked = channel.expiration === undefined ? now + MAX_LIFETIME_MS : Number(channel.expiration);
    if (!Number.isFinite(asked) || asked <= now) return this.error(400, 'INVALID_ARGUMENT', 'invalid', 'Invalid channel expiration');
    const query = new URLSearchParams({ alt: 'json', ...(customer ? { customer } : { domain: domain! }), event });
    const resourceUri = `${this.baseUrl()}/admin/directory/v1/users?${query}`;
    const created: FakeWatchChannel = {
      id: channel.id,
      // The same watched resource always has the same id.
      resourceId: createHash('sha256').update(resourceUri).digest('base64url').slice(0, 27),
      resourceUri,
      event,
      address: channel.address,
      token: (channel.token as string | undefined) ?? null,
      payload: channel.payload !== false,
      expiration: new Date(Math.min(asked, now + MAX_LIFETIME_MS)),
      messages: 0,
    };
    this.usedIds.add(created.id);
    this.channels.set(created.id, created);
    // Google's first message on a new channel: sync, sent once the watch was answered.
    this.track(new Promise((resolve) => setImmediate(resolve)).then(() => this.send(created, 'sync', null)));
    return {
      status: 200,
      body: { kind: 'api#channel', id: created.id, resourceId: created.resourceId, resourceUri, ...(created.token ? { token: created.token } : {}), expiration: String(created.expiration.getTime()) },
    };
  }

  stop(body: string): FakeResponse {
    const request = parse(body);
    const channel = typeof request?.id === 'string' ? this.list().find((c) => c.id === request.id) : undefined;
    if (!channel || channel.resourceId !== request?.resourceId) return this.error(404, 'NOT_FOUND', 'notFound', `Channel '${String(request?.id)}' not found`);
    this.channels.delete(channel.id);
    return { status: 204 };
  }

  /** Google stops a channel on its own (expired early, access lost); it tells no one. */
  drop(id: string): void {
    this.channels.delete(id);
  }

  /** One user change, to every live channel watching its event. */
  notify(event: 'add' | 'update' | 'delete', user: { id: string; primaryEmail?: unknown; etag?: unknown }): void {
    for (const channel of this.list().filter((c) => c.event === event)) this.track(this.send(channel, event, user));
  }

  /** Resolves once every message so far was delivered (or failed). */
  async sent(): Promise<void> {
    while (this.deliveries.size) await Promise.all([...this.deliveries]);
  }

  private track(delivery: Promise<unknown>): void {
    const tracked = delivery.finally(() => this.deliveries.delete(tracked));
    this.deliveries.add(tracked);
  }

  private send(channel: FakeWatchChannel, state: string, user: { id: string; primaryEmail?: unknown; etag?: unknown } | null): Promise<DeliveredNotification> {
    const body = channel.payload && user ? JSON.stringify({ kind: 'admin#directory#user', id: user.id, etag: user.etag ?? `"${user.id}"`, primaryEmail: user.primaryEmail }) : '';
    const headers: Record<string, string> = {
      'x-goog-channel-id': channel.id,
      'x-goog-channel-expiration': channel.expiration.toUTCString(),
      'x-goog-resource-id': channel.resourceId,
      'x-goog-resource-uri': channel.resourceUri,
      'x-goog-resource-state': state,
      'x-goog-message-number': String(++channel.messages),
      ...(channel.token ? { 'x-goog-channel-token': channel.token } : {}),
      ...(body ? { 'content-type': 'application/json; charset=UTF-8' } : {}),
    };
    return deliverNotification(channel.address, { headers, body });
  }
}

function parse(body: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(body) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
