// What an employee may still do in each lifecycle status. Pure decisions with a reason an admin or
// employee can read; months are 'YYYY-MM' in the company's time zone (see leaving-dates.ts).
import type { EmployeeStatus } from './hr-values';
import { isYearMonth } from './leaving-dates';

export type RuleDecision = { allowed: true } | { allowed: false; reason: string };

const ALLOWED: RuleDecision = { allowed: true };
function deny(reason: string): RuleDecision {
  return { allowed: false, reason };
}

/** A new benefit can be configured only for an ACTIVE employee. */
export function canConfigureBenefit(status: EmployeeStatus): RuleDecision {
  switch (status) {
    case 'ACTIVE':
      return ALLOWED;
    case 'LEAVING_PLANNED':
      return deny('The employee is leaving; no new benefit can be configured.');
    case 'LEFT':
      return deny('The employee has left; no new benefit can be configured.');
    default:
      return deny('Unknown employee status.');
  }
}

/**
 * Selecting a voucher for `month`: ACTIVE always; LEAVING_PLANNED for months up to and including the
 * last working month; LEFT never.
 */
export function canSelectVoucher(status: EmployeeStatus, month: string, lastWorkingMonth: string | null): RuleDecision {
  if (!isYearMonth(month)) return deny('The month is not valid.');
  switch (status) {
    case 'ACTIVE':
      return ALLOWED;
    case 'LEAVING_PLANNED':
      if (!isYearMonth(lastWorkingMonth)) return deny('The employee is leaving and has no last working month.');
      return month <= lastWorkingMonth ? ALLOWED : deny(`The employee is leaving; vouchers can be selected up to ${lastWorkingMonth}.`);
    case 'LEFT':
      return deny('The employee has left; nothing new can be selected.');
    default:
      return deny('Unknown employee status.');
  }
}

/**
 * Redeeming a selected voucher of `voucherMonth`: ACTIVE and LEAVING_PLANNED yes; LEFT only for
 * vouchers of months before leaving (up to and including the last working month).
 */
export function canRedeemVoucher(status: EmployeeStatus, voucherMonth: string, lastWorkingMonth: string | null): RuleDecision {
  if (!isYearMonth(voucherMonth)) return deny('The month is not valid.');
  switch (status) {
    case 'ACTIVE':
    case 'LEAVING_PLANNED':
      return ALLOWED;
    case 'LEFT':
      if (!isYearMonth(lastWorkingMonth)) return deny('The employee has left and has no last working month.');
      return voucherMonth <= lastWorkingMonth ? ALLOWED : deny('The employee has left; this voucher is for a month after leaving.');
    default:
      return deny('Unknown employee status.');
  }
}

/**
 * Immediate termination by the admin: only while no voucher has been selected for the current month,
 * and not for an employee who has already left.
 */
export function canTerminateNow(hasVoucherSelectedForCurrentMonth: boolean, status?: EmployeeStatus): RuleDecision {
  if (status === 'LEFT') return deny('The employee has already left.');
  if (hasVoucherSelectedForCurrentMonth) return deny('A voucher has already been selected for the current month; the employee can leave at the end of the month instead.');
  return ALLOWED;
}
