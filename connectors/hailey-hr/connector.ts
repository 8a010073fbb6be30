// Hailey HR connector (https://api.haileyhr.app, or api.demo.haileyhr.app for the demo environment),
// authenticated with a personal access token as a bearer token. Hailey HR's API description is not
// public (NOTES.md): employees are read from GET /Company/Employee with limit/offset, companies
// (the legal entities) from GET /Company, changes with updated_gte. Because the answer's envelope and
// page cap are not published, a short page never ends the listing: only an empty page does (one extra
// request), so a server serving fewer than asked cannot cut the listing short.
import { fetchAll, fetchPage, mapRecords, offsetFromCursor, utcToday, type HrApi, type Pagination, type Query } from '../kit';
import type { AttributeOption, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { customAttribute, customEntries, EMPLOYEE_ATTRIBUTES, mapHaileyHrEmployee } from './mapping';

/** Employees asked for per page; Hailey HR's cap is not published (a smaller page is read on). */
export const HAILEY_HR_PAGE_SIZE = 100;
export const EMPLOYEE_PATH = '/Company/Employee';
export const COMPANY_PATH = '/Company';

/** The records of an answer: a bare array, or the array under `data` (which one Hailey HR sends is unverified). */
export function recordsOf(body: unknown): unknown {
  return Array.isArray(body) ? body : (body as { data?: unknown } | null)?.data;
}

/** limit/offset over a listing; the next offset counts every record (unreadable ones too); an empty page ends it. */
export function haileyHrListing(path: string, what: string, query: Query = {}): Pagination {
  return {
    request: (cursor) => ({ path, query: { ...query, limit: HAILEY_HR_PAGE_SIZE, offset: offsetFromCursor(cursor) } }),
    read(res, cursor, api) {
      const records = recordsOf(res.body);
      if (!Array.isArray(records)) throw api.unexpected(what, res.status);
      return { records, nextCursor: records.length === 0 ? null : String(offsetFromCursor(cursor) + records.length) };
    },
  };
}

export class HaileyHrConnector implements HrConnector {
  private readonly employees = haileyHrListing(EMPLOYEE_PATH, 'the employee list');

  constructor(private readonly api: HrApi) {}

  async checkCredentials(): Promise<void> {
    const res = await this.api.send({ path: EMPLOYEE_PATH, query: { limit: 1, offset: 0 } });
    if (!Array.isArray(recordsOf(res.body))) throw this.api.unexpected('the employee list', res.status);
  }

  /** Every employee, active and former (Hailey HR is not asked to filter: none is published). */
  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    return this.page(this.employees, cursor);
  }

  /** Employees updated since `since` (updated_gte, unverified); never used to decide removals. */
  async fetchChangedEmployeePage(since: Date, cursor: string | null): Promise<EmployeePage> {
    return this.page(haileyHrListing(EMPLOYEE_PATH, 'the changed employees', { updated_gte: since.toISOString() }), cursor);
  }

  private async page(listing: Pagination, cursor: string | null): Promise<EmployeePage> {
    const { records, nextCursor } = await fetchPage(this.api, listing, cursor);
    const today = utcToday();
    return { ...mapRecords(records, (r) => mapHaileyHrEmployee(r, today)), nextCursor };
  }

  /** Standard fields plus every custom field key seen on the employees (no definition list is published). */
  async listAttributes(): Promise<AttributeOption[]> {
    const custom = new Map<string, AttributeOption>();
    for (const employee of await fetchAll(this.api, this.employees)) {
      for (const [key, value] of customEntries(employee)) {
        if (!custom.has(key) || (value !== null && custom.get(key)!.type === 'string')) custom.set(key, customAttribute(key, value));
      }
    }
    return [...EMPLOYEE_ATTRIBUTES, ...custom.values()];
  }

  /** Hailey HR's companies (GET /Company): the legal entities an employment belongs to. */
  async listLegalEntities(): Promise<LegalEntityOption[]> {
    const res = await this.api.send(COMPANY_PATH);
    const body = res.body;
    const rows = Array.isArray(body) ? body : Array.isArray(recordsOf(body)) ? (recordsOf(body) as unknown[]) : body && typeof body === 'object' ? [body] : null;
    if (rows === null) throw this.api.unexpected('the companies', res.status);
    const out: LegalEntityOption[] = [];
    for (const row of rows as { id?: unknown; name?: unknown }[]) {
      const id = typeof row?.id === 'string' || typeof row?.id === 'number' ? String(row.id) : null;
      if (id === null || id.trim() === '') continue;
      out.push({ id, name: typeof row.name === 'string' && row.name.trim() !== '' ? row.name.trim() : id });
    }
    return out;
  }

  /** Employment type labels as the connector reads them (Hailey HR's own list is not published). */
  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return ['FULL_TIME', 'PART_TIME', 'CONTRACTOR', 'INTERN', 'OTHER'];
  }
}
