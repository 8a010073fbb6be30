// HR file export: the employees are the rows of the latest CSV export, uploaded through the API
// (read through ConnectorContext.files, which the activities give from the database) or fetched
// from the customer's SFTP server. A file is a complete listing (one page); there is no change
// listing. A file that cannot be believed (cut short, unreadable, a required column missing) is
// refused with HrFileRejectedError and its reason: nothing of it is used, so no removal is believed.
import { HrFileError, readHrFile, type HrFileErrorCode, type HrFileReading, type HrFileSettings } from '../../domain/hr-file';
import { CredentialsRejectedError, HrDataRejectedError, HrSystemResponseError } from '../errors';
import { mapRecords, utcToday } from '../kit';
import type { AttributeOption, ConnectorContext, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { csvTokenizer } from './csv';
import { attributesOf, mapHrFileRow } from './mapping';
import { SftpFileSource, type FetchedFile } from './sftp';

export type HrFileRejection = HrFileErrorCode | 'NO_FILE';

/** The file was read but cannot be believed; `reason` says why (the sync fails, no removal is believed). */
export class HrFileRejectedError extends HrDataRejectedError {
  constructor(
    message: string,
    hrSystem: string,
    readonly reason: HrFileRejection,
    readonly line: number | null = null,
    readonly column: string | null = null,
  ) {
    super(message, hrSystem);
  }
}

export interface FileSource {
  /** The latest file, or null when none was delivered yet. */
  latest(): Promise<FetchedFile | null>;
  /** The live check of the credentials (SFTP: host key, login, the file); the file where there is one. */
  check(): Promise<FetchedFile | null>;
}

/** Uploaded files, through the store the caller passes in ConnectorContext.files. */
export function uploadSource(context: ConnectorContext, hrSystemName: string): FileSource {
  const latest = async () => {
    if (!context.files) throw new HrSystemResponseError(`${hrSystemName}: the uploaded files are not reachable here (no file store was given to the connector)`, hrSystemName, null);
    return context.files.latest();
  };
  return { latest, check: async () => (context.files ? context.files.latest() : null) };
}

export function sftpSource(source: SftpFileSource): FileSource {
  return { latest: () => source.fetch(), check: () => source.check() };
}

const FILE_CACHE_MS = 5_000;

export class HrFileExportConnector implements HrConnector {
  private cached: { at: number; file: Promise<FetchedFile | null> } | null = null;

  constructor(
    private readonly hrSystemName: string,
    private readonly source: FileSource,
    private readonly settings: HrFileSettings,
  ) {}

  /** Read the file with these settings: the rules of domain/hr-file.ts with csv-parse. */
  read(file: FetchedFile): HrFileReading {
    try {
      return readHrFile(file.bytes, this.settings, csvTokenizer);
    } catch (err) {
      if (err instanceof HrFileError) throw new HrFileRejectedError(`${this.hrSystemName}: the file ${file.name} was not used: ${err.message}`, this.hrSystemName, err.code, err.line, err.column);
      throw err;
    }
  }

  /** SFTP: host key, login and the file; both sources: the latest file must fit the settings (delimiter, columns). */
  async checkCredentials(): Promise<void> {
    const file = await this.source.check();
    this.cached = { at: Date.now(), file: Promise.resolve(file) };
    if (!file) return; // an upload integration before its first file: nothing to check yet
    try {
      readHrFile(file.bytes, this.settings, csvTokenizer);
    } catch (err) {
      if (err instanceof HrFileError) throw new CredentialsRejectedError(`${this.hrSystemName} refused the credentials: the file ${file.name} does not fit these settings: ${err.message}`, this.hrSystemName);
      throw err;
    }
  }

  private async latestReading(): Promise<{ file: FetchedFile; reading: HrFileReading }> {
    if (!this.cached || Date.now() - this.cached.at > FILE_CACHE_MS) {
      const file = this.source.latest();
      file.catch(() => undefined);
      this.cached = { at: Date.now(), file };
    }
    let file: FetchedFile | null;
    try {
      file = await this.cached.file;
    } catch (err) {
      this.cached = null;
      throw err;
    }
    if (!file) throw new HrFileRejectedError(`${this.hrSystemName}: no file has been delivered yet; upload the HR system's export first.`, this.hrSystemName, 'NO_FILE');
    return { file, reading: this.read(file) };
  }

  /** The whole file is one page of a complete listing. */
  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    if (cursor !== null) throw new Error(`Not an HR file export cursor: "${cursor}" (a file is one page)`);
    this.cached = null; // every listing reads the latest file
    const { reading } = await this.latestReading();
    const today = utcToday();
    return { ...mapRecords(reading.rows, (row) => mapHrFileRow(row, today)), nextCursor: null };
  }

  /** The header row of the latest file, read live. */
  async listAttributes(): Promise<AttributeOption[]> {
    return attributesOf((await this.latestReading()).reading);
  }

  async listLegalEntities(): Promise<LegalEntityOption[]> {
    const byId = new Map<string, string>();
    for (const e of await this.employees()) if (e.legalEntity && !byId.has(e.legalEntity.id)) byId.set(e.legalEntity.id, e.legalEntity.name);
    return [...byId].map(([id, name]) => ({ id, name }));
  }

  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return [...new Set((await this.employees()).flatMap((e) => (e.employmentType ? [e.employmentType] : [])))];
  }

  private async employees() {
    const { reading } = await this.latestReading();
    const today = utcToday();
    return mapRecords(reading.rows, (row) => mapHrFileRow(row, today)).employees;
  }
}
