// The amount a newly configured benefit gets, in euro cents.
import type { Employee } from '../generated/prisma/client';
import { recreationAllowanceOf } from './benefit-presenters';
import { badRequest } from './errors';

/** The tax-free monthly limit for non-cash vouchers (§ 8 Abs. 2 Satz 11 EStG): 50 EUR. */
export const DEFAULT_VOUCHER_CENTS = 5_000;
/** Flat monthly internet allowance an employer may pay without proof of costs: 50 EUR. */
export const DEFAULT_INTERNET_ALLOWANCE_CENTS = 5_000;

export function benefitAmountCents(
  type: 'MONTHLY_VOUCHER' | 'RECREATION_ALLOWANCE' | 'INTERNET_ALLOWANCE',
  requested: number | undefined,
  employee: Pick<Employee, 'maritalStatus' | 'numberOfChildren'>,
): number {
  switch (type) {
    case 'MONTHLY_VOUCHER':
      return requested ?? DEFAULT_VOUCHER_CENTS;
    case 'INTERNET_ALLOWANCE':
      return requested ?? DEFAULT_INTERNET_ALLOWANCE_CENTS;
    case 'RECREATION_ALLOWANCE':
      if (requested !== undefined) throw badRequest('amount_is_computed', 'The recreation allowance amount is computed from marital status and children; do not send amountCents.');
      return recreationAllowanceOf(employee).totalCents;
  }
}
