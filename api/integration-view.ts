// The integration resource: database state plus the next action time of its Temporal Schedule.
import type { Integration } from '../generated/prisma/client';
import { integrationSyncScheduleId } from '../workflows/ids';
import type { AppDeps } from './deps';
import { presentIntegration } from './presenters';

async function nextScheduledSync(deps: AppDeps, integration: Integration): Promise<Date | null> {
  if (integration.status !== 'ACTIVE' && integration.status !== 'ERROR') return null;
  try {
    const description = await deps.temporal.schedule.getHandle(integrationSyncScheduleId(integration.id)).describe();
    if (description.state.paused) return null;
    return description.info.nextActionTimes[0] ?? null;
  } catch {
    return null; // the reconciler recreates a missing Schedule
  }
}

export async function loadIntegrationView(deps: AppDeps, integration: Integration) {
  const [lastSync, next] = await Promise.all([
    deps.db.syncRun.findFirst({ where: { integrationId: integration.id, status: { not: 'SKIPPED' } }, orderBy: { startedAt: 'desc' } }),
    nextScheduledSync(deps, integration),
  ]);
  return presentIntegration(integration, lastSync, next);
}
