// CharlieHR connector on the API v1 (https://charliehr.com/api/v1), authenticated with
// `Authorization: Token token=<client id>:<client secret>`. Team members come from GET /team_members/
// in the envelope { success, data, meta: { next_url } }; the listing follows meta.next_url (a query
// string such as "?page=2" relative to the list, or a path under /api/v1) until it is empty. Custom
// data lives in team member notes: note types from GET /team_member_note_types/, values per member
// from GET /team_members/{id}/notes (a few at a time, only when the company has note types).
// CharlieHR has one company per account (no legal entities) and no change filter (NOTES.md).
import { HrSystemResponseError } from '../errors';
import { bodyNextLink, fetchAll, fetchPage, mapLimit, mapRecords, rawId, utcToday, type HrApi, type Pagination } from '../kit';
import type { AttributeOption, AttributeValue, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { mapCharlieTeamMember, noteTypeAttribute, noteValues, TEAM_MEMBER_ATTRIBUTES } from './mapping';

export const TEAM_MEMBERS_PATH = '/team_members/';
export const NOTE_TYPES_PATH = '/team_member_note_types/';
/** Notes requests in flight at once while a page is read. */
export const NOTES_CONCURRENCY = 4;

interface Envelope {
  success?: unknown;
  data?: unknown;
  meta?: { next_url?: unknown } | null;
}

/** The records of a list answer; `success: false` (or no data array) fails the page, never reads as empty. */
const listData = (body: Envelope | null) => (body?.success === false ? undefined : body?.data);

/**
 * meta.next_url as an absolute URL under the API base: "?page=2" continues `path`; "/team_members/?page=2"
 * or "team_members/?page=2" is under the base; "/api/v1/…" is under the host; an absolute URL is kept
 * (and must lie under the base: checked by the kit before anything is sent).
 */
export function resolveNextUrl(next: unknown, baseUrl: string, path: string): string | null {
  if (typeof next !== 'string' || next.trim() === '') return null;
  const link = next.trim();
  if (/^https?:\/\//.test(link)) return link;
  if (link.startsWith('?')) return `${baseUrl}${path}${link}`;
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
  if (basePath && link.startsWith(`${basePath}/`)) return `${new URL(baseUrl).origin}${link}`;
  return `${baseUrl}/${link.replace(/^\/+/, '')}`;
}

/**
 * A CharlieHR list followed over meta.next_url. A 404 (passed through by the definition) fails the
 * listing, unless `missingIsEmpty` (one team member's notes, the member removed meanwhile).
 */
export function charlieListing(api: HrApi, path: string, what: string, missingIsEmpty = false): Pagination {
  const paging = bodyNextLink({ path, what, trustedPrefix: `${api.baseUrl}/`, records: listData, link: (body: Envelope) => resolveNextUrl(body?.meta?.next_url, api.baseUrl, path) });
  return {
    request: paging.request,
    read(res, cursor, pagingApi) {
      if (res.status === 404 && missingIsEmpty) return { records: [], nextCursor: null };
      if (res.status !== 200) throw new HrSystemResponseError(`${api.hrSystemName} answered ${res.status} for ${what}: ${api.errorMessage(res)}`, api.hrSystemName, res.status);
      return paging.read(res, cursor, pagingApi);
    },
  };
}

export class CharlieConnector implements HrConnector {
  private readonly teamMembers: Pagination;
  private noteTypes: Promise<AttributeOption[]> | null = null;

  /** `api` is based at …/api/v1. */
  constructor(private readonly api: HrApi) {
    this.teamMembers = charlieListing(api, TEAM_MEMBERS_PATH, 'the team member list');
  }

  async checkCredentials(): Promise<void> {
    await fetchPage(this.api, this.teamMembers, null);
  }

  /** Every team member CharlieHR lists (whether former ones stay listed is not described). */
  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    const { records, nextCursor } = await fetchPage(this.api, this.teamMembers, cursor);
    const notes = (await this.noteAttributes()).length ? await mapLimit(records, NOTES_CONCURRENCY, (r) => this.notesOf(rawId(r))) : records.map(() => new Map<string, AttributeValue>());
    const byRecord = new Map(records.map((r, i) => [r, notes[i]]));
    const today = utcToday();
    return { ...mapRecords(records, (r) => mapCharlieTeamMember(r, byRecord.get(r)!, today)), nextCursor };
  }

  async listAttributes(): Promise<AttributeOption[]> {
    this.noteTypes = null; // a re-sync of the attributes reads the note types again
    return [...TEAM_MEMBER_ATTRIBUTES, ...(await this.noteAttributes())];
  }

  /** CharlieHR has one company per account: no legal entities to choose from. */
  async listLegalEntities(): Promise<LegalEntityOption[]> {
    return [];
  }

  /** CharlieHR's team member list carries no employment type the connector could read. */
  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return [];
  }

  /** The company's note types as attributes (read once per connector; a failure is not kept). */
  private noteAttributes(): Promise<AttributeOption[]> {
    this.noteTypes ??= fetchAll(this.api, charlieListing(this.api, NOTE_TYPES_PATH, 'the note types'))
      .then((all) => all.map(noteTypeAttribute).filter((a): a is AttributeOption => a !== null))
      .catch((err: unknown) => {
        this.noteTypes = null;
        throw err;
      });
    return this.noteTypes;
  }

  /** One team member's notes, every page; a 404 (removed meanwhile) is none; an unreadable answer fails the page. */
  private async notesOf(id: string | null): Promise<Map<string, AttributeValue>> {
    if (id === null) return new Map();
    return noteValues(await fetchAll(this.api, charlieListing(this.api, `/team_members/${encodeURIComponent(id)}/notes`, 'the notes of a team member', true)));
  }
}
