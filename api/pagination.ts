// Keyset pagination: the cursor is the opaque key of the last item of the previous page, either its
// id (lists ordered by id) or its instant and id (lists ordered newest first), in base64url of the
// bytes: 16 (the UUID) or 6 + 16 (milliseconds since 1970, big-endian, then the UUID). Each kind has
// an exact pattern (stated in the OpenAPI document, checked by the list's query schema): every string
// that matches decodes to a key, and a cursor of the other kind never matches.
import { badRequest } from './errors';

/** 16 bytes: 21 characters of 6 bits, then one holding the last 2 bits (4 zero bits of padding). */
export const ID_CURSOR_PATTERN = /^[A-Za-z0-9_-]{21}[AQgw]$/;
/** 22 bytes: 29 characters of 6 bits, then one holding the last 2 bits. */
export const INSTANT_ID_CURSOR_PATTERN = /^[A-Za-z0-9_-]{29}[AQgw]$/;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_MS = 2 ** 48 - 1; // year 10889: every 6-byte value is a valid Date
// Beyond the year 9999 the database takes no instant; every row is older, so the key is the same.
const LAST_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const invalidCursor = () => badRequest('invalid_cursor', 'The cursor is not valid for this list; use nextCursor from its previous page.');

const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
const uuidOf = (bytes: Buffer) => {
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

/** The cursor of a key: an id, or instantIdCursor(at, id). */
export function encodeCursor(key: string): string {
  if (UUID.test(key)) return uuidBytes(key).toString('base64url');
  const [instant, id, ...rest] = key.split('|');
  const ms = new Date(instant ?? '').getTime();
  if (rest.length > 0 || !id || !UUID.test(id) || !(ms >= 0 && ms <= MAX_MS)) throw new Error(`not a cursor key: ${key}`);
  const bytes = Buffer.alloc(22);
  bytes.writeUIntBE(ms, 0, 6);
  uuidBytes(id).copy(bytes, 6);
  return bytes.toString('base64url');
}

/** The id after which a list ordered by id continues. */
export function decodeIdCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  if (!ID_CURSOR_PATTERN.test(cursor)) throw invalidCursor();
  return uuidOf(Buffer.from(cursor, 'base64url'));
}

/** The (instant, id) after which a newest-first list continues. */
export function decodeInstantIdCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  if (cursor === undefined) return undefined;
  if (!INSTANT_ID_CURSOR_PATTERN.test(cursor)) throw invalidCursor();
  const bytes = Buffer.from(cursor, 'base64url');
  return { at: new Date(Math.min(bytes.readUIntBE(0, 6), LAST_MS)), id: uuidOf(bytes.subarray(6)) };
}

export const instantIdCursor = (at: Date, id: string) => `${at.toISOString()}|${id}`;

/** Takes limit+1 rows: the extra one only tells whether a next page exists. */
export function pageOf<T>(rows: T[], limit: number, cursorOf: (row: T) => string): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(cursorOf(items[items.length - 1]!)) : null };
}
