// Visma Raet Youforce connector on the IAM API of HR Core Beaufort (https://api.youforce.com), with
// a Visma Connect client-credentials token for one tenant (definition.ts, shared-tokens.ts). A complete
// listing pages GET /iam/v1.0/persons (value[] + nextLink); every employment (GET
// /iam/v1.0/employments, dischargeDate 9999-12-31 = open-ended) and person extension (customer
// fields, values[]) is read once per listing and joined by personCode. Youforce keeps discharged
// people only 90 days: they then vanish, which only a complete listing may read as a removal.
// The IAM API's from/to filter exists per entity, but a discharge changes the employment, not the
// person, and a person cannot be read alone: every sync is a complete listing. See NOTES.md.
import { HrSystemResponseError } from '../errors';
import type { HttpResponse } from '../http';
import { mapRecords, utcToday, type ApiRequest, type HrApi, type Pagination } from '../kit';
import type { AttributeOption, AttributeValue, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { employmentPersonKey, mapYouforcePerson, PERSON_ATTRIBUTES, readExtension, type Row } from './mapping';

export const PERSONS_PATH = '/iam/v1.0/persons';
export const EMPLOYMENTS_PATH = '/iam/v1.0/employments';
export const PERSON_EXTENSIONS_PATH = '/extensions/v1.0/iam/persons';
/** Records asked per page (what the IAM API's own consumers ask). */
export const YOUFORCE_TAKE = 1000;
const SIDE_DATA_TTL_MS = 10 * 60_000;

/**
 * One IAM listing: records in `value` (extensions: `values`), the next page in `nextLink`. Only the
 * link's query (skip/take or a bookmark) is used, always on this listing's own path, so the
 * credentials never follow a link elsewhere; a link naming another path fails the page.
 */
export function youforceListing(path: string, what: string): Pagination {
  return {
    request: (cursor) => (cursor === null ? { path, query: { take: YOUFORCE_TAKE } } : { path: `${path}?${cursor}` }),
    read(res, _cursor, api) {
      const body = res.body as { value?: unknown; values?: unknown; nextLink?: unknown } | null;
      const records = Array.isArray(body?.values) ? body.values : body?.value;
      if (!Array.isArray(records)) throw api.unexpected(what, res.status);
      const link = body?.nextLink;
      if (link === undefined || link === null || link === '') return { records, nextCursor: null };
      if (typeof link !== 'string') throw api.unexpected(what, res.status);
      const [linkPath, query = ''] = link.split('?', 2);
      if (!new URL(linkPath, 'https://x.invalid').pathname.toLowerCase().endsWith(path.toLowerCase()) || query === '') throw api.unexpected(`${what} with a next-page link to another listing`, res.status);
      return { records, nextCursor: query };
    },
  };
}

interface SideData {
  employments: Map<string, Row[]>;
  extensions: Map<string, Map<string, AttributeValue>>;
  extensionLabels: Map<string, string>;
}

export class YouforceConnector implements HrConnector {
  private side: { at: number; value: Promise<SideData> } | null = null;
  private readonly persons = youforceListing(PERSONS_PATH, 'the person list');

  constructor(
    private readonly api: HrApi,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * One person read with a token for exactly these credentials (issued now, or within the hour by
   * Visma Connect for the same client, tenant and secret: Youforce allows 400 token requests a month).
   */
  async checkCredentials(): Promise<void> {
    const request = { path: PERSONS_PATH, query: { take: 1 } };
    this.expectOk(await this.api.send(request), request);
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    const request = this.persons.request(cursor, this.api);
    const res = this.expectOk(await this.api.send(request), request);
    const { records, nextCursor } = this.persons.read(res, cursor, this.api);
    const side = await this.sideData();
    const today = utcToday(this.now());
    return {
      ...mapRecords(records, (record) => {
        const code = (record as { personCode?: unknown } | null)?.personCode;
        const key = typeof code === 'string' || typeof code === 'number' ? String(code) : '';
        return mapYouforcePerson(record, side.employments.get(key) ?? [], side.extensions.get(key), today);
      }),
      nextCursor,
    };
  }

  /** Person fields, the counting employment's fields, and every person extension seen (read afresh). */
  async listAttributes(): Promise<AttributeOption[]> {
    this.side = null;
    const { extensionLabels } = await this.sideData();
    return [...PERSON_ATTRIBUTES, ...[...extensionLabels].map(([key, label]): AttributeOption => ({ key, label, type: 'string', custom: true }))];
  }

  /** HR Core Beaufort's IAM API names no legal entity (payroll client and company codes are attributes). */
  async listLegalEntities(): Promise<LegalEntityOption[]> {
    return [];
  }

  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return ['FULL_TIME', 'PART_TIME'];
  }

  private sideData(): Promise<SideData> {
    if (this.side && this.now().getTime() - this.side.at < SIDE_DATA_TTL_MS) return this.side.value;
    const value = (async (): Promise<SideData> => {
      const employments = new Map<string, Row[]>();
      for (const record of await this.readAll(EMPLOYMENTS_PATH, 'the employment list', false)) {
        const key = employmentPersonKey(record);
        if (key !== null) employments.set(key, [...(employments.get(key) ?? []), record as Row]);
      }
      const extensions = new Map<string, Map<string, AttributeValue>>();
      const extensionLabels = new Map<string, string>();
      for (const record of await this.readAll(PERSON_EXTENSIONS_PATH, 'the person extensions', true)) {
        const entry = readExtension(record);
        if (!entry) continue;
        if (!extensions.has(entry.personCode)) extensions.set(entry.personCode, new Map());
        extensions.get(entry.personCode)!.set(entry.key, entry.value);
        extensionLabels.set(entry.key, entry.label);
      }
      return { employments, extensions, extensionLabels };
    })();
    this.side = { at: this.now().getTime(), value };
    value.catch(() => (this.side = null));
    return value;
  }

  /**
   * Every page of a side listing. Extensions need their own scope: a 403/404 there (not granted, or
   * no data authorization) means no custom fields, never a failure.
   */
  private async readAll(path: string, what: string, optional: boolean): Promise<unknown[]> {
    const listing = youforceListing(path, what);
    const records: unknown[] = [];
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const request = listing.request(cursor, this.api);
      const res = await this.api.send(request);
      if (optional && cursor === null && (res.status === 403 || res.status === 404)) return [];
      const page = listing.read(this.expectOk(res, request), cursor, this.api);
      records.push(...page.records);
      if (page.nextCursor !== null && seen.has(page.nextCursor)) throw this.api.unexpected(`${what} with a repeated next-page link`);
      if (page.nextCursor !== null) seen.add(page.nextCursor);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return records;
  }

  /** 200, else: 403 no API access (refused), anything else a failure with Youforce's reason; never an empty list. */
  private expectOk(res: HttpResponse, request: ApiRequest): HttpResponse {
    if (res.status === 200) return res;
    if (res.status === 403) throw this.api.refused(`refused access: ${this.api.errorMessage(res)} (the application needs the scope Youforce-IAM:Get_Basic for this tenant)`);
    const hint = res.status === 404 ? ' (Youforce answers 404 where the application has no data authorization)' : '';
    throw new HrSystemResponseError(`${this.api.hrSystemName} answered ${res.status} for ${request.path.split('?')[0]}${hint}: ${this.api.errorMessage(res)}`, this.api.hrSystemName, res.status);
  }
}
