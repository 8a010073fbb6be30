// Sage HR connector on the public REST API (https://{subdomain}.sage.hr/api), authenticated with the
// X-Auth-Token header. Sage HR lists active employees (GET /employees) and terminated ones (GET
// /terminated-employees, with termination_date) apart, so a complete listing walks every page of
// the first and then every page of the second: the cursor says which list and which page
// ("active:3", "terminated:1"), so leavers never vanish. Both are page-number listings (?page=N) in
// the envelope { data, meta: { current_page, next_page, previous_page, total_pages, per_page,
// total_entries } }. Custom fields exist only per employee (GET /employees/{id}/custom-fields): the
// listing reads them for each employee of a page (a few at a time), because the connector is not told
// which attributes the admin mapped (NOTES.md). Sage HR has no change filter: every sync is complete.
import { HrSystemResponseError } from '../errors';
import type { HttpResponse } from '../http';
import { fetchPage, mapRecords, pageNumber, rawId, utcToday, type HrApi, type Pagination, mapLimit } from '../kit';
import type { AttributeOption, AttributeValue, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { customValuesOf, EMPLOYEE_ATTRIBUTES, mapSageHrEmployee, toAttributeOption, type SageHrCustomField, type SageHrList } from './mapping';

/** Sage HR's page size in its examples (per_page 50); the connector sends none and reads meta. */
export const SAGE_HR_PAGE_SIZE = 50;
/** Custom-field requests in flight at once while a page is read. */
export const CUSTOM_FIELD_CONCURRENCY = 4;

const LISTS: Record<SageHrList, { path: string; what: string }> = {
  active: { path: '/employees', what: 'the employee list' },
  terminated: { path: '/terminated-employees', what: 'the terminated employee list' },
};

interface Meta {
  current_page?: unknown;
  next_page?: unknown;
  total_pages?: unknown;
}

/** A page number or count in meta: an integer, or its digits as text (unverified which Sage HR sends; the example shows integers). */
const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;

/** A status the connector passes through (404) that no listing can be read from. */
function listingFailed(api: HrApi, res: HttpResponse, what: string): HrSystemResponseError {
  const hint = res.status === 404 ? ' (check the Sage HR subdomain)' : '';
  return new HrSystemResponseError(`${api.hrSystemName} answered ${res.status} for ${what}${hint}: ${api.errorMessage(res)}`, api.hrSystemName, res.status);
}

/**
 * One Sage HR list: ?page=N from 1, records in `data`. The listing goes on while meta.next_page names
 * the next page; it ends on next_page null (refused if total_pages says there is more) or on an empty
 * page. An answer for another page than asked, or announcing a page other than the next, is refused
 * (it would skip or repeat people). Without meta, only an empty page ends it (one extra request).
 */
export function sageHrListing(list: SageHrList): Pagination {
  const { path, what } = LISTS[list];
  const paging = pageNumber({
    path,
    pageSize: SAGE_HR_PAGE_SIZE,
    // The list endpoints take only `page` (no page size parameter is described for them).
    query: { per_page: undefined },
    what,
    records: (body: { data?: unknown } | null) => body?.data,
  });
  return {
    request: paging.request,
    read(res, cursor, api) {
      if (res.status !== 200) throw listingFailed(api, res, what);
      const { records } = paging.read(res, cursor, api);
      const page = cursor === null ? 1 : Number(cursor);
      if (records.length === 0) return { records, nextCursor: null };
      const meta = (res.body as { meta?: Meta | null }).meta;
      if (meta === undefined || meta === null || typeof meta !== 'object') return { records, nextCursor: String(page + 1) };
      const current = count(meta.current_page);
      if (meta.current_page !== undefined && current !== page) throw api.unexpected(what, res.status);
      const totalPages = count(meta.total_pages);
      if (meta.next_page === null) {
        if (totalPages !== undefined && page < totalPages) throw api.unexpected(what, res.status);
        return { records, nextCursor: null };
      }
      if (meta.next_page !== undefined) {
        if (count(meta.next_page) !== page + 1) throw api.unexpected(what, res.status);
        return { records, nextCursor: String(page + 1) };
      }
      return { records, nextCursor: totalPages !== undefined && page >= totalPages ? null : String(page + 1) };
    },
  };
}

/** Where a listing stands: which list, which page. */
export function parseCursor(cursor: string | null): { list: SageHrList; page: number } {
  if (cursor === null) return { list: 'active', page: 1 };
  const match = /^(active|terminated):([1-9]\d*)$/.exec(cursor);
  if (!match) throw new Error(`Not a Sage HR listing cursor: "${cursor}"`);
  return { list: match[1] as SageHrList, page: Number(match[2]) };
}

export class SageHrConnector implements HrConnector {
  private readonly listings: Record<SageHrList, Pagination> = { active: sageHrListing('active'), terminated: sageHrListing('terminated') };

  /** `api` is based at …/api. */
  constructor(private readonly api: HrApi) {}

  async checkCredentials(): Promise<void> {
    const res = await this.api.send({ path: '/employees', query: { page: 1 } });
    if (res.status !== 200) throw listingFailed(this.api, res, LISTS.active.what);
  }

  /** The active list's pages, then the terminated list's pages; null after the last of those. */
  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    const { list, page } = parseCursor(cursor);
    const { records, nextCursor } = await fetchPage(this.api, this.listings[list], String(page));
    const next = nextCursor !== null ? `${list}:${nextCursor}` : list === 'active' ? 'terminated:1' : null;
    const values = await mapLimit(records, CUSTOM_FIELD_CONCURRENCY, (record) => {
      const id = rawId(record);
      return id === null ? Promise.resolve(new Map<string, AttributeValue>()) : this.customValues(id);
    });
    const today = utcToday();
    const byRecord = new Map(records.map((record, i) => [record, values[i]]));
    return { ...mapRecords(records, (record) => mapSageHrEmployee(record, list, byRecord.get(record)!, today)), nextCursor: next };
  }

  /**
   * Standard fields plus the custom fields of the first employee listed (Sage HR describes custom
   * fields per employee only; every employee is assumed to carry the company's fields).
   */
  async listAttributes(): Promise<AttributeOption[]> {
    for (const list of ['active', 'terminated'] as const) {
      const { records } = await fetchPage(this.api, this.listings[list], '1');
      const id = records.map((r) => rawId(r)).find((r): r is string => r !== null);
      if (id === undefined) continue;
      const fields = await this.customFields(id);
      const custom = (fields as SageHrCustomField[]).map(toAttributeOption).filter((o): o is AttributeOption => o !== null);
      return [...EMPLOYEE_ATTRIBUTES, ...custom];
    }
    return [...EMPLOYEE_ATTRIBUTES];
  }

  /** Sage HR has no legal entity per employee (one Sage HR company per account). */
  async listLegalEntities(): Promise<LegalEntityOption[]> {
    return [];
  }

  /** employment_status labels as the connector reads them (the company's own list is not read). */
  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return ['FULL_TIME', 'PART_TIME', 'CONTRACTOR', 'INTERN', 'OTHER'];
  }

  private async customValues(employeeId: string): Promise<Map<string, AttributeValue>> {
    return customValuesOf(await this.customFields(employeeId));
  }

  /** GET /employees/{id}/custom-fields; a 404 (no such employee, e.g. removed meanwhile) is none. */
  private async customFields(employeeId: string): Promise<unknown[]> {
    const what = 'the custom fields of an employee';
    const res = await this.api.send({ path: `/employees/${encodeURIComponent(employeeId)}/custom-fields` });
    if (res.status === 404) return [];
    if (res.status !== 200) throw listingFailed(this.api, res, what);
    const data = (res.body as { data?: unknown } | null)?.data;
    if (data === null) return [];
    if (!Array.isArray(data)) throw this.api.unexpected(what, res.status);
    return data;
  }
}
