// Officient connector on the public REST API (https://api.officient.io/1.0), authenticated with an
// account's bearer access token. People are listed from GET /people/list with page numbers from 0
// (30 a page) and include_archived=1, so archived people (leavers) are listed too; the answer is
// { data, total_record_count }. The list entries carry little (id, name, email, role_name, archived),
// so each page's people are read one by one from GET /people/{id}/detail, at most
// DETAIL_CONCURRENCY at a time, every request through the kit (throttling and retries). Officient has
// no verified change filter, so there is no change listing: every sync is a complete listing.
import { HrSystemResponseError } from '../errors';
import type { HttpResponse } from '../http';
import { fetchAll, fetchPage, mapRecords, rawId, utcToday, type HrApi, type Pagination } from '../kit';
import type { AttributeOption, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { mapOfficientPerson, PERSON_ATTRIBUTES, toAttributeOption, type OfficientCustomField } from './mapping';

/** Officient serves 30 people a page (fixed; no page-size parameter is published). */
export const OFFICIENT_PAGE_SIZE = 30;
/** Detail requests of one page in flight at once. */
export const DETAIL_CONCURRENCY = 4;

interface ListAnswer {
  data?: unknown;
  total_record_count?: unknown;
}

const count = (value: unknown): number | undefined => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined);

function pageOf(cursor: string | null): number {
  if (cursor === null) return 0;
  if (!/^\d+$/.test(cursor)) throw new Error(`Not an Officient listing cursor: "${cursor}"`);
  return Number(cursor);
}

/**
 * GET /people/list?page=N&include_archived=1. The listing ends when the pages read cover
 * total_record_count (a short page before that goes on to the next page: ending there could drop
 * people), or without a count at a short page; an empty page always ends it. An answer that is not an error
 * and has no `data` array fails the page (never read as an empty listing).
 */
export const officientPeopleListing: Pagination = {
  request: (cursor) => ({ path: '/people/list', query: { page: pageOf(cursor), include_archived: 1 } }),
  read(res, cursor, api) {
    throwUnlessOk(api, res, 'the people list');
    const body = res.body as ListAnswer | null;
    const records = recordsOfPage(body?.data, api, res.status, 'the people list');
    const page = pageOf(cursor);
    const total = count(body?.total_record_count);
    let last: boolean;
    if (records.length === 0) last = true;
    else if (total !== undefined) last = (page + 1) * OFFICIENT_PAGE_SIZE >= total;
    else last = records.length < OFFICIENT_PAGE_SIZE;
    return { records, nextCursor: last ? null : String(page + 1) };
  },
};

/** A 400/404 the connector passed through (classify) is an error everywhere but a person's detail. */
function throwUnlessOk(api: HrApi, res: HttpResponse, what: string): void {
  if (res.status >= 200 && res.status < 300) return;
  throw new HrSystemResponseError(`${api.hrSystemName} refused ${what}: ${api.errorMessage(res)}`, api.hrSystemName, res.status);
}

/** The records array of an answer; anything else fails the page (never read as empty). */
function recordsOfPage(records: unknown, api: HrApi, status: number, what: string): unknown[] {
  if (!Array.isArray(records)) throw api.unexpected(what, status);
  return records;
}

/** Runs `work` over `items` with at most `limit` in flight; results in input order. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export class OfficientConnector implements HrConnector {
  /** `api` is based at …/1.0. */
  constructor(private readonly api: HrApi) {}

  async checkCredentials(): Promise<void> {
    const res = await this.api.send(officientPeopleListing.request(null, this.api));
    throwUnlessOk(this.api, res, 'the people list');
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    const { records, nextCursor } = await fetchPage(this.api, officientPeopleListing, cursor);
    const details = await mapBounded(records, DETAIL_CONCURRENCY, (record) => this.detail(record));
    const today = utcToday();
    const page = mapRecords(
      records.map((record, i) => [record, details[i]] as const),
      ([record, detail]) => mapOfficientPerson(record, detail, today),
    );
    return { ...page, nextCursor };
  }

  async listAttributes(): Promise<AttributeOption[]> {
    const fields = (await fetchAll(this.api, customFieldsListing)) as OfficientCustomField[];
    const employeeFields = fields.filter((f) => f && typeof f === 'object' && rawId(f) !== null && (f.object_type ?? 'employee') === 'employee');
    return [...PERSON_ATTRIBUTES, ...employeeFields.map(toAttributeOption)];
  }

  /** One Officient account is one company; people carry no legal entity of a group. */
  async listLegalEntities(): Promise<LegalEntityOption[]> {
    return [];
  }

  /** Not offered: the weekly schedule (full/part time) is not read (NOTES.md). */
  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return [];
  }

  /**
   * The detail of one listed person: its `data`, or a sentence why it cannot be read (the record is
   * then reported invalid, the page goes on). Throttling, outages and refused tokens still fail the page.
   */
  private async detail(record: unknown): Promise<unknown> {
    const id = rawId(record);
    if (id === null) return undefined; // the mapping reports the record without an id
    const res = await this.api.send(`/people/${encodeURIComponent(id)}/detail`);
    if (res.status === 400 || res.status === 404) return `person detail not readable: ${this.api.errorMessage(res)}`;
    throwUnlessOk(this.api, res, `the detail of person ${id}`);
    return (res.body as { data?: unknown } | null)?.data;
  }
}

/** GET /custom_fields/list: one answer { data: [...] } (no paging published). */
const customFieldsListing: Pagination = {
  request: () => ({ path: '/custom_fields/list' }),
  read(res, _cursor, api) {
    throwUnlessOk(api, res, 'the custom fields');
    return { records: recordsOfPage((res.body as { data?: unknown } | null)?.data, api, res.status, 'the custom fields'), nextCursor: null };
  },
};
