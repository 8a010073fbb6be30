// HeavenHR connector on the public REST API v2 (https://api.heavenhr.com/api/v2), with a bearer token
// from GET /oauth2/token (definition.ts). A complete listing reads GET /employees once per job status
// (jobStatus=ACTIVE, then INACTIVE, …: which statuses the list shows by default is not published, so
// each is asked for), page by page (page from 1, pageSize). HeavenHR answers 404 for a page with no
// employees: past the end that is the end, not an error; a 404 on the first active page is never read
// as "nobody works here". The list's totals are checked, so a lost page fails the listing instead of
// making people look removed. The summary lacks endOfContract: each person's record is read with
// GET /employees/{id} (a few at a time). No change filter is published by name: every sync is complete.
import { HrSystemResponseError } from '../errors';
import type { HttpResponse } from '../http';
import { mapLimit, mapRecords, textOf, utcToday, type HrApi } from '../kit';
import type { AttributeOption, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { customKeys, mapHeavenHrEmployee, STANDARD_ATTRIBUTES } from './mapping';

export const EMPLOYEES_PATH = '/employees';
export const HEAVENHR_PAGE_SIZE = 100;
/** Person records read at once (HeavenHR publishes no rate limit). */
export const DETAIL_CONCURRENCY = 4;

export interface HeavenHrSettings {
  jobStatuses: readonly string[];
  pageSize?: number;
}

interface ListAnswer {
  currentPage?: unknown;
  totalItems?: unknown;
  totalPages?: unknown;
  data?: unknown;
}

/** Where a listing stands: which job status (index), which page, how many were read before it. */
export interface HeavenHrCursor {
  status: number;
  page: number;
  read: number;
}

export function parseCursor(cursor: string | null): HeavenHrCursor {
  if (cursor === null) return { status: 0, page: 1, read: 0 };
  const match = /^(\d+):([1-9]\d*):(\d+)$/.exec(cursor);
  if (!match) throw new Error(`Not a HeavenHR listing cursor: "${cursor}"`);
  return { status: Number(match[1]), page: Number(match[2]), read: Number(match[3]) };
}

const count = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);

/**
 * Where the listing of one status goes on after a page: null at its end. The end is the last page by
 * totalPages, a short page, or a 404 past the end; each is checked against totalItems where sent.
 */
export function nextPage(at: HeavenHrCursor, received: number, pageSize: number, body: ListAnswer | null): number | null {
  const total = count(body?.totalItems);
  const pages = count(body?.totalPages);
  const read = at.read + received;
  let last: boolean;
  if (received === 0) last = true;
  else if (pages !== undefined) last = at.page >= pages;
  else if (total !== undefined) last = read >= total;
  else last = received < pageSize;
  if (last && total !== undefined && read !== total) throw new Error(`read ${read} employees where HeavenHR counts ${total}`);
  if (!last && total !== undefined && read >= total) throw new Error(`page ${at.page + 1} announced after all ${total} employees were read`);
  return last ? null : at.page + 1;
}

export class HeavenHrConnector implements HrConnector {
  constructor(
    private readonly api: HrApi,
    private readonly settings: HeavenHrSettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get pageSize(): number {
    return this.settings.pageSize ?? HEAVENHR_PAGE_SIZE;
  }

  /** A fresh token, then one page of the list: proves the client and its access to employees. */
  async checkCredentials(): Promise<void> {
    await this.api.authenticate();
    await this.listPage({ status: 0, page: 1, read: 0 }, 1);
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    const at = parseCursor(cursor);
    if (at.status >= this.settings.jobStatuses.length) throw new Error(`Not a HeavenHR listing cursor: "${cursor}"`);
    const { records, next } = await this.listPage(at, this.pageSize);
    const details = await mapLimit(records, DETAIL_CONCURRENCY, (summary) => this.detail(summary));
    const today = utcToday(this.now());
    const mapped = mapRecords(records.map((summary, i) => [summary, details[i]] as const), ([summary, detail]) => mapHeavenHrEmployee(summary, detail, today));
    let nextCursor: string | null;
    if (next !== null) nextCursor = `${at.status}:${next}:${at.read + records.length}`;
    else nextCursor = at.status + 1 < this.settings.jobStatuses.length ? `${at.status + 1}:1:0` : null;
    return { ...mapped, nextCursor };
  }

  /** The standard attributes plus the company's own keys seen on the first page's records. */
  async listAttributes(): Promise<AttributeOption[]> {
    const { records } = await this.listPage({ status: 0, page: 1, read: 0 }, this.pageSize);
    const custom = new Map<string, AttributeOption>();
    for (const detail of await mapLimit(records, DETAIL_CONCURRENCY, (summary) => this.detail(summary))) {
      const record = detail as Record<string, unknown> | null;
      if (!record) continue;
      for (const key of customKeys(record)) {
        const value = record[key];
        if (!custom.has(key) || (value !== null && custom.get(key)!.type === 'string')) custom.set(key, { key, label: key, type: typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string', custom: true });
      }
    }
    return [...STANDARD_ATTRIBUTES, ...custom.values()];
  }

  /** HeavenHR's published API has no legal entity (company) on the employee: none is offered. */
  async listLegalEntities(): Promise<LegalEntityOption[]> {
    return [];
  }

  /** HeavenHR's employee record says permanent or temporary, not full- or part-time. */
  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return [];
  }

  /** One page of the list of one job status; a 404 is the end only where it can be (see the file comment). */
  private async listPage(at: HeavenHrCursor, pageSize: number): Promise<{ records: unknown[]; next: number | null }> {
    const status = this.settings.jobStatuses[at.status];
    const what = `the ${status} employee list`;
    const res = await this.api.send({ path: EMPLOYEES_PATH, query: { page: at.page, pageSize, jobStatus: status } });
    if (res.status === 404) {
      if (at.page === 1 && at.status === 0) throw new HrSystemResponseError(`${this.api.hrSystemName} answered 404 for the first page of ${what}: ${this.api.errorMessage(res)}`, this.api.hrSystemName, 404);
      return { records: [], next: nextPageOrFail(this.api, what, () => nextPage(at, 0, pageSize, null), res) };
    }
    const body = res.body as ListAnswer | null;
    const records = body?.data;
    if (!Array.isArray(records)) throw this.api.unexpected(what, res.status);
    // An answer for another page would shift the listing.
    if (body?.currentPage !== undefined && count(body.currentPage) !== at.page) throw this.api.unexpected(`${what} (page ${String(body.currentPage)} instead of ${at.page})`, res.status);
    return { records, next: nextPageOrFail(this.api, what, () => nextPage(at, records.length, pageSize, body), res) };
  }

  /** The person's own record; null when HeavenHR no longer has it (404: reported as an unreadable record). */
  private async detail(summary: unknown): Promise<unknown> {
    const id = textOf((summary as { id?: unknown } | null)?.id);
    if (id === null) return null;
    const res = await this.api.send(`${EMPLOYEES_PATH}/${encodeURIComponent(id)}`);
    if (res.status === 404) return null;
    const body = res.body as { data?: unknown } | null;
    // The record itself, or wrapped in data as the list wraps its entries (not published which).
    return body && typeof body === 'object' && !Array.isArray(body) && body.data && typeof body.data === 'object' && !Array.isArray(body.data) && !('id' in body) ? body.data : body;
  }
}

function nextPageOrFail(api: HrApi, what: string, next: () => number | null, res: HttpResponse): number | null {
  try {
    return next();
  } catch (err) {
    throw new HrSystemResponseError(`${api.hrSystemName} answered ${what} with inconsistent paging: ${(err as Error).message}`, api.hrSystemName, res.status);
  }
}
