// Pagination as data: a strategy turns a cursor into a request and an answer into the page's
// records and the next cursor (null after the last page). The page loop exists here once.
import { HrSystemResponseError } from '../../errors';
import type { HttpResponse } from '../../http';
import type { ApiRequest, HrApi, Query } from '../api';

export interface Page {
  /** The page's records as the vendor sent them (unreadable ones too: each is mapped on its own). */
  records: unknown[];
  /** Cursor of the next page; null when this one was the last. */
  nextCursor: string | null;
}

export interface Pagination {
  /** The request for the page at `cursor` (null = the first page); throws for a cursor it cannot trust. */
  request(cursor: string | null, api: HrApi): ApiRequest;
  /** The records of an answer and where the listing goes on; throws on an answer it cannot read. */
  read(res: HttpResponse, cursor: string | null, api: HrApi): Page;
}

/** What every strategy is told about the listing endpoint. */
export interface ListingEndpoint {
  path: string;
  query?: Query;
  method?: 'GET' | 'POST';
  json?: unknown;
  /** The record array of an answer body; anything but an array fails the page (never read as empty). */
  records(body: any): unknown; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** For messages: "the employee list". */
  what?: string;
}

export function recordsOf(endpoint: ListingEndpoint, res: HttpResponse, api: HrApi): unknown[] {
  const records = endpoint.records(res.body);
  if (!Array.isArray(records)) throw api.unexpected(endpoint.what ?? 'the listing', res.status);
  return records;
}

/** One page of a listing. */
export async function fetchPage(api: HrApi, pagination: Pagination, cursor: string | null): Promise<Page> {
  const res = await api.send(pagination.request(cursor, api));
  return pagination.read(res, cursor, api);
}

/** Every page of a listing, in order, refusing a cursor the vendor already sent (an endless loop). */
export async function* pages(api: HrApi, pagination: Pagination, options: { maxPages?: number } = {}): AsyncGenerator<Page> {
  const seen = new Set<string>();
  let cursor: string | null = null;
  for (let n = 0; n < (options.maxPages ?? Infinity); n++) {
    const page = await fetchPage(api, pagination, cursor);
    yield page;
    if (page.nextCursor === null) return;
    if (seen.has(page.nextCursor)) throw new HrSystemResponseError(`${api.hrSystemName} repeated a page cursor`, api.hrSystemName, 200);
    seen.add(page.nextCursor);
    cursor = page.nextCursor;
  }
}

/** Every record of a listing (attribute lists, legal entities, small helper listings). */
export async function fetchAll(api: HrApi, pagination: Pagination, options: { maxPages?: number } = {}): Promise<unknown[]> {
  const all: unknown[] = [];
  for await (const page of pages(api, pagination, options)) all.push(...page.records);
  return all;
}
