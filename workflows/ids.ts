// Workflow and Schedule ids: identifiers only, never personal data (ids are not encrypted).
export const integrationSyncScheduleId = (integrationId: string) => `integration-sync-${integrationId}`;
export const integrationSyncWorkflowId = (integrationId: string, syncRunId: string) => `integration-sync-${integrationId}-run-${syncRunId}`;
export const leavingWorkflowId = (employeeId: string) => `employee-leaving-${employeeId}`;
/** One handoff workflow per company drains its pending leaving changes (activities/leaving-handoff.ts). */
export const leavingHandoffWorkflowId = (companyId: string) => `company-leaving-handoff-${companyId}`;
export const RECONCILER_SCHEDULE_ID = 'temporal-reconciler';
export const SYNC_SCHEDULE_PREFIX = 'integration-sync-';
/** The queue of the long sync listings, next to the product's main task queue. */
export const syncListingTaskQueue = (taskQueue: string) => `${taskQueue}-sync-listings`;
