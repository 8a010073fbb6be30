// Runtime lists of the unified HR value unions (connectors/types.ts declares the types only) and the
// product's own employee lifecycle status. The compile-time checks below fail when a union grows.
import type { EmploymentType, Gender, HrStatus, MaritalStatus } from './remote-employee';

export const HR_STATUSES = ['active', 'onboarding', 'leave', 'inactive', 'terminated'] as const satisfies readonly HrStatus[];
export const EMPLOYMENT_TYPES = [
  'FULL_TIME',
  'PART_TIME',
  'WORKING_STUDENT',
  'INTERN',
  'MINI_JOB',
  'CONTRACTOR',
  'OTHER',
] as const satisfies readonly EmploymentType[];
export const GENDERS = ['male', 'female', 'diverse'] as const satisfies readonly Gender[];
export const MARITAL_STATUSES = [
  'single',
  'married',
  'registered_partnership',
  'divorced',
  'widowed',
  'separated',
] as const satisfies readonly MaritalStatus[];

/** The product's lifecycle status of an employee (Employee.status); never taken from the HR system. */
export const EMPLOYEE_STATUSES = ['ACTIVE', 'LEAVING_PLANNED', 'LEFT'] as const;
export type EmployeeStatus = (typeof EMPLOYEE_STATUSES)[number];

// Exhaustiveness: every member of each union must be listed above.
type Missing<Union, Listed> = Exclude<Union, Listed>;
type AssertNever<T extends never> = T;
export type _HrStatusesComplete = AssertNever<Missing<HrStatus, (typeof HR_STATUSES)[number]>>;
export type _EmploymentTypesComplete = AssertNever<Missing<EmploymentType, (typeof EMPLOYMENT_TYPES)[number]>>;
export type _GendersComplete = AssertNever<Missing<Gender, (typeof GENDERS)[number]>>;
export type _MaritalStatusesComplete = AssertNever<Missing<MaritalStatus, (typeof MARITAL_STATUSES)[number]>>;
