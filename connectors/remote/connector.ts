// Remote connector on the Remote API (https://gateway.remote.com, sandbox gateway.remote-sandbox.com),
// authenticated with a bearer token: the company's API token, or one issued for OAuth2 client
// credentials (definition.ts). A complete listing has two passes over GET /v1/employments
// (?page=N&page_size=100, answers in { data: { employments, current_page, total_pages, total_count } }):
// the plain list, which Remote documents as "all employments, except for the deleted ones", then
// status=deleted, so nobody vanishes. The cursor says which pass and page ("all:2", "deleted:1").
// Each employment's details (GET /v1/employments/{id}: names, e-mails, start date, company) and its
// custom field values are read per employment, a few at a time; leaving dates come from
// GET /v1/offboardings (include_confidential=true), read once per listing to its last page and joined
// by employment_id. Remote has no change filter: every sync is a complete listing. See NOTES.md.
import { HrSystemResponseError } from '../errors';
import type { HttpResponse } from '../http';
import { fetchAll, mapRecords, pageNumber, rawId, textOf, utcToday, type HrApi, type Pagination, type Query, mapLimit } from '../kit';
import type { AttributeOption, AttributeValue, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { customValueOf, EMPLOYMENT_ATTRIBUTES, mapRemoteEmployment, pickOffboarding, toAttributeOption, type RemoteCustomField, type RemoteOffboarding } from './mapping';

/** Remote's largest page_size ("defaults to 20, limited to 100"); asked for on every listing. */
export const REMOTE_PAGE_SIZE = 100;
/** Detail and custom-value requests in flight at once while a page is read. */
export const DETAIL_CONCURRENCY = 4;

export type RemotePass = 'all' | 'deleted';
type Row = Record<string, unknown>;

interface PagedData {
  current_page?: unknown;
  total_pages?: unknown;
  total_count?: unknown;
  [key: string]: unknown;
}

const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;

/** An answer the connector passed through (400, 403, 404, 422) that nothing can be read from. */
export function answerFailed(api: HrApi, res: HttpResponse, what: string): Error {
  if (res.status === 403) return api.refused(`refused access to ${what}: ${api.errorMessage(res)} (the token needs read access to employments, e.g. the scope employment.read)`);
  return new HrSystemResponseError(`${api.hrSystemName} answered ${res.status} for ${what}: ${api.errorMessage(res)}`, api.hrSystemName, res.status);
}

/**
 * A Remote list: ?page=N from 1 and page_size, records in data[key], ended by data.total_pages (or,
 * without it, by a short or empty page). An answer for another page than asked is refused: it would
 * skip or repeat people.
 */
export function remoteListing(path: string, key: string, what: string, query: Query = {}): Pagination {
  const paging = pageNumber({
    path,
    pageSize: REMOTE_PAGE_SIZE,
    sizeParam: 'page_size',
    query,
    what,
    records: (body: { data?: PagedData | null } | null) => body?.data?.[key],
    totalPages: (body: { data?: PagedData | null } | null) => count(body?.data?.total_pages),
  });
  return {
    request: paging.request,
    read(res, cursor, api) {
      if (res.status !== 200) throw answerFailed(api, res, what);
      const data = (res.body as { data?: PagedData | null } | null)?.data;
      const page = cursor === null ? 1 : Number(cursor);
      if (data && data.current_page !== undefined && count(data.current_page) !== page) throw api.unexpected(what, res.status);
      return paging.read(res, cursor, api);
    },
  };
}

/** Where a listing stands: which pass, which page. */
export function parseCursor(cursor: string | null): { pass: RemotePass; page: number } {
  if (cursor === null) return { pass: 'all', page: 1 };
  const match = /^(all|deleted):([1-9]\d*)$/.exec(cursor);
  if (!match) throw new Error(`Not a Remote listing cursor: "${cursor}"`);
  return { pass: match[1] as RemotePass, page: Number(match[2]) };
}

export interface RemoteConnectorOptions {
  /** Only this company's employments (Remote's company_id filter); all the token may see otherwise. */
  companyId?: string;
}

export class RemoteConnector implements HrConnector {
  private readonly listings: Record<RemotePass, Pagination>;
  private offboardings: Promise<Map<string, RemoteOffboarding>> | null = null;
  private companies: Promise<Map<string, string>> | null = null;
  private customFields: Promise<RemoteCustomField[]> | null = null;

  constructor(
    private readonly api: HrApi,
    private readonly options: RemoteConnectorOptions = {},
  ) {
    const company = options.companyId ? { company_id: options.companyId } : {};
    this.listings = {
      all: remoteListing('/v1/employments', 'employments', 'the employment list', company),
      deleted: remoteListing('/v1/employments', 'employments', 'the deleted employments', { ...company, status: 'deleted' }),
    };
  }

  /** A token (where one is issued) and one employment read prove the credentials and the read access. */
  async checkCredentials(): Promise<void> {
    await this.api.authenticate();
    const res = await this.api.send({ path: '/v1/employments', query: { page: 1, page_size: 1, company_id: this.options.companyId } });
    if (res.status !== 200) throw answerFailed(this.api, res, 'the employment list');
  }

  /** The plain list's pages, then the deleted employments' pages; null after the last of those. */
  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    const { pass, page } = parseCursor(cursor);
    if (cursor === null) this.forgetListingData(); // a new listing reads the offboardings afresh
    const res = await this.api.send(this.listings[pass].request(String(page), this.api));
    // The deleted pass is a status filter the spec describes for every status; a Remote that does not
    // take status=deleted (400/422) has no deleted employments to show (NOTES.md: unverified).
    if (pass === 'deleted' && (res.status === 400 || res.status === 422)) return { employees: [], invalid: [], nextCursor: null };
    const read = this.listings[pass].read(res, String(page), this.api);
    // The deleted pass keeps only deleted employments (a Remote ignoring the filter would repeat everyone).
    const records = pass === 'deleted' ? read.records.filter((r) => (r as Row | null)?.status === 'deleted') : read.records;
    const next = read.nextCursor !== null ? `${pass}:${read.nextCursor}` : pass === 'all' ? 'deleted:1' : null;
    if (records.length === 0) return { employees: [], invalid: [], nextCursor: next };

    const [offboardings, companies, fields] = await Promise.all([this.offboardingsByEmployment(), this.companyNames(), this.fields()]);
    const details = await mapLimit(records, DETAIL_CONCURRENCY, async (record) => {
      const id = rawId(record);
      if (id === null) return { details: null, customValues: new Map<string, AttributeValue>() };
      return { details: await this.details(id), customValues: await this.customValues(id, fields) };
    });
    const today = utcToday();
    const byRecord = new Map(records.map((record, i) => [record, details[i]]));
    const page_ = mapRecords(records, (record) => {
      const id = rawId(record);
      const { details: detail, customValues } = byRecord.get(record)!;
      return mapRemoteEmployment({ listed: record, details: detail, offboarding: id === null ? null : (offboardings.get(id) ?? null), customValues, companies }, today);
    });
    return { ...page_, nextCursor: next };
  }

  /** Standard fields plus the custom field definitions, read again each time (a new one is offered at once). */
  async listAttributes(): Promise<AttributeOption[]> {
    this.customFields = null;
    return [...EMPLOYMENT_ATTRIBUTES, ...(await this.fields()).map(toAttributeOption)];
  }

  /** The companies the token may act for (GET /v1/companies): Remote's legal entities. */
  async listLegalEntities(): Promise<LegalEntityOption[]> {
    this.companies = null;
    return [...(await this.companyNames())].map(([id, name]) => ({ id, name }));
  }

  /** Remote's `type` tells only contractors apart (employee, direct_employee, … are not full/part-time). */
  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return ['CONTRACTOR'];
  }

  private forgetListingData(): void {
    this.offboardings = null;
    this.companies = null;
    this.customFields = null;
  }

  /** employment id → the offboarding that speaks for it, from every page of GET /v1/offboardings. */
  private offboardingsByEmployment(): Promise<Map<string, RemoteOffboarding>> {
    this.offboardings ??= this.cached(async () => {
      const listing = remoteListing('/v1/offboardings', 'offboardings', 'the offboardings', { include_confidential: 'true' });
      const all = (await fetchAll(this.api, listing)).map(unwrapOffboarding);
      const byEmployment = new Map<string, RemoteOffboarding[]>();
      for (const o of all) {
        const id = o ? textOf(o.employment_id) : null;
        if (!o || id === null) continue;
        if (!byEmployment.has(id)) byEmployment.set(id, []);
        byEmployment.get(id)!.push(o);
      }
      const picked = new Map<string, RemoteOffboarding>();
      for (const [id, list] of byEmployment) {
        const one = pickOffboarding(list);
        if (one) picked.set(id, one);
      }
      return picked;
    }, () => (this.offboardings = null));
    return this.offboardings;
  }

  /** company id → name; a token that may not list companies (403/404) names none (ids stay as names). */
  private companyNames(): Promise<Map<string, string>> {
    this.companies ??= this.cached(async () => {
      const res = await this.api.send({ path: '/v1/companies' });
      if (res.status === 403 || res.status === 404) return new Map();
      if (res.status !== 200) throw answerFailed(this.api, res, 'the companies');
      const body = res.body as { data?: { companies?: unknown }; companies?: unknown } | null;
      const companies = body?.data?.companies ?? body?.companies;
      if (!Array.isArray(companies)) throw this.api.unexpected('the companies', res.status);
      const names = new Map<string, string>();
      for (const c of companies as Row[]) {
        const id = rawId(c);
        if (id !== null) names.set(id, textOf(c.name) ?? id);
      }
      return names;
    }, () => (this.companies = null));
    return this.companies;
  }

  private fields(): Promise<RemoteCustomField[]> {
    this.customFields ??= this.cached(async () => {
      const probe = await this.api.send({ path: '/v1/custom-fields', query: { page: 1, page_size: 1 } });
      if (probe.status === 403 || probe.status === 404) return []; // no custom fields for this token
      const all = (await fetchAll(this.api, remoteListing('/v1/custom-fields', 'custom_fields', 'the custom fields'))) as Row[];
      return all.filter((f): f is Row & RemoteCustomField => !!f && typeof f.id === 'string');
    }, () => (this.customFields = null));
    return this.customFields;
  }

  /** GET /v1/employments/{id} → data.employment; a 404 (removed meanwhile) leaves the listing's record alone. */
  private async details(id: string): Promise<Row | null> {
    const what = 'the details of an employment';
    const res = await this.api.send({ path: `/v1/employments/${encodeURIComponent(id)}` });
    if (res.status === 404) return null;
    if (res.status !== 200) throw answerFailed(this.api, res, what);
    const employment = (res.body as { data?: { employment?: unknown } } | null)?.data?.employment;
    if (!employment || typeof employment !== 'object' || Array.isArray(employment)) throw this.api.unexpected(what, res.status);
    return employment as Row;
  }

  /** Every custom field's value for one employment (one request per field; a 404 is no value). */
  private async customValues(id: string, fields: readonly RemoteCustomField[]): Promise<Map<string, AttributeValue>> {
    const values = new Map<string, AttributeValue>();
    for (const field of fields) {
      const res = await this.api.send({ path: `/v1/custom-fields/${encodeURIComponent(field.id)}/values/${encodeURIComponent(id)}` });
      if (res.status === 404) {
        values.set(field.id, null);
        continue;
      }
      if (res.status !== 200) throw answerFailed(this.api, res, 'a custom field value');
      const value = (res.body as { data?: { custom_field_value?: { value?: unknown } } } | null)?.data?.custom_field_value;
      if (!value || typeof value !== 'object') throw this.api.unexpected('a custom field value', res.status);
      values.set(field.id, customValueOf(value.value));
    }
    return values;
  }

  /** A read shared by the connector's callers; a failure is not kept (the next call reads again). */
  private cached<T>(read: () => Promise<T>, forget: () => void): Promise<T> {
    return read().catch((err: unknown) => {
      forget();
      throw err;
    });
  }
}

/** An offboarding as listed: flat (the spec's example) or wrapped in { offboarding } (the spec's schema). */
function unwrapOffboarding(item: unknown): RemoteOffboarding | null {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return null;
  const inner = (item as { offboarding?: unknown }).offboarding;
  return (inner && typeof inner === 'object' && !Array.isArray(inner) ? inner : item) as RemoteOffboarding;
}
