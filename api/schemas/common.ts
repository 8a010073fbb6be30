import { z } from 'zod';

export const errorBody = z.object({ error: z.string(), message: z.string(), details: z.unknown().optional() });

export const idParams = z.object({ id: z.uuid({ message: 'must be a UUID' }) });

// Strict: a misspelt filter (?stauts=LEFT) is a 400, not an unfiltered list.
export const listQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().min(1).optional(),
  })
  .strict();

export function listOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

// Any route may meet an outage: the database (every route reads it), Temporal (the routes that start,
// update or end workflows and Schedules). The codes are stable; see api/errors.ts.
export const serviceUnavailableBody = errorBody.describe(
  'A service the request needs is unavailable; retry in a moment. error = database_unavailable (PostgreSQL cannot be reached), ' +
    'workflow_service_unavailable (Temporal cannot be reached; nothing was changed), or workflow_service_timeout (Temporal did not ' +
    'confirm in time; the change may still take effect, so check before repeating it). HR-system routes also answer hr_system_rate_limited.',
);

export const errorResponses = {
  400: errorBody,
  401: errorBody,
  404: errorBody,
  409: errorBody,
  422: errorBody,
  503: serviceUnavailableBody,
} as const;
