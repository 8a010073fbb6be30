import { z } from 'zod';
import { findHrSystem, hrSystems } from '../../connectors/registry';
import { EMPLOYEE_FIELD_KEYS, MAPPABLE_FIELDS, REQUIRED_FIELD_KEYS } from '../../domain/employee-fields';
import { integrationFiltersSchema } from '../../domain/employee-filters';
import { storableString } from './common';

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
  trigger: z.enum(['SCHEDULE', 'MANUAL', 'ACTIVATION', 'PUSH']).describe('PUSH: asked for by a change notification of the HR system'),
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

// The HR systems one can connect: the available ones of the catalog (connectors/registry.ts).
const AVAILABLE_HR_SYSTEM_IDS = hrSystems.filter((s) => s.status === 'available').map((s) => s.id) as [string, ...string[]];
export const availableHrSystemId = z
  .enum(AVAILABLE_HR_SYSTEM_IDS, {
    error: (issue) =>
      findHrSystem(String(issue.input))
        ? `${findHrSystem(String(issue.input))!.name} is planned but has no connector yet`
        : `${JSON.stringify(issue.input)} is not in the catalog; GET /v1/hr-systems lists the ids`,
  })
  .describe('Id of an available HR system (GET /v1/hr-systems)');

// A closed object (not a record): the spec lists the mappable fields and refuses any other key, as the server does.
const mappingTarget = z.string().min(1).max(200).nullable().optional();
export const mappingSchema = z
  .object(Object.fromEntries(MAPPABLE_FIELDS.map((f) => [f, mappingTarget])) as Record<(typeof MAPPABLE_FIELDS)[number], typeof mappingTarget>)
  .strict();

const pushState = z
  .object({
    status: z
      .enum(['NOT_SUBSCRIBED', 'PENDING', 'ACTIVE', 'DOWN', 'DELETED'])
      .describe(
        'ACTIVE: changes arrive within a minute and the schedule is only the safety net; DOWN: the schedule syncs at the normal interval (lastError says why); PENDING: being subscribed — where the admin creates the webhook (createdBy admin): until a delivery signed with the secret entered in the credentials arrived (the schedule syncs at the normal interval meanwhile); NOT_SUBSCRIBED: before activation',
      ),
    createdBy: z
      .enum(['product', 'admin'])
      .describe("product: the product subscribes at the HR system itself. admin: the HR system has no API for it (HiBob): an admin adds the webhook in the HR system's UI with callbackUrl and enters the secret it shows in the credentials"),
    callbackUrl: z
      .string()
      .nullable()
      .describe('Where createdBy is admin: the address to paste into the HR system\'s webhook settings (keep it private: it is the webhook\'s unguessable address). Null where the product subscribes itself, before activation, after a disconnect, or without a public address (PUBLIC_URL)'),
    events: z.array(z.string()).describe("The HR system's events the product subscribes to"),
    subscribedAt: z.string().nullable(),
    expiresAt: z.string().nullable().describe('When the HR system drops the subscription unless renewed (it is renewed before); null: it does not expire'),
    lastNotificationAt: z.string().nullable().describe('When the HR system last sent a genuine notification; where the admin created the webhook, the only sign that deliveries still arrive'),
    notificationsAccepted: z.number().int(),
    notificationsRejected: z.number().int().describe('Requests that could not be verified as coming from the HR system (answered 401)'),
    lastError: z.string().nullable(),
  })
  .nullable()
  .describe("The HR system's change notifications (webhooks); null where it cannot push and the schedule polls");

export const integration = z.object({
  id: z.uuid(),
  hrSystem: availableHrSystemId,
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
  push: pushState,
});

// The filters as the PATCH takes them: the domain's rules, and strings the database can store.
const filtersInput = integrationFiltersSchema.extend({
  legalEntityIds: z.array(storableString().min(1)).max(1000).optional(),
  attributes: z.record(storableString().min(1).max(200), z.union([storableString(), z.number(), z.boolean()])).optional(),
});

export const integrationPatch = z
  .object({
    fields: z
      .array(z.enum(EMPLOYEE_FIELD_KEYS))
      // The server refuses a list without a required field (400 required_field); the spec says so too.
      .meta({ allOf: REQUIRED_FIELD_KEYS.map((key) => ({ contains: { const: key } })) })
      .optional()
      .describe(`The complete list of fields to sync; it must contain the required ones (${REQUIRED_FIELD_KEYS.join(', ')})`),
    mapping: mappingSchema.optional().describe('Product field → HR attribute key (from GET …/options); null removes a mapping'),
    filters: filtersInput
      .optional()
      .describe('Which employees to sync; each filter needs its field in the selection (legalEntityIds: legalEntity, employmentTypes: employmentType, an attribute named like a product field: that field)'),
    autoInvite: z.boolean().optional(),
    syncIntervalMinutes: z.number().int().min(15, 'must be at least 15 minutes').max(10_080).optional(),
  })
  .strict()
  // A filter needs its field synced (filter_on_unselected_field, api/routes/integrations.ts): with
  // "fields" in the same body, the spec says which (a 400); else what is stored decides (a 409).
  .meta({ allOf: filterFieldRules() });

/**
 * fieldsUsedByFilters (domain/employee-filters.ts) as JSON Schema: a legal-entity or employment-type
 * filter in use → its field in "fields". (An attribute filter on a product field's name needs that
 * field too: one rule per field is more than generators of test data manage, so only the
 * description says it.)
 */
function filterFieldRules() {
  const rule = (filters: object, field: string) => ({
    if: { required: ['fields', 'filters'], properties: { filters } },
    then: { properties: { fields: { contains: { const: field } } } },
  });
  return [
    rule({ required: ['legalEntityIds'], properties: { legalEntityIds: { minItems: 1 } } }, 'legalEntity'),
    rule({ required: ['employmentTypes'], properties: { employmentTypes: { minItems: 1 } } }, 'employmentType'),
  ];
}

export const integrationOptions = z.object({
  attributes: z.array(z.object({ key: z.string(), label: z.string(), type: z.string(), custom: z.boolean() })),
  legalEntities: z.array(z.object({ id: z.string(), name: z.string() })),
  employmentTypes: z.array(z.string()),
  fetchedAt: z.string(),
});
