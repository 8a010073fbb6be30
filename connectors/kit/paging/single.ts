// One answer holds every record (BambooHR's custom report, HiBob's people search): no next page.
import { recordsOf, type ListingEndpoint, type Pagination } from './strategy';

export function singlePage(options: ListingEndpoint): Pagination {
  return {
    request(cursor) {
      if (cursor !== null) throw new Error(`${options.what ?? 'This listing'} comes in one page; there is no next page to fetch`);
      return options;
    },
    read: (res, _cursor, api) => ({ records: recordsOf(options, res, api), nextCursor: null }),
  };
}
