// Humaans connector on the public REST API (https://app.humaans.io/api), authenticated with a bearer
// access token. People are read with offset paging ($limit ≤ 250, $skip) from GET /people, which
// lists everyone the token may see: active people, new hires and offboarded people (the token needs
// private:read for the last two). Answers come in the envelope { total, limit, skip, data }; see
// NOTES.md for what of that is verified. Custom field values come from GET /custom-values, read once
// per connector (one sync) and joined to the people by personId. Humaans has no change filter, so
// there is no change listing: every sync is a complete listing.
import { fetchAll, fetchPage, mapRecords, offsetFromCursor, offsetLimit, utcToday, type HrApi, type Pagination } from '../kit';
import type { AttributeOption, AttributeValue, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { customValueOf, mapHumaansPerson, PERSON_ATTRIBUTES, toAttributeOption, type HumaansCustomField, type HumaansCustomValue } from './mapping';

/** Humaans' largest page ($limit); asked for on every listing. */
export const HUMAANS_MAX_LIMIT = 250;

interface Envelope {
  total?: unknown;
  limit?: unknown;
  skip?: unknown;
  data?: unknown;
}

const count = (value: unknown): number | undefined => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined);

/**
 * A Humaans listing: `$limit`/`$skip`, records in `data`, ended by `total` (or, without one, by a
 * short or empty page). An answer whose `skip` is not the offset asked for is refused: reading it
 * would shift every later page.
 */
export function humaansListing(path: string, what: string): Pagination {
  const paging = offsetLimit({
    path,
    limit: HUMAANS_MAX_LIMIT,
    maxLimit: HUMAANS_MAX_LIMIT,
    limitParam: '$limit',
    offsetParam: '$skip',
    what,
    // A bare array (an unpaginated service) is read too; anything else fails the page.
    records: (body: Envelope | unknown[] | null) => (Array.isArray(body) ? body : body?.data),
    totals: (body: Envelope | unknown[] | null) => (Array.isArray(body) || !body ? {} : { totalElements: count(body.total), echoedLimit: count(body.limit) }),
  });
  return {
    request: paging.request,
    read(res, cursor, api) {
      const skip = (res.body as Envelope | null)?.skip;
      if (skip !== undefined && !Array.isArray(res.body) && count(skip) !== offsetFromCursor(cursor)) throw api.unexpected(what, res.status);
      return paging.read(res, cursor, api);
    },
  };
}

export class HumaansConnector implements HrConnector {
  private customFields: Promise<HumaansCustomField[]> | null = null;
  private customValues: Promise<Map<string, Map<string, AttributeValue>>> | null = null;

  /** `api` is based at …/api. */
  constructor(private readonly api: HrApi) {}

  async checkCredentials(): Promise<void> {
    await this.api.json({ path: '/people', query: { $limit: 1 } });
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    const { records, nextCursor } = await fetchPage(this.api, humaansListing('/people', 'the people list'), cursor);
    const values = records.length ? await this.valuesByPerson() : new Map<string, Map<string, AttributeValue>>();
    const today = utcToday();
    const none = new Map<string, AttributeValue>();
    const page = mapRecords(records, (record) => {
      const id = (record as { id?: unknown } | null)?.id;
      return mapHumaansPerson(record, (typeof id === 'string' ? values.get(id) : undefined) ?? none, today);
    });
    return { ...page, nextCursor };
  }

  async listAttributes(): Promise<AttributeOption[]> {
    // A re-sync of the attributes reads the custom fields again (a field created since is offered).
    this.customFields = null;
    return [...PERSON_ATTRIBUTES, ...(await this.fields()).map(toAttributeOption)];
  }

  /** One Humaans account is one company; people carry no legal entity of a group. */
  async listLegalEntities(): Promise<LegalEntityOption[]> {
    return [];
  }

  /** contractType labels as the connector reads them (the account's list of types is not read). */
  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return ['FULL_TIME', 'PART_TIME', 'CONTRACTOR', 'INTERN', 'OTHER'];
  }

  private fields(): Promise<HumaansCustomField[]> {
    this.customFields ??= this.cached(async () => {
      const all = (await fetchAll(this.api, humaansListing('/custom-fields', 'the custom fields'))) as HumaansCustomField[];
      return all.filter((f) => f && typeof f.id === 'string');
    }, () => (this.customFields = null));
    return this.customFields;
  }

  /** personId → custom field id → value, for every person (read once per connector). */
  private valuesByPerson(): Promise<Map<string, Map<string, AttributeValue>>> {
    this.customValues ??= this.cached(async () => {
      const byPerson = new Map<string, Map<string, AttributeValue>>();
      if ((await this.fields()).length === 0) return byPerson;
      const values = (await fetchAll(this.api, humaansListing('/custom-values', 'the custom values'))) as HumaansCustomValue[];
      for (const v of values) {
        if (!v || typeof v.personId !== 'string' || typeof v.customFieldId !== 'string') continue;
        if (!byPerson.has(v.personId)) byPerson.set(v.personId, new Map());
        byPerson.get(v.personId)!.set(v.customFieldId, customValueOf(v.value));
      }
      return byPerson;
    }, () => (this.customValues = null));
    return this.customValues;
  }

  /** A read shared by the connector's callers; a failure is not kept (the next call reads again). */
  private cached<T>(read: () => Promise<T>, forget: () => void): Promise<T> {
    return read().catch((err: unknown) => {
      forget();
      throw err;
    });
  }
}
