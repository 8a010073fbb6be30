// Writes one reconciled batch in one transaction: new hires, changed employees (with their lifecycle
// consequence, marked pending for the leaving handoff), their invitations, and the sync run's resume
// point after this batch, so the point can never run ahead of, or behind, what is stored.
import type { IncomingEmployee, PlannedUpdate } from '../domain/reconciliation';
import type { ActivityDeps } from './deps';
import { insertEmployeeRows } from './employee-bulk-insert';
import { decideLifecycle, hrFields, NEW_EMPLOYEE, newEmployeeId } from './employee-rows';
import { pendingLeavingHandoffOnCreate, pendingLeavingHandoffOnUpdate } from './leaving-handoff';

export interface BatchContext {
  companyId: string;
  integrationId: string;
  timeZone: string;
  autoInvite: boolean;
  now: Date;
}

/** The sync run's resume point once this batch is stored (JSON, see activities/sync-employees.ts). */
export interface BatchResumePoint {
  syncRunId: string;
  progress: object;
}

export async function writeEmployeeBatch(
  deps: ActivityDeps,
  ctx: BatchContext,
  toCreate: readonly IncomingEmployee[],
  toUpdate: readonly PlannedUpdate[],
  resumePoint?: BatchResumePoint,
): Promise<{ created: number; updated: number }> {
  const recordResumePoint = (db: Pick<ActivityDeps['db'], 'syncRun'>) =>
    resumePoint ? db.syncRun.update({ where: { id: resumePoint.syncRunId }, data: { resumeProgress: resumePoint.progress }, select: { id: true } }) : null;
  if (toCreate.length === 0 && toUpdate.length === 0) {
    await recordResumePoint(deps.db);
    return { created: 0, updated: 0 };
  }
  const invites: { companyId: string; employeeId: string; email: string }[] = [];
  const createRows = toCreate.map((incoming) => {
    const id = newEmployeeId();
    const { decision, fields, lateEntry } = decideLifecycle(NEW_EMPLOYEE, incoming, ctx.now, ctx.timeZone);
    const handoff = decision === 'plan' ? pendingLeavingHandoffOnCreate : { leavingHandoffPending: false, leavingHandoffVersion: 0 };
    // Someone whose departure is already due when first seen is not invited to start using benefits.
    if (ctx.autoInvite && incoming.email && !lateEntry) invites.push({ companyId: ctx.companyId, employeeId: id, email: incoming.email });
    return { id, companyId: ctx.companyId, integrationId: ctx.integrationId, ...hrFields(incoming), leavingDateSource: incoming.leavingDate ? 'HR' : null, ...fields, ...handoff };
  });

  const previous = toUpdate.length
    ? await deps.db.employee.findMany({
        where: { id: { in: toUpdate.map((u) => u.existingId) } },
        select: { id: true, status: true, leavingDate: true, leavingDateSource: true, hireDate: true, lastWorkingMonth: true, benefitsEndAt: true },
      })
    : [];
  const previousById = new Map(previous.map((p) => [p.id, p]));
  const updates = toUpdate.map((u) => {
    const before = previousById.get(u.existingId);
    // A leaving date the admin entered stays until the HR system has a date of its own.
    const keepAdminDate = before?.leavingDateSource === 'ADMIN' && !u.incoming.leavingDate;
    const incoming = keepAdminDate ? { ...u.incoming, leavingDate: before.leavingDate } : u.incoming;
    const { decision, fields } = decideLifecycle(before ?? NEW_EMPLOYEE, incoming, ctx.now, ctx.timeZone);
    const handoff = decision === 'none' ? {} : pendingLeavingHandoffOnUpdate;
    const leavingDateSource = keepAdminDate ? 'ADMIN' : incoming.leavingDate ? 'HR' : null;
    return { id: u.existingId, data: { ...hrFields(incoming), contentHash: u.incoming.contentHash, leavingDateSource, integrationId: ctx.integrationId, removedAt: null, ...fields, ...handoff } };
  });

  await deps.db.$transaction(async (tx) => {
    await insertEmployeeRows(tx, createRows);
    for (const u of updates) await tx.employee.update({ where: { id: u.id }, data: u.data });
    // Unique per employee: a retried batch or a racing sync never creates a second invitation.
    if (invites.length) await tx.invite.createMany({ data: invites, skipDuplicates: true });
    await recordResumePoint(tx);
  });
  return { created: createRows.length, updated: updates.length };
}
