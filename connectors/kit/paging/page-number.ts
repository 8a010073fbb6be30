// Page-number paging (?page=1&per_page=100). The cursor is the next page number. A page ends the
// listing when it is empty, when total pages say so, or (without totals) when it is short.
import { recordsOf, type ListingEndpoint, type Pagination } from './strategy';

export interface PageNumberOptions extends ListingEndpoint {
  pageSize: number;
  pageParam?: string;
  sizeParam?: string;
  /** 1 for most vendors, 0 for some. */
  firstPage?: number;
  totalPages?(body: any): number | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export function pageNumber(options: PageNumberOptions): Pagination {
  const first = options.firstPage ?? 1;
  const pageOf = (cursor: string | null) => {
    if (cursor === null) return first;
    if (!/^\d+$/.test(cursor)) throw new Error(`Not a page-number listing cursor: "${cursor}"`);
    return Number(cursor);
  };
  return {
    request: (cursor) => ({ ...options, query: { [options.pageParam ?? 'page']: pageOf(cursor), [options.sizeParam ?? 'per_page']: options.pageSize, ...options.query } }),
    read(res, cursor, api) {
      const records = recordsOf(options, res, api);
      const page = pageOf(cursor);
      const totalPages = options.totalPages?.(res.body);
      let last: boolean;
      if (records.length === 0) last = true;
      else if (typeof totalPages === 'number' && Number.isInteger(totalPages)) last = page - first + 1 >= totalPages;
      else last = records.length < options.pageSize;
      return { records, nextCursor: last ? null : String(page + 1) };
    },
  };
}
