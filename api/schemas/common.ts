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

export const errorResponses = {
  400: errorBody,
  401: errorBody,
  404: errorBody,
  409: errorBody,
  422: errorBody,
} as const;
