// Applies the removals an admin confirmed for a NEEDS_REVIEW sync run; idempotent.
import type { ConfirmRemovalsInput, ConfirmRemovalsResult } from '../contracts/confirm-removals';
import type { ActivityDeps } from './deps';
import { applyRemovals } from './employee-removals';
import { requestLeavingHandoffIfPending } from './leaving-handoff';

export function createConfirmedRemovalActivities(deps: ActivityDeps) {
  return {
    async applyConfirmedRemovals(input: ConfirmRemovalsInput): Promise<ConfirmRemovalsResult> {
      const run = await deps.db.syncRun.findUniqueOrThrow({ where: { id: input.syncRunId }, include: { integration: { include: { company: { select: { timezone: true } } } } } });
      if (run.confirmedAt) return { removed: run.countRemoved };
      const removed = await applyRemovals(deps, {
        companyId: run.companyId,
        integrationId: run.integrationId,
        employeeIds: run.pendingRemovalIds,
        timeZone: run.integration.company.timezone,
        now: deps.now?.() ?? new Date(),
      });
      await requestLeavingHandoffIfPending(deps, run.companyId);
      await deps.db.syncRun.update({ where: { id: run.id }, data: { confirmedAt: new Date(), countRemoved: removed } });
      return { removed };
    },
  };
}
