// The one activity factory the worker registers; workflows proxy its return type.
import type { ActivityDeps } from './deps';
import { createConfirmedRemovalActivities } from './confirmed-removals';
import { createInviteActivities } from './invites';
import { createLifecycleActivities } from './lifecycle';
import { createPushSubscriptionActivities } from './push-subscriptions';
import { createReconcilerActivities } from './reconciler';
import { createSyncEmployeesActivities } from './sync-employees';
import { createSyncRunActivities } from './sync-runs';

export type { ActivityDeps } from './deps';

export function createActivities(deps: ActivityDeps) {
  return {
    ...createReconcilerActivities(deps),
    ...createLifecycleActivities(deps),
    ...createSyncRunActivities(deps),
    ...createSyncEmployeesActivities(deps),
    ...createInviteActivities(deps),
    ...createConfirmedRemovalActivities(deps),
    ...createPushSubscriptionActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
