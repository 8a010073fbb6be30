// Kenjo connector on API v1 (https://api.kenjo.io/api/v1), with a bearer token from POST /auth/login
// (definition.ts). Kenjo's employee lists take no paging parameters: each answers once with every
// employee, `{ data: [...] }`. A complete listing is GET /employees (accounts: _id, email, isActive,
// externalId; inactive employees included) joined on `_id` with the personal, work and home section
// lists, plus GET /companies for the legal entities' names. Kenjo offers no changed-since filter:
// every sync is complete. See NOTES.md.
import { fetchPage, mapRecords, singlePage, utcToday, type HrApi } from '../kit';
import type { AttributeOption, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { customFieldOption, KENJO_SECTIONS, mapKenjoEmployee, STANDARD_ATTRIBUTES, type KenjoSection } from './mapping';

export const EMPLOYEES_PATH = '/employees';

const employeeList = singlePage({ path: EMPLOYEES_PATH, records: (body: { data?: unknown } | null) => body?.data, what: 'the employee list' });

type Row = Record<string, unknown>;
const isRow = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);

export class KenjoConnector implements HrConnector {
  constructor(
    private readonly api: HrApi,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A fresh token (the API key's own check), then the employee list the sync reads. */
  async checkCredentials(): Promise<void> {
    await this.api.authenticate();
    await fetchPage(this.api, employeeList, null);
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    const { records } = await fetchPage(this.api, employeeList, cursor);
    const sections: Partial<Record<KenjoSection, Map<string, Row>>> = {};
    for (const section of Object.keys(KENJO_SECTIONS) as KenjoSection[]) sections[section] = await this.section(section);
    const companies = new Map((await this.listLegalEntities()).map((c) => [c.id, c]));
    const today = utcToday(this.now());
    const page = mapRecords(records, (account) => {
      const id = isRow(account) && typeof account._id === 'string' ? account._id : null;
      const of = (s: KenjoSection) => (id === null ? undefined : sections[s]?.get(id));
      return mapKenjoEmployee({ account, sections: { personal: of('personal'), work: of('work'), home: of('home') } }, companies, today);
    });
    return { ...page, nextCursor: null };
  }

  /** One section list by employee `_id`; an answer without the list fails the listing (never read as empty). */
  private async section(section: KenjoSection): Promise<Map<string, Row>> {
    const body = (await this.api.json(KENJO_SECTIONS[section])) as { data?: unknown } | null;
    if (!Array.isArray(body?.data)) throw this.api.unexpected(`the ${section} sections of the employees`);
    const byId = new Map<string, Row>();
    for (const row of body.data) if (isRow(row) && typeof row._id === 'string') byId.set(row._id, row);
    return byId;
  }

  /** The standard fields plus the custom fields of the sections read (GET /custom-fields), read afresh. */
  async listAttributes(): Promise<AttributeOption[]> {
    const body = (await this.api.json('/custom-fields')) as { data?: unknown } | null;
    if (!Array.isArray(body?.data)) throw this.api.unexpected('the custom fields');
    const custom = body.data.map(customFieldOption).filter((o): o is AttributeOption => o !== null);
    return [...STANDARD_ATTRIBUTES, ...custom];
  }

  /** Kenjo's companies (GET /companies: a bare array of { _id, name }). */
  async listLegalEntities(): Promise<LegalEntityOption[]> {
    const body = await this.api.json('/companies');
    const list = Array.isArray(body) ? body : isRow(body) && Array.isArray(body.data) ? body.data : null;
    if (!list) throw this.api.unexpected('the companies');
    return list.filter(isRow).flatMap((c) => (typeof c._id === 'string' ? [{ id: c._id, name: typeof c.name === 'string' && c.name.trim() ? c.name.trim() : c._id }] : []));
  }

  /** Kenjo keeps employment types on compensation contracts, which are not read. */
  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return [];
  }
}
