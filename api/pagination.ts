// Keyset pagination: the cursor is the opaque id of the last item of the previous page.
import { badRequest } from './errors';

export function encodeCursor(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const value = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[0-9a-f-]{36}(\|[0-9TZ:.\-]+)?$/i.test(value) && !/^[0-9TZ:.\-]+\|[0-9a-f-]{36}$/i.test(value)) {
    throw badRequest('invalid_cursor', 'The cursor is not valid; use nextCursor from the previous page.');
  }
  return value;
}

/** Takes limit+1 rows: the extra one only tells whether a next page exists. */
export function pageOf<T>(rows: T[], limit: number, cursorOf: (row: T) => string): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(cursorOf(items[items.length - 1]!)) : null };
}
