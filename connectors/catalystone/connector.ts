// CatalystOne connector on the v3 REST API (https://<domain>.catalystone.com/mono/api), with an
// access token from GET /accesstoken (access-token.ts). The complete listing is one request,
// GET /employees?fullObject=true&includeInactive=true: without includeInactive CatalystOne leaves the
// inactive employees out, and every leaver would look removed. No paging of this list is described,
// so the answer is read as the whole list. Field ids are the tenant's (mapping.ts). modifiedSince
// exists, but a change listing would be the same single request: every sync reads everyone.
import { fetchPage, mapRecords, singlePage, utcToday, type HrApi, type Pagination } from '../kit';
import type { AttributeOption, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { attributeOptions, mapCatalystOneEmployee, type CatalystOneFieldRole, type CatalystOneFields } from './mapping';

export const EMPLOYEES_PATH = '/employees';

export interface CatalystOneSettings {
  fields: CatalystOneFields;
  /** Roles whose field id the admin named (checked against the tenant's fields at once). */
  named: readonly CatalystOneFieldRole[];
}

/** Every employee, inactive ones included, with all fields. */
export const employeeListing: Pagination = singlePage({
  path: EMPLOYEES_PATH,
  query: { fullObject: 'true', includeInactive: 'true' },
  what: 'the employee list',
  records: (body: { employees?: unknown } | null) => body?.employees,
});

export class CatalystOneConnector implements HrConnector {
  constructor(
    private readonly api: HrApi,
    private readonly settings: CatalystOneSettings,
  ) {}

  /** A fresh token, then the list: proves the client and that it may read employees; a named field id must exist. */
  async checkCredentials(): Promise<void> {
    await this.api.authenticate();
    const { records } = await fetchPage(this.api, employeeListing, null);
    if (records.length === 0 || this.settings.named.length === 0) return;
    const known = new Set(attributeOptions(records, this.settings.fields).map((a) => a.key.slice('field.'.length)));
    const missing = this.settings.named.map((role) => this.settings.fields[role]).filter((id) => !known.has(id));
    if (missing.length) throw this.api.refused(`has no field ${missing.join(', ')} on any employee (check the field ids named in the connection, or the client's access to those fields)`);
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    const { records, nextCursor } = await fetchPage(this.api, employeeListing, cursor);
    const today = utcToday();
    return { ...mapRecords(records, (r) => mapCatalystOneEmployee(r, this.settings.fields, today)), nextCursor };
  }

  /** The fields the employees carry (CatalystOne's names), read afresh every time. */
  async listAttributes(): Promise<AttributeOption[]> {
    const { records } = await fetchPage(this.api, employeeListing, null);
    return attributeOptions(records, this.settings.fields);
  }

  /** The distinct values of the legal entity field. */
  async listLegalEntities(): Promise<LegalEntityOption[]> {
    const byId = new Map<string, string>();
    for (const e of (await this.fetchEmployeePage(null)).employees) if (e.legalEntity && !byId.has(e.legalEntity.id)) byId.set(e.legalEntity.id, e.legalEntity.name);
    return [...byId].map(([id, name]) => ({ id, name }));
  }

  async listEmploymentTypes(): Promise<EmploymentType[]> {
    const types = new Set<EmploymentType>();
    for (const e of (await this.fetchEmployeePage(null)).employees) if (e.employmentType) types.add(e.employmentType);
    return [...types];
  }
}

