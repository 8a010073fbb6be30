// Permanent deletion of an employee's personal data. The running lifecycle (if any) ends first so
// no timer fires for a deleted employee; what remains is an anonymised audit entry (ids and counts).
import { endLeavingLifecycleIfRunning } from '../infra/leaving-lifecycle-client';
import { deletedEmployeeKey } from '../domain/deleted-employee-key';
import type { Db } from '../infra/prisma';
import type { TemporalCalls } from './temporal-calls';

/** Vouchers selected but not redeemed: the employee can no longer reach them once deleted. */
export async function unredeemedVoucherCount(db: Db, employeeId: string): Promise<number> {
  return db.voucher.count({ where: { employeeId, status: 'SELECTED' } });
}

export async function deleteEmployeePermanently(db: Db, temporal: TemporalCalls, companyId: string, employeeId: string): Promise<{ auditEntryId: string; unreachableVouchers: number }> {
  // Temporal first: unreachable, it answers 503 before anything is deleted.
  const lifecycleEnded = await endLeavingLifecycleIfRunning(temporal.client, employeeId, 'employee deleted by the admin', temporal);
  return db.$transaction(async (tx) => {
    const [benefits, vouchers, unreachableVouchers] = await Promise.all([
      tx.benefit.count({ where: { employeeId } }),
      tx.voucher.count({ where: { employeeId } }),
      tx.voucher.count({ where: { employeeId, status: 'SELECTED' } }),
    ]);
    // Benefits, vouchers and the invite go with the row (ON DELETE CASCADE).
    const deleted = await tx.employee.delete({ where: { id: employeeId }, include: { integration: { select: { hrSystem: true } } } });
    // Remembered by a hash only, so the next sync does not import the person again.
    await tx.deletedEmployee.upsert({
      where: { companyId_remoteIdHash: { companyId, remoteIdHash: deletedEmployeeKey(deleted.integration.hrSystem, deleted.remoteId) } },
      create: { companyId, remoteIdHash: deletedEmployeeKey(deleted.integration.hrSystem, deleted.remoteId) },
      update: {},
    });
    const audit = await tx.auditEntry.create({
      data: { companyId, action: 'employee.deleted', subjectId: employeeId, details: { benefits, vouchers, unreachableVouchers, lifecycleEnded } },
    });
    return { auditEntryId: audit.id, unreachableVouchers };
  });
}
