// Kallidus Sapling connector on the Sapling API (https://{subdomain}.saplingapp.io/api/v1/beta in the
// US, https://{subdomain}.kallidus-suite.com/hr/api/v1/beta in the UK) with the API key as a bearer
// token. Profiles come from GET /profiles in pages ({ users, current_page, total_pages }). Whether the
// list holds inactive people without being asked is not published, so a complete listing is one pass
// per published state (status=active, then status=inactive), each to its last page; the cursor names
// the pass and the page. Kallidus advises at most 100 requests a minute per key and answers 429 beyond
// its throttling; no changed-since filter is published. See NOTES.md.
import type { HttpResponse } from '../http';
import { fetchPage, mapRecords, utcToday, type HrApi, type Pagination } from '../kit';
import type { AttributeOption, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { customFieldNames, mapSaplingProfile, SAPLING_STATES, STANDARD_ATTRIBUTES, type SaplingState } from './mapping';

export const PROFILES_PATH = '/profiles';

export interface SaplingCursor {
  state: SaplingState;
  page: number;
}

export function readSaplingCursor(cursor: string | null): SaplingCursor {
  if (cursor === null) return { state: SAPLING_STATES[0], page: 1 };
  const match = /^([a-z]+):([1-9]\d*)$/.exec(cursor);
  const state = SAPLING_STATES.find((s) => s === match?.[1]);
  if (!match || !state) throw new Error(`Not a Kallidus Sapling listing cursor: "${cursor}"`);
  return { state, page: Number(match[2]) };
}

const count = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);

/**
 * One page of one state's pass. The answer must echo the page asked for (else it would shift the
 * listing) and list only people of that state (else the filter was not applied). More follows while
 * total_pages says so; without it, until an empty page.
 */
export function profilePass(state: SaplingState): Pagination {
  const what = `the profiles (${state})`;
  return {
    request: (cursor) => ({ path: PROFILES_PATH, query: { status: state, page: Number(cursor ?? 1) } }),
    read(res: HttpResponse, cursor, api) {
      const body = res.body as { users?: unknown; current_page?: unknown; total_pages?: unknown } | null;
      if (!Array.isArray(body?.users)) throw api.unexpected(what, res.status);
      const page = Number(cursor ?? 1);
      const current = count(body.current_page);
      if (current !== undefined && current !== page) throw api.unexpected(`${what} (page ${current} instead of ${page})`, res.status);
      const other = body.users.some((u) => {
        const s = (u as { state?: unknown } | null)?.state;
        return typeof s === 'string' && s !== state && (SAPLING_STATES as readonly string[]).includes(s);
      });
      if (other) throw api.unexpected(`${what} (people of another state were listed)`, res.status);
      const total = count(body.total_pages);
      const more = body.users.length > 0 && (total === undefined || page < total);
      return { records: body.users, nextCursor: more ? String(page + 1) : null };
    },
  };
}

export class KallidusSaplingConnector implements HrConnector {
  constructor(
    private readonly api: HrApi,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async checkCredentials(): Promise<void> {
    await fetchPage(this.api, profilePass('active'), null);
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    const at = readSaplingCursor(cursor);
    const { records, nextCursor } = await fetchPage(this.api, profilePass(at.state), String(at.page));
    const today = utcToday(this.now());
    const nextState = SAPLING_STATES[SAPLING_STATES.indexOf(at.state) + 1];
    const next = nextCursor !== null ? `${at.state}:${nextCursor}` : nextState ? `${nextState}:1` : null;
    return { ...mapRecords(records, (r) => mapSaplingProfile(r, today)), nextCursor: next };
  }

  /** The standard fields plus the top-level fields Kallidus does not name, seen on the first page of active profiles. */
  async listAttributes(): Promise<AttributeOption[]> {
    const { records } = await fetchPage(this.api, profilePass('active'), null);
    const custom = new Map<string, AttributeOption['type']>();
    for (const record of records) {
      if (!record || typeof record !== 'object' || Array.isArray(record)) continue;
      const profile = record as Record<string, unknown>;
      for (const name of customFieldNames(profile)) {
        const v = profile[name];
        if (v !== null) custom.set(name, typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string');
        else if (!custom.has(name)) custom.set(name, 'string');
      }
    }
    return [...STANDARD_ATTRIBUTES, ...[...custom].map(([name, type]): AttributeOption => ({ key: name, label: name, type, custom: true }))];
  }

  /** Sapling's profiles carry no legal entity (departments and locations are offered as filters). */
  async listLegalEntities(): Promise<LegalEntityOption[]> {
    return [];
  }

  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return [];
  }
}
