// The integration resource: database state plus the next action time of its Temporal Schedule.
import type { Integration } from '../generated/prisma/client';
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

export async function loadIntegrationView(deps: AppDeps, integration: Integration) {
  const [lastSync, next] = await Promise.all([
    deps.db.syncRun.findFirst({ where: { integrationId: integration.id, status: { not: 'SKIPPED' } }, orderBy: { startedAt: 'desc' } }),
    nextScheduledSync(deps, integration),
  ]);
  return presentIntegration(integration, lastSync, next);
}
