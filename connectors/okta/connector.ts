// Okta connector on the Management API (https://<org>/api/v1), authenticated with an SSWS API token.
// A plain GET /api/v1/users lists every user except DEPROVISIONED ones, so a complete listing is two
// passes, each paged by Okta's `Link: <…?after=…>; rel="next"` header (limit 200, Okta's largest
// page): the plain list, then `filter=status eq "DEPROVISIONED"`, so leavers never vanish. The change
// listing is one pass of `filter=lastUpdated gt "<since>"` (a filter returns DEPROVISIONED users too).
// The cursor names the pass and Okta's next link (which must stay on the org's host). See NOTES.md.
import { CredentialsRejectedError } from '../errors';
import { fetchPage, linkHeader, mapRecords, utcToday, type HrApi, type Page, type Pagination, type Query } from '../kit';
import type { AttributeOption, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { mapOktaUser, profileKey, schemaAttributeNames, schemaAttributes, statusOfRecord, USER_ATTRIBUTES } from './mapping';

/** Okta's largest page for /api/v1/users. */
export const OKTA_MAX_LIMIT = 200;
export const USERS_PATH = '/api/v1/users';
export const USER_SCHEMA_PATH = '/api/v1/meta/schemas/user/default';

export interface OktaSettings {
  hireDateField?: string;
  leavingDateField?: string;
}

/**
 * The passes of a listing: everyone Okta lists plainly, then the deprovisioned users (a complete
 * listing); or the users a lastUpdated filter finds, every status included (the change listing).
 */
type Pass = 'listed' | 'deprovisioned' | 'changed';

/** Cursor: "<pass> <next link>"; a pass alone starts it at its first page. */
export function readCursor(cursor: string | null, first: Pass = 'listed'): { pass: Pass; link: string | null } {
  if (cursor === null) return { pass: first, link: null };
  const match = /^(listed|deprovisioned|changed)(?: (\S+))?$/.exec(cursor);
  if (!match) throw new Error(`Not an Okta listing cursor: "${cursor}"`);
  return { pass: match[1] as Pass, link: match[2] ?? null };
}

/** The sentence every 403 refusal carries (definition.ts): the token's admin may not read this. */
export const FORBIDDEN_HINT = "the API token acts with its creator's admin rights";

const DEPROVISIONED = 'DEPROVISIONED';

export class OktaConnector implements HrConnector {
  constructor(
    private readonly api: HrApi,
    private readonly settings: OktaSettings = {},
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** One user read proves the token and its admin's read access; configured date fields must exist. */
  async checkCredentials(): Promise<void> {
    await this.api.json({ path: USERS_PATH, query: { limit: 1 } });
    const configured = [this.settings.hireDateField, this.settings.leavingDateField].filter((f): f is string => !!f);
    if (configured.length === 0) return;
    const schema = await this.userSchema();
    // Without access to the schema (it needs more than read-only admin rights) the fields cannot be checked here.
    if (schema === null) return;
    const known = schemaAttributeNames(schema);
    const missing = configured.filter((f) => !known.has(f));
    if (missing.length) throw this.api.refused(`has no profile attribute ${missing.join(', ')} in the user schema (Directory › Profile Editor; give the variable name)`);
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    return this.mappedPage(await this.listingPage(cursor));
  }

  /** Users Okta reports as updated after `since` (deprovisioned ones too), paged to the end. */
  async fetchChangedEmployeePage(since: Date, cursor: string | null): Promise<EmployeePage> {
    return this.mappedPage(await this.listingPage(cursor, `lastUpdated gt "${since.toISOString()}"`));
  }

  /**
   * Re-reads the user schema every time, so a custom attribute created since can be picked at once.
   * A token whose admin may not read the schema gets the base attributes and every profile attribute
   * seen on the first page of users instead.
   */
  async listAttributes(): Promise<AttributeOption[]> {
    const schema = await this.userSchema();
    if (schema !== null) return [...USER_ATTRIBUTES, ...schemaAttributes(schema)];
    const base = schemaAttributes(null);
    const known = new Set(base.map((a) => a.key));
    const seen = new Set<string>();
    for (const record of (await this.listingPage(null)).records) {
      const profile = (record as { profile?: unknown } | null)?.profile;
      if (profile && typeof profile === 'object') for (const name of Object.keys(profile)) if (!known.has(profileKey(name))) seen.add(name);
    }
    return [...USER_ATTRIBUTES, ...base, ...[...seen].sort().map((name): AttributeOption => ({ key: profileKey(name), label: name, type: 'string', custom: true }))];
  }

  /** Okta has no company object: the distinct `organization` profile values of all users. */
  async listLegalEntities(): Promise<LegalEntityOption[]> {
    const names = await this.distinct((record) => {
      const mapped = mapOktaUser(record, { today: '' });
      return mapped.ok ? (mapped.employee.legalEntity?.name ?? null) : null;
    });
    return names.map((name) => ({ id: name, name }));
  }

  /** The employment types the users' userType labels read as. */
  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return this.distinct((record) => {
      const mapped = mapOktaUser(record, { today: '' });
      return mapped.ok ? (mapped.employee.employmentType ?? null) : null;
    });
  }

  private mappedPage(page: Page): EmployeePage {
    const settings = { today: utcToday(this.now()), hireDateField: this.settings.hireDateField, leavingDateField: this.settings.leavingDateField };
    return { ...mapRecords(page.records, (raw) => mapOktaUser(raw, settings)), nextCursor: page.nextCursor };
  }

  /** The user schema, or null when the token's admin may not read it (403). */
  private async userSchema(): Promise<unknown> {
    try {
      return await this.api.json(USER_SCHEMA_PATH);
    } catch (err) {
      if (err instanceof CredentialsRejectedError && err.message.includes(FORBIDDEN_HINT)) return null;
      throw err;
    }
  }

  /**
   * One page of a listing: the two passes of a complete one, or the one pass of a change listing
   * (`changedFilter`). The first pass drops DEPROVISIONED users (should Okta list them there, the
   * second pass lists them) and the second keeps only them, so nobody comes twice.
   */
  private async listingPage(cursor: string | null, changedFilter?: string): Promise<Page> {
    const { pass, link } = readCursor(cursor, changedFilter === undefined ? 'listed' : 'changed');
    if ((pass === 'changed') !== (changedFilter !== undefined)) throw new Error(`Not a cursor of this listing: "${cursor}"`);
    const query: Query = pass === 'listed' ? {} : pass === 'deprovisioned' ? { filter: `status eq "${DEPROVISIONED}"` } : { filter: changedFilter };
    const page = await fetchPage(this.api, this.users(query), link);
    const records = page.records.filter((r) => {
      const status = statusOfRecord(r);
      if (pass === 'listed') return status !== DEPROVISIONED;
      return pass === 'changed' || status === undefined || status === DEPROVISIONED;
    });
    if (page.nextCursor !== null) return { records, nextCursor: `${pass} ${page.nextCursor}` };
    return { records, nextCursor: pass === 'listed' ? 'deprovisioned' : null };
  }

  /** GET /api/v1/users with Link-header paging; the next link must point back at the org. */
  private users(query: Query): Pagination {
    return linkHeader({
      path: USERS_PATH,
      query: { limit: OKTA_MAX_LIMIT, ...query },
      trustedPrefix: `${this.api.baseUrl}${USERS_PATH}?`,
      what: 'the user list',
      // Okta answers a bare array; anything else fails the page (never read as an empty listing).
      records: (body: unknown) => body,
    });
  }

  /** Walks every user (both passes) reading one value; sorted distinct non-empty results. */
  private async distinct<T extends string>(pick: (record: unknown) => T | null): Promise<T[]> {
    const found = new Set<T>();
    let cursor: string | null = null;
    const seen = new Set<string>();
    do {
      const page: Page = await this.listingPage(cursor);
      for (const record of page.records) {
        const value = pick(record);
        if (value) found.add(value);
      }
      cursor = page.nextCursor;
      if (cursor !== null && seen.has(cursor)) throw this.api.unexpected('the user list with a repeated page link');
      if (cursor !== null) seen.add(cursor);
    } while (cursor !== null);
    return [...found].sort((a, b) => a.localeCompare(b));
  }
}
