// Nmbrs connector on the REST API (…/api), OAuth2 bearer token plus X-Subscription-Key. Companies
// are the legal entities (GET /companies); a complete listing walks every company and, per company,
// one pass per employee type (payroll, newHire, formerPayroll, external, formerExternal: former staff
// are asked for explicitly) over GET /companies/{id}/employees/personalinfo, page by page
// (pageNumber/pageSize). Each page is joined with the company's employments (GET
// /companies/{id}/employees/employments, read whole once per company: the leaving date is the end of
// the latest employment) and, where Nmbrs answers it, the company's children records (the mappable
// number of children). The cursor names company, type and page. No change listing (NOTES.md).
import { HrSystemResponseError } from '../errors';
import { fetchAll, fetchPage, mapRecords, utcToday, type HrApi, type Pagination } from '../kit';
import type { AttributeOption, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { CHILDREN_ATTRIBUTE, EMPLOYEE_ATTRIBUTES, mapNmbrsEmployee, NMBRS_EMPLOYEE_TYPES, type NmbrsCompany, type NmbrsEmployeeType } from './mapping';

/** Rows per page asked for (the most the fake serves; Nmbrs' own maximum is not published). */
export const NMBRS_PAGE_SIZE = 100;

interface Envelope {
  data?: unknown;
  pagination?: { pageNumber?: unknown; pageSize?: unknown; totalPages?: unknown; totalRecords?: unknown; nextPage?: unknown } | null;
}

const integer = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);

/**
 * Page-number paging as Nmbrs answers it: { data, pagination }. The listing ends at the page
 * totalPages names; without it, when nextPage is null; without either, only at an empty page. An
 * answer for another page than asked is refused (it would skip or repeat people).
 */
export function nmbrsPages(path: string, what: string, query: Record<string, string> = {}, pageSize = NMBRS_PAGE_SIZE): Pagination {
  const pageOf = (cursor: string | null) => {
    if (cursor === null) return 1;
    if (!/^[1-9]\d*$/.test(cursor)) throw new Error(`Not a Nmbrs page cursor: "${cursor}"`);
    return Number(cursor);
  };
  return {
    request: (cursor) => ({ path, query: { ...query, pageNumber: pageOf(cursor), pageSize } }),
    read(res, cursor, api) {
      const body = res.body as Envelope | null;
      if (!Array.isArray(body?.data)) throw api.unexpected(what, res.status);
      const page = pageOf(cursor);
      const pagination = body.pagination ?? null;
      const echoed = integer(pagination?.pageNumber);
      if (echoed !== undefined && echoed !== page) throw api.unexpected(`${what} (page ${echoed} instead of ${page})`, res.status);
      const totalPages = integer(pagination?.totalPages);
      let last: boolean;
      if (totalPages !== undefined) last = page >= totalPages;
      else if (pagination && 'nextPage' in pagination) last = pagination.nextPage === null || pagination.nextPage === '';
      else last = body.data.length === 0;
      return { records: body.data, nextCursor: last ? null : String(page + 1) };
    },
  };
}

/** Where a complete listing is: company, employee type, page. */
export interface NmbrsCursor {
  companyId: string;
  type: NmbrsEmployeeType;
  page: number;
}

export const nmbrsCursor = (c: NmbrsCursor): string => `${c.companyId}|${c.type}|${c.page}`;

export function readNmbrsCursor(cursor: string): NmbrsCursor {
  const [companyId, type, page] = cursor.split('|');
  const known = NMBRS_EMPLOYEE_TYPES.find((t) => t === type);
  if (!companyId || !known || !/^[1-9]\d*$/.test(page ?? '')) throw new Error(`Not a Nmbrs listing cursor: "${cursor}"`);
  return { companyId, type: known, page: Number(page) };
}

export class NmbrsConnector implements HrConnector {
  private companiesRead: Promise<NmbrsCompany[]> | null = null;
  private readonly employmentsRead = new Map<string, Promise<Map<string, unknown[]>>>();
  private readonly childrenRead = new Map<string, Promise<Map<string, number> | null>>();

  /** `api` is based at …/api. */
  constructor(private readonly api: HrApi) {}

  /** A token, the companies, and one row each of personal info and employments: every scope the listing needs. */
  async checkCredentials(): Promise<void> {
    await this.api.authenticate();
    const [company] = await this.companies(true);
    const base = `/companies/${encodeURIComponent(company.id)}/employees`;
    await fetchPage(this.api, nmbrsPages(`${base}/personalinfo`, 'the personal info', { employeeType: 'payroll' }, 1), null);
    await fetchPage(this.api, nmbrsPages(`${base}/employments`, 'the employments', {}, 1), null);
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    const companies = await this.companies();
    const at = cursor === null ? { companyId: companies[0].id, type: NMBRS_EMPLOYEE_TYPES[0], page: 1 } : readNmbrsCursor(cursor);
    const index = companies.findIndex((c) => c.id === at.companyId);
    // A company gone mid-listing: going on would list its people as removed.
    if (index === -1) throw new HrSystemResponseError(`${this.api.hrSystemName} no longer lists the company ${at.companyId} this listing was reading`, this.api.hrSystemName, 200);
    const company = companies[index];
    const base = `/companies/${encodeURIComponent(company.id)}/employees`;
    const paging = nmbrsPages(`${base}/personalinfo`, `the personal info of ${company.name} (${at.type})`, { employeeType: at.type });
    const { records, nextCursor } = await fetchPage(this.api, paging, at.page === 1 ? null : String(at.page));
    const [employments, children] = await Promise.all([this.employmentsOf(company), this.childrenOf(company)]);
    const today = utcToday();
    const page = mapRecords(records, (record) => {
      const id = (record as { employeeId?: unknown } | null)?.employeeId;
      const key = typeof id === 'string' ? id : '';
      return mapNmbrsEmployee(record, { company, employeeType: at.type, employments: employments.get(key), childrenCount: children ? (children.get(key) ?? 0) : undefined, today });
    });
    return { ...page, nextCursor: this.next(companies, index, at.type, nextCursor) };
  }

  /** The next page of this pass, else the next employee type, else the next company, else the end. */
  private next(companies: NmbrsCompany[], index: number, type: NmbrsEmployeeType, nextPage: string | null): string | null {
    const companyId = companies[index].id;
    if (nextPage !== null) return nmbrsCursor({ companyId, type, page: Number(nextPage) });
    const following = NMBRS_EMPLOYEE_TYPES[NMBRS_EMPLOYEE_TYPES.indexOf(type) + 1];
    if (following) return nmbrsCursor({ companyId, type: following, page: 1 });
    const company = companies[index + 1];
    return company ? nmbrsCursor({ companyId: company.id, type: NMBRS_EMPLOYEE_TYPES[0], page: 1 }) : null;
  }

  /** The standard attributes, and the number of children where Nmbrs answers the children records. */
  async listAttributes(): Promise<AttributeOption[]> {
    const [company] = await this.companies(true);
    this.childrenRead.delete(company.id);
    return (await this.childrenOf(company)) ? [...EMPLOYEE_ATTRIBUTES, CHILDREN_ATTRIBUTE] : [...EMPLOYEE_ATTRIBUTES];
  }

  async listLegalEntities(): Promise<LegalEntityOption[]> {
    return (await this.companies(true)).map((c) => ({ id: c.id, name: c.name }));
  }

  /** Only externals are told apart (as contractors). */
  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return ['CONTRACTOR'];
  }

  /** Every company the consent reaches, read once per connector (fresh when asked); never none. */
  private companies(fresh = false): Promise<NmbrsCompany[]> {
    if (fresh) this.companiesRead = null;
    this.companiesRead ??= fetchAll(this.api, nmbrsPages('/companies', 'the companies'))
      .then((rows) => {
        const companies = rows.flatMap((row) => {
          const r = row as { companyId?: unknown; name?: unknown } | null;
          const id = typeof r?.companyId === 'string' && r.companyId !== '' ? r.companyId : null;
          return id ? [{ id, name: typeof r?.name === 'string' && r.name.trim() !== '' ? r.name.trim() : id }] : [];
        });
        if (companies.length === 0) throw new HrSystemResponseError(`${this.api.hrSystemName} lists no company for this consent`, this.api.hrSystemName, 200);
        return companies;
      })
      .catch((err: unknown) => {
        this.companiesRead = null;
        throw err;
      });
    return this.companiesRead;
  }

  /** employeeId → employments, for the whole company (read once per connector; a failure is not kept). */
  private employmentsOf(company: NmbrsCompany): Promise<Map<string, unknown[]>> {
    let read = this.employmentsRead.get(company.id);
    if (!read) {
      read = this.perEmployee(company, 'employments', (row) => (Array.isArray(row.employments) ? row.employments : undefined)).then((byEmployee) => {
        const out = new Map<string, unknown[]>();
        for (const [id, lists] of byEmployee) out.set(id, lists.flat());
        return out;
      });
      this.remember(this.employmentsRead, company.id, read);
    }
    return read;
  }

  /** employeeId → number of children; null where Nmbrs has no children records to offer (404). */
  private childrenOf(company: NmbrsCompany): Promise<Map<string, number> | null> {
    let read = this.childrenRead.get(company.id);
    if (!read) {
      read = this.perEmployee(company, 'children', (row) => (Array.isArray(row.children) ? row.children : undefined))
        .then((byEmployee) => new Map([...byEmployee].map(([id, lists]) => [id, lists.reduce((n, l) => n + l.length, 0)])))
        .catch((err: unknown) => {
          if (err instanceof HrSystemResponseError && err.httpStatus === 404) return null;
          throw err;
        });
      this.remember(this.childrenRead, company.id, read);
    }
    return read;
  }

  /** A per-company bulk list { employeeId, <list> } read to its last page; a row whose list is unreadable fails the read. */
  private async perEmployee(company: NmbrsCompany, resource: string, listOf: (row: Record<string, unknown>) => unknown[] | undefined): Promise<Map<string, unknown[][]>> {
    const what = `the ${resource} of ${company.name}`;
    const rows = await fetchAll(this.api, nmbrsPages(`/companies/${encodeURIComponent(company.id)}/employees/${resource}`, what));
    const byEmployee = new Map<string, unknown[][]>();
    for (const row of rows) {
      const r = row as Record<string, unknown> | null;
      const id = r && typeof r.employeeId === 'string' ? r.employeeId : null;
      if (!id) continue;
      const list = listOf(r!);
      if (!list) throw this.api.unexpected(`${what} (employee ${id})`);
      byEmployee.set(id, [...(byEmployee.get(id) ?? []), list]);
    }
    return byEmployee;
  }

  private remember<T>(cache: Map<string, Promise<T>>, key: string, read: Promise<T>): void {
    cache.set(key, read);
    read.catch(() => cache.delete(key));
  }
}
