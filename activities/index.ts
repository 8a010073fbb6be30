// The one activity factory the worker registers; workflows proxy its return type.
import type { ActivityDeps } from './deps';
import { createReconcilerActivities } from './reconciler';

export type { ActivityDeps } from './deps';

export function createActivities(deps: ActivityDeps) {
  return {
    ...createReconcilerActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
