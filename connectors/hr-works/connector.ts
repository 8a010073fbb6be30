// HR WORKS connector on API v2 (https://api.hrworks.de/v2), with a bearer token from POST
// /v2/authentication (definition.ts). A complete listing is GET /v2/persons/master-data with
// onlyActive=false: HR WORKS lists only active persons unless told otherwise, so without it every
// leaver set to gone would vanish. Pages hold 50 persons; HR WORKS says where the listing goes on in
// a Link header. The cursor is the page number and every request is built here with onlyActive=false
// (the link is only read for its page), so a next link that dropped the parameter, or pointed
// elsewhere, can never narrow the listing. HR WORKS offers no changed-since filter: every sync is
// complete. See NOTES.md.
import { CredentialsRejectedError, HrSystemResponseError } from '../errors';
import type { HttpResponse } from '../http';
import { mapRecords, nextFromLinkHeader, utcToday, type ApiRequest, type AuthStrategy, type HrApi } from '../kit';
import type { AttributeOption, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { customFieldKey, customFieldNames, mapHrWorksPerson, PERSON_ATTRIBUTES } from './mapping';

export const MASTER_DATA_PATH = '/v2/persons/master-data';
/** "The page size for this API call is 50" (OAS, GET /v2/persons/master-data). */
export const HR_WORKS_PAGE_SIZE = 50;

export interface HrWorksSettings {
  fullTimeWeeklyHours: number;
}

/** HR WORKS' error body (ApiError): { errorCode, type, errorMessage, additionalErrors }. */
export function hrWorksMessage(res: HttpResponse): string | null {
  const body = res.body as { type?: unknown; errorMessage?: unknown } | null;
  const message = typeof body?.errorMessage === 'string' && body.errorMessage.trim() !== '' ? body.errorMessage.trim() : null;
  const type = typeof body?.type === 'string' && body.type.trim() !== '' ? body.type.trim() : null;
  if (message && type) return `${message} (${type})`;
  return message ?? type;
}

const errorType = (res: HttpResponse): unknown => (res.body as { type?: unknown } | null)?.type;

/** The page of a cursor (null: the first). */
export function pageOf(cursor: string | null): number {
  if (cursor === null) return 1;
  if (!/^[1-9]\d*$/.test(cursor)) throw new Error(`Not an HR WORKS listing cursor: "${cursor}"`);
  return Number(cursor);
}

/** The `page` a Link target names; null when it names none, NaN when it is unreadable. */
function linkedPage(link: string | null): number | null {
  if (link === null) return null;
  const match = /[?&]page=([^&#]*)/.exec(link);
  return match ? (/^\d+$/.test(match[1]) ? Number(match[1]) : NaN) : null;
}

/**
 * Where the listing goes on after `page`. A rel="next" link means the next page (it must be page+1).
 * Without one, a rel="last" at or before this page ends it; a short page ends it; a full page without
 * any paging information asks for the next page (an empty page then ends the listing): a missing
 * header is never taken for the end of a long listing.
 */
export function nextPage(page: number, received: number, link: string | null): number | null {
  if (received === 0) return null;
  const header = link ?? '';
  const next = nextFromLinkHeader(header);
  if (next !== null) {
    const named = linkedPage(next);
    if (named !== null && named !== page + 1) throw new Error(`next page link names page ${named} after page ${page}`);
    return page + 1;
  }
  const last = linkedPage(lastTarget(header));
  if (last !== null && !Number.isNaN(last)) {
    if (last > page) throw new Error(`no next page link although the last page is ${last} (after page ${page})`);
    return null;
  }
  return received < HR_WORKS_PAGE_SIZE ? null : page + 1;
}

/** The rel="last" target of a Link header, or null. */
export function lastTarget(header: string): string | null {
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    const rel = match && /;\s*rel\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(match[2]);
    if (match && rel && (rel[1] ?? rel[2] ?? '').toLowerCase().split(/\s+/).includes('last')) return match[1];
  }
  return null;
}

export class HrWorksConnector implements HrConnector {
  constructor(
    private readonly api: HrApi,
    private readonly auth: AuthStrategy,
    private readonly settings: HrWorksSettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A fresh token, then one page of persons: proves the key pair and its permission to read master data. */
  async checkCredentials(): Promise<void> {
    await this.api.authenticate();
    await this.personsPage(1);
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    const page = pageOf(cursor);
    const { records, nextCursor } = await this.personsPage(page);
    const options = { today: utcToday(this.now()), fullTimeWeeklyHours: this.settings.fullTimeWeeklyHours };
    return { ...mapRecords(records, (record) => mapHrWorksPerson(record, options)), nextCursor };
  }

  /**
   * The standard fields plus the custom free fields seen on the first page of persons (HR WORKS
   * describes no list of them: they appear as extra keys of a person). Read afresh every time.
   */
  async listAttributes(): Promise<AttributeOption[]> {
    const { records } = await this.personsPage(1);
    const custom = new Map<string, AttributeOption['type']>();
    for (const record of records) {
      if (!record || typeof record !== 'object' || Array.isArray(record)) continue;
      const person = record as Record<string, unknown>;
      // The type from the first value that is set; a field empty on the whole page is text.
      for (const name of customFieldNames(person)) if (!custom.has(name) || person[name] !== null) custom.set(name, person[name] === null ? (custom.get(name) ?? 'string') : typeOfValue(person[name]));
    }
    return [...PERSON_ATTRIBUTES, ...[...custom].sort(([a], [b]) => a.localeCompare(b)).map(([name, type]): AttributeOption => ({ key: customFieldKey(name), label: name, type, custom: true }))];
  }

  /** HR WORKS publishes no legal entity (organization units and permanent establishments are attributes). */
  async listLegalEntities(): Promise<LegalEntityOption[]> {
    return [];
  }

  /** The unified values HR WORKS' employment types read as. */
  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return ['FULL_TIME', 'PART_TIME', 'INTERN', 'CONTRACTOR', 'MINI_JOB', 'WORKING_STUDENT', 'OTHER'];
  }

  /** One page of every person, those set to gone included. */
  private async personsPage(page: number): Promise<{ records: unknown[]; nextCursor: string | null }> {
    const what = 'the person list';
    const res = await this.send({ path: MASTER_DATA_PATH, query: { onlyActive: 'false', page } });
    const records = (res.body as { persons?: unknown } | null)?.persons;
    if (!Array.isArray(records)) throw this.api.unexpected(what, res.status);
    let next: number | null;
    try {
      next = nextPage(page, records.length, res.headers.get('link'));
    } catch (err) {
      throw new HrSystemResponseError(`${this.api.hrSystemName} answered ${what} with inconsistent paging: ${(err as Error).message}`, this.api.hrSystemName, res.status);
    }
    return { records, nextCursor: next === null ? null : String(next) };
  }

  /**
   * A request whose 403 is read here: a token HR WORKS calls invalid or expired (InvalidBearerTokenError;
   * its status is not published) is renewed once, like a 401; any other 403 (PermissionDeniedError, an
   * expired contract) is refused with HR WORKS' reason.
   */
  private async send(request: ApiRequest): Promise<HttpResponse> {
    for (let attempt = 1; ; attempt++) {
      const res = await this.api.send(request);
      if (res.status !== 403) return res;
      if (errorType(res) === 'InvalidBearerTokenError' && attempt === 1 && this.auth.renew) {
        this.auth.renew(await this.auth.headers());
        continue;
      }
      throw refusal(this.api, res);
    }
  }
}

function refusal(api: HrApi, res: HttpResponse): CredentialsRejectedError {
  const reason = hrWorksMessage(res) ?? 'access denied';
  const hint = errorType(res) === 'PermissionDeniedError' || hrWorksMessage(res) === null ? ' (give the key pair the permission to read person master data in HR WORKS: Administrator › Basics › Integrations › HR WORKS API)' : '';
  return api.refused(`refused the credentials: ${reason}${hint}`);
}

function typeOfValue(value: unknown): AttributeOption['type'] {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return 'date';
  return 'string';
}
