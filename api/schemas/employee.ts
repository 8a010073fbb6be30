import { z } from 'zod';

export const employee = z.object({
  id: z.uuid(),
  integrationId: z.uuid(),
  remoteId: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  status: z.enum(['ACTIVE', 'LEAVING_PLANNED', 'LEFT']),
  personnelNumber: z.string().nullable(),
  employmentType: z.string().nullable(),
  hireDate: z.string().nullable(),
  leavingDate: z.string().nullable(),
  lastWorkingMonth: z.string().nullable(),
  gender: z.string().nullable(),
  legalEntity: z.object({ id: z.string(), name: z.string() }).nullable(),
  maritalStatus: z.string().nullable(),
  numberOfChildren: z.number().int().nullable(),
  invitedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const invite = z.object({
  id: z.uuid(),
  employeeId: z.uuid(),
  email: z.string(),
  status: z.enum(['PENDING', 'SENT', 'FAILED']),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
