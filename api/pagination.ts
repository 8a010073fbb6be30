// Keyset pagination: the cursor is the opaque key of the last item of the previous page, either its
// id (lists ordered by id) or its instant and id (lists ordered newest first). Each list decodes
// only its own kind: a cursor from another list is a 400, never a query with a broken key.
import { badRequest } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const invalidCursor = () => badRequest('invalid_cursor', 'The cursor is not valid for this list; use nextCursor from its previous page.');

export function encodeCursor(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64url');
}

function decoded(cursor: string): string {
  return Buffer.from(cursor, 'base64url').toString('utf8');
}

/** The id after which a list ordered by id continues. */
export function decodeIdCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const id = decoded(cursor);
  if (!UUID.test(id)) throw invalidCursor();
  return id;
}

/** The (instant, id) after which a newest-first list continues. */
export function decodeInstantIdCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const [instant, id, ...rest] = decoded(cursor).split('|');
  const at = new Date(instant ?? '');
  if (rest.length > 0 || !id || !UUID.test(id) || !/^\d{4}-\d{2}-\d{2}T/.test(instant ?? '') || Number.isNaN(at.getTime())) throw invalidCursor();
  return { at, id };
}

export const instantIdCursor = (at: Date, id: string) => `${at.toISOString()}|${id}`;

/** Takes limit+1 rows: the extra one only tells whether a next page exists. */
export function pageOf<T>(rows: T[], limit: number, cursorOf: (row: T) => string): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(cursorOf(items[items.length - 1]!)) : null };
}
