// /v1.0/subscriptions of the Entra ID fake, as Graph describes change notifications on users:
//  - POST validates the request (resource users, changeType updated/deleted, expiry at most 41,760
//    minutes ahead, under 45 minutes raised to 45), then checks notificationUrl and
//    lifecycleNotificationUrl by POSTing ?validationToken=… and wanting 200 text/plain with the token
//    back within 10 s; only then is the subscription created (201).
//  - GET / PATCH (expirationDateTime) / DELETE by id; an expired subscription is gone (404).
//  - Each user change is POSTed as a changeNotificationCollection to every live subscription with
//    its changeType ('updated' for creations, edits and soft deletions); lifecycle notifications go
//    to lifecycleNotificationUrl. Graph documents subscriptionRemoved and missed only for Outlook and
//    Teams resources, so a dropped users subscription is dropped silently; reauthorizationRequired is
//    documented for all resources (requireReauthorization).
import { randomUUID } from 'node:crypto';
import { deliverNotification, type DeliveredNotification, type FakeResponse } from '../kit/fake';

const MAX_LIFETIME_MS = 41_760 * 60_000;
const MIN_LIFETIME_MS = 45 * 60_000;
const VALIDATION_TIMEOUT_MS = 10_000;
/** Graph's HTTP client for notifications gives up after 3 s. */
const DELIVERY_TIMEOUT_MS = 3_000;
const USER_CHANGE_TYPES = ['updated', 'deleted'];

export interface FakeGraphSubscription {
  id: string;
  resource: string;
  changeType: string[];
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  clientState: string | null;
  expirationDateTime: Date;
}

type GraphError = (status: number, code: string, message: string) => FakeResponse;

export class FakeGraphSubscriptions {
  private readonly held = new Map<string, FakeGraphSubscription>();
  private sequence = 0;
  /** Every delivery attempt, answered or not (tests read them). */
  readonly deliveries: { url: string; status: number }[] = [];

  constructor(
    private readonly tenantId: string,
    private readonly clientId: string,
    private readonly error: GraphError,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The subscriptions Graph still holds (expired ones are gone). */
  list(): FakeGraphSubscription[] {
    for (const [id, s] of this.held) if (s.expirationDateTime.getTime() <= this.now().getTime()) this.held.delete(id);
    return [...this.held.values()];
  }

  async create(body: string): Promise<FakeResponse> {
    const request = parse(body);
    if (!request) return this.error(400, 'BadRequest', 'The request body is not a subscription.');
    const resource = typeof request.resource === 'string' ? request.resource.replace(/^\//, '') : '';
    if (resource.toLowerCase() !== 'users') return this.error(400, 'ValidationError', `The fake supports subscriptions on 'users' only, not '${resource}'.`);
    const changeType = typeof request.changeType === 'string' ? request.changeType.split(',').map((t) => t.trim()) : [];
    const unsupported = changeType.find((t) => !USER_CHANGE_TYPES.includes(t));
    if (changeType.length === 0 || unsupported) return this.error(400, 'ValidationError', `Change type '${unsupported ?? ''}' is not supported for users; use updated and/or deleted.`);
    const expiry = this.expiry(request.expirationDateTime);
    if ('status' in expiry) return expiry;
    if (typeof request.notificationUrl !== 'string') return this.error(400, 'ValidationError', 'notificationUrl is required.');
    if (request.clientState !== undefined && (typeof request.clientState !== 'string' || request.clientState.length > 128)) return this.error(400, 'ValidationError', 'clientState may be at most 128 characters.');
    const lifecycle = typeof request.lifecycleNotificationUrl === 'string' ? request.lifecycleNotificationUrl : null;
    for (const url of [request.notificationUrl, ...(lifecycle ? [lifecycle] : [])]) {
      if (!(await this.validates(url))) return this.error(400, 'ValidationError', `Subscription validation request failed: ${url} must answer the validation request with 200 and the token as text/plain.`);
    }
    const subscription: FakeGraphSubscription = {
      id: randomUUID(),
      resource,
      changeType,
      notificationUrl: request.notificationUrl,
      lifecycleNotificationUrl: lifecycle,
      clientState: (request.clientState as string | undefined) ?? null,
      expirationDateTime: expiry.date,
    };
    this.held.set(subscription.id, subscription);
    return { status: 201, body: this.view(subscription) };
  }

  get(id: string): FakeResponse {
    const s = this.find(id);
    return s ? { status: 200, body: this.view(s) } : this.notFound(id);
  }

  update(id: string, body: string): FakeResponse {
    const s = this.find(id);
    if (!s) return this.notFound(id);
    const expiry = this.expiry(parse(body)?.expirationDateTime);
    if ('status' in expiry) return expiry;
    s.expirationDateTime = expiry.date;
    return { status: 200, body: this.view(s) };
  }

  delete(id: string): FakeResponse {
    if (!this.find(id)) return this.notFound(id);
    this.held.delete(id);
    return { status: 204 };
  }

  /** Graph drops the subscription (an admin revoked consent, service-side removal); for users it does not tell. */
  drop(id: string): void {
    this.held.delete(id);
  }

  /** Graph asks for reauthorization of a subscription (sent to its lifecycle URL). */
  async requireReauthorization(id: string): Promise<DeliveredNotification[]> {
    const s = this.find(id);
    if (!s?.lifecycleNotificationUrl) return [];
    return [await this.post(s.lifecycleNotificationUrl, { value: [{ ...this.itemBase(s), lifecycleEvent: 'reauthorizationRequired' }] })];
  }

  /** One change of a user, to every live subscription that asked for its change type. */
  async notify(userId: string, changeType: 'updated' | 'deleted'): Promise<DeliveredNotification[]> {
    const targets = this.list().filter((s) => s.changeType.includes(changeType));
    return Promise.all(
      targets.map((s) =>
        this.post(s.notificationUrl, {
          value: [
            {
              ...this.itemBase(s),
              changeType,
              resource: `Users/${userId}`,
              resourceData: { '@odata.type': '#Microsoft.Graph.User', '@odata.id': `Users/${userId}`, id: userId, organizationId: this.tenantId, sequenceNumber: ++this.sequence },
            },
          ],
        }),
      ),
    );
  }

  private itemBase(s: FakeGraphSubscription) {
    return { subscriptionId: s.id, subscriptionExpirationDateTime: s.expirationDateTime.toISOString(), tenantId: this.tenantId, clientState: s.clientState };
  }

  private async post(url: string, payload: unknown): Promise<DeliveredNotification> {
    const delivered = await deliverNotification(url, { headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(payload), timeoutMs: DELIVERY_TIMEOUT_MS });
    this.deliveries.push({ url, status: delivered.status });
    return delivered;
  }

  /** Graph's check of an endpoint: 200, text/plain, the decoded token as the whole body, within 10 s. */
  private async validates(url: string): Promise<boolean> {
    // Opaque, with characters that must be URL-decoded before they are echoed.
    const token = `fake graph check ${randomUUID()} +/=&?`;
    const target = new URL(url);
    target.searchParams.set('validationToken', token);
    try {
      const answer = await fetch(target, { method: 'POST', headers: { 'content-type': 'text/plain; charset=utf-8' }, signal: AbortSignal.timeout(VALIDATION_TIMEOUT_MS) });
      const text = await answer.text();
      return answer.status === 200 && /^text\/plain\b/i.test(answer.headers.get('content-type') ?? '') && text === token;
    } catch {
      return false;
    }
  }

  private expiry(value: unknown): { date: Date } | FakeResponse {
    const at = typeof value === 'string' ? Date.parse(value) : NaN;
    if (Number.isNaN(at)) return this.error(400, 'ValidationError', 'expirationDateTime is required and must be a date-time.');
    const now = this.now().getTime();
    if (at - now > MAX_LIFETIME_MS) return this.error(400, 'ValidationError', `Subscription expiration can be at most ${MAX_LIFETIME_MS / 60_000} minutes in the future for users.`);
    return { date: new Date(Math.max(at, now + MIN_LIFETIME_MS)) };
  }

  private find(id: string): FakeGraphSubscription | undefined {
    return this.list().find((s) => s.id === id);
  }

  private notFound(id: string): FakeResponse {
    return this.error(404, 'ResourceNotFound', `The object was not found: subscription '${id}'.`);
  }

  private view(s: FakeGraphSubscription) {
    return {
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#subscriptions/$entity',
      id: s.id,
      resource: s.resource,
      applicationId: this.clientId,
      changeType: s.changeType.join(','),
      clientState: s.clientState,
      notificationUrl: s.notificationUrl,
      lifecycleNotificationUrl: s.lifecycleNotificationUrl,
      expirationDateTime: s.expirationDateTime.toISOString(),
      includeResourceData: false,
      latestSupportedTlsVersion: 'v1_2',
    };
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
