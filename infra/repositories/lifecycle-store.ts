// Database side of the leaving lifecycle (a repository, not an activity): idempotent writes keyed by
// the employee id, each in one transaction that locks the employee row, so a retried activity or a
// racing API call cannot apply a change twice. Used by the lifecycle activities and, where no
// workflow runs, by the API.
import { canTerminateNow, type RuleDecision } from '../../domain/benefit-rules';
import { currentMonth } from '../../domain/leaving-dates';
import type { Prisma } from '../../generated/prisma/client';
import type { Db } from '../prisma';

type Tx = Prisma.TransactionClient;

interface LockedEmployee {
  status: 'ACTIVE' | 'LEAVING_PLANNED' | 'LEFT';
  benefitsEndAt: Date | null;
  lastWorkingMonth: string | null;
  timezone: string;
}

/** Locks the employee row for the rest of the transaction; null when the employee does not exist. */
export async function lockEmployee(tx: Tx, employeeId: string): Promise<LockedEmployee | null> {
  const rows = await tx.$queryRaw<{ status: LockedEmployee['status']; benefits_end_at: Date | null; last_working_month: string | null; timezone: string }[]>`
    SELECT e.status, e.benefits_end_at, e.last_working_month, c.timezone
    FROM employees e JOIN companies c ON c.id = e.company_id
    WHERE e.id = ${employeeId}::uuid
    FOR UPDATE OF e`;
  const row = rows[0];
  return row ? { status: row.status, benefitsEndAt: row.benefits_end_at, lastWorkingMonth: row.last_working_month, timezone: row.timezone } : null;
}

/** LEAVING_PLANNED with the last working month and deadline (a rehire after LEFT starts over). */
export async function markLeavingPlanned(db: Db, employeeId: string, plan: { benefitsEndAt: string; lastWorkingMonth: string }): Promise<{ found: boolean }> {
  const { count } = await db.employee.updateMany({
    where: { id: employeeId },
    data: { status: 'LEAVING_PLANNED', lastWorkingMonth: plan.lastWorkingMonth, benefitsEndAt: new Date(plan.benefitsEndAt), leftAt: null },
  });
  return { found: count > 0 };
}

/** Back to ACTIVE, benefits untouched. An employee who already left stays LEFT. */
export async function withdrawLeaving(db: Db, employeeId: string): Promise<{ found: boolean }> {
  const { count } = await db.employee.updateMany({
    where: { id: employeeId, status: { not: 'LEFT' } },
    data: { status: 'ACTIVE', lastWorkingMonth: null, benefitsEndAt: null },
  });
  return { found: count > 0 };
}

export type CompleteLeavingOutcome =
  | { outcome: 'LEFT'; deactivatedBenefits: number }
  | { outcome: 'ALREADY_LEFT' | 'NOT_FOUND' | 'WITHDRAWN'; deactivatedBenefits: 0 }
  /** The database holds a later deadline (a reschedule whose update has not arrived yet): wait for it. */
  | { outcome: 'RESCHEDULED'; deactivatedBenefits: 0; benefitsEndAt: string; lastWorkingMonth: string };

/**
 * At the deadline: every ACTIVE benefit ends at `deadline`, the employee becomes LEFT. The database
 * is the system of record: if it says the leaving was withdrawn or moved later, that wins.
 */
export async function completeLeaving(db: Db, employeeId: string, deadline: string): Promise<CompleteLeavingOutcome> {
  const endedAt = new Date(deadline);
  return db.$transaction(async (tx) => {
    const employee = await lockEmployee(tx, employeeId);
    if (!employee) return { outcome: 'NOT_FOUND', deactivatedBenefits: 0 };
    if (employee.status === 'LEFT') return { outcome: 'ALREADY_LEFT', deactivatedBenefits: 0 };
    if (employee.status === 'ACTIVE') return { outcome: 'WITHDRAWN', deactivatedBenefits: 0 };
    if (employee.benefitsEndAt && employee.lastWorkingMonth && employee.benefitsEndAt.getTime() > endedAt.getTime()) {
      return { outcome: 'RESCHEDULED', deactivatedBenefits: 0, benefitsEndAt: employee.benefitsEndAt.toISOString(), lastWorkingMonth: employee.lastWorkingMonth };
    }
    const { count } = await tx.benefit.updateMany({ where: { employeeId, status: 'ACTIVE' }, data: { status: 'DEACTIVATED', endedAt } });
    await tx.employee.update({ where: { id: employeeId }, data: { status: 'LEFT', leftAt: endedAt, benefitsEndAt: endedAt } });
    return { outcome: 'LEFT', deactivatedBenefits: count };
  });
}

async function voucherChosenForMonth(tx: Tx | Db, employeeId: string, month: string): Promise<boolean> {
  return (await tx.voucher.count({ where: { employeeId, month } })) > 0;
}

/** Immediate termination is allowed while no voucher is selected for the current month (company time zone). */
export async function checkTerminateNowAllowed(db: Db, employeeId: string, at: string): Promise<RuleDecision> {
  const employee = await db.employee.findUnique({ where: { id: employeeId }, select: { status: true, company: { select: { timezone: true } } } });
  if (!employee) return { allowed: false, reason: 'The employee was not found.' };
  const month = currentMonth(new Date(at), employee.company.timezone);
  return canTerminateNow(await voucherChosenForMonth(db, employeeId, month), employee.status);
}

export type TerminateNowOutcome = { terminated: true; deactivatedBenefits: number; leftAt: string } | { terminated: false; reason: string };

/** Deactivates everything at `at` and sets LEFT; re-checks the rule under the row lock (a voucher selected meanwhile wins). */
export async function terminateNow(db: Db, employeeId: string, at: string): Promise<TerminateNowOutcome> {
  const endedAt = new Date(at);
  return db.$transaction(async (tx) => {
    const employee = await lockEmployee(tx, employeeId);
    if (!employee) return { terminated: false, reason: 'The employee was not found.' };
    const month = currentMonth(endedAt, employee.timezone);
    const decision = canTerminateNow(await voucherChosenForMonth(tx, employeeId, month), employee.status);
    if (!decision.allowed) return { terminated: false, reason: decision.reason };
    const { count } = await tx.benefit.updateMany({ where: { employeeId, status: 'ACTIVE' }, data: { status: 'DEACTIVATED', endedAt } });
    await tx.employee.update({
      where: { id: employeeId },
      // Vouchers of earlier months stay redeemable: the current month is the last working month.
      data: { status: 'LEFT', leftAt: endedAt, benefitsEndAt: endedAt, lastWorkingMonth: month },
    });
    return { terminated: true, deactivatedBenefits: count, leftAt: endedAt.toISOString() };
  });
}
