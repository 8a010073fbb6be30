// HrConnector for Personio API v1: all employees (every status), or those changed since an instant,
// by offset paging; the attribute list including custom dynamic_<id> attributes; legal entities
// from the subcompany values.
import { HrSystemResponseError } from '../errors';
import type { AttributeOption, EmployeePage, EmploymentType, HrConnector, InvalidRemoteRecord, LegalEntityOption, RemoteEmployee } from '../types';
import type { PersonioApiClient } from './api-client';
import { PERSONIO, PERSONIO_MAX_PAGE_SIZE, type PersonioAttributeDefinition, type PersonioEmployeeListBody } from './api-types';
import { mapPersonioAttribute, mapPersonioEmployee, readSubcompany, type PersonioMappingOptions } from './mapping';
import { nextOffset, offsetFromCursor } from './paging';

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
    private readonly api: PersonioApiClient,
    private readonly mapping: PersonioMappingOptions,
    options: PersonioConnectorOptions = {},
  ) {
    this.pageSize = options.pageSize ?? PERSONIO_MAX_PAGE_SIZE;
    this.legalEntityScanPages = options.legalEntityScanPages ?? 20;
  }

  /** Authenticates afresh and reads one employee, so a credential without employee access fails now, not at the first sync. */
  async checkCredentials(): Promise<void> {
    await this.api.authenticate();
    readEmployeeList(await this.api.getJson('/v1/company/employees?limit=1&offset=0'));
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    return this.fetchListingPage('', cursor);
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
    const updatedSince = since.toISOString().slice(0, 19);
    return this.fetchListingPage(`&updated_since=${encodeURIComponent(updatedSince)}`, cursor);
  }

  private async fetchListingPage(filter: string, cursor: string | null): Promise<EmployeePage> {
    const offset = offsetFromCursor(cursor);
    const list = readEmployeeList(await this.api.getJson(`/v1/company/employees?limit=${this.pageSize}&offset=${offset}${filter}`));
    const { employees, invalid } = readRecords(list, this.mapping);
    const next = nextOffset({
      offset,
      received: list.data.length,
      requestedLimit: this.pageSize,
      echoedLimit: list.limit,
      totalElements: list.metadata?.total_elements,
      totalPages: list.metadata?.total_pages,
    });
    return { employees, invalid, nextCursor: next === null ? null : String(next) };
  }

  async listAttributes(): Promise<AttributeOption[]> {
    const body = (await this.api.getJson('/v1/company/employees/attributes')) as { success?: boolean; data?: unknown } | null;
    if (!body || body.success === false || !Array.isArray(body.data)) {
      throw new HrSystemResponseError(`${PERSONIO} answered the attribute list in an unexpected form`, PERSONIO, 200);
    }
    return body.data.filter(isAttributeDefinition).map(mapPersonioAttribute);
  }

  async listLegalEntities(): Promise<LegalEntityOption[]> {
    const found = new Map<string, LegalEntityOption>();
    let offset: number | null = 0;
    for (let page = 0; page < this.legalEntityScanPages && offset !== null; page++) {
      // Only the subcompany is needed; Personio's attributes[] filter keeps the pages small.
      const path = `/v1/company/employees?limit=${this.pageSize}&offset=${offset}&attributes[]=subcompany`;
      const list = readEmployeeList(await this.api.getJson(path));
      for (const record of list.data) {
        const entity = readSubcompany(record);
        if (entity) found.set(entity.id, entity);
      }
      offset = nextOffset({ offset, received: list.data.length, requestedLimit: this.pageSize, echoedLimit: list.limit, totalElements: list.metadata?.total_elements });
    }
    return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return ['FULL_TIME', 'PART_TIME'];
  }
}

function readRecords(list: PersonioEmployeeListBody, mapping: PersonioMappingOptions): { employees: RemoteEmployee[]; invalid: InvalidRemoteRecord[] } {
  const employees: RemoteEmployee[] = [];
  const invalid: InvalidRemoteRecord[] = [];
  for (const record of list.data) {
    const result = mapPersonioEmployee(record, mapping);
    if (result.ok) employees.push(result.employee);
    else invalid.push(result.invalid);
  }
  return { employees, invalid };
}

function readEmployeeList(body: unknown): PersonioEmployeeListBody {
  const list = body as Partial<PersonioEmployeeListBody> | null;
  if (!list || list.success === false || !Array.isArray(list.data)) {
    // A listing we cannot read must fail loudly: an empty one would look like everyone left.
    throw new HrSystemResponseError(`${PERSONIO} answered the employee list in an unexpected form`, PERSONIO, 200);
  }
  return list as PersonioEmployeeListBody;
}

function isAttributeDefinition(value: unknown): value is PersonioAttributeDefinition {
  const v = value as Partial<PersonioAttributeDefinition> | null;
  return typeof v?.key === 'string' && v.key.length > 0;
}
