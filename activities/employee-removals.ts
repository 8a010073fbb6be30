// Employees a complete listing no longer contains: marked removed and sent through the leaving
// lifecycle as of today (benefits end with the current month; termination is never retroactive).
// Leaving changes are marked for the company's leaving handoff, which the caller then requests.
import { dateOf, planLeaving } from '../domain/leaving-dates';
import type { ActivityDeps } from './deps';
import { pendingLeavingHandoffOnUpdate } from './leaving-handoff';

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
  for (const e of employees) {
    let data: Record<string, unknown> = { removedAt: input.now };
    if (e.status === 'ACTIVE') {
      const plan = planLeaving({ leavingDate: today, firstSeenAt: input.now, timeZone: input.timeZone });
      data = { ...data, status: 'LEAVING_PLANNED', leavingDate: today, lastWorkingMonth: plan.lastWorkingMonth, benefitsEndAt: new Date(plan.benefitsEndAt), ...pendingLeavingHandoffOnUpdate };
    }
    await deps.db.employee.update({ where: { id: e.id }, data });
  }
  return employees.length;
}
