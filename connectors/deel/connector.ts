// Deel connector on the REST API v2 (https://api.letsdeel.com/rest/v2), authenticated with a bearer
// API token. People are read from GET /people with offset paging (limit ≤ 200, offset) in the
// envelope { data, page: { total_rows, items_per_page, offset } }. Deel lists inactive people only
// when asked for, so a complete listing is three passes, one per hiring status (onboarding, active,
// inactive: hiring_statuses[]=…), each read to its last page; the cursor names the pass and the
// offset. Custom fields: definitions from GET /people/custom_fields (read once per connector), values
// per person from GET /people/{id}/custom_fields, one request per listed person and only where the
// organization has custom fields (Deel lists no values in bulk). Legal entities come from GET /legal-entities. Deel has no change filter that could be
// verified, so there is no change listing: every sync is a complete listing (see NOTES.md); changes are
// pushed through a webhook subscription instead (push.ts).
import { fetchAll, fetchPage, mapRecords, offsetLimit, singlePage, utcToday, type HrApi, type Pagination } from '../kit';
import type { HrPushSubscriptions } from '../push';
import type { AttributeOption, AttributeValue, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { customValueOf, DEEL_HIRING_STATUSES, mapDeelPerson, PERSON_ATTRIBUTES, toAttributeOption, type DeelCustomField, type DeelHiringStatus } from './mapping';

/** Deel's largest page (limit ≤ 200); asked for on every listing. */
export const DEEL_MAX_LIMIT = 200;

interface Envelope {
  data?: unknown;
  page?: { total_rows?: unknown; items_per_page?: unknown; offset?: unknown } | null;
}

const count = (value: unknown): number | undefined => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined);

/** Where a complete listing is: which hiring status it reads, at which offset. */
export interface DeelCursor {
  status: DeelHiringStatus;
  offset: number;
}

export function readDeelCursor(cursor: string | null): DeelCursor {
  if (cursor === null || cursor === '') return { status: DEEL_HIRING_STATUSES[0], offset: 0 };
  const match = /^([a-z]+):(\d+)$/.exec(cursor);
  const status = DEEL_HIRING_STATUSES.find((s) => s === match?.[1]);
  if (!match || !status) throw new Error(`Not a Deel listing cursor: "${cursor}"`);
  return { status, offset: Number(match[2]) };
}

export const deelCursor = (c: DeelCursor): string => `${c.status}:${c.offset}`;

/**
 * One pass of the people list: the people of one hiring status, `limit`/`offset`, ended by
 * `page.total_rows` (or, without it, by a short or empty page). An answer whose `page.offset` is not
 * the offset asked for, or that lists someone of another hiring status (the filter was not applied),
 * is refused: reading it would shift or mix up the listing.
 */
export function deelPeoplePass(status: DeelHiringStatus): Pagination {
  const what = `the people list (${status})`;
  const paging = offsetLimit({
    path: '/people',
    query: { 'hiring_statuses[]': status },
    limit: DEEL_MAX_LIMIT,
    maxLimit: DEEL_MAX_LIMIT,
    what,
    records: (body: Envelope | null) => body?.data,
    totals: (body: Envelope | null) => ({ totalElements: count(body?.page?.total_rows), echoedLimit: count(body?.page?.items_per_page) }),
  });
  return {
    request: paging.request,
    read(res, cursor, api) {
      const offset = (res.body as Envelope | null)?.page?.offset;
      if (offset !== undefined && offset !== null && count(offset) !== Number(cursor ?? 0)) throw api.unexpected(what, res.status);
      const page = paging.read(res, cursor, api);
      const other = page.records.some((r) => {
        const s = (r as { hiring_status?: unknown } | null)?.hiring_status;
        return typeof s === 'string' && s !== status && (DEEL_HIRING_STATUSES as readonly string[]).includes(s);
      });
      if (other) throw api.unexpected(`${what} (people of another hiring status were listed)`, res.status);
      return page;
    },
  };
}

const none = new Map<string, AttributeValue>();

export class DeelConnector implements HrConnector {
  private customFields: Promise<DeelCustomField[]> | null = null;

  /** `api` is based at …/rest/v2; `pushSubscriptions` manages the webhook (push.ts). */
  constructor(
    private readonly api: HrApi,
    readonly pushSubscriptions?: HrPushSubscriptions,
  ) {}

  async checkCredentials(): Promise<void> {
    await this.api.json({ path: '/people', query: { limit: 1 } });
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    const at = readDeelCursor(cursor);
    const { records, nextCursor } = await fetchPage(this.api, deelPeoplePass(at.status), String(at.offset));
    const values = (await this.fields()).length ? await this.valuesOf(records) : new Map<string, Map<string, AttributeValue>>();
    const today = utcToday();
    const page = mapRecords(records, (record) => {
      const id = (record as { id?: unknown } | null)?.id;
      return mapDeelPerson(record, today, (typeof id === 'string' ? values.get(id) : undefined) ?? none);
    });
    return { ...page, nextCursor: this.next(at.status, nextCursor) };
  }

  /** The next page of this pass, else the first page of the next hiring status, else the end. */
  private next(status: DeelHiringStatus, nextOffset: string | null): string | null {
    if (nextOffset !== null) return deelCursor({ status, offset: Number(nextOffset) });
    const following = DEEL_HIRING_STATUSES[DEEL_HIRING_STATUSES.indexOf(status) + 1];
    return following ? deelCursor({ status: following, offset: 0 }) : null;
  }

  async listAttributes(): Promise<AttributeOption[]> {
    // A re-sync of the attributes reads the definitions again (a field created since is offered).
    this.customFields = null;
    return [...PERSON_ATTRIBUTES, ...(await this.fields()).map(toAttributeOption)];
  }

  /** The organization's people custom field definitions (read once per connector; a failure is not kept). */
  private fields(): Promise<DeelCustomField[]> {
    this.customFields ??= fetchAll(this.api, singlePage({ path: '/people/custom_fields', what: 'the people custom fields', records: (body: Envelope | unknown[] | null) => (Array.isArray(body) ? body : body?.data) }))
      .then((all) => (all as DeelCustomField[]).filter((f) => f && typeof f.id === 'string' && f.id !== ''))
      .catch((err: unknown) => {
        this.customFields = null;
        throw err;
      });
    return this.customFields;
  }

  /**
   * person id → custom field id → value, for the page's people, one request each and one at a time
   * (Deel allows 5 requests a second for the whole organization). An unreadable answer fails the page.
   */
  private async valuesOf(records: unknown[]): Promise<Map<string, Map<string, AttributeValue>>> {
    const byPerson = new Map<string, Map<string, AttributeValue>>();
    for (const record of records) {
      const id = (record as { id?: unknown } | null)?.id;
      if (typeof id !== 'string' || id === '') continue;
      const what = `the custom fields of person ${id}`;
      const res = await this.api.send(`/people/${encodeURIComponent(id)}/custom_fields`);
      const body = res.body as Envelope | unknown[] | null;
      const entries = Array.isArray(body) ? body : body?.data;
      if (!Array.isArray(entries)) throw this.api.unexpected(what, res.status);
      const values = new Map<string, AttributeValue>();
      for (const entry of entries) {
        const row = entry as { id?: unknown; data?: unknown } | null;
        if (row && typeof row.id === 'string') values.set(row.id, customValueOf(row.data));
      }
      byPerson.set(id, values);
    }
    return byPerson;
  }

  async listLegalEntities(): Promise<LegalEntityOption[]> {
    const entities = await fetchAll(this.api, singlePage({ path: '/legal-entities', what: 'the legal entities', records: (body: Envelope | null) => body?.data }));
    const out: LegalEntityOption[] = [];
    for (const e of entities) {
      const row = e as { id?: unknown; name?: unknown } | null;
      if (!row || typeof row.id !== 'string' || row.id.trim() === '') continue;
      out.push({ id: row.id, name: typeof row.name === 'string' && row.name.trim() !== '' ? row.name.trim() : row.id });
    }
    return out;
  }

  /** hiring_type as the connector reads it: only contractors are told apart. */
  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return ['CONTRACTOR'];
  }
}
