// Lucca connector on the Lucca API (https://{tenant}.ilucca.net/lucca-api, Api-Version 2024-11-01),
// authenticated with an OAuth2 client-credentials token. Employees are read from GET /employees with
// every status asked for explicitly (active, upcoming, deactivated: without it former employees may
// be left out, see NOTES.md), 100 a page, with ?include=embedded,links,totalCount so each page
// carries the employees' applicable employments (start, end, legal entity, template) and the link to
// the next page. The next page is asked for with the `page` token of links.next.href and this
// connector's own filters (a next link that dropped the status filter would silently lose leavers);
// the last page's count is checked against totalCount. An employment missing from `embedded` is read
// on its own. Employment templates, extension definitions and extension values are read once per
// connector (one sync). No change listing: the Lucca API's change filter was not verified; changes
// are pushed through a webhook-endpoint instead (push.ts).
import { fetchAll, invalidRecord, mapRecords, utcToday, type HrApi, type Pagination } from '../kit';
import type { HrPushSubscriptions } from '../push';
import type { AttributeOption, AttributeValue, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { EMPLOYEE_ATTRIBUTES, employmentTypeOf, extensionValueOf, mapLuccaEmployee, refId, toAttributeOption, type LuccaEmployment, type LuccaEmploymentTemplate, type LuccaExtensionDefinition } from './mapping';

/** The Lucca API's largest page (limit, default 25). */
export const LUCCA_MAX_LIMIT = 100;
/** Every employee status: former (deactivated) employees are asked for explicitly. */
export const LUCCA_STATUSES = ['active', 'upcoming', 'deactivated'] as const;

interface Collection {
  items?: unknown;
  totalCount?: unknown;
  embedded?: { employment?: Record<string, LuccaEmployment> | null } | null;
  links?: { next?: { href?: unknown } | null } | null;
}

/** Cursor: how many records were read before this page, and Lucca's page token. */
function parseCursor(cursor: string | null): { seen: number; page: string | null } {
  if (cursor === null) return { seen: 0, page: null };
  const match = /^(\d+):(.+)$/s.exec(cursor);
  if (!match) throw new Error(`Not a Lucca listing cursor: "${cursor}"`);
  return { seen: Number(match[1]), page: match[2] };
}

/**
 * A Lucca API collection: `limit` and `page` (a continuation token), records in `items`. The listing
 * goes on while links.next names a next page (its `page` token is taken; the rest of the request is
 * this connector's own); it ends on links.next null, where a totalCount other than the records read
 * fails the listing (a page was skipped or repeated). Without `links` in the answer the listing
 * cannot be trusted to be complete and fails.
 */
export function luccaListing(path: string, what: string, query: Record<string, string | number> = {}): Pagination {
  return {
    request(cursor) {
      const { page } = parseCursor(cursor);
      return { path, query: { ...query, limit: LUCCA_MAX_LIMIT, include: 'embedded,links,totalCount', ...(page === null ? {} : { page }) } };
    },
    read(res, cursor, api) {
      const body = res.body as Collection | null;
      const records = body?.items;
      if (!Array.isArray(records)) throw api.unexpected(what, res.status);
      const { seen } = parseCursor(cursor);
      const read = seen + records.length;
      if (body?.links === undefined || body.links === null || typeof body.links !== 'object') throw api.unexpected(`${what} (without paging links)`, res.status);
      const href = body.links.next?.href;
      if (href === undefined || href === null || href === '') {
        const total = body.totalCount;
        if (typeof total === 'number' && total !== read) throw api.unexpected(`${what} (${read} read, totalCount ${total})`, res.status);
        return { records, nextCursor: null };
      }
      let page: string | null = null;
      try {
        page = typeof href === 'string' ? new URL(href, api.baseUrl).searchParams.get('page') : null;
      } catch {
        page = null;
      }
      if (!page) throw api.unexpected(`${what} (a next link without a page token)`, res.status);
      if (records.length === 0) throw api.unexpected(`${what} (an empty page announcing another)`, res.status);
      return { records, nextCursor: `${read}:${page}` };
    },
  };
}

export class LuccaConnector implements HrConnector {
  private readonly employees = luccaListing('/employees', 'the employee list', { status: LUCCA_STATUSES.join(',') });
  private templateCache: Promise<Map<string, LuccaEmploymentTemplate>> | null = null;
  private legalEntityCache: Promise<LegalEntityOption[]> | null = null;
  private definitionCache: Promise<LuccaExtensionDefinition[]> | null = null;
  private extensionCache: Promise<Map<string, Map<string, AttributeValue>>> | null = null;

  /** `api` is based at …/lucca-api; `pushSubscriptions` manages the webhook-endpoint (push.ts). */
  constructor(
    private readonly api: HrApi,
    readonly pushSubscriptions?: HrPushSubscriptions,
  ) {}

  async checkCredentials(): Promise<void> {
    await this.api.authenticate();
    await this.api.json({ path: '/employees', query: { limit: 1 } });
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    const res = await this.api.send(this.employees.request(cursor, this.api));
    const { records, nextCursor } = this.employees.read(res, cursor, this.api);
    const embedded = (res.body as Collection).embedded?.employment ?? {};
    const [templates, extensions, entities] = records.length ? await Promise.all([this.templates(), this.extensions(), this.legalEntities()]) : [new Map(), new Map(), []];
    const legalEntities = new Map(entities.map((e) => [e.id, e.name]));
    // Employments Lucca did not embed are read one by one (rare; each costs a request).
    const employments = new Map<unknown, LuccaEmployment | null>();
    for (const record of records) {
      const id = refId((record as { applicableEmployment?: unknown } | null)?.applicableEmployment);
      if (id === null) employments.set(record, null);
      else employments.set(record, embedded[id] ?? ((await this.api.json({ path: `/employments/${encodeURIComponent(id)}` })) as LuccaEmployment | null));
    }
    const today = utcToday();
    const none = new Map<string, AttributeValue>();
    const page = mapRecords(records, (record) => {
      const employment = employments.get(record) ?? null;
      if (employment !== null && (typeof employment !== 'object' || Array.isArray(employment))) return invalidRecord(refId(record), 'applicable employment has an unexpected shape');
      const id = refId(record);
      return mapLuccaEmployee(record, { employment, templates, legalEntities, extensions: (id !== null ? extensions.get(id) : undefined) ?? none, today });
    });
    return { ...page, nextCursor };
  }

  async listAttributes(): Promise<AttributeOption[]> {
    // A re-sync of the attributes reads the extension definitions again.
    this.definitionCache = null;
    const custom = (await this.definitions()).map(toAttributeOption).filter((o): o is AttributeOption => o !== null);
    return [...EMPLOYEE_ATTRIBUTES, ...custom];
  }

  async listLegalEntities(): Promise<LegalEntityOption[]> {
    this.legalEntityCache = null;
    return this.legalEntities();
  }

  /** GET /legal-entities (legalName), read once per connector. */
  private legalEntities(): Promise<LegalEntityOption[]> {
    this.legalEntityCache ??= this.cached(() => this.readLegalEntities(), () => (this.legalEntityCache = null));
    return this.legalEntityCache;
  }

  private async readLegalEntities(): Promise<LegalEntityOption[]> {
    const all = await fetchAll(this.api, luccaListing('/legal-entities', 'the legal entities'));
    const out: LegalEntityOption[] = [];
    for (const entity of all as Array<{ id?: unknown; legalName?: unknown; name?: unknown } | null>) {
      const id = refId(entity);
      if (id === null) continue;
      const name = typeof entity?.legalName === 'string' && entity.legalName ? entity.legalName : typeof entity?.name === 'string' && entity.name ? entity.name : id;
      out.push({ id, name });
    }
    return out;
  }

  /** The employment types the account's templates map to, plus OTHER. */
  async listEmploymentTypes(): Promise<EmploymentType[]> {
    const types = new Set<EmploymentType>();
    for (const template of (await this.templates()).values()) types.add(employmentTypeOf(template) ?? 'OTHER');
    types.add('OTHER');
    return [...types];
  }

  private templates(): Promise<Map<string, LuccaEmploymentTemplate>> {
    this.templateCache ??= this.cached(async () => {
      const all = (await fetchAll(this.api, luccaListing('/employment-templates', 'the employment templates'))) as LuccaEmploymentTemplate[];
      return new Map(all.map((t) => [refId(t), t] as const).filter((e): e is [string, LuccaEmploymentTemplate] => e[0] !== null));
    }, () => (this.templateCache = null));
    return this.templateCache;
  }

  private definitions(): Promise<LuccaExtensionDefinition[]> {
    this.definitionCache ??= this.cached(
      async () => ((await fetchAll(this.api, luccaListing('/employee-extension-definitions', 'the employee extension definitions'))) as LuccaExtensionDefinition[]).filter((d) => refId(d) !== null),
      () => (this.definitionCache = null),
    );
    return this.definitionCache;
  }

  /** employee id → definition id → value (several values of one definition joined), read once. */
  private extensions(): Promise<Map<string, Map<string, AttributeValue>>> {
    this.extensionCache ??= this.cached(async () => {
      const byEmployee = new Map<string, Map<string, AttributeValue>>();
      if ((await this.definitions()).length === 0) return byEmployee;
      const all = await fetchAll(this.api, luccaListing('/employee-extensions', 'the employee extensions'));
      for (const ext of all as Array<{ employee?: unknown; extensionDefinition?: unknown; value?: unknown } | null>) {
        const employeeId = refId(ext?.employee);
        const definitionId = refId(ext?.extensionDefinition);
        if (employeeId === null || definitionId === null) continue;
        if (!byEmployee.has(employeeId)) byEmployee.set(employeeId, new Map());
        const values = byEmployee.get(employeeId)!;
        const value = extensionValueOf(ext?.value);
        const before = values.get(definitionId);
        values.set(definitionId, before === undefined || before === null ? value : value === null ? before : `${before}, ${value}`);
      }
      return byEmployee;
    }, () => (this.extensionCache = null));
    return this.extensionCache;
  }

  /** A read shared by the connector's callers; a failure is not kept (the next call reads again). */
  private cached<T>(read: () => Promise<T>, forget: () => void): Promise<T> {
    return read().catch((err: unknown) => {
      forget();
      throw err;
    });
  }
}
