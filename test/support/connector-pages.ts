// Reads a connector's listing to its last page, as the sync does (one page at a time), for the
// connector tests; `changedSince` reads the change listing instead. Stops after `maxPages` so a
// connector that never ends its listing fails the test instead of hanging it.
import type { EmployeePage, HrConnector } from '../../connectors/types';

export async function readAllPages(connector: HrConnector, changedSince?: Date, maxPages = 50): Promise<EmployeePage[]> {
  const pages: EmployeePage[] = [];
  let cursor: string | null = null;
  do {
    const page: EmployeePage = changedSince ? await connector.fetchChangedEmployeePage!(changedSince, cursor) : await connector.fetchEmployeePage(cursor);
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor !== null && pages.length < maxPages);
  return pages;
}
