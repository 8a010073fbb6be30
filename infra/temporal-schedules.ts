// One Temporal Schedule per active integration: visible on the UI's Schedules page, where an
// operator can pause or trigger it. Shared by the API (activate/disconnect) and the reconciler.
import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type Client, type ScheduleOptionsStartWorkflowAction } from '@temporalio/client';
import { INTEGRATION_SYNC_WORKFLOW_TYPE, integrationSyncScheduleId, type IntegrationSyncWorkflow, SYNC_SCHEDULE_PREFIX } from '../contracts/integration-sync';
import { RECONCILE_SCHEDULES_WORKFLOW_TYPE, RECONCILER_SCHEDULE_ID, type ReconcileSchedulesWorkflow } from '../contracts/reconcile-schedules';
import { CompanyIdKey, HrSystemKey, IntegrationIdKey } from '../contracts/search-attributes';

export interface ScheduledIntegration {
  id: string;
  companyId: string;
  hrSystem: string;
  syncIntervalMinutes: number;
}

// A long outage must not stampede syncs on recovery; a few hours of catch-up is plenty.
const CATCHUP_WINDOW = '4h';

function syncScheduleSpec(intervalMinutes: number) {
  return {
    intervals: [{ every: `${intervalMinutes}m` as const }],
    // Spread integrations with the same interval so they do not all sync at the same instant.
    jitter: `${Math.max(1, Math.floor(intervalMinutes / 10))}m` as const,
  };
}

export async function upsertIntegrationSchedule(client: Client, taskQueue: string, integration: ScheduledIntegration): Promise<'created' | 'updated'> {
  const scheduleId = integrationSyncScheduleId(integration.id);
  const typedSearchAttributes = [
    { key: CompanyIdKey, value: integration.companyId },
    { key: IntegrationIdKey, value: integration.id },
    { key: HrSystemKey, value: integration.hrSystem },
  ];
  const action: ScheduleOptionsStartWorkflowAction<IntegrationSyncWorkflow> = {
    type: 'startWorkflow',
    workflowType: INTEGRATION_SYNC_WORKFLOW_TYPE,
    workflowId: scheduleId,
    taskQueue,
    args: [{ integrationId: integration.id, trigger: 'SCHEDULE' }],
    typedSearchAttributes,
    memo: { trigger: 'SCHEDULE' },
    workflowExecutionTimeout: '6h',
  };
  try {
    await client.schedule.create({
      scheduleId,
      spec: syncScheduleSpec(integration.syncIntervalMinutes),
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: CATCHUP_WINDOW },
      typedSearchAttributes,
      // The task queue in the memo lets each deployment's reconciler manage only its own Schedules.
      memo: { integrationId: integration.id, hrSystem: integration.hrSystem, taskQueue },
      state: { note: `Syncs ${integration.hrSystem} every ${integration.syncIntervalMinutes} minutes` },
    });
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(scheduleId).update((previous) => ({
      ...previous,
      spec: syncScheduleSpec(integration.syncIntervalMinutes),
      action,
      policies: { ...previous.policies, overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: CATCHUP_WINDOW },
    }));
    return 'updated';
  }
}

export async function deleteIntegrationSchedule(client: Client, integrationId: string): Promise<boolean> {
  try {
    await client.schedule.getHandle(integrationSyncScheduleId(integrationId)).delete();
    return true;
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return false;
    throw err;
  }
}

/** Integration ids that have a sync Schedule for this task queue in Temporal. */
export async function listScheduledIntegrationIds(client: Client, taskQueue: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const s of client.schedule.list()) {
    if (!s.scheduleId.startsWith(SYNC_SCHEDULE_PREFIX)) continue;
    if ((s.memo as { taskQueue?: string } | undefined)?.taskQueue !== taskQueue) continue;
    ids.push(s.scheduleId.slice(SYNC_SCHEDULE_PREFIX.length));
  }
  return ids;
}

/** The reconciler runs itself on a Schedule too, so drift is repaired even when nobody calls the API. */
export async function ensureReconcilerSchedule(client: Client, taskQueue: string, intervalMinutes: number): Promise<void> {
  const action: ScheduleOptionsStartWorkflowAction<ReconcileSchedulesWorkflow> = { type: 'startWorkflow', workflowType: RECONCILE_SCHEDULES_WORKFLOW_TYPE, workflowId: RECONCILER_SCHEDULE_ID, taskQueue, args: [] };
  try {
    await client.schedule.create({
      scheduleId: RECONCILER_SCHEDULE_ID,
      spec: { intervals: [{ every: `${intervalMinutes}m` as const }] },
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1h' },
      state: { note: 'Repairs drift between active integrations in the database and their Temporal Schedules' },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
}
