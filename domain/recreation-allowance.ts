// German recreation allowance (Erholungsbeihilfe, § 40 Abs. 2 Satz 1 Nr. 3 EStG): the amounts an
// employer may pay per calendar year at the flat 25 % tax rate — 156 EUR for the employee, 104 EUR
// for the spouse (marriage or registered partnership), 52 EUR per child. All amounts in euro cents.
import type { MaritalStatus } from './remote-employee';

export const RECREATION_ALLOWANCE_EMPLOYEE_CENTS = 15_600;
export const RECREATION_ALLOWANCE_SPOUSE_CENTS = 10_400;
export const RECREATION_ALLOWANCE_PER_CHILD_CENTS = 5_200;

export interface RecreationAllowance {
  employeeCents: number;
  spouseCents: number;
  childrenCents: number;
  totalCents: number;
}

/** Marital statuses that count as having a spouse for the allowance. */
export function hasSpouse(maritalStatus: MaritalStatus | null | undefined): boolean {
  return maritalStatus === 'married' || maritalStatus === 'registered_partnership';
}

/**
 * The yearly eligible amount. Unknown marital status / number of children (null) count as no spouse /
 * no children; a negative or fractional number of children is a programming error.
 */
export function recreationAllowanceCents(input: { maritalStatus: MaritalStatus | null | undefined; numberOfChildren: number | null | undefined }): RecreationAllowance {
  const children = input.numberOfChildren ?? 0;
  if (!Number.isInteger(children) || children < 0) throw new RangeError('numberOfChildren must be a whole number ≥ 0');
  const employeeCents = RECREATION_ALLOWANCE_EMPLOYEE_CENTS;
  const spouseCents = hasSpouse(input.maritalStatus) ? RECREATION_ALLOWANCE_SPOUSE_CENTS : 0;
  const childrenCents = children * RECREATION_ALLOWANCE_PER_CHILD_CENTS;
  return { employeeCents, spouseCents, childrenCents, totalCents: employeeCents + spouseCents + childrenCents };
}
