// AlexisHR connector on the public REST API (https://api.alexishr.com/v1), authenticated with a bearer
// access token. Employees are read with offset paging (limit/offset) from GET /employee in the
// envelope { status: "ok", data, total, count, offset, relations }. Whether the list leaves out
// inactive employees by default is not described, so a complete listing asks for both explicitly:
// every page of filters[active][$eq]=true, then every page of filters[active][$eq]=false (the cursor
// says which and where: "active:200", "inactive:0"), sorted by id so offset pages stay stable.
// Lookups read once per connector (one sync), each paged to its end: /company (legal entities),
// /employment-type (names), /child (counted per employee: the number of children). The change
// listing is the same two listings with filters[updated][$gt]=<since> (AlexisHR's changelog: updated
// filterable on Get Many Employees since 2023-12-20). See NOTES.md for what is verified.
import { fetchAll, fetchPage, mapRecords, offsetFromCursor, offsetLimit, textOf, utcToday, type HrApi, type Pagination, type Query } from '../kit';
import type { AttributeOption, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { customAttribute, customEntries, EMPLOYEE_ATTRIBUTES, mapAlexisHrEmployee, type AlexisHrLookups } from './mapping';

/** Page size asked for (AlexisHR publishes no maximum; its examples show 50 a page). */
export const ALEXISHR_PAGE_SIZE = 100;

export type AlexisHrList = 'active' | 'inactive';
const LISTS: readonly AlexisHrList[] = ['active', 'inactive'];

interface Envelope {
  status?: unknown;
  data?: unknown;
  total?: unknown;
  count?: unknown;
  offset?: unknown;
}

const count = (value: unknown): number | undefined => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined);

/**
 * One AlexisHR list endpoint: limit/offset, records in `data`, ended by `total`. An answer whose
 * status is not "ok", whose `offset` is not the one asked for, or whose `count` disagrees with its
 * data is refused: reading it would shift or cut the listing.
 */
export function alexisHrListing(path: string, what: string, query: Query = {}): Pagination {
  const paging = offsetLimit({
    path,
    limit: ALEXISHR_PAGE_SIZE,
    query: { 'sort[id]': 'asc', ...query },
    what,
    records: (body: Envelope | null) => body?.data,
    totals: (body: Envelope | null) => ({ totalElements: count(body?.total) }),
  });
  return {
    request: paging.request,
    read(res, cursor, api) {
      const body = res.body as Envelope | null;
      if (body && typeof body === 'object' && body.status !== undefined && body.status !== 'ok') throw api.unexpected(what, res.status);
      if (body?.offset !== undefined && count(body.offset) !== offsetFromCursor(cursor)) throw api.unexpected(what, res.status);
      const page = paging.read(res, cursor, api);
      if (body?.count !== undefined && count(body.count) !== page.records.length) throw api.unexpected(what, res.status);
      return page;
    },
  };
}

/** The employee listing of one list (active or inactive), optionally only those updated after `since`. */
export function employeeListing(list: AlexisHrList, since?: Date): Pagination {
  const query: Query = { 'filters[active][$eq]': list === 'active' ? 'true' : 'false' };
  if (since) query['filters[updated][$gt]'] = since.toISOString();
  return alexisHrListing('/employee', since ? `the changed ${list} employees` : `the ${list} employee list`, query);
}

/** Where a listing stands: which list, which offset. */
export function parseCursor(cursor: string | null): { list: AlexisHrList; offset: string } {
  if (cursor === null) return { list: 'active', offset: '0' };
  const match = /^(active|inactive):(\d+)$/.exec(cursor);
  if (!match) throw new Error(`Not an AlexisHR listing cursor: "${cursor}"`);
  return { list: match[1] as AlexisHrList, offset: match[2] };
}

export class AlexisHrConnector implements HrConnector {
  private lookups: Promise<AlexisHrLookups> | null = null;
  private companies: Promise<LegalEntityOption[]> | null = null;

  /** `api` is based at …/v1. */
  constructor(private readonly api: HrApi) {}

  async checkCredentials(): Promise<void> {
    await this.api.json({ path: '/employee', query: { limit: 1, offset: 0 } });
  }

  /** The active list's pages, then the inactive list's pages; null after the last of those. */
  fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    return this.page(cursor);
  }

  /** Employees updated after `since`, over both lists, every page. */
  fetchChangedEmployeePage(since: Date, cursor: string | null): Promise<EmployeePage> {
    return this.page(cursor, since);
  }

  /** Standard fields plus every key found in the employees' custom objects (both lists read). */
  async listAttributes(): Promise<AttributeOption[]> {
    const custom = new Map<string, AttributeOption>();
    for (const list of LISTS) {
      for (const employee of await fetchAll(this.api, employeeListing(list))) {
        for (const [key, value] of customEntries(employee)) {
          if (!custom.has(key) || (value !== null && value !== undefined && custom.get(key)!.type === 'string')) custom.set(key, customAttribute(key, value));
        }
      }
    }
    return [...EMPLOYEE_ATTRIBUTES, ...custom.values()];
  }

  /** AlexisHR's companies (GET /company): the legal entities employees belong to (companyId). */
  listLegalEntities(): Promise<LegalEntityOption[]> {
    this.companies ??= this.cached(async () => {
      const all = await fetchAll(this.api, alexisHrListing('/company', 'the companies'));
      return all.flatMap((c) => {
        const id = textOf((c as { id?: unknown } | null)?.id);
        return id ? [{ id, name: textOf((c as { name?: unknown }).name) ?? textOf((c as { legalName?: unknown }).legalName) ?? id }] : [];
      });
    }, () => (this.companies = null));
    return this.companies;
  }

  /** Employment type names as the connector reads them (the account's own names are labels). */
  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return ['FULL_TIME', 'PART_TIME', 'CONTRACTOR', 'INTERN', 'OTHER'];
  }

  private async page(cursor: string | null, since?: Date): Promise<EmployeePage> {
    const { list, offset } = parseCursor(cursor);
    const { records, nextCursor } = await fetchPage(this.api, employeeListing(list, since), offset);
    const next = nextCursor !== null ? `${list}:${nextCursor}` : list === 'active' ? 'inactive:0' : null;
    const lookups = records.length ? await this.lookupTables() : { companies: new Map(), employmentTypes: new Map(), children: new Map() };
    const today = utcToday();
    return { ...mapRecords(records, (record) => mapAlexisHrEmployee(record, lookups, today)), nextCursor: next };
  }

  /** Companies, employment types and children, each listing read to its end once per connector. */
  private lookupTables(): Promise<AlexisHrLookups> {
    this.lookups ??= this.cached(async () => {
      const companies = new Map((await this.listLegalEntities()).map((c) => [c.id, c]));
      const employmentTypes = new Map<string, string>();
      for (const t of await fetchAll(this.api, alexisHrListing('/employment-type', 'the employment types'))) {
        const id = textOf((t as { id?: unknown } | null)?.id);
        const name = textOf((t as { name?: unknown } | null)?.name);
        if (id && name) employmentTypes.set(id, name);
      }
      const children = new Map<string, number>();
      for (const c of await fetchAll(this.api, alexisHrListing('/child', 'the children'))) {
        const employeeId = textOf((c as { employeeId?: unknown } | null)?.employeeId);
        if (employeeId) children.set(employeeId, (children.get(employeeId) ?? 0) + 1);
      }
      return { companies, employmentTypes, children };
    }, () => (this.lookups = null));
    return this.lookups;
  }

  /** A read shared by the connector's callers; a failure is not kept (the next call reads again). */
  private cached<T>(read: () => Promise<T>, forget: () => void): Promise<T> {
    return read().catch((err: unknown) => {
      forget();
      throw err;
    });
  }
}
