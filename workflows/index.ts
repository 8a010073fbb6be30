// Every workflow type the worker runs. Workflow code is deterministic and imports no I/O.
export { reconcileSchedulesWorkflow } from './reconcile-schedules';
export { leavingLifecycleWorkflow } from './leaving-lifecycle';
export { leavingHandoffWorkflow } from './leaving-handoff';
export { integrationSyncWorkflow } from './integration-sync';
export { confirmRemovalsWorkflow } from './confirm-removals';
export { integrationSubscriptionWorkflow } from './integration-subscription';
