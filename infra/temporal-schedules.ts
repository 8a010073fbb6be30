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
  /**
   * Whether the HR system's push subscription works (notifications bring changes within a minute): the
   * Schedule then only is the safety net and relaxes to PUSH_RELAXED_INTERVAL_MINUTES. Undefined: keep
   * what the Schedule has (a PATCH of the interval does not know the subscription's state).
   */
  pushActive?: boolean;
}

/**
 * The safety net's interval while push works: three times a day instead of six. Not Kombo's 24 h: the
 * daily complete listing (the only one that sees removals) comes with a scheduled sync, and with 8 h
 * it comes at most one interval after it is due, as with polling.
 */
export const PUSH_RELAXED_INTERVAL_MINUTES = 480;

export const effectiveSyncIntervalMinutes = (configured: number, pushActive: boolean) => (pushActive ? Math.max(configured, PUSH_RELAXED_INTERVAL_MINUTES) : configured);

/** In the Schedule's note (what operators read on the Schedules page); an update without `pushActive` keeps it. */
const PUSH_NOTE = 'as a safety net: its change notifications work';

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
  const note = (pushActive: boolean) =>
    pushActive
      ? `Syncs ${integration.hrSystem} every ${effectiveSyncIntervalMinutes(integration.syncIntervalMinutes, true)} minutes ${PUSH_NOTE}`
      : `Syncs ${integration.hrSystem} every ${integration.syncIntervalMinutes} minutes`;
  try {
    const pushActive = integration.pushActive ?? false;
    await client.schedule.create({
      scheduleId,
      spec: syncScheduleSpec(effectiveSyncIntervalMinutes(integration.syncIntervalMinutes, pushActive)),
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: CATCHUP_WINDOW },
      typedSearchAttributes,
      // The task queue in the memo lets each deployment's reconciler manage only its own Schedules.
      memo: { integrationId: integration.id, hrSystem: integration.hrSystem, taskQueue },
      state: { note: note(pushActive) },
    });
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(scheduleId).update((previous) => {
      const pushActive = integration.pushActive ?? previous.state.note?.includes(PUSH_NOTE) === true;
      return {
        ...previous,
        spec: syncScheduleSpec(effectiveSyncIntervalMinutes(integration.syncIntervalMinutes, pushActive)),
        action,
        policies: { ...previous.policies, overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: CATCHUP_WINDOW },
        state: { ...previous.state, note: note(pushActive) },
      };
    });
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
