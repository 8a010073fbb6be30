// Breathe HR connector on API v1 (https://api.breathehr.com/v1) with the account's API key in the
// X-API-KEY header. Employees come from GET /v1/employees in pages (page, per_page ≤ 100), Breathe
// saying where the listing goes on in a Link header (first/prev/next/last) and how many there are in
// a Total header. Every request is built here with page and per_page=100 (the Link header is read only
// to know whether there is more), so a link to another host is never followed. Breathe allows 60
// requests a minute per customer (429 JSON); it publishes no changed-since filter: every sync is
// complete. See NOTES.md.
import type { HttpResponse } from '../http';
import { fetchPage, mapRecords, nextFromLinkHeader, utcToday, type HrApi, type Pagination } from '../kit';
import type { AttributeOption, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { customFieldKey, customFieldsOf, mapBreatheEmployee, STANDARD_ATTRIBUTES } from './mapping';

export const EMPLOYEES_PATH = '/employees';
/** "per_page … max 100" (Breathe's pagination page). */
export const BREATHE_MAX_PER_PAGE = 100;

export function pageOf(cursor: string | null): number {
  if (cursor === null) return 1;
  if (!/^[1-9]\d*$/.test(cursor)) throw new Error(`Not a Breathe HR listing cursor: "${cursor}"`);
  return Number(cursor);
}

/**
 * Whether another page follows `page`: a rel="next" link, or the Total header beyond this page, or
 * (without either) a full page. An empty page always ends the listing. Either signal of more is
 * believed: ending early would read as everyone after this page having left.
 */
export function hasMore(page: number, received: number, perPage: number, link: string | null, total: string | null): boolean {
  if (received === 0) return false;
  if (nextFromLinkHeader(link) !== null) return true;
  const count = total !== null && /^\d+$/.test(total.trim()) ? Number(total) : undefined;
  return count !== undefined ? page * perPage < count : received >= perPage;
}

export const employeePages = (perPage = BREATHE_MAX_PER_PAGE): Pagination => ({
  request: (cursor) => ({ path: EMPLOYEES_PATH, query: { page: pageOf(cursor), per_page: perPage } }),
  read(res: HttpResponse, cursor, api) {
    const records = (res.body as { employees?: unknown } | null)?.employees;
    if (!Array.isArray(records)) throw api.unexpected('the employee list', res.status);
    const page = pageOf(cursor);
    return { records, nextCursor: hasMore(page, records.length, perPage, res.headers.get('link'), res.headers.get('total')) ? String(page + 1) : null };
  },
});

export class BreatheHrConnector implements HrConnector {
  constructor(
    private readonly api: HrApi,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** One page of employees: proves the key and its access to the employee list. */
  async checkCredentials(): Promise<void> {
    await this.api.send({ path: EMPLOYEES_PATH, query: { page: 1, per_page: 1 } });
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    const { records, nextCursor } = await fetchPage(this.api, employeePages(), cursor);
    const today = utcToday(this.now());
    return { ...mapRecords(records, (r) => mapBreatheEmployee(r, today)), nextCursor };
  }

  /** The standard fields plus the custom fields seen on the first page (Breathe publishes no list of them). */
  async listAttributes(): Promise<AttributeOption[]> {
    const { records } = await fetchPage(this.api, employeePages(), null);
    const custom = new Map<string, AttributeOption['type']>();
    for (const record of records) {
      if (!record || typeof record !== 'object' || Array.isArray(record)) continue;
      for (const [name, value] of customFieldsOf(record as Record<string, unknown>)) {
        if (value !== null) custom.set(name, typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string');
        else if (!custom.has(name)) custom.set(name, 'string');
      }
    }
    return [...STANDARD_ATTRIBUTES, ...[...custom].map(([name, type]): AttributeOption => ({ key: customFieldKey(name), label: name, type, custom: true }))];
  }

  /** Breathe has no legal entity (divisions and locations are offered as filters instead). */
  async listLegalEntities(): Promise<LegalEntityOption[]> {
    return [];
  }

  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return ['FULL_TIME', 'PART_TIME'];
  }
}
