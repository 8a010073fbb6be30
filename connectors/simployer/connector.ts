// Simployer (classic Simployer HR, not Simployer One = AlexisHR) on the Person API v1.0, with the
// X-ApiKey header. GET /v1/person answers every person in one JSON array; paging is not documented,
// so the answer is read as complete only when it shows no sign of more: a `Link: rel="next"` header
// is followed, and a total header (X-Total-Count) larger than what was served fails the listing
// instead of reading it as everyone (NOTES.md). No change filter is published: every sync is complete
// (Simployer's webhooks are not used; polling is the product's safety net anyway).
import { HrSystemResponseError } from '../errors';
import { fetchPage, mapRecords, nextFromLinkHeader, utcToday, type HrApi, type Pagination } from '../kit';
import type { AttributeOption, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { mapSimployerPerson, PERSON_ATTRIBUTES, unpublishedAttribute, unpublishedFields } from './mapping';

export const PERSON_PATH = '/v1/person';
const TOTAL_HEADERS = ['x-total-count', 'x-total', 'total-count'];

/** The person list: one array, or pages chained by a Link header; served counts checked against a total header. */
export function personListing(api: HrApi): Pagination {
  const what = 'the person list';
  return {
    request: (cursor) => {
      if (cursor === null) return { path: PERSON_PATH };
      const { url } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { url: string };
      if (!url.startsWith(`${api.baseUrl}/`)) throw api.unexpected(`${what} with a next-page link outside ${api.baseUrl}`, null);
      return { path: url };
    },
    read(res, cursor, readApi) {
      if (!Array.isArray(res.body)) throw readApi.unexpected(what, res.status);
      const records = res.body as unknown[];
      const before = cursor === null ? 0 : (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { served: number }).served;
      const served = before + records.length;
      const next = nextFromLinkHeader(res.headers.get('link'));
      if (next !== null) {
        const url = new URL(next, `${api.baseUrl}${PERSON_PATH}`).toString();
        if (!url.startsWith(`${api.baseUrl}/`)) throw readApi.unexpected(`${what} with a next-page link outside ${api.baseUrl}`, res.status);
        return { records, nextCursor: Buffer.from(JSON.stringify({ url, served })).toString('base64url') };
      }
      const total = TOTAL_HEADERS.map((h) => res.headers.get(h)).find((v) => v !== null && /^\d+$/.test(v));
      if (total !== undefined && Number(total) > served) {
        throw new HrSystemResponseError(`${api.hrSystemName} listed ${served} of ${total} persons without saying where the rest is; the listing is not read as complete`, api.hrSystemName, res.status);
      }
      return { records, nextCursor: null };
    },
  };
}

export class SimployerConnector implements HrConnector {
  private readonly persons: Pagination;

  constructor(
    private readonly api: HrApi,
    private readonly leavingDateField?: string,
  ) {
    this.persons = personListing(api);
  }

  async checkCredentials(): Promise<void> {
    await fetchPage(this.api, this.persons, null);
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    const { records, nextCursor } = await fetchPage(this.api, this.persons, cursor);
    const today = utcToday();
    return { ...mapRecords(records, (r) => mapSimployerPerson(r, today, this.leavingDateField)), nextCursor };
  }

  /** The published person fields plus any other field the persons carry (read from the first page). */
  async listAttributes(): Promise<AttributeOption[]> {
    const { records } = await fetchPage(this.api, this.persons, null);
    const extra = new Map<string, AttributeOption>();
    for (const record of records) for (const [key, value] of unpublishedFields(record)) if (!extra.has(key) || value !== null) extra.set(key, unpublishedAttribute(key, value));
    return [...PERSON_ATTRIBUTES, ...extra.values()];
  }

  /** Legal units exist in Simployer (webhook events) but no REST endpoint for them is published. */
  async listLegalEntities(): Promise<LegalEntityOption[]> {
    return [];
  }

  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return [];
  }
}
