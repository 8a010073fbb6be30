// A connector's fetchEmployeePage in one call: one page by the strategy, each record mapped on its own.
import type { EmployeePage } from '../types';
import type { HrApi } from './api';
import { mapRecords, type MappedRecord } from './mapping/result';
import { fetchPage, type Pagination } from './paging/strategy';

export async function fetchEmployeePage(api: HrApi, pagination: Pagination, cursor: string | null, map: (record: unknown) => MappedRecord): Promise<EmployeePage> {
  const { records, nextCursor } = await fetchPage(api, pagination, cursor);
  return { ...mapRecords(records, map), nextCursor };
}

/** Today's date in UTC (YYYY-MM-DD): what "has the leaving date passed" is decided against. */
export function utcToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
