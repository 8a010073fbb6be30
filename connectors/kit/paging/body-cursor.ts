// A cursor in the answer body, sent back as a query parameter: Factorial (meta.end_cursor +
// meta.has_next_page → after_id), Google (nextPageToken → pageToken), the Sandbox (next_cursor).
import { HrSystemResponseError } from '../../errors';
import { recordsOf, type ListingEndpoint, type Pagination } from './strategy';

export interface BodyCursorOptions extends ListingEndpoint {
  cursorParam: string;
  /**
   * The next cursor in the body, and whether the vendor says there is more (where it says so apart
   * from the cursor, like Factorial's has_next_page). Without `hasMore`, a non-empty cursor is more.
   */
  next(body: any): { cursor: unknown; hasMore?: boolean }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export function bodyCursor(options: BodyCursorOptions): Pagination {
  return {
    request: (cursor) => ({ ...options, query: { ...options.query, ...(cursor === null ? {} : { [options.cursorParam]: cursor }) } }),
    read(res, _cursor, api) {
      const records = recordsOf(options, res, api);
      const { cursor, hasMore } = options.next(res.body ?? {});
      const present = (typeof cursor === 'string' && cursor !== '') || typeof cursor === 'number';
      if (hasMore === true && !present) {
        throw new HrSystemResponseError(`${api.hrSystemName} announced another page of ${options.what ?? 'the listing'} without a cursor`, api.hrSystemName, res.status);
      }
      return { records, nextCursor: hasMore === false || !present ? null : String(cursor) };
    },
  };
}
