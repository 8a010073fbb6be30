// Eurécia connector on the REST API (https://api.eurecia.com/eurecia/rest), signed in with a temporary
// token (session-token.ts). A complete listing is GET /v4/users?page=N (every user; /v4/users/active
// would leave the departed out, and every leaver would look removed), in Spring Data pages from 0
// ({ content, number, totalPages, totalElements, last }). The totals are checked, so a lost page fails
// the listing. Each user's own record (GET /v4/users/{id}) is read for the departure date and the
// contract fields (node-eurecia reads the list, then each user). No change filter is published.
import { HrSystemResponseError } from '../errors';
import { mapLimit, mapRecords, textOf, utcToday, type HrApi } from '../kit';
import type { AttributeOption, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { ADDITIONAL_FIELDS, mapEureciaUser, USER_ATTRIBUTES } from './mapping';

export const USERS_PATH = '/v4/users';
/** User records read at once (Eurécia publishes no rate limit). */
export const DETAIL_CONCURRENCY = 4;

interface SpringPage {
  content?: unknown;
  number?: unknown;
  totalPages?: unknown;
  totalElements?: unknown;
  last?: unknown;
}

const count = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);

/** Cursor "<page>:<read so far>"; null is page 0. */
export function parseCursor(cursor: string | null): { page: number; read: number } {
  if (cursor === null) return { page: 0, read: 0 };
  const match = /^(\d+):(\d+)$/.exec(cursor);
  if (!match) throw new Error(`Not a Eurécia listing cursor: "${cursor}"`);
  return { page: Number(match[1]), read: Number(match[2]) };
}

/**
 * The page after `page`, or null: Spring's `last` (else totalPages, else an empty page) ends the
 * listing, and the count read must then equal totalElements.
 */
export function nextPage(page: number, read: number, received: number, body: SpringPage): number | null {
  const pages = count(body.totalPages);
  const total = count(body.totalElements);
  const done = read + received;
  let last: boolean;
  if (typeof body.last === 'boolean') last = body.last;
  else if (pages !== undefined) last = page + 1 >= pages;
  else last = received === 0;
  if (received === 0 && !last) throw new Error(`page ${page} is empty but not the last one`);
  if (last && total !== undefined && done !== total) throw new Error(`read ${done} users where Eurécia counts ${total}`);
  return last ? null : page + 1;
}

export class EureciaConnector implements HrConnector {
  constructor(
    private readonly api: HrApi,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A fresh temporary token, then the first page of users. */
  async checkCredentials(): Promise<void> {
    await this.api.authenticate();
    await this.usersPage(0, 0);
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    const { page, read } = parseCursor(cursor);
    const { records, next } = await this.usersPage(page, read);
    const details = await mapLimit(records, DETAIL_CONCURRENCY, (user) => this.detail(user));
    const today = utcToday(this.now());
    const mapped = mapRecords(records.map((user, i) => [user, details[i]] as const), ([user, detail]) => mapEureciaUser(user, detail, today));
    return { ...mapped, nextCursor: next === null ? null : `${next}:${read + records.length}` };
  }

  /** Standard fields and the three additional fields (custom: each company uses them its own way). */
  async listAttributes(): Promise<AttributeOption[]> {
    return [...USER_ATTRIBUTES, ...ADDITIONAL_FIELDS.map((key, i): AttributeOption => ({ key, label: `Additional field ${i + 1}`, type: 'string', custom: true }))];
  }

  /** Users carry no company in what is published: no legal entity is offered. */
  async listLegalEntities(): Promise<LegalEntityOption[]> {
    return [];
  }

  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return ['FULL_TIME', 'PART_TIME', 'INTERN', 'CONTRACTOR', 'OTHER'];
  }

  private async usersPage(page: number, read: number): Promise<{ records: unknown[]; next: number | null }> {
    const what = 'the user list';
    const res = await this.api.send({ path: USERS_PATH, query: { page } });
    const body = (res.body ?? {}) as SpringPage;
    const records = body.content;
    if (!Array.isArray(records)) throw this.api.unexpected(what, res.status);
    // An answer for another page would shift the listing.
    if (body.number !== undefined && count(body.number) !== page) throw this.api.unexpected(`${what} (page ${String(body.number)} instead of ${page})`, res.status);
    try {
      return { records, next: nextPage(page, read, records.length, body) };
    } catch (err) {
      throw new HrSystemResponseError(`${this.api.hrSystemName} answered ${what} with inconsistent paging: ${(err as Error).message}`, this.api.hrSystemName, res.status);
    }
  }

  /** The user's own record; null when Eurécia no longer has it (404: reported as unreadable). */
  private async detail(user: unknown): Promise<unknown> {
    const id = textOf((user as { id?: unknown } | null)?.id);
    if (id === null) return null;
    const res = await this.api.send(`${USERS_PATH}/${encodeURIComponent(id)}`);
    return res.status === 404 ? null : res.body;
  }
}
