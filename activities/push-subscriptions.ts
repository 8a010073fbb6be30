// The vendor side of an integration's push subscription, for its workflow
// (workflows/integration-subscription.ts). Each step records where the subscription stands in
// push_subscriptions and relaxes or restores the sync Schedule with it. Idempotent: a retried create
// finds the subscription it made, and every new attempt uses a fresh secret, so an orphan of an
// attempt that died before recording its result only ever gets 401s (vendors then drop it).
import { findHrSystem } from '../connectors/registry';
import { PushNotConfiguredError, PushSubscriptionGoneError, type HrPushDefinition, type HrPushSubscriptions, type PushSubscription, type PushSubscriptionRequest } from '../connectors/push';
import type { SubscriptionDeletion, SubscriptionStep } from '../contracts/integration-subscription';
import { encryptPushSecrets, newPushSecret, newReceiverId, pushSubscriptions, storedSubscription, type PushSubscriptionRow } from '../infra/repositories/push-subscriptions';
import { upsertIntegrationSchedule } from '../infra/temporal-schedules';
import type { ActivityDeps } from './deps';
import { openConnector, toActivityFailure } from './hr-connector';

/** Ask the vendor this often whether it still holds the subscription (it may drop one without telling). */
export const DEFAULT_SUBSCRIPTION_CHECK_MS = 6 * 3600_000;
/** Without PUBLIC_URL nobody can reach the product: try again this much later (a restarted worker may have it). */
const NO_PUBLIC_URL_RETRY_MS = 3600_000;

type IntegrationRow = { id: string; companyId: string; hrSystem: string; status: string; syncIntervalMinutes: number; credentialsCipher: string | null };

interface PushParts {
  integration: IntegrationRow;
  definition: HrPushDefinition;
}

/** The vendor subscription is the admin's (HiBob): the product cannot create, read or delete it. */
const adminCreated = (definition: HrPushDefinition) => definition.createdBy === 'admin';

const isActive = (i: { status: string } | null) => i !== null && (i.status === 'ACTIVE' || i.status === 'ERROR');
const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function createPushSubscriptionActivities(deps: ActivityDeps) {
  const rows = pushSubscriptions(deps.db);
  const checkEveryMs = () => deps.pushSubscriptionCheckMs ?? DEFAULT_SUBSCRIPTION_CHECK_MS;

  async function load(integrationId: string): Promise<PushParts | null> {
    const integration = await deps.db.integration.findUnique({ where: { id: integrationId } });
    const definition = integration ? findHrSystem(integration.hrSystem)?.push : undefined;
    if (!integration || !isActive(integration) || !definition) return null;
    return { integration, definition };
  }

  function vendor(parts: PushParts): HrPushSubscriptions {
    const subs = openConnector(deps, parts.integration).connector.pushSubscriptions;
    if (!subs) throw new Error(`${parts.integration.hrSystem} has no subscription management`);
    return subs;
  }

  /** The Schedule relaxes while push works and returns to the admin's interval when it does not. */
  async function followSchedule(integration: IntegrationRow, pushActive: boolean): Promise<void> {
    await upsertIntegrationSchedule(deps.temporal, deps.taskQueue, { ...integration, pushActive });
  }

  async function recordDown(parts: PushParts, reason: string): Promise<void> {
    await deps.db.pushSubscription.update({ where: { integrationId: parts.integration.id }, data: { status: 'DOWN', lastError: reason } });
    await followSchedule(parts.integration, false);
  }

  function activeStep(parts: PushParts, expiresAt: Date | null): SubscriptionStep {
    const now = Date.now();
    const checkAt = now + checkEveryMs();
    if (!expiresAt) return { outcome: 'active', renewAt: null, checkAt };
    const lifetime = expiresAt.getTime() - now;
    const before = parts.definition.renewBeforeExpiryMs ?? Math.min(3600_000, lifetime / 4);
    return { outcome: 'active', renewAt: Math.max(now + 1000, expiresAt.getTime() - before), checkAt };
  }

  async function recordActive(parts: PushParts, held: PushSubscription, secret: string, data: { subscribedAt?: Date; renewedAt?: Date }): Promise<SubscriptionStep> {
    await deps.db.pushSubscription.update({
      where: { integrationId: parts.integration.id },
      data: {
        status: 'ACTIVE',
        vendorSubscriptionId: held.vendorSubscriptionId,
        expiresAt: held.expiresAt,
        details: held.details ?? {},
        secretsCipher: encryptPushSecrets(deps.cipher, parts.integration.id, { requestSecret: secret, verificationSecret: held.verificationSecret }),
        lastError: null,
        ...data,
      },
    });
    await followSchedule(parts.integration, true);
    return activeStep(parts, held.expiresAt);
  }

  /** Subscribes anew: the previous vendor subscription (if any) is deleted first, so at most one stays live. */
  async function subscribeAfresh(parts: PushParts, row: PushSubscriptionRow, publicUrl: string): Promise<SubscriptionStep> {
    const subs = vendor(parts);
    if (row.vendorSubscriptionId) {
      await subs.unsubscribe(storedSubscription(deps.cipher, row).subscription).catch((err: unknown) => deps.logger.warn({ err, integrationId: row.integrationId }, 'could not delete the previous push subscription'));
    }
    const secret = newPushSecret();
    // Recorded before the vendor is asked: a vendor that checks the endpoint during the call (Graph) finds it.
    await deps.db.pushSubscription.update({
      where: { id: row.id },
      data: { status: 'PENDING', vendorSubscriptionId: null, expiresAt: null, details: {}, secretsCipher: encryptPushSecrets(deps.cipher, row.integrationId, { requestSecret: secret, verificationSecret: secret }) },
    });
    const request: PushSubscriptionRequest = { callbackUrl: `${publicUrl.replace(/\/+$/, '')}/hooks/${row.receiverId}`, secret };
    const held = await subs.subscribe(request);
    return recordActive(parts, held, secret, { subscribedAt: new Date() });
  }

  const callbackUrlOf = (publicUrl: string, row: PushSubscriptionRow) => `${publicUrl.replace(/\/+$/, '')}/hooks/${row.receiverId}`;
  const awaitingAdmin = (): SubscriptionStep => ({ outcome: 'awaiting-admin', checkAt: Date.now() + checkEveryMs() });

  /**
   * A subscription the admin creates at the vendor (createdBy 'admin'). The receiver id, and so the URL
   * the admin pastes into the vendor's UI, exists from the first step. The secret comes from the
   * credentials: none → PENDING, push not configured (no error: the schedule polls); a new one →
   * stored, PENDING until the receiver verifies a delivery signed with it (then ACTIVE, and the
   * receiver wakes this workflow so that the schedule relaxes). Only a signed delivery proves that the
   * admin added the webhook with this URL and copied the right token: until then the schedule stays at
   * the admin's interval.
   */
  async function adoptAdminSubscription(parts: PushParts, row: PushSubscriptionRow, publicUrl: string): Promise<SubscriptionStep> {
    const secret = newPushSecret();
    let held: PushSubscription;
    try {
      held = await vendor(parts).subscribe({ callbackUrl: callbackUrlOf(publicUrl, row), secret });
    } catch (err) {
      if (!(err instanceof PushNotConfiguredError)) throw err;
      if (row.status !== 'PENDING' || row.vendorSubscriptionId !== null || row.lastError !== null) {
        await deps.db.pushSubscription.update({ where: { id: row.id }, data: { status: 'PENDING', vendorSubscriptionId: null, lastError: null } });
        await followSchedule(parts.integration, false);
      }
      return awaitingAdmin();
    }
    const stored = row.vendorSubscriptionId ? storedSubscription(deps.cipher, row).subscription : null;
    if (stored && stored.verificationSecret === held.verificationSecret) {
      if (row.status === 'ACTIVE') {
        await followSchedule(parts.integration, true);
        return activeStep(parts, null);
      }
      if (row.status === 'PENDING') return awaitingAdmin();
    }
    // A new token (or a subscription that was down): wait for a delivery signed with it.
    await deps.db.pushSubscription.update({
      where: { id: row.id },
      data: {
        status: 'PENDING',
        vendorSubscriptionId: held.vendorSubscriptionId,
        expiresAt: held.expiresAt,
        details: held.details ?? {},
        secretsCipher: encryptPushSecrets(deps.cipher, row.integrationId, { requestSecret: held.verificationSecret, verificationSecret: held.verificationSecret }),
        subscribedAt: new Date(),
        lastError: null,
      },
    });
    await followSchedule(parts.integration, false);
    return awaitingAdmin();
  }

  /** Runs a vendor step; a failure is recorded on the subscription (the admin sees it) and goes to Temporal's retry. */
  async function recorded<T>(parts: PushParts, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (err) {
      await recordDown(parts, errorText(err)).catch((recordErr: unknown) => deps.logger.warn({ err: recordErr }, 'could not record the push subscription failure'));
      throw toActivityFailure(err);
    }
  }

  return {
    /** Creates the subscription, or finds the one a previous attempt created. */
    async createPushSubscription(input: { integrationId: string }): Promise<SubscriptionStep> {
      const parts = await load(input.integrationId);
      if (!parts) return { outcome: 'inactive' };
      const row = await deps.db.pushSubscription.upsert({
        where: { integrationId: parts.integration.id },
        create: {
          integrationId: parts.integration.id,
          companyId: parts.integration.companyId,
          receiverId: newReceiverId(),
          secretsCipher: encryptPushSecrets(deps.cipher, parts.integration.id, { requestSecret: newPushSecret(), verificationSecret: newPushSecret() }),
        },
        update: {},
      });
      if (!deps.publicUrl) {
        await recordDown(parts, 'No public address is configured (PUBLIC_URL): the HR system cannot send changes; the schedule syncs as usual.');
        return { outcome: 'unavailable', retryAt: Date.now() + NO_PUBLIC_URL_RETRY_MS };
      }
      const publicUrl = deps.publicUrl;
      return recorded(parts, async () => {
        if (adminCreated(parts.definition)) return adoptAdminSubscription(parts, row, publicUrl);
        if (row.status === 'ACTIVE' && row.vendorSubscriptionId) {
          const { subscription } = storedSubscription(deps.cipher, row);
          if (await vendor(parts).exists(subscription)) return activeStep(parts, row.expiresAt);
        }
        return subscribeAfresh(parts, row, publicUrl);
      });
    },

    /** Extends it before it expires; a vendor without renewal gets a new one. 'gone': the vendor dropped it. */
    async renewPushSubscription(input: { integrationId: string }): Promise<SubscriptionStep> {
      const parts = await load(input.integrationId);
      if (!parts) return { outcome: 'inactive' };
      const row = await rows.byIntegrationId(parts.integration.id);
      if (!row || !row.vendorSubscriptionId || !deps.publicUrl) return { outcome: 'gone' };
      const publicUrl = deps.publicUrl;
      try {
        return await recorded(parts, async () => {
          if (adminCreated(parts.definition)) return adoptAdminSubscription(parts, row, publicUrl);
          const subs = vendor(parts);
          if (!subs.renew) return subscribeAfresh(parts, row, publicUrl);
          const { subscription, secrets } = storedSubscription(deps.cipher, row);
          const renewed = await subs.renew(subscription, { callbackUrl: `${publicUrl.replace(/\/+$/, '')}/hooks/${row.receiverId}`, secret: secrets.requestSecret });
          return recordActive(parts, renewed, secrets.requestSecret, { renewedAt: new Date() });
        });
      } catch (err) {
        if (err instanceof PushSubscriptionGoneError) return { outcome: 'gone' };
        throw err;
      }
    },

    /** Whether the vendor still holds it (vendors drop subscriptions after failed deliveries or an admin's action). */
    async checkPushSubscription(input: { integrationId: string }): Promise<SubscriptionStep> {
      const parts = await load(input.integrationId);
      if (!parts) return { outcome: 'inactive' };
      const row = await rows.byIntegrationId(parts.integration.id);
      if (!row || !row.vendorSubscriptionId || row.status !== 'ACTIVE') return { outcome: 'gone' };
      const publicUrl = deps.publicUrl;
      // The vendor cannot be asked about the admin's webhook: the check re-reads the secret the admin entered
      // (removed or replaced: push not configured, or waiting for a delivery signed with the new one).
      if (adminCreated(parts.definition)) return publicUrl ? recorded(parts, () => adoptAdminSubscription(parts, row, publicUrl)) : { outcome: 'gone' };
      return recorded(parts, async () => {
        if (await vendor(parts).exists(storedSubscription(deps.cipher, row).subscription)) return activeStep(parts, row.expiresAt);
        await recordDown(parts, `${findHrSystem(parts.integration.hrSystem)?.name ?? parts.integration.hrSystem} no longer has the subscription; it is created again.`);
        return { outcome: 'gone' };
      });
    },

    /** Deletes it at the vendor (disconnect). Never throws: what could not be deleted is recorded and answered. */
    async deletePushSubscription(input: { integrationId: string }): Promise<SubscriptionDeletion> {
      const row = await rows.byIntegrationId(input.integrationId);
      if (!row || row.status === 'DELETED') return { deleted: true };
      if (!row.vendorSubscriptionId) {
        await deps.db.pushSubscription.update({ where: { id: row.id }, data: { status: 'DELETED', expiresAt: null } });
        return { deleted: true };
      }
      try {
        const integration = await deps.db.integration.findUniqueOrThrow({ where: { id: input.integrationId } });
        const subs = openConnector(deps, integration).connector.pushSubscriptions;
        if (subs) await subs.unsubscribe(storedSubscription(deps.cipher, row).subscription);
        await deps.db.pushSubscription.update({ where: { id: row.id }, data: { status: 'DELETED', expiresAt: null, lastError: null } });
        return { deleted: true };
      } catch (err) {
        const reason = `The subscription could not be deleted at the HR system (${errorText(err)}); its notifications are answered 410 Gone.`;
        await deps.db.pushSubscription.update({ where: { id: row.id }, data: { status: 'DOWN', lastError: reason } });
        return { deleted: false, reason };
      }
    },

    /** The workflow gave up on a step for now (after the activity's retries). */
    async recordPushSubscriptionDown(input: { integrationId: string; reason: string }): Promise<void> {
      const parts = await load(input.integrationId);
      if (parts && (await rows.byIntegrationId(parts.integration.id))) await recordDown(parts, input.reason);
    },
  };
}
