// HrConnector for Personio API v1: all employees (every status), or those changed since an instant,
// by offset paging; the attribute list including custom dynamic_<id> attributes; legal entities
// from the subcompany values; the product's webhook (API v2) through push-subscriptions.ts.
import { fetchAll, fetchEmployeePage, fetchPage, offsetLimit, type HrApi, type Pagination, type Query } from '../kit';
import type { HrPushSubscriptions } from '../push';
import type { AttributeOption, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { PERSONIO_MAX_PAGE_SIZE, type PersonioAttributeDefinition, type PersonioEmployeeListBody } from './api-types';
import { mapPersonioAttribute, mapPersonioEmployee, readSubcompany, type PersonioMappingOptions } from './mapping';

export interface PersonioConnectorOptions {
  /** Page size asked for; Personio serves at most 100 whatever is asked. */
  pageSize?: number;
  /**
   * Personio v1 has no legal-entity endpoint, so legal entities are collected from the subcompany
   * of employees on this many pages (100 each): enough for the filter choice, cheap on rate limits.
   */
  legalEntityScanPages?: number;
}

export class PersonioConnector implements HrConnector {
  private readonly pageSize: number;
  private readonly legalEntityScanPages: number;

  constructor(
    private readonly api: HrApi,
    private readonly mapping: PersonioMappingOptions,
    options: PersonioConnectorOptions = {},
    /** The product's webhook in Personio (API v2). */
    readonly pushSubscriptions?: HrPushSubscriptions,
  ) {
    this.pageSize = options.pageSize ?? PERSONIO_MAX_PAGE_SIZE;
    this.legalEntityScanPages = options.legalEntityScanPages ?? 20;
  }

  /** Authenticates afresh and reads one employee, so a credential without employee access fails now, not at the first sync. */
  async checkCredentials(): Promise<void> {
    await this.api.authenticate();
    await fetchPage(this.api, employeeListing(1), null);
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    return this.fetchListingPage(employeeListing(this.pageSize), cursor);
  }

  /**
   * `updated_since` on the same endpoint. Personio's reference page still says limit and offset are
   * ignored with it, but its changelog made pagination mandatory with `updated_since` (2023-11-16)
   * and enforces limit ≤ 100, default 50, on every request (2025-01-31): a change listing is paged
   * and read to its end exactly like a complete one. The instant goes as UTC without an offset (the
   * documented form); should Personio read it as German time, it reads from earlier, which only
   * returns more.
   */
  async fetchChangedEmployeePage(since: Date, cursor: string | null): Promise<EmployeePage> {
    return this.fetchListingPage(employeeListing(this.pageSize, { updated_since: since.toISOString().slice(0, 19) }), cursor);
  }

  private fetchListingPage(listing: Pagination, cursor: string | null): Promise<EmployeePage> {
    return fetchEmployeePage(this.api, listing, cursor, (record) => mapPersonioEmployee(record, this.mapping));
  }

  async listAttributes(): Promise<AttributeOption[]> {
    const body = (await this.api.json('/v1/company/employees/attributes')) as { success?: boolean; data?: unknown } | null;
    if (!body || body.success === false || !Array.isArray(body.data)) throw this.api.unexpected('the attribute list');
    return body.data.filter(isAttributeDefinition).map(mapPersonioAttribute);
  }

  async listLegalEntities(): Promise<LegalEntityOption[]> {
    const found = new Map<string, LegalEntityOption>();
    // Only the subcompany is needed; Personio's attributes[] filter keeps the pages small.
    const records = await fetchAll(this.api, employeeListing(this.pageSize, { 'attributes[]': 'subcompany' }), { maxPages: this.legalEntityScanPages });
    for (const record of records) {
      const entity = readSubcompany(record);
      if (entity) found.set(entity.id, entity);
    }
    return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return ['FULL_TIME', 'PART_TIME'];
  }
}

/** GET /v1/company/employees by offset; the cursor handed to the sync is the next offset. */
function employeeListing(limit: number, query?: Query): Pagination {
  return offsetLimit({
    path: '/v1/company/employees',
    query,
    limit,
    maxLimit: PERSONIO_MAX_PAGE_SIZE,
    what: 'the employee list',
    records: (body: Partial<PersonioEmployeeListBody> | null) => (body?.success === false ? null : body?.data),
    totals: (body: Partial<PersonioEmployeeListBody>) => ({ totalElements: body.metadata?.total_elements, totalPages: body.metadata?.total_pages, echoedLimit: body.limit }),
  });
}

function isAttributeDefinition(value: unknown): value is PersonioAttributeDefinition {
  const v = value as Partial<PersonioAttributeDefinition> | null;
  return typeof v?.key === 'string' && v.key.length > 0;
}
