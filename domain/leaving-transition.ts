// What a sync hands to the leaving lifecycle when an employee's HR data changed. Decided from the
// stored lifecycle status and the incoming HR data (state, not just the difference), so a sync that
// was interrupted between writing a row and signalling the workflow still converges.
import type { HrStatus } from './remote-employee';
import type { EmployeeStatus } from './hr-values';
import { isIsoDate } from './leaving-dates';

export type LeavingChange = 'none' | 'plan' | 'reschedule' | 'withdraw';

export interface LeavingTransitionInput {
  previous: { status: EmployeeStatus; leavingDate: string | null; hireDate: string | null };
  incoming: { leavingDate: string | null; hireDate: string | null; hrStatus: HrStatus | null };
}

/** HR statuses in which a newer hire date means the person was hired again. */
const WORKING_STATUSES: ReadonlySet<HrStatus> = new Set<HrStatus>(['active', 'onboarding']);

function validDate(d: string | null | undefined): string | null {
  return isIsoDate(d) ? d : null;
}

/** HR status back to working with a hire date after the stored one. */
export function isRehire(input: LeavingTransitionInput): boolean {
  const before = validDate(input.previous.hireDate);
  const now = validDate(input.incoming.hireDate);
  return before !== null && now !== null && now > before && input.incoming.hrStatus !== null && WORKING_STATUSES.has(input.incoming.hrStatus);
}

/**
 * The leaving date that is in force: none when it is absent, not a date, or before the hire date (an
 * old termination date left over from an earlier employment).
 */
export function effectiveLeavingDate(incoming: LeavingTransitionInput['incoming']): string | null {
  const leaving = validDate(incoming.leavingDate);
  const hire = validDate(incoming.hireDate);
  if (leaving === null) return null;
  if (hire !== null && leaving < hire) return null;
  return leaving;
}

/**
 * - ACTIVE: a leaving date in force → 'plan'.
 * - LEAVING_PLANNED: date cleared (or stale after a rehire) → 'withdraw'; date changed → 'reschedule'.
 * - LEFT: final, except a rehire (HR status active/onboarding with a newer hire date): 'withdraw'
 *   back to ACTIVE, or 'plan' at once when the new employment already has a leaving date in force.
 */
export function decideLeavingChange(input: LeavingTransitionInput): LeavingChange {
  const leaving = effectiveLeavingDate(input.incoming);
  switch (input.previous.status) {
    case 'ACTIVE':
      return leaving !== null ? 'plan' : 'none';
    case 'LEAVING_PLANNED':
      if (leaving === null) return 'withdraw';
      return leaving !== input.previous.leavingDate ? 'reschedule' : 'none';
    case 'LEFT':
      if (!isRehire(input)) return 'none';
      return leaving !== null ? 'plan' : 'withdraw';
    default:
      return 'none';
  }
}
