// Sesame HR connector on the Sesame Public API (https://api-{region}.sesametime.com), a Bearer API
// token. A complete listing is two passes of GET /core/v3/employees (page/limit, meta.lastPage):
// status=active, then status=inactive, so deactivated people never vanish whatever the default
// filter is (each pass keeps only its own status, so nobody is listed twice). Hire and leaving dates
// live on contracts: each listed employee's contracts (GET /contract/v1/contracts/{id}, startDate /
// endDate) and, for active ones, the current contract (workday type) are read a few at a time.
// Sesame documents no change filter: every sync is complete. See NOTES.md.
import { HrSystemResponseError } from '../errors';
import type { HttpResponse } from '../http';
import { mapLimit, mapRecords, pageNumber, rawId, textOf, utcToday, type ApiRequest, type HrApi, type Pagination } from '../kit';
import type { AttributeOption, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { EMPLOYEE_ATTRIBUTES, mapSesameEmployee, toAttributeOption, type ContractDates, type Row } from './mapping';

export const EMPLOYEES_PATH = '/core/v3/employees';
export const CUSTOM_FIELDS_PATH = '/core/v3/custom-fields';
export const contractsPath = (employeeId: string) => `/contract/v1/contracts/${encodeURIComponent(employeeId)}`;
/** Records asked per page (Sesame publishes no maximum; meta.lastPage tells the pages either way). */
export const SESAME_PAGE_SIZE = 100;
/** Contract reads in flight at once while a page is read. */
export const CONTRACT_CONCURRENCY = 4;

type Pass = 'active' | 'inactive';
const PASSES: Pass[] = ['active', 'inactive'];

export function readCursor(cursor: string | null): { pass: Pass; page: number } {
  if (cursor === null) return { pass: 'active', page: 1 };
  const match = /^(active|inactive):([1-9]\d*)$/.exec(cursor);
  if (!match) throw new Error(`Not a Sesame HR listing cursor: "${cursor}"`);
  return { pass: match[1] as Pass, page: Number(match[2]) };
}

/** One Sesame list: page from 1, `limit`, records in `data`, the page count in meta.lastPage. */
export function sesameList(path: string, what: string, query: Record<string, string> = {}): Pagination {
  return pageNumber({
    path,
    query,
    pageSize: SESAME_PAGE_SIZE,
    sizeParam: 'limit',
    what,
    records: (body: { data?: unknown } | null) => body?.data,
    totalPages: (body: { meta?: { lastPage?: unknown } } | null) => (typeof body?.meta?.lastPage === 'number' ? body.meta.lastPage : undefined),
  });
}

export class SesameHrConnector implements HrConnector {
  constructor(
    private readonly api: HrApi,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** GET /core/v3/info: the token's company; then one employee (the token may read employees). */
  async checkCredentials(): Promise<void> {
    for (const request of [{ path: '/core/v3/info' }, { path: EMPLOYEES_PATH, query: { limit: 1, page: 1 } }]) this.expectOk(await this.api.send(request), request);
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    const { pass, page } = readCursor(cursor);
    const { records, nextCursor } = await this.page(sesameList(EMPLOYEES_PATH, `the ${pass} employee list`, { status: pass }), page === 1 ? null : String(page));
    // Each pass keeps its own status only: a person is listed once even if a filter is ignored.
    const own = records.filter((r) => ((r as Row | null)?.status === 'inactive' ? 'inactive' : 'active') === pass || rawId(r) === null);
    const following = PASSES[PASSES.indexOf(pass) + 1];
    const next = nextCursor !== null ? `${pass}:${nextCursor}` : following ? `${following}:1` : null;
    const dates = await mapLimit(own, CONTRACT_CONCURRENCY, (r) => (rawId(r) === null ? Promise.resolve(undefined) : this.contracts(rawId(r)!, pass === 'active')));
    const today = utcToday(this.now());
    const datesOf = new Map(own.map((r, i) => [r, dates[i]]));
    return { ...mapRecords(own, (r) => mapSesameEmployee(r, datesOf.get(r), today)), nextCursor: next };
  }

  /** Employee fields plus the company's custom fields (read afresh every time). */
  async listAttributes(): Promise<AttributeOption[]> {
    const custom: AttributeOption[] = [];
    const listing = sesameList(CUSTOM_FIELDS_PATH, 'the custom fields');
    let cursor: string | null = null;
    do {
      const page = await this.page(listing, cursor);
      custom.push(...page.records.map(toAttributeOption).filter((o): o is AttributeOption => o !== null));
      cursor = page.nextCursor;
    } while (cursor !== null);
    return [...EMPLOYEE_ATTRIBUTES, ...custom];
  }

  /** The companies employees belong to (`company` on each employee), both passes. */
  async listLegalEntities(): Promise<LegalEntityOption[]> {
    const entities = new Map<string, string>();
    for (const pass of PASSES) {
      const listing = sesameList(EMPLOYEES_PATH, `the ${pass} employee list`, { status: pass });
      let cursor: string | null = null;
      do {
        const page = await this.page(listing, cursor);
        for (const record of page.records) {
          const company = (record as Row | null)?.company as Row | undefined;
          const id = rawId(company);
          if (id) entities.set(id, textOf(company?.name) ?? id);
        }
        cursor = page.nextCursor;
      } while (cursor !== null);
    }
    return [...entities].map(([id, name]) => ({ id, name }));
  }

  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return ['FULL_TIME', 'PART_TIME'];
  }

  /** Every contract of one employee, and (active ones) the current contract; 404 is none. */
  private async contracts(employeeId: string, withCurrent: boolean): Promise<ContractDates> {
    const contracts: unknown[] = [];
    const listing = sesameList(contractsPath(employeeId), 'the contracts of an employee');
    let cursor: string | null = null;
    do {
      const request = listing.request(cursor, this.api);
      const res = await this.api.send(request);
      if (res.status === 404) break;
      const page = listing.read(this.expectOk(res, request), cursor, this.api);
      contracts.push(...page.records);
      cursor = page.nextCursor;
    } while (cursor !== null);
    let current: Row | null = null;
    if (withCurrent) {
      const request = { path: `${contractsPath(employeeId)}/current-contract` };
      const res = await this.api.send(request);
      if (res.status !== 404) {
        const data = (this.expectOk(res, request).body as { data?: unknown } | null)?.data;
        current = data && typeof data === 'object' && !Array.isArray(data) ? (data as Row) : null;
      }
    }
    return { contracts, current };
  }

  private async page(pagination: Pagination, cursor: string | null) {
    const request = pagination.request(cursor, this.api);
    return pagination.read(this.expectOk(await this.api.send(request), request), cursor, this.api);
  }

  /** 200, else 403 (the token may not read this) refused, anything else a failure with Sesame's reason; never an empty list. */
  private expectOk(res: HttpResponse, request: ApiRequest): HttpResponse {
    if (res.status === 200) return res;
    if (res.status === 403) throw this.api.refused(`refused access: ${this.api.errorMessage(res)} (the API token needs read access to employees and contracts)`);
    throw new HrSystemResponseError(`${this.api.hrSystemName} answered ${res.status} for ${request.path}: ${this.api.errorMessage(res)}`, this.api.hrSystemName, res.status);
  }
}
