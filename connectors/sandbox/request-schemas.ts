// Request bodies of the sandbox's management endpoints, validated so a demo typo gets a 400 that
// names the field instead of corrupting the data.
import { z } from 'zod';
import { SANDBOX_EMPLOYMENT_TYPES, SANDBOX_GENDERS, SANDBOX_MARITAL_STATUSES } from './api-types';

const customFields = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

const editableFields = {
  personnel_number: z.string().trim().min(1),
  first_name: z.string().trim().min(1),
  last_name: z.string().trim().min(1),
  email: z.email(),
  gender: z.enum(SANDBOX_GENDERS).nullable(),
  employment_type: z.enum(SANDBOX_EMPLOYMENT_TYPES),
  weekly_hours: z.number().min(0).max(80),
  hire_date: z.iso.date(),
  legal_entity_id: z.string().min(1),
  marital_status: z.enum(SANDBOX_MARITAL_STATUSES).nullable(),
  department: z.string().trim().min(1),
  custom_fields: customFields,
};

export const createEmployeeSchema = z
  .object({
    ...editableFields,
    personnel_number: editableFields.personnel_number.optional(),
    gender: editableFields.gender.optional(),
    employment_type: editableFields.employment_type.optional(),
    weekly_hours: editableFields.weekly_hours.optional(),
    hire_date: editableFields.hire_date.optional(),
    legal_entity_id: editableFields.legal_entity_id.optional(),
    marital_status: editableFields.marital_status.optional(),
    department: editableFields.department.optional(),
    custom_fields: customFields.optional(),
  })
  .strict();
export type CreateEmployeeInput = z.infer<typeof createEmployeeSchema>;

/** Any editable field; `leaving_date: null` withdraws a planned departure. */
export const updateEmployeeSchema = z
  .object({ ...editableFields, leaving_date: z.iso.date().nullable() })
  .partial()
  .strict();
export type UpdateEmployeeInput = z.infer<typeof updateEmployeeSchema>;

export const terminateEmployeeSchema = z
  .object({ leaving_date: z.iso.date().optional(), leavingDate: z.iso.date().optional() })
  .strict()
  .refine((b) => (b.leaving_date ?? b.leavingDate) !== undefined, { message: 'leaving_date (YYYY-MM-DD) is required' })
  .transform((b) => ({ leavingDate: (b.leaving_date ?? b.leavingDate)! }));
