// AFAS Profit connector on the REST API (…/ProfitRestServices), authenticated with an App
// Connector token. Employees are the rows of the GetConnector the admin names: GET
// /connectors/<id>?skip=&take=&orderbyfieldids=<employee id> answers { skip, take, rows } with no
// total, so a listing ends only at an empty page (a short page proves nothing), and it is always
// sorted on the employee id (AFAS: without orderbyfieldids the order between requests may change,
// skipping or repeating rows). The fields come from GET /metainfo/get/<id>. There is no change
// listing: every sync is a complete listing (see NOTES.md for why). Legal entities are the
// distinct employers of the listing.
import { fetchPage, mapRecords, pages, utcToday, type HrApi, type Pagination } from '../kit';
import type { AttributeOption, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { AFAS_REQUIRED_ROLES, mapAfasRow, metaFieldsOf, toAttributeOptions, type AfasFieldRole, type AfasFields, type AfasMetaField } from './mapping';

/** Rows per request unless the admin set pageSize (AFAS's own default take is 100). */
export const AFAS_DEFAULT_TAKE = 500;

export interface AfasSettings {
  getConnector: string;
  fields: AfasFields;
  /** Roles whose field id the admin named explicitly (a typo there is reported at once). */
  named: readonly AfasFieldRole[];
  pageSize?: number;
}

interface RowsAnswer {
  skip?: unknown;
  take?: unknown;
  rows?: unknown;
}

/** One GetConnector read with skip/take; the cursor is the next skip. */
export function afasRows(getConnector: string, orderBy: string, take: number): Pagination {
  const what = `the GetConnector ${getConnector}`;
  const skipOf = (cursor: string | null) => {
    if (cursor === null) return 0;
    if (!/^\d+$/.test(cursor)) throw new Error(`Not an AFAS listing cursor: "${cursor}"`);
    return Number(cursor);
  };
  return {
    request: (cursor) => ({ path: `/connectors/${encodeURIComponent(getConnector)}`, query: { skip: skipOf(cursor), take, orderbyfieldids: orderBy } }),
    read(res, cursor, api) {
      const body = res.body as RowsAnswer | null;
      const rows = body?.rows;
      if (!Array.isArray(rows)) throw api.unexpected(what, res.status);
      // An answer for another position would shift every later page.
      if (body?.skip !== undefined && body.skip !== skipOf(cursor)) throw api.unexpected(`${what} (rows from skip ${String(body.skip)} instead of ${skipOf(cursor)})`, res.status);
      return { records: rows, nextCursor: rows.length === 0 ? null : String(skipOf(cursor) + rows.length) };
    },
  };
}

export class AfasConnector implements HrConnector {
  constructor(
    private readonly api: HrApi,
    private readonly settings: AfasSettings,
  ) {}

  private get rows(): Pagination {
    return afasRows(this.settings.getConnector, this.settings.fields.employeeId, this.settings.pageSize ?? AFAS_DEFAULT_TAKE);
  }

  /**
   * The metainfo proves the token and that the GetConnector is in its App Connector; its fields
   * must hold the employee id and the end date (and every field id the admin named). One row read
   * proves the data itself can be read.
   */
  async checkCredentials(): Promise<void> {
    const fields = await this.metaFields();
    const known = new Set(fields.map((f) => f.id));
    const roles = [...new Set([...AFAS_REQUIRED_ROLES, ...this.settings.named])];
    const missing = roles.map((role) => this.settings.fields[role]).filter((id) => !known.has(id));
    if (missing.length) {
      throw this.api.refused(`has no field ${missing.join(', ')} in the GetConnector ${this.settings.getConnector} (add it to the GetConnector, or name the field id it has)`);
    }
    await fetchPage(this.api, afasRows(this.settings.getConnector, this.settings.fields.employeeId, 1), null);
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    const { records, nextCursor } = await fetchPage(this.api, this.rows, cursor);
    const today = utcToday();
    return { ...mapRecords(records, (row) => mapAfasRow(row, this.settings.fields, today)), nextCursor };
  }

  /** Read again every time: a field added to the GetConnector since is offered at once. */
  async listAttributes(): Promise<AttributeOption[]> {
    return toAttributeOptions(await this.metaFields(), this.settings.fields);
  }

  /** The distinct employers (Werkgever) of all rows. */
  async listLegalEntities(): Promise<LegalEntityOption[]> {
    const byId = new Map<string, string>();
    await this.eachEmployee((e) => {
      if (e.legalEntity && !byId.has(e.legalEntity.id)) byId.set(e.legalEntity.id, e.legalEntity.name);
    });
    return [...byId].map(([id, name]) => ({ id, name }));
  }

  /** The employment types the rows' labels read as. */
  async listEmploymentTypes(): Promise<EmploymentType[]> {
    const types = new Set<EmploymentType>();
    await this.eachEmployee((e) => {
      if (e.employmentType) types.add(e.employmentType);
    });
    return [...types];
  }

  private async eachEmployee(visit: (e: EmployeePage['employees'][number]) => void): Promise<void> {
    const today = utcToday();
    for await (const page of pages(this.api, this.rows)) {
      for (const e of mapRecords(page.records, (row) => mapAfasRow(row, this.settings.fields, today)).employees) visit(e);
    }
  }

  private async metaFields(): Promise<AfasMetaField[]> {
    const res = await this.api.send(`/metainfo/get/${encodeURIComponent(this.settings.getConnector)}`);
    const fields = metaFieldsOf(res.body);
    if (fields === null) throw this.api.unexpected(`the metainfo of the GetConnector ${this.settings.getConnector}`, res.status);
    return fields;
  }
}
