// Employees a complete listing no longer contains: marked removed and sent through the leaving
// lifecycle as of today (benefits end with the current month; termination is never retroactive).
import { dateOf, planLeaving } from '../domain/leaving-dates';
import type { ActivityDeps } from './deps';
import { handOffLeavingChanges, type LeavingChange } from './leaving-handoff';

export async function applyRemovals(
  deps: ActivityDeps,
  input: { companyId: string; integrationId: string; employeeIds: readonly string[]; timeZone: string; now: Date },
): Promise<number> {
  if (input.employeeIds.length === 0) return 0;
  const today = dateOf(input.now, input.timeZone);
  const employees = await deps.db.employee.findMany({
    where: { id: { in: [...input.employeeIds] }, companyId: input.companyId, removedAt: null },
    select: { id: true, status: true, integrationId: true },
  });
  const changes: LeavingChange[] = [];
  for (const e of employees) {
    let data: Record<string, unknown> = { removedAt: input.now };
    if (e.status === 'ACTIVE') {
      const plan = planLeaving({ leavingDate: today, firstSeenAt: input.now, timeZone: input.timeZone });
      data = { ...data, status: 'LEAVING_PLANNED', leavingDate: today, lastWorkingMonth: plan.lastWorkingMonth, benefitsEndAt: new Date(plan.benefitsEndAt) };
      changes.push({ employeeId: e.id, companyId: input.companyId, integrationId: e.integrationId, kind: 'plan', lastWorkingMonth: plan.lastWorkingMonth, benefitsEndAt: plan.benefitsEndAt });
    }
    await deps.db.employee.update({ where: { id: e.id }, data });
  }
  await handOffLeavingChanges(deps, changes);
  return employees.length;
}
