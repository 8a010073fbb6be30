// Offset paging of GET /v1/company/employees. The cursor handed to the sync is the next offset.
// Ending a listing too early reads as "everyone after this page left", so a short page only ends the
// listing when the total (if sent) agrees, and a full page only when the metadata's total_elements
// (or, without it, total_pages) says it was the last.
import { PERSONIO_MAX_PAGE_SIZE } from './api-types';

export function offsetFromCursor(cursor: string | null): number {
  if (cursor === null || cursor === '') return 0;
  if (!/^\d+$/.test(cursor)) throw new Error(`Not a Personio listing cursor: "${cursor}"`);
  return Number(cursor);
}

export interface ServedPage {
  offset: number;
  /** Records in the page, unreadable ones included: they occupy offsets too. */
  received: number;
  /** The limit we asked for. */
  requestedLimit: number;
  /** The limit Personio echoed, if any. */
  echoedLimit: number | undefined;
  /** metadata.total_elements, if sent. */
  totalElements: number | undefined;
  /** metadata.total_pages, if sent. */
  totalPages?: number | undefined;
}

/** Offset of the next page, or null when this page was the last one. */
export function nextOffset(page: ServedPage): number | null {
  if (page.received === 0) return null;
  const next = page.offset + page.received;
  const servedLimit = Math.min(page.requestedLimit, PERSONIO_MAX_PAGE_SIZE, positiveOr(page.echoedLimit, Infinity));
  if (page.received < servedLimit) return page.totalElements !== undefined && next < page.totalElements ? next : null;
  // A full page is the last one when the metadata says so; without metadata, the next (empty) page proves the end.
  if (page.totalElements !== undefined) return next < page.totalElements ? next : null;
  if (page.totalPages !== undefined && Number.isInteger(page.totalPages)) return Math.floor(page.offset / servedLimit) + 1 < page.totalPages ? next : null;
  return next;
}

function positiveOr(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fallback;
}
