// Planday connector on the Open API (https://openapi.planday.com), OAuth2 access tokens from the
// refresh token (definition.ts). Planday lists active employees (GET /hr/v1.0/employees) and
// deactivated ones (GET /hr/v1.0/employees/deactivated) apart, so a complete listing walks every page
// of the first and then every page of the second: the cursor names the list and the offset
// ("active:50", "deactivated:0"), so leavers never vanish. Pages are offset/limit (50 at most) in
// { paging: { offset, limit, total }, data }. Custom fields and gender come only with one employee
// (GET /hr/v1.0/employees/{id}), read for each listed employee a few at a time, paced by Planday's
// rate-limit headers. The change listing filters both lists by modifiedFrom and the deactivated list
// by deactivatedFrom. See NOTES.md.
import { HrSystemResponseError } from '../errors';
import type { HttpResponse } from '../http';
import { employmentTypeFromLabel, mapRecords, offsetLimit, rawId, textOf, utcToday, type ApiRequest, type HrApi, type Pagination, type Query, mapLimit } from '../kit';
import type { AttributeOption, ConnectorContext, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { CUSTOM_FIELD_PATTERN, customLabelOf, EMPLOYEE_ATTRIBUTES, mapPlandayEmployee, type PlandayList, type PlandayNames } from './mapping';
import { RateLimitPacer } from './pacing';

export const EMPLOYEES_PATH = '/hr/v1.0/employees';
export const DEACTIVATED_PATH = '/hr/v1.0/employees/deactivated';
/** "Most endpoints … return a max of 50 records per page" (Planday, Getting started). */
export const PLANDAY_PAGE_SIZE = 50;
/** By-id reads in flight at once while a page is read (Planday allows 10 requests a second per portal). */
export const DETAIL_CONCURRENCY = 3;
/** Id → name lists are read again after this long (a long-lived connector sees renamed departments). */
const NAMES_TTL_MS = 10 * 60_000;

/**
 * The passes of a listing: every active employee, then every deactivated one (complete); or those
 * modified since on either list, plus those deactivated since (the change listing).
 */
type Pass = 'active' | 'deactivated' | 'changed-active' | 'changed-deactivated' | 'newly-deactivated';
const COMPLETE: Pass[] = ['active', 'deactivated'];
const CHANGES: Pass[] = ['changed-active', 'changed-deactivated', 'newly-deactivated'];

/** Cursor "<pass>:<offset>"; null is the first pass at 0. */
export function readCursor(cursor: string | null, passes: readonly Pass[]): { pass: Pass; offset: string } {
  if (cursor === null) return { pass: passes[0], offset: '0' };
  const match = /^([a-z-]+):(\d+)$/.exec(cursor);
  if (!match || !passes.includes(match[1] as Pass)) throw new Error(`Not a cursor of this Planday listing: "${cursor}"`);
  return { pass: match[1] as Pass, offset: match[2] };
}

/** Planday's instant filters take YYYY-MM-DDTHH:MM:SSZ. */
const instant = (at: Date) => at.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** One offset/limit list of Planday: records in `data`, totals in `paging`. */
export function plandayList(path: string, what: string, query: Query = {}): Pagination {
  return offsetLimit({
    path,
    query,
    limit: PLANDAY_PAGE_SIZE,
    maxLimit: PLANDAY_PAGE_SIZE,
    what,
    records: (body: { data?: unknown } | null) => body?.data,
    totals: (body: { paging?: { total?: unknown; limit?: unknown } } | null) => ({
      totalElements: typeof body?.paging?.total === 'number' ? body.paging.total : undefined,
      echoedLimit: typeof body?.paging?.limit === 'number' ? body.paging.limit : undefined,
    }),
  });
}

function passListing(pass: Pass, since: Date | null): Pagination {
  const at = since ? instant(since) : undefined;
  switch (pass) {
    case 'active':
      return plandayList(EMPLOYEES_PATH, 'the employee list');
    case 'deactivated':
      return plandayList(DEACTIVATED_PATH, 'the deactivated employee list');
    case 'changed-active':
      return plandayList(EMPLOYEES_PATH, 'the employee list', { modifiedFrom: at });
    case 'changed-deactivated':
      return plandayList(DEACTIVATED_PATH, 'the deactivated employee list', { modifiedFrom: at });
    case 'newly-deactivated':
      return plandayList(DEACTIVATED_PATH, 'the deactivated employee list', { deactivatedFrom: at });
  }
}

const listOf = (pass: Pass): PlandayList => (pass === 'active' || pass === 'changed-active' ? 'active' : 'deactivated');

export class PlandayConnector implements HrConnector {
  private readonly pacer: RateLimitPacer;
  private names: { at: number; value: Promise<PlandayNames> } | null = null;

  constructor(
    private readonly api: HrApi,
    context: ConnectorContext = {},
    private readonly now: () => Date = () => new Date(),
  ) {
    this.pacer = new RateLimitPacer(context);
  }

  /** A fresh token, then one employee and the lists the mapping names ids from: proves the refresh token and the app's scopes. */
  async checkCredentials(): Promise<void> {
    await this.api.authenticate();
    await this.send({ path: EMPLOYEES_PATH, query: { limit: 1, offset: 0 } });
    this.names = null;
    await this.namesOf();
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    return this.listingPage(cursor, COMPLETE, null);
  }

  /** Employees modified (or deactivated) since `since`, on both lists; never used for removals. */
  async fetchChangedEmployeePage(since: Date, cursor: string | null): Promise<EmployeePage> {
    return this.listingPage(cursor, CHANGES, since);
  }

  /**
   * Standard fields plus the custom fields of the field definitions (GET
   * /hr/v1.0/employees/fielddefinitions, properties `custom_<n>`), labelled as the first active
   * employee's by-id read names them. Read afresh every time.
   */
  async listAttributes(): Promise<AttributeOption[]> {
    const res = await this.send({ path: `${EMPLOYEES_PATH}/fielddefinitions`, query: { type: 'Put' } });
    const properties = (res.body as { data?: { properties?: unknown } } | null)?.data?.properties;
    if (!properties || typeof properties !== 'object') throw this.api.unexpected('the employee field definitions', res.status);
    const keys = Object.keys(properties).filter((key) => CUSTOM_FIELD_PATTERN.test(key));
    const first = (await this.page(plandayList(EMPLOYEES_PATH, 'the employee list'), null)).records.map((r) => rawId(r)).find((id) => id !== null);
    const details = first ? await this.details(first) : null;
    return [
      ...EMPLOYEE_ATTRIBUTES,
      ...keys.map((key): AttributeOption => {
        const definition = (properties as Record<string, unknown>)[key];
        return { key, label: customLabelOf(details?.[key]) ?? textOf((definition as { title?: unknown } | null)?.title) ?? key, type: fieldType(definition), custom: true };
      }),
    ];
  }

  /** Planday has no legal entity per employee (a portal is one company; departments are attributes). */
  async listLegalEntities(): Promise<LegalEntityOption[]> {
    return [];
  }

  /** The employee types of the portal as the connector reads their names. */
  async listEmploymentTypes(): Promise<EmploymentType[]> {
    const { employeeTypes } = await this.namesOf();
    return [...new Set([...employeeTypes.values()].map((name) => employmentTypeFromLabel(name)).filter((t): t is EmploymentType => t !== null))];
  }

  private async listingPage(cursor: string | null, passes: readonly Pass[], since: Date | null): Promise<EmployeePage> {
    const { pass, offset } = readCursor(cursor, passes);
    const { records, nextCursor } = await this.page(passListing(pass, since), offset === '0' ? null : offset);
    const following = passes[passes.indexOf(pass) + 1];
    const next = nextCursor !== null ? `${pass}:${nextCursor}` : following ? `${following}:0` : null;
    const [names, details] = await Promise.all([this.namesOf(), mapLimit(records, DETAIL_CONCURRENCY, (r) => (rawId(r) === null ? Promise.resolve(null) : this.details(rawId(r)!)))]);
    const today = utcToday(this.now());
    const detailOf = new Map(records.map((r, i) => [r, details[i]]));
    return { ...mapRecords(records, (r) => mapPlandayEmployee(r, detailOf.get(r), listOf(pass), names, today)), nextCursor: next };
  }

  /** One page of a list; an answer other than 200 fails it (never read as an empty list). */
  private async page(pagination: Pagination, cursor: string | null) {
    const request = pagination.request(cursor, this.api);
    const res = await this.send(request);
    if (res.status !== 200) throw this.failed(res, request);
    return pagination.read(res, cursor, this.api);
  }

  /** GET /hr/v1.0/employees/{id}; 400/404 (not readable by id, e.g. removed meanwhile) is no details. */
  private async details(id: string): Promise<Record<string, unknown> | null> {
    const request = { path: `${EMPLOYEES_PATH}/${encodeURIComponent(id)}` };
    const res = await this.send(request);
    if (res.status === 400 || res.status === 404) return null;
    if (res.status !== 200) throw this.failed(res, request);
    const data = (res.body as { data?: unknown } | null)?.data;
    if (data === null || data === undefined) return null;
    if (typeof data !== 'object' || Array.isArray(data)) throw this.api.unexpected('the details of an employee', res.status);
    return data as Record<string, unknown>;
  }

  /** Department, employee group and employee type names (each list to its end), cached a while. */
  private namesOf(): Promise<PlandayNames> {
    if (this.names && this.now().getTime() - this.names.at < NAMES_TTL_MS) return this.names.value;
    const table = async (path: string, what: string) => {
      const entries = new Map<string, string>();
      let cursor: string | null = null;
      const listing = plandayList(path, what);
      do {
        const page: { records: unknown[]; nextCursor: string | null } = await this.page(listing, cursor);
        for (const record of page.records) {
          const id = rawId(record);
          const name = textOf((record as { name?: unknown } | null)?.name);
          if (id !== null && name !== null) entries.set(id, name);
        }
        cursor = page.nextCursor;
      } while (cursor !== null);
      return entries;
    };
    const value = (async () => ({
      departments: await table('/hr/v1.0/departments', 'the department list'),
      employeeGroups: await table('/hr/v1.0/employeegroups', 'the employee group list'),
      employeeTypes: await table('/hr/v1.0/employeetypes', 'the employee type list'),
    }))();
    this.names = { at: this.now().getTime(), value };
    value.catch(() => (this.names = null));
    return value;
  }

  private async send(request: ApiRequest): Promise<HttpResponse> {
    await this.pacer.beforeRequest();
    const res = await this.api.send(request);
    this.pacer.afterResponse(res);
    return res;
  }

  private failed(res: HttpResponse, request: ApiRequest): HrSystemResponseError {
    return new HrSystemResponseError(`${this.api.hrSystemName} answered ${res.status} for ${request.path}: ${this.api.errorMessage(res)}`, this.api.hrSystemName, res.status);
  }
}

/** A field definition's type: Planday's definitions name it in a $ref (optionalNumeric, optionalDate, …). */
function fieldType(definition: unknown): AttributeOption['type'] {
  const text = JSON.stringify(definition ?? '').toLowerCase();
  if (text.includes('numeric') || text.includes('"number"') || text.includes('integer')) return 'number';
  if (text.includes('date')) return 'date';
  if (text.includes('bool')) return 'boolean';
  if (text.includes('enum') || text.includes('dropdown')) return 'list';
  return 'string';
}
