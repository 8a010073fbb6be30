// Repairs drift between the database (system of record) and Temporal: Schedules, and leaving changes
// whose handoff was never requested (a worker that died between a sync's commit and its request).
import { deleteIntegrationSchedule, listScheduledIntegrationIds, upsertIntegrationSchedule } from '../infra/temporal-schedules';
import type { ScheduleDriftRepair } from '../contracts/reconcile-schedules';
import { findHrSystem } from '../connectors/registry';
import { ensureSubscriptionWorkflow } from '../infra/subscription-workflows';
import type { ActivityDeps } from './deps';
import { requestLeavingHandoffIfPending } from './leaving-handoff';

export function createReconcilerActivities(deps: ActivityDeps) {
  return {
    async repairScheduleDrift(): Promise<ScheduleDriftRepair> {
      const active = await deps.db.integration.findMany({
        where: { status: { in: ['ACTIVE', 'ERROR'] } },
        select: { id: true, companyId: true, hrSystem: true, syncIntervalMinutes: true },
      });
      const scheduled = new Set(await listScheduledIntegrationIds(deps.temporal, deps.taskQueue));
      const activeIds = new Set(active.map((i) => i.id));
      let created = 0;
      let removed = 0;
      for (const integration of active) {
        if (scheduled.has(integration.id)) continue;
        await upsertIntegrationSchedule(deps.temporal, deps.taskQueue, integration);
        created++;
      }
      for (const id of scheduled) {
        if (activeIds.has(id)) continue;
        if (await deleteIntegrationSchedule(deps.temporal, id)) removed++;
      }
      let handoffsRequested = 0;
      const withPending = await deps.db.employee.findMany({ where: { leavingHandoffPending: true }, distinct: ['companyId'], select: { companyId: true } });
      for (const { companyId } of withPending) if (await requestLeavingHandoffIfPending(deps, companyId)) handoffsRequested++;
      // Every active integration whose HR system pushes has its subscription workflow (started if it ended or never started).
      let subscriptionsStarted = 0;
      for (const integration of active) {
        if (findHrSystem(integration.hrSystem)?.push && (await ensureSubscriptionWorkflow(deps.temporal, deps.taskQueue, integration)) === 'started') subscriptionsStarted++;
      }
      return { created, removed, checked: active.length + scheduled.size, handoffsRequested, subscriptionsStarted };
    },
  };
}
