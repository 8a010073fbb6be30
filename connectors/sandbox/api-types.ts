// The Sandbox HR system's REST API (our own design, JSON, snake_case), shared by its server and
// its connector. Auth: `Authorization: Bearer <api key>`; the demo key is SANDBOX_DEMO_API_KEY.
//
//   GET    /api/company                      who am I (used to check the key)
//   GET    /api/employees?limit=&cursor=     all employees, leavers included; keyset cursor
//   GET    /api/employees/:id
//   POST   /api/employees                    add (body: SandboxEmployeeInput)
//   PATCH  /api/employees/:id                edit (any SandboxEmployeeInput field, leaving_date too)
//   POST   /api/employees/:id/terminate      { "leaving_date": "YYYY-MM-DD" } (or leavingDate)
//   DELETE /api/employees/:id
//   GET    /api/attributes                   standard and custom attributes
//   GET    /api/legal-entities
// Errors: { "error": { "code": "…", "message": "…" } }.
import type { MaritalStatus } from '../types';

export const SANDBOX = 'Sandbox HR system';
export const SANDBOX_DEMO_API_KEY = 'sandbox-demo-key';
/** Where `npm start` runs the sandbox (SANDBOX_HR_PORT). */
export const SANDBOX_DEFAULT_BASE_URL = 'http://127.0.0.1:4010';
export const SANDBOX_MAX_PAGE_SIZE = 200;

export const SANDBOX_EMPLOYMENT_TYPES = ['full_time', 'part_time', 'working_student', 'mini_job', 'intern'] as const;
export type SandboxEmploymentType = (typeof SANDBOX_EMPLOYMENT_TYPES)[number];
export const SANDBOX_GENDERS = ['female', 'male', 'diverse'] as const;
export const SANDBOX_MARITAL_STATUSES = ['single', 'married', 'registered_partnership', 'divorced', 'widowed', 'separated'] as const satisfies readonly MaritalStatus[];
export type SandboxStatus = 'onboarding' | 'active' | 'terminated';

export type SandboxCustomValue = string | number | boolean | null;

export interface SandboxEmployee {
  id: string;
  personnel_number: string;
  first_name: string;
  last_name: string;
  email: string;
  gender: (typeof SANDBOX_GENDERS)[number] | null;
  /** Derived from the dates on the day of the request. */
  status: SandboxStatus;
  employment_type: SandboxEmploymentType;
  weekly_hours: number;
  hire_date: string;
  leaving_date: string | null;
  legal_entity: { id: string; name: string };
  marital_status: MaritalStatus | null;
  department: string;
  /** Company-defined attributes: `children` (number of children) and `cost_center`. */
  custom_fields: Record<string, SandboxCustomValue>;
  updated_at: string;
}

export interface SandboxEmployeeList {
  data: SandboxEmployee[];
  /** Null on the last page. */
  next_cursor: string | null;
}

export interface SandboxAttribute {
  key: string;
  label: string;
  type: 'string' | 'number' | 'boolean' | 'date' | 'list';
  custom: boolean;
  options?: string[];
}

export interface SandboxLegalEntity {
  id: string;
  name: string;
  country: string;
}

export interface SandboxErrorBody {
  error: { code: string; message: string; issues?: unknown };
}
