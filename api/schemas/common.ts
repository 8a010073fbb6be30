import { z } from 'zod';
import { ID_CURSOR_PATTERN, INSTANT_ID_CURSOR_PATTERN } from '../pagination';

export const errorBody = z.object({ error: z.string(), message: z.string(), details: z.unknown().optional() });

// PostgreSQL text and jsonb cannot hold U+0000: a string the API stores states it (a pattern), and
// the server refuses it with a 400 naming the field instead of failing to store it.
const WITHOUT_NUL = /^[^\u0000]*$/;
export const storableString = () => z.string().regex(WITHOUT_NUL, 'must not contain the NUL character (U+0000)');

export const idParams = z.object({ id: z.uuid({ message: 'must be a UUID' }) });

// Cursors are opaque to clients, but each list takes only its own kind (api/pagination.ts), and the
// spec states the kind's exact pattern: every string that matches is a cursor the list accepts.
const cursorMessage = 'must be nextCursor of the previous page of this list';
const idCursor = z.string().regex(ID_CURSOR_PATTERN, cursorMessage).describe('A cursor of a list ordered by id: the nextCursor of its previous page');
const instantIdCursor = z
  .string()
  .regex(INSTANT_ID_CURSOR_PATTERN, cursorMessage)
  .describe('A cursor of a list ordered newest first: the nextCursor of its previous page');
const limit = z.coerce.number().int().min(1).max(100).default(50);

// Strict: a misspelt filter (?stauts=LEFT) is a 400, not an unfiltered list.
const listQueryById = z.object({ limit, cursor: idCursor.optional() }).strict();
const listQueryNewestFirst = z.object({ limit, cursor: instantIdCursor.optional() }).strict();

/** The query of a list ordered by id; `listQuery.newestFirst` for a list ordered newest first. */
export const listQuery = Object.assign(listQueryById, { newestFirst: listQueryNewestFirst });

/** A page of a list; given the list's query, nextCursor states the pattern that query takes back. */
export function listOf<T extends z.ZodTypeAny>(item: T, query?: { shape: { cursor: z.ZodOptional<z.ZodString> } }) {
  const cursor = query ? query.shape.cursor.unwrap() : z.string();
  return z.object({ items: z.array(item), nextCursor: cursor.nullable().describe('The cursor of the next page; null on the last page') });
}

// Any route may meet an outage: the database (every route reads it), Temporal (the routes that start,
// update or end workflows and Schedules). The codes are stable; see api/errors.ts.
export const serviceUnavailableBody = errorBody.describe(
  'A service the request needs is unavailable; retry in a moment. error = database_unavailable (PostgreSQL cannot be reached), ' +
    'workflow_service_unavailable (Temporal cannot be reached; nothing was changed), or workflow_service_timeout (Temporal did not ' +
    'confirm in time; the change may still take effect, so check before repeating it). HR-system routes also answer hr_system_rate_limited.',
);

/**
 * Every error status the API answers, each in the one error shape. Routes declare the answers of
 * their own logic (403, 404, 409, 422, 502: `{ 409: errorResponses[409] }`); the answers every route
 * of a kind gives (401 and 503 under /v1, 400 for a malformed request, 404 and 414 for path
 * parameters, 413 and 415 for request bodies) are added by api/app.ts from the route's shape.
 */
export const errorResponses = {
  400: errorBody.describe('The request is malformed or invalid (error = invalid_request, invalid_cursor, or a code naming the rule)'),
  401: errorBody.describe('No API key, or not a valid one (error = unauthorized; for a connect link connect_link_expired or connect_link_revoked)'),
  403: errorBody.describe('The key may not do this: company routes need a company key, creating companies the operator key; a connect link reaches only the HR system catalog and the integrations (error = connect_link_scope)'),
  404: errorBody.describe('The resource does not exist or belongs to another company (error = not_found)'),
  409: errorBody.describe('The request conflicts with the current state of the resource; error names the conflict'),
  413: errorBody.describe('The request body is larger than the server accepts (1 MiB)'),
  414: errorBody.describe('A path parameter is longer than the server accepts'),
  415: errorBody.describe('The request body is not application/json'),
  422: errorBody.describe('The HR system refused the credentials (error = credentials_rejected)'),
  502: errorBody.describe('The HR system could not be reached or answered with an error (error = hr_system_unavailable)'),
  503: serviceUnavailableBody,
} as const;
