// Contract of the sync workflow (workflows/integration-sync.ts): its type name, ids, input and result.
// One sync run of one integration; ids and counts only, the activities load everything else.
import { FailureType } from './failures';

export const INTEGRATION_SYNC_WORKFLOW_TYPE = 'integrationSyncWorkflow';

/** The sync Schedule of an integration, and the workflow id prefix of the runs it starts. */
export const integrationSyncScheduleId = (integrationId: string) => `integration-sync-${integrationId}`;
/** A run started through the API ("sync now", activation). */
export const integrationSyncWorkflowId = (integrationId: string, syncRunId: string) => `integration-sync-${integrationId}-run-${syncRunId}`;
export const SYNC_SCHEDULE_PREFIX = 'integration-sync-';
/** The queue of the long sync listings, next to the product's main task queue. */
export const syncListingTaskQueue = (taskQueue: string) => `${taskQueue}-sync-listings`;

/** PUSH: a change notification of the HR system asked for it (infra/push-sync.ts). */
export type SyncTriggerName = 'SCHEDULE' | 'MANUAL' | 'ACTIVATION' | 'PUSH';

export interface SyncCounts {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  filteredOut: number;
  invalid: number;
  removed: number;
  /** Listed people who had left before the integration's first complete listing: not imported. */
  formerEmployees: number;
}

export interface IntegrationSyncInput {
  integrationId: string;
  trigger: SyncTriggerName;
  syncRunId?: string;
}

export interface IntegrationSyncResult {
  syncRunId: string | null;
  status: 'SUCCEEDED' | 'NEEDS_REVIEW' | 'FAILED' | 'SKIPPED' | 'CANCELLED' | 'INACTIVE';
  counts?: SyncCounts;
}

export type IntegrationSyncWorkflow = (input: IntegrationSyncInput) => Promise<IntegrationSyncResult>;

/** Failures of the listing that no retry can mend: the run fails at once. */
export const SYNC_NON_RETRYABLE_FAILURES: FailureType[] = [FailureType.CredentialsRejected, FailureType.CredentialsMissing, FailureType.NoConnector];
