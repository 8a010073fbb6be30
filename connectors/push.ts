// What an HR system that pushes changes offers (webhooks, change notifications, watch channels), behind
// one interface. The product manages the vendor subscription itself (a workflow per integration owns
// it: create on activation, renew before expiry, re-create when dropped, delete on disconnect), or,
// where the vendor has no API for it, adopts the one an admin adds in the vendor's UI (createdBy), and
// receives on one public endpoint per integration (/hooks/<receiverId>). A notification only asks for
// a change listing of that integration: its body (it can carry personal data) never goes further
// than the verifier below.

/** What the product asks the vendor to call. */
export interface PushSubscriptionRequest {
  /** The public, unguessable URL the vendor posts notifications to: <PUBLIC_URL>/hooks/<receiverId>. */
  callbackUrl: string;
  /**
   * A random secret the product generated for this subscription (at least 32 characters). Vendors that
   * take a secret of ours use it (Graph `clientState`, Google's channel `token`, a shared signing
   * key); vendors that issue their own return theirs as `verificationSecret`.
   */
  secret: string;
}

/** A subscription as the vendor holds it; stored by the product (verificationSecret encrypted). */
export interface PushSubscription {
  /** The vendor's id of the webhook / subscription / channel. */
  vendorSubscriptionId: string;
  /** When the vendor drops it unless renewed; null when it lasts until deleted. */
  expiresAt: Date | null;
  /** What verifyNotification checks against: the vendor's signing key where it issues one, else the request's secret. */
  verificationSecret: string;
  /** Other ids the vendor needs to renew or delete it (Google's resourceId, several webhook ids). No personal data. */
  details?: Record<string, string>;
}

/** One HTTP request that reached /hooks/<receiverId>, as received. Header names in lower case. */
export interface IncomingNotification {
  method: string;
  headers: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  /** The exact bytes received: signatures are over these, never over re-serialised JSON. */
  rawBody: Buffer;
  /** When it arrived (for signed timestamps: a stale one is refused). */
  receivedAt: Date;
}

export type NotificationVerdict =
  /** Genuine: something changed. `eventIds` are the vendor's ids of the events (a replay repeats them); `count` the events in it. */
  | { kind: 'changes'; eventIds: string[]; count: number }
  /** The vendor checks the endpoint (Graph's validationToken, a challenge): answer exactly this, nothing else happens. */
  | { kind: 'handshake'; status: number; contentType: string; body: string }
  /** Genuine, about the subscription itself: renew it (reauthorization required), re-create it (removed), or missed notifications (a change listing). */
  | { kind: 'subscription'; event: 'renew' | 'recreate' | 'missed' }
  /** Genuine but nothing to do (Google's `sync` message after a watch starts, an event type we do not use). */
  | { kind: 'ignored'; reason: string }
  /** Not from the vendor (no or wrong signature, foreign client state or channel, stale timestamp): 401, nothing happens. */
  | { kind: 'rejected'; reason: string };

/** The parts of a connector that manage the vendor subscription (network calls). */
export interface HrPushSubscriptions {
  /** Creates the subscription; a vendor that checks the endpoint first (Graph) does so during this call. */
  subscribe(request: PushSubscriptionRequest): Promise<PushSubscription>;
  /** Extends it before `expiresAt`; absent where subscriptions do not expire. Throws PushSubscriptionGoneError when the vendor no longer has it. */
  renew?(subscription: PushSubscription, request: PushSubscriptionRequest): Promise<PushSubscription>;
  /** Deletes it; one the vendor no longer has counts as deleted (idempotent). */
  unsubscribe(subscription: PushSubscription): Promise<void>;
  /** Whether the vendor still has it (it may drop subscriptions: failed deliveries, admin action). */
  exists(subscription: PushSubscription): Promise<boolean>;
}

/** What the catalog says of a system that pushes; verification is pure so the API can run it without network. */
export interface HrPushDefinition {
  /** The vendor's events the product subscribes to, in its own names (for the README and the UI). */
  events: readonly string[];
  /**
   * How the vendor proves a delivery. 'signature': an HMAC over the body (a changed body is refused).
   * 'token': a shared secret sent back with every delivery (Graph's clientState, Google's channel
   * token, Personio's and Factorial's tokens) — it proves the sender, not the bytes, which is enough
   * here: a notification only asks for a change listing, its content is never used.
   */
  proof?: 'signature' | 'token';
  /**
   * The vendor has no way to ask whether a subscription still lives (Google's channels): exists()
   * then trusts the expiry the vendor gave, and a channel dropped early is noticed at the next renewal.
   */
  noLookup?: true;
  /**
   * Who creates the subscription at the vendor. 'product' (the default): the connector's subscribe()
   * asks the vendor's API. 'admin': the vendor has no such API (HiBob) — an admin adds the webhook in
   * the vendor's UI with the product's callback URL and enters the secret the vendor shows there in
   * the product's credentials. Then subscribe() makes no vendor call: it takes that secret from the
   * credentials (PushNotConfiguredError while there is none: the integration polls, nothing fails);
   * exists() cannot ask the vendor and answers whether the product holds a secret (a webhook the
   * admin removed or the vendor deactivated shows only as deliveries stopping: lastNotificationAt);
   * unsubscribe() deletes nothing at the vendor (the admin removes the webhook there; after a
   * disconnect the product's endpoint answers 410, which makes the vendor give up on it).
   */
  createdBy?: 'product' | 'admin';
  /** Renew this long before expiresAt (subscriptions that expire). */
  renewBeforeExpiryMs?: number;
  /** Checks a request by the vendor's own mechanism before anything happens. No I/O. */
  verifyNotification(notification: IncomingNotification, subscription: PushSubscription): NotificationVerdict;
}

/** The vendor no longer holds the subscription (expired, removed): re-create it. */
export class PushSubscriptionGoneError extends Error {
  constructor(hrSystemName: string, detail: string) {
    super(`${hrSystemName} no longer has the subscription: ${detail}`);
    this.name = 'PushSubscriptionGoneError';
  }
}

/**
 * A subscription the admin creates at the vendor (HrPushDefinition.createdBy 'admin') whose secret the
 * product does not have yet: push is not configured, the schedule polls as for any system.
 */
export class PushNotConfiguredError extends Error {
  constructor(hrSystemName: string, readonly adminSteps: string) {
    super(`${hrSystemName} push is not set up: ${adminSteps}`);
    this.name = 'PushNotConfiguredError';
  }
}
