// Every workflow type the worker runs. Workflow code is deterministic and imports no I/O.
export { reconcileSchedulesWorkflow } from './reconcile-schedules';
