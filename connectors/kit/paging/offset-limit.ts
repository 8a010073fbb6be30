// Offset/limit paging (Personio). The cursor is the next offset. Ending a listing too early reads as
// "everyone after this page left", so a short page only ends the listing when the total (if sent)
// agrees, and a full page only when total_elements (or, without it, total_pages) says it was the
// last; without either, the next (empty) page proves the end.
import { recordsOf, type ListingEndpoint, type Pagination } from './strategy';

export interface Totals {
  totalElements?: number;
  totalPages?: number;
  /** The limit the vendor echoed, if it did (it may serve fewer than asked). */
  echoedLimit?: number;
}

export interface OffsetLimitOptions extends ListingEndpoint {
  limit: number;
  /** The most the vendor serves per page whatever is asked. */
  maxLimit?: number;
  offsetParam?: string;
  limitParam?: string;
  totals?(body: any): Totals; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export function offsetFromCursor(cursor: string | null): number {
  if (cursor === null || cursor === '') return 0;
  if (!/^\d+$/.test(cursor)) throw new Error(`Not an offset listing cursor: "${cursor}"`);
  return Number(cursor);
}

export interface ServedPage extends Totals {
  offset: number;
  /** Records in the page, unreadable ones included: they occupy offsets too. */
  received: number;
  requestedLimit: number;
  maxLimit?: number;
}

/** Offset of the next page, or null when this page was the last one. */
export function nextOffset(page: ServedPage): number | null {
  if (page.received === 0) return null;
  const next = page.offset + page.received;
  const servedLimit = Math.min(page.requestedLimit, page.maxLimit ?? Infinity, positiveOr(page.echoedLimit, Infinity));
  if (page.received < servedLimit) return page.totalElements !== undefined && next < page.totalElements ? next : null;
  if (page.totalElements !== undefined) return next < page.totalElements ? next : null;
  if (page.totalPages !== undefined && Number.isInteger(page.totalPages)) return Math.floor(page.offset / servedLimit) + 1 < page.totalPages ? next : null;
  return next;
}

function positiveOr(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fallback;
}

export function offsetLimit(options: OffsetLimitOptions): Pagination {
  return {
    // The limit goes as asked (a vendor may serve fewer: maxLimit and the echoed limit say how many).
    request: (cursor) => ({
      ...options,
      query: { [options.limitParam ?? 'limit']: options.limit, [options.offsetParam ?? 'offset']: offsetFromCursor(cursor), ...options.query },
    }),
    read(res, cursor, api) {
      const records = recordsOf(options, res, api);
      const totals = options.totals?.(res.body) ?? {};
      const next = nextOffset({ offset: offsetFromCursor(cursor), received: records.length, requestedLimit: options.limit, maxLimit: options.maxLimit, ...totals });
      return { records, nextCursor: next === null ? null : String(next) };
    },
  };
}
