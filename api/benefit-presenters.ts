// Benefit and voucher rows → API resources. An active recreation allowance shows the amount the
// employee is eligible for now (it follows synced marital status and children).
import type { Benefit, Employee, Voucher } from '../generated/prisma/client';
import type { MaritalStatus } from '../domain/remote-employee';
import { recreationAllowanceCents } from '../domain/recreation-allowance';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function recreationAllowanceOf(employee: Pick<Employee, 'maritalStatus' | 'numberOfChildren'>) {
  return recreationAllowanceCents({ maritalStatus: employee.maritalStatus as MaritalStatus | null, numberOfChildren: employee.numberOfChildren });
}

export function presentBenefit(b: Benefit, employee: Pick<Employee, 'maritalStatus' | 'numberOfChildren'>) {
  const live = b.type === 'RECREATION_ALLOWANCE' && b.status === 'ACTIVE' ? recreationAllowanceOf(employee) : null;
  return {
    id: b.id,
    employeeId: b.employeeId,
    type: b.type,
    status: b.status,
    amountCents: live ? live.totalCents : b.amountCents,
    recreationAllowance: live,
    createdAt: b.createdAt.toISOString(),
    endedAt: iso(b.endedAt),
  };
}

export function presentVoucher(v: Voucher) {
  return {
    id: v.id,
    employeeId: v.employeeId,
    benefitId: v.benefitId,
    month: v.month,
    amountCents: v.amountCents,
    status: v.status,
    selectedAt: v.selectedAt.toISOString(),
    redeemedAt: iso(v.redeemedAt),
  };
}

export function presentLifecycleStatus(e: Employee) {
  return {
    employeeId: e.id,
    status: e.status,
    leavingDate: e.leavingDate,
    lastWorkingMonth: e.lastWorkingMonth,
    benefitsEndAt: iso(e.benefitsEndAt),
    leftAt: iso(e.leftAt),
  };
}
