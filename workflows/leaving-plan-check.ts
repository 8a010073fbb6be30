// Shape and timing checks of a leaving plan, shared by the update validator and the workflow's own
// start (so a fresh start and its update-with-start agree). Pure; `nowMs` is workflow time.
import type { LeavingPlanUpdate } from '../contracts/leaving-lifecycle';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Why a plan cannot be applied now, or null when it can. */
export function leavingPlanProblem(plan: Partial<LeavingPlanUpdate> | null | undefined, nowMs: number): string | null {
  if (!plan || typeof plan.benefitsEndAt !== 'string' || !INSTANT.test(plan.benefitsEndAt) || Number.isNaN(Date.parse(plan.benefitsEndAt))) {
    return 'benefitsEndAt must be an ISO-8601 UTC instant.';
  }
  if (typeof plan.lastWorkingMonth !== 'string' || !MONTH.test(plan.lastWorkingMonth)) return 'lastWorkingMonth must be YYYY-MM.';
  if (Date.parse(plan.benefitsEndAt) <= nowMs) return 'The deadline has already passed; a leaving is never retroactive.';
  return null;
}
