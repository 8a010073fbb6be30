// Activities of the leaving lifecycle. They take ids (and instants decided by the workflow, so a
// retry or a replay uses the same time) and load everything else from the database.
import type { ActivityDeps } from './deps';
import { handOffPendingLeavers } from './leaving-handoff';
import * as store from '../infra/repositories/lifecycle-store';

export function createLifecycleActivities(deps: ActivityDeps) {
  return {
    markLeavingPlanned: (employeeId: string, plan: { benefitsEndAt: string; lastWorkingMonth: string }) => store.markLeavingPlanned(deps.db, employeeId, plan),
    withdrawLeaving: (employeeId: string) => store.withdrawLeaving(deps.db, employeeId),
    completeLeaving: (employeeId: string, deadline: string) => store.completeLeaving(deps.db, employeeId, deadline),
    checkTerminateNowAllowed: (employeeId: string, at: string) => store.checkTerminateNowAllowed(deps.db, employeeId, at),
    terminateNow: (employeeId: string, at: string) => store.terminateNow(deps.db, employeeId, at),
    handOffPendingLeavers: (input: { companyId: string }) => handOffPendingLeavers(deps, input),
  };
}
