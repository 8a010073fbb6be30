// Turns planned creates/updates into employee rows, deciding the lifecycle status with the pure
// leaving rules. Only selected fields carry values (mapping already nulled the others).
import crypto from 'node:crypto';
import type { IncomingEmployee } from '../domain/reconciliation';
import { decideLeavingChange, effectiveLeavingDate, type LeavingChange as LeavingDecision } from '../domain/leaving-transition';
import { planLeaving } from '../domain/leaving-dates';
import type { EmployeeStatus } from '../domain/hr-values';

export interface LifecycleFields {
  status: EmployeeStatus;
  lastWorkingMonth: string | null;
  benefitsEndAt: Date | null;
}

export interface PreviousLifecycle {
  status: EmployeeStatus;
  leavingDate: string | null;
  hireDate: string | null;
  lastWorkingMonth: string | null;
  benefitsEndAt: Date | null;
}

export function hrFields(e: IncomingEmployee) {
  return {
    remoteId: e.remoteId,
    hrStatus: e.hrStatus,
    firstName: e.firstName,
    lastName: e.lastName,
    email: e.email,
    personnelNumber: e.personnelNumber,
    employmentType: e.employmentType,
    hireDate: e.hireDate,
    leavingDate: e.leavingDate,
    gender: e.gender,
    legalEntityId: e.legalEntity?.id ?? null,
    legalEntityName: e.legalEntity?.name ?? null,
    maritalStatus: e.maritalStatus,
    numberOfChildren: e.numberOfChildren,
    contentHash: e.contentHash,
  };
}

/** The lifecycle consequence of incoming HR data for an employee in a given state. */
export function decideLifecycle(
  previous: PreviousLifecycle,
  incoming: IncomingEmployee,
  now: Date,
  timeZone: string,
): { decision: LeavingDecision; fields: LifecycleFields; lateEntry: boolean } {
  const decision = decideLeavingChange({
    previous: { status: previous.status, leavingDate: previous.leavingDate, hireDate: previous.hireDate },
    incoming: { leavingDate: incoming.leavingDate, hireDate: incoming.hireDate, hrStatus: incoming.hrStatus },
  });
  if (decision === 'plan' || decision === 'reschedule') {
    const leavingDate = effectiveLeavingDate(incoming)!;
    const plan = planLeaving({ leavingDate, firstSeenAt: now, timeZone });
    return {
      decision,
      lateEntry: plan.lateEntry,
      fields: { status: 'LEAVING_PLANNED', lastWorkingMonth: plan.lastWorkingMonth, benefitsEndAt: new Date(plan.benefitsEndAt) },
    };
  }
  if (decision === 'withdraw') return { decision, lateEntry: false, fields: { status: 'ACTIVE', lastWorkingMonth: null, benefitsEndAt: null } };
  return { decision, lateEntry: false, fields: { status: previous.status, lastWorkingMonth: previous.lastWorkingMonth, benefitsEndAt: previous.benefitsEndAt } };
}

export const NEW_EMPLOYEE: PreviousLifecycle = { status: 'ACTIVE', leavingDate: null, hireDate: null, lastWorkingMonth: null, benefitsEndAt: null };

export const newEmployeeId = () => crypto.randomUUID();
