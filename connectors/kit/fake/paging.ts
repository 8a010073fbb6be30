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
