// BoondManager connector on the REST API (https://ui.boondmanager.com/api), authenticated with a
// client token (X-Jwt-Client-Boondmanager). Resources (the employees and consultants) come from GET
// /resources, JSON:API answers { meta: { totals: { rows } }, data, included }, paged with page and
// maxResults (client code; BoondManager's own paging description was not found). Agencies are the
// legal entities (GET /agencies). No change filter is used: every sync is complete (NOTES.md).
import { HrSystemResponseError } from '../errors';
import type { HttpResponse } from '../http';
import { fetchAll, fetchPage, mapRecords, rawId, utcToday, type HrApi, type Pagination } from '../kit';
import type { AttributeOption, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { extraAttribute, extraAttributes, mapBoondResource, RESOURCE_ATTRIBUTES } from './mapping';

/** Resources asked for per page (maxResults); a server serving fewer is read on. */
export const BOOND_PAGE_SIZE = 100;

interface Envelope {
  meta?: { totals?: { rows?: unknown } | null } | null;
  data?: unknown;
  included?: unknown;
}

/** Where a listing is: the page to ask for and how many records were served before it. */
export function readBoondCursor(cursor: string | null): { page: number; seen: number } {
  if (cursor === null) return { page: 1, seen: 0 };
  const match = /^([1-9]\d*):(\d+)$/.exec(cursor);
  if (!match) throw new Error(`Not a BoondManager listing cursor: "${cursor}"`);
  return { page: Number(match[1]), seen: Number(match[2]) };
}

/** A status the connector passes through (403, 404) that no listing can be read from. */
export function listingFailed(api: HrApi, res: HttpResponse, what: string): HrSystemResponseError {
  const hint = res.status === 403 ? ' (the user token’s account may not see this)' : '';
  return new HrSystemResponseError(`${api.hrSystemName} answered ${res.status} for ${what}${hint}: ${api.errorMessage(res)}`, api.hrSystemName, res.status);
}

/**
 * page / maxResults over a JSON:API list. The listing ends on an empty page, or once as many records
 * were served as meta.totals.rows announces; a short page alone never ends it (BoondManager may serve
 * fewer than asked), so the cursor counts the records served so far.
 */
export function boondListing(path: string, what: string): Pagination {
  return {
    request: (cursor) => ({ path, query: { page: readBoondCursor(cursor).page, maxResults: BOOND_PAGE_SIZE } }),
    read(res, cursor, api) {
      if (res.status !== 200) throw listingFailed(api, res, what);
      const body = res.body as Envelope | null;
      if (!Array.isArray(body?.data)) throw api.unexpected(what, res.status);
      const { page, seen } = readBoondCursor(cursor);
      const records = body.data;
      const served = seen + records.length;
      const rows = body.meta?.totals?.rows;
      const total = typeof rows === 'number' && Number.isInteger(rows) && rows >= 0 ? rows : undefined;
      const last = records.length === 0 || (total !== undefined && served >= total);
      return { records, nextCursor: last ? null : `${page + 1}:${served}` };
    },
  };
}

/** Agency names from a JSON:API `included` list. */
function agencyNames(included: unknown): Map<string, string> {
  const names = new Map<string, string>();
  for (const item of Array.isArray(included) ? included : []) {
    const row = item as { type?: unknown; attributes?: { name?: unknown } } | null;
    const id = rawId(row);
    if (id !== null && row?.type === 'agency' && typeof row.attributes?.name === 'string') names.set(id, row.attributes.name);
  }
  return names;
}

export class BoondManagerConnector implements HrConnector {
  private readonly resources = boondListing('/resources', 'the resource list');

  /** `api` is based at …/api. */
  constructor(
    private readonly api: HrApi,
    private readonly leavingDateField?: string,
  ) {}

  async checkCredentials(): Promise<void> {
    const res = await this.api.send({ path: '/resources', query: { page: 1, maxResults: 1 } });
    // A token whose account may not read resources is as good as refused for this product.
    if (res.status === 403) throw this.api.refused(`refused access to the resources: ${this.api.errorMessage(res)} (the user token’s account needs to see the resources)`);
    this.resources.read(res, null, this.api);
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    const res = await this.api.send(this.resources.request(cursor, this.api));
    const { records, nextCursor } = this.resources.read(res, cursor, this.api);
    const context = { today: utcToday(), agencyNames: agencyNames((res.body as Envelope).included), leavingDateField: this.leavingDateField };
    return { ...mapRecords(records, (r) => mapBoondResource(r, context)), nextCursor };
  }

  /** Standard attributes plus the company's own ones seen on the first page of resources. */
  async listAttributes(): Promise<AttributeOption[]> {
    const { records } = await fetchPage(this.api, this.resources, null);
    const extra = new Map<string, AttributeOption>();
    for (const record of records) for (const [key, value] of extraAttributes(record)) if (!extra.has(key) || value !== null) extra.set(key, extraAttribute(key, value));
    return [...RESOURCE_ATTRIBUTES, ...extra.values()];
  }

  /** The company's agencies (GET /agencies): a resource belongs to one. */
  async listLegalEntities(): Promise<LegalEntityOption[]> {
    const agencies = await fetchAll(this.api, boondListing('/agencies', 'the agencies'));
    return agencies.flatMap((a) => {
      const id = rawId(a);
      const name = (a as { attributes?: { name?: unknown } }).attributes?.name;
      return id === null ? [] : [{ id, name: typeof name === 'string' && name.trim() !== '' ? name.trim() : id }];
    });
  }

  /** BoondManager's resource types are a company dictionary the connector does not translate. */
  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return [];
  }
}
