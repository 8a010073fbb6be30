// The integration resource: database state plus the next action time of its Temporal Schedule.
import { findHrSystem } from '../connectors/registry';
import type { Integration, PushSubscription } from '../generated/prisma/client';
import { integrationSyncScheduleId } from '../contracts/integration-sync';
import type { AppDeps } from './deps';
import { presentIntegration } from './presenters';
import { TEMPORAL_READ_DEADLINE_MS, withTemporalDeadline } from './temporal-calls';

async function nextScheduledSync(deps: AppDeps, integration: Integration): Promise<Date | null> {
  if (integration.status !== 'ACTIVE' && integration.status !== 'ERROR') return null;
  try {
    const description = await withTemporalDeadline(deps.temporal, TEMPORAL_READ_DEADLINE_MS, () => deps.temporal.schedule.getHandle(integrationSyncScheduleId(integration.id)).describe());
    if (description.state.paused) return null;
    return description.info.nextActionTimes[0] ?? null;
  } catch {
    // A missing Schedule (the reconciler recreates it) or Temporal unreachable: the rest of the
    // resource comes from the database, so the answer stays 200 with no next sync time.
    return null;
  }
}

/**
 * Where the admin pastes the product's address in the HR system's UI (createdBy 'admin'): known once
 * the integration is active and the product has a public address; never shown for a disconnected one.
 */
function adminCallbackUrl(deps: AppDeps, integration: Integration, subscription: PushSubscription | null): string | null {
  if (!subscription || !deps.config.PUBLIC_URL || integration.status === 'DISCONNECTED' || subscription.status === 'DELETED') return null;
  return `${deps.config.PUBLIC_URL.replace(/\/+$/, '')}/hooks/${subscription.receiverId}`;
}

/** Where the HR system's change notifications stand; null for a system that does not push (polling only). */
function presentPush(deps: AppDeps, integration: Integration, subscription: PushSubscription | null) {
  const push = findHrSystem(integration.hrSystem)?.push;
  if (!push) return null;
  const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;
  const createdBy = push.createdBy ?? 'product';
  return {
    status: subscription?.status ?? ('NOT_SUBSCRIBED' as const),
    createdBy,
    // Only the admin needs it (to add the webhook); where the product subscribes, the address stays with the vendor.
    callbackUrl: createdBy === 'admin' ? adminCallbackUrl(deps, integration, subscription) : null,
    events: [...push.events],
    subscribedAt: iso(subscription?.subscribedAt),
    expiresAt: iso(subscription?.expiresAt),
    lastNotificationAt: iso(subscription?.lastNotificationAt),
    notificationsAccepted: subscription?.notificationsAccepted ?? 0,
    notificationsRejected: subscription?.notificationsRejected ?? 0,
    lastError: subscription?.lastError ?? null,
  };
}

export async function loadIntegrationView(deps: AppDeps, integration: Integration) {
  const [lastSync, next, subscription] = await Promise.all([
    deps.db.syncRun.findFirst({ where: { integrationId: integration.id, status: { not: 'SKIPPED' } }, orderBy: { startedAt: 'desc' } }),
    nextScheduledSync(deps, integration),
    deps.db.pushSubscription.findUnique({ where: { integrationId: integration.id } }),
  ]);
  return { ...presentIntegration(integration, lastSync, next), push: presentPush(deps, integration, subscription) };
}
