import { z } from 'zod';
import { EMPLOYEE_FIELD_KEYS, MAPPABLE_FIELDS } from '../../domain/employee-fields';
import { integrationFiltersSchema } from '../../domain/employee-filters';

export const syncCounts = z.object({
  read: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  filteredOut: z.number().int(),
  invalid: z.number().int(),
  removed: z.number().int(),
  formerEmployees: z.number().int().describe('Listed people who had left before the first complete listing of this integration: not imported, not invited, no lifecycle'),
});

export const syncRun = z.object({
  id: z.uuid(),
  integrationId: z.uuid(),
  trigger: z.enum(['SCHEDULE', 'MANUAL', 'ACTIVATION']),
  status: z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'NEEDS_REVIEW', 'SKIPPED', 'CANCELLED']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  counts: syncCounts,
  warnings: z.array(z.string()),
  error: z.string().nullable(),
  pendingRemovals: z.number().int().describe('Employees whose removal waits for confirmation (NEEDS_REVIEW)'),
  confirmedAt: z.string().nullable(),
  listing: z
    .enum(['FULL', 'CHANGES'])
    .nullable()
    .describe(
      'FULL: every employee is read (removals are checked unless the run resumed after an interruption, which its warnings say); CHANGES: only what the HR system reports as changed since the previous sync; null: the run never listed (skipped, or failed before)',
    ),
});

export const syncQuery = z
  .object({
    listing: z
      .enum(['AUTO', 'FULL'])
      .default('AUTO')
      .describe('AUTO: only the changes where the HR system can list them (a complete listing still runs daily); FULL: read every employee now and check removals'),
  })
  .strict();

export const mappingSchema = z.partialRecord(z.enum(MAPPABLE_FIELDS), z.string().min(1).max(200).nullable());

export const integration = z.object({
  id: z.uuid(),
  hrSystem: z.string(),
  status: z.enum(['DRAFT', 'ACTIVE', 'ERROR', 'DISCONNECTED']),
  credentialsEntered: z.boolean(),
  fields: z.array(z.enum(EMPLOYEE_FIELD_KEYS)),
  mapping: z.record(z.string(), z.string()),
  filters: integrationFiltersSchema,
  autoInvite: z.boolean(),
  syncIntervalMinutes: z.number().int(),
  lastError: z.string().nullable(),
  lastSync: syncRun.nullable(),
  nextScheduledSyncAt: z
    .string()
    .nullable()
    .describe('When the Schedule syncs next; null when the integration is not active, its Schedule is paused or missing, or Temporal cannot be reached right now'),
  lastCompleteListingAt: z
    .string()
    .nullable()
    .describe('When the last sync that read every employee (and checked removals) began; one runs at least daily'),
  createdAt: z.string(),
  activatedAt: z.string().nullable(),
  disconnectedAt: z.string().nullable(),
});

export const integrationPatch = z
  .object({
    fields: z.array(z.enum(EMPLOYEE_FIELD_KEYS)).optional().describe('The complete list of fields to sync; required ones must stay'),
    mapping: mappingSchema.optional().describe('Product field → HR attribute key (from GET …/options); null removes a mapping'),
    filters: integrationFiltersSchema.optional(),
    autoInvite: z.boolean().optional(),
    syncIntervalMinutes: z.number().int().min(15, 'must be at least 15 minutes').max(10_080).optional(),
  })
  .strict();

export const integrationOptions = z.object({
  attributes: z.array(z.object({ key: z.string(), label: z.string(), type: z.string(), custom: z.boolean() })),
  legalEntities: z.array(z.object({ id: z.string(), name: z.string() })),
  employmentTypes: z.array(z.string()),
  fetchedAt: z.string(),
});
