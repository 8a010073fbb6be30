// Paging pieces vendor fakes share: opaque position tokens and offset slices.

/** An opaque token for a position in a listing (vendors' skip tokens, page tokens, cursors). */
export function positionToken(scope: string, position: number): string {
  return Buffer.from(`${scope}:${position}`).toString('base64url');
}

/** The position in a token made by positionToken; 0 for none; null for a token this fake never made. */
export function readPositionToken(scope: string, token: string | null | undefined): number | null {
  if (token === null || token === undefined || token === '') return 0;
  const match = new RegExp(`^${scope}:(\\d+)$`).exec(Buffer.from(token, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : null;
}

/** A non-negative integer query parameter; `fallback` when absent; null when unreadable. */
export function intParam(raw: string | null, fallback: number): number | null {
  if (raw === null || raw === '') return fallback;
  return /^\d+$/.test(raw) ? Number(raw) : null;
}

/** One page of an offset-paged listing. */
export function offsetPage<T>(items: readonly T[], offset: number, limit: number): { items: T[]; hasMore: boolean; next: number } {
  const slice = items.slice(offset, offset + limit);
  return { items: slice, hasMore: offset + slice.length < items.length, next: offset + slice.length };
}

/** An integer query parameter (read as Number reads it) within [min, max]; `fallback` when absent; null otherwise. */
export function numberParam(query: URLSearchParams, name: string, fallback: number, min: number, max = Infinity): number | null {
  const value = query.has(name) ? Number(query.get(name)) : fallback;
  return Number.isInteger(value) && value >= min && value <= max ? value : null;
}

/** One page from a position token (see positionToken); null for a token this fake never made. */
export function tokenPage<T>(scope: string, token: string | null, items: readonly T[], size: number): { items: T[]; at: number; next: string | null } | null {
  const at = readPositionToken(scope, token);
  if (at === null) return null;
  const page = offsetPage(items, at, size);
  return { items: page.items, at, next: page.hasMore ? positionToken(scope, page.next) : null };
}

/** An opaque token holding a JSON value (base64url), and the value back (undefined when unreadable). */
export const jsonToken = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
export function readJsonToken(token: string): unknown {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** One page after the item a cursor names (none: from the start), with its first and last item's cursors; null for a cursor this fake never made. */
export function afterPage<T>(scope: string, after: string | null, items: readonly T[], limit: number) {
  const position = after === null ? -1 : readPositionToken(scope, after);
  if (position === null) return null;
  const start = position + 1;
  const { items: page, hasMore } = offsetPage(items, start, limit);
  const cursor = (i: number) => (page.length ? positionToken(scope, i) : null);
  return { items: page, start, hasMore, first: cursor(start), last: cursor(start + page.length - 1) };
}
