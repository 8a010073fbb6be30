// Rippling connector on the REST API (https://rest.ripplingapis.com), authenticated with a bearer
// API token (or a partner's OAuth access token). Workers come from GET /workers/ with
// expand=user,legal_entity,employment_type,department,custom_fields, paged by the answer's
// `next_link`. Whether the plain list includes terminated workers is not documented, so a complete
// listing is two passes: the plain list (terminated workers dropped), then
// filter=status eq 'TERMINATED' (only terminated workers kept): leavers never vanish and nobody
// comes twice, even if a filter were ignored. The change listing is filter=updated_at gt <since>,
// re-checked on each record. Legal entities from GET /legal-entities/, custom field definitions from
// GET /custom-fields/, employment types from GET /employment-types/. See NOTES.md.
import { CredentialsRejectedError } from '../errors';
import { fetchAll, fetchPage, mapRecords, utcToday, type HrApi, type Page, type Pagination, type Query } from '../kit';
import type { AttributeOption, EmployeePage, EmploymentType, HrConnector, LegalEntityOption, RemoteEmployee } from '../types';
import { employmentTypeOf, mapRipplingWorker, TERMINATED, toAttributeOption, WORKER_ATTRIBUTES, workerStatusOf, type RipplingCustomField } from './mapping';

export const WORKERS_PATH = '/workers/';
/** Everything the mapping reads; Rippling allows up to 10 expansions. */
export const WORKER_EXPAND = 'user,legal_entity,employment_type,department,custom_fields';
export const TERMINATED_FILTER = `status eq '${TERMINATED}'`;

/** The sentence a 403 refusal carries (definition.ts), so optional reads can tell it apart. */
export const FORBIDDEN_HINT = 'the API token lacks a scope or API tier this read needs';

type Pass = 'listed' | 'terminated' | 'changed';

/** Cursor: "<pass>" (its first page) or "<pass> <next_link>". */
export function readRipplingCursor(cursor: string | null, first: Pass): { pass: Pass; link: string | null } {
  if (cursor === null) return { pass: first, link: null };
  const match = /^(listed|terminated|changed)(?: (\S+))?$/.exec(cursor);
  if (!match) throw new Error(`Not a Rippling listing cursor: "${cursor}"`);
  return { pass: match[1] as Pass, link: match[2] ?? null };
}

interface ListBody {
  results?: unknown;
  next_link?: unknown;
}

/**
 * Rippling's list paging: records in `results`, the next page at `next_link` (absolute, or relative
 * to the host). The link must stay on the API's host and path; the query the connector asked for
 * (expand, filter) is put back should the link lack it, so page 2 never reads less than page 1.
 */
export function nextLinkPaging(api: HrApi, path: string, query: Record<string, string>, what: string): Pagination {
  const base = new URL(`${api.baseUrl}/`);
  const allowed = new URL(`${api.baseUrl}${path}`).pathname.replace(/\/+$/, '');
  const checked = (link: string): string => {
    let url: URL;
    try {
      url = new URL(link, base);
    } catch {
      throw api.unexpected(`${what} with an unreadable next_link`, null);
    }
    if (url.origin !== base.origin || url.pathname.replace(/\/+$/, '') !== allowed) throw api.unexpected(`${what} with a next_link outside ${allowed}`, null);
    for (const [key, value] of Object.entries(query)) if (!url.searchParams.has(key)) url.searchParams.set(key, value);
    return url.toString();
  };
  return {
    request: (cursor) => (cursor === null ? { path, query } : { path: checked(cursor) }),
    read(res, _cursor, reader) {
      const body = res.body as ListBody | null;
      if (!Array.isArray(body?.results)) throw reader.unexpected(what, res.status);
      const link = body.next_link;
      if (link !== undefined && link !== null && typeof link !== 'string') throw reader.unexpected(`${what} (next_link)`, res.status);
      return { records: body.results, nextCursor: typeof link === 'string' && link.trim() !== '' ? checked(link.trim()) : null };
    },
  };
}

export class RipplingConnector implements HrConnector {
  private customFields: Promise<RipplingCustomField[]> | null = null;

  constructor(private readonly api: HrApi) {}

  /** One worker read proves the token and its workers.read scope. */
  async checkCredentials(): Promise<void> {
    // No `limit`: the spec lists none for /workers/ (the default page is read).
    const res = await this.api.send({ path: WORKERS_PATH });
    if (!Array.isArray((res.body as ListBody | null)?.results)) throw this.api.unexpected('the worker list', res.status);
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    return this.mapped(await this.listingPage(cursor, 'listed'));
  }

  /** Workers Rippling reports as updated after `since` (never used for removals). */
  async fetchChangedEmployeePage(since: Date, cursor: string | null): Promise<EmployeePage> {
    return this.mapped(await this.listingPage(cursor, 'changed', since));
  }

  /** The base worker fields and every custom field definition, read again each time. */
  async listAttributes(): Promise<AttributeOption[]> {
    this.customFields = null;
    return [...WORKER_ATTRIBUTES, ...(await this.fields(true)).map(toAttributeOption)];
  }

  /** GET /legal-entities/ (API Tier 2); without access, the entities the workers carry. */
  async listLegalEntities(): Promise<LegalEntityOption[]> {
    try {
      const all = await fetchAll(this.api, nextLinkPaging(this.api, '/legal-entities/', {}, 'the legal entities'));
      return all.flatMap((e) => {
        const row = e as { id?: unknown; legal_name?: unknown } | null;
        if (!row || typeof row.id !== 'string' || row.id.trim() === '') return [];
        return [{ id: row.id, name: typeof row.legal_name === 'string' && row.legal_name.trim() !== '' ? row.legal_name.trim() : row.id }];
      });
    } catch (err) {
      if (!(err instanceof CredentialsRejectedError && err.message.includes(FORBIDDEN_HINT))) throw err;
    }
    const seen = new Map<string, string>();
    await this.eachWorker((e) => e.legalEntity && seen.set(e.legalEntity.id, e.legalEntity.name));
    return [...seen].map(([id, name]) => ({ id, name }));
  }

  /** The employment types the company defined, as the mapping reads them. */
  async listEmploymentTypes(): Promise<EmploymentType[]> {
    const all = await fetchAll(this.api, nextLinkPaging(this.api, '/employment-types/', {}, 'the employment types'));
    const types = new Set<EmploymentType>();
    for (const t of all) {
      const type = employmentTypeOf(t && typeof t === 'object' ? (t as Record<string, unknown>) : null);
      if (type) types.add(type);
    }
    return [...types];
  }

  private async mapped(page: Page): Promise<EmployeePage> {
    const fields = await this.fields(false);
    const today = utcToday();
    return { ...mapRecords(page.records, (r) => mapRipplingWorker(r, today, fields)), nextCursor: page.nextCursor };
  }

  /**
   * The custom field definitions (read once per connector). For a listing (`strict` false) a token
   * without custom-fields.read gets none: values keyed by field id are still read.
   */
  private fields(strict: boolean): Promise<RipplingCustomField[]> {
    this.customFields ??= fetchAll(this.api, nextLinkPaging(this.api, '/custom-fields/', {}, 'the custom fields'))
      .then((all) => (all as RipplingCustomField[]).filter((f) => f && typeof f.id === 'string' && f.id !== ''))
      .catch((err: unknown) => {
        this.customFields = null;
        if (!strict && err instanceof CredentialsRejectedError && err.message.includes(FORBIDDEN_HINT)) return [];
        throw err;
      });
    return this.customFields;
  }

  /** One page of a pass; the plain pass drops terminated workers, the terminated pass keeps only them. */
  private async listingPage(cursor: string | null, first: Pass, since?: Date): Promise<Page> {
    const { pass, link } = readRipplingCursor(cursor, first);
    if ((pass === 'changed') !== (first === 'changed')) throw new Error(`Not a cursor of this listing: "${cursor}"`);
    const query: Query & Record<string, string> = { expand: WORKER_EXPAND };
    if (pass === 'terminated') query.filter = TERMINATED_FILTER;
    if (pass === 'changed') query.filter = `updated_at gt ${since!.toISOString()}`;
    const page = await fetchPage(this.api, nextLinkPaging(this.api, WORKERS_PATH, query, 'the worker list'), link);
    const records = page.records.filter((r) => {
      const status = workerStatusOf(r);
      if (pass === 'listed') return status !== TERMINATED;
      if (pass === 'terminated') return status === undefined || status === TERMINATED;
      return changedSince(r, since!);
    });
    if (page.nextCursor !== null) return { records, nextCursor: `${pass} ${page.nextCursor}` };
    return { records, nextCursor: pass === 'listed' ? 'terminated' : null };
  }

  private async eachWorker(visit: (e: RemoteEmployee) => unknown): Promise<void> {
    let cursor: string | null = null;
    const seen = new Set<string>();
    do {
      const page: EmployeePage = await this.fetchEmployeePage(cursor);
      page.employees.forEach(visit);
      cursor = page.nextCursor;
      if (cursor !== null && seen.has(cursor)) throw this.api.unexpected('the worker list with a repeated page link');
      if (cursor !== null) seen.add(cursor);
    } while (cursor !== null);
  }
}

/** A record of the change listing, re-checked: kept unless its updated_at is readable and not after `since`. */
function changedSince(record: unknown, since: Date): boolean {
  const at = Date.parse(String((record as { updated_at?: unknown } | null)?.updated_at ?? ''));
  return Number.isNaN(at) || at > since.getTime();
}
