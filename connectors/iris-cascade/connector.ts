// IRIS Cascade connector on the IRIS HR API v2 (https://api.iris.co.uk/hr/v2), OData v4, with a bearer
// token from the client-credentials grant (auth.ts). GET /employees lists everyone the API copy of
// Cascade holds, leavers with EmploymentLeftDate / LastWorkingDate: a complete listing pages it with
// $skip and an explicit $top (IRIS raised the default page of /Employees from 250 to 1,000 in
// February 2026: $skip without $top would skip people), ordered by CreatedOn,Id so new hires land at
// the end, with $count for the total. The active job (GET /jobs, Contract "Full Time") gives the
// employment type; the beta User Defined Fields service the custom attributes. Both are read once per
// listing and kept a few minutes. Changes: $filter=LastModifiedOn gt <since>. See NOTES.md.
import { HrSystemResponseError } from '../errors';
import type { HttpResponse } from '../http';
import { employmentTypeFromLabel, mapRecords, offsetLimit, rawId, textOf, utcToday, type ApiRequest, type HrApi, type Pagination } from '../kit';
import type { AttributeOption, AttributeValue, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { currentJob, EMPLOYEE_ATTRIBUTES, mapIrisEmployee, readUdfValue } from './mapping';

export const EMPLOYEES_PATH = '/employees';
export const JOBS_PATH = '/jobs';
export const UDF_PATH = '/userdefinedfields';
/** $top sent on every page: the OpenAPI description's maximum (250), accepted before and after Feb 2026. */
export const IRIS_PAGE_SIZE = 250;
/** Jobs and user defined fields are read again after this long. */
const SIDE_DATA_TTL_MS = 10 * 60_000;
/** New hires are created last: ordering by creation keeps $skip offsets stable during a listing. */
const ORDER = 'CreatedOn,Id';
const SCOPE_HINT = 'the API key needs the iris.hr.read scope';

/** An OData listing paged by $skip with an explicit $top; records in `value`, the total in @odata.count. */
export function irisListing(path: string, what: string, filter?: string): Pagination {
  return offsetLimit({
    path,
    query: { $count: 'true', $orderby: ORDER, ...(filter ? { $filter: filter } : {}) },
    limit: IRIS_PAGE_SIZE,
    maxLimit: IRIS_PAGE_SIZE,
    offsetParam: '$skip',
    limitParam: '$top',
    what,
    records: (body: { value?: unknown; Value?: unknown } | null) => body?.value ?? body?.Value,
    totals: (body: Record<string, unknown> | null) => {
      const total = body?.['@odata.count'] ?? body?.ODataCount;
      return { totalElements: typeof total === 'number' && Number.isInteger(total) && total >= 0 ? total : undefined };
    },
  });
}

/** OData's DateTimeOffset literal: 2023-11-01T00:00:00Z. */
const instant = (at: Date) => at.toISOString().replace(/\.\d{3}Z$/, 'Z');

interface SideData {
  jobs: Map<string, Record<string, unknown>>;
  udf: Map<string, Map<string, AttributeValue>>;
  udfLabels: Map<string, string>;
}

export class IrisCascadeConnector implements HrConnector {
  private side: { at: number; value: Promise<SideData> } | null = null;

  constructor(
    private readonly api: HrApi,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A fresh token, then one employee: proves the key, the secret and the read scope. */
  async checkCredentials(): Promise<void> {
    await this.api.authenticate();
    const request = { path: EMPLOYEES_PATH, query: { $top: 1 } };
    this.expectOk(await this.api.send(request), request);
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    return this.page(irisListing(EMPLOYEES_PATH, 'the employee list'), cursor);
  }

  /** Employees whose API record changed after `since` (leavers too); never used for removals. */
  async fetchChangedEmployeePage(since: Date, cursor: string | null): Promise<EmployeePage> {
    return this.page(irisListing(EMPLOYEES_PATH, 'the changed employee list', `LastModifiedOn gt ${instant(since)}`), cursor);
  }

  /** Standard fields plus every user defined field seen (read afresh: a new field can be picked at once). */
  async listAttributes(): Promise<AttributeOption[]> {
    this.side = null;
    const { udfLabels } = await this.sideData();
    return [...EMPLOYEE_ATTRIBUTES, ...[...udfLabels].map(([key, label]): AttributeOption => ({ key, label, type: 'string', custom: true }))];
  }

  /** IRIS' API has no documented company or legal entity (hierarchy nodes are offered as an attribute). */
  async listLegalEntities(): Promise<LegalEntityOption[]> {
    return [];
  }

  /** The contracts of the jobs (Cascade's EMPLOYMENTTYPES list) as the connector reads them. */
  async listEmploymentTypes(): Promise<EmploymentType[]> {
    const { jobs } = await this.sideData();
    return [...new Set([...jobs.values()].map((j) => employmentTypeFromLabel(textOf(j.Contract))).filter((t): t is EmploymentType => t !== null))];
  }

  private async page(pagination: Pagination, cursor: string | null): Promise<EmployeePage> {
    const request = pagination.request(cursor, this.api);
    const res = this.expectOk(await this.api.send(request), request);
    const { records, nextCursor } = pagination.read(res, cursor, this.api);
    const side = await this.sideData();
    const today = utcToday(this.now());
    return { ...mapRecords(records, (r) => mapIrisEmployee(r, side.jobs.get(rawId(r, 'Id') ?? ''), side.udf.get(rawId(r, 'Id') ?? ''), today)), nextCursor };
  }

  /** Every job and user defined field value, cached a while (one read per listing, not per page). */
  private sideData(): Promise<SideData> {
    if (this.side && this.now().getTime() - this.side.at < SIDE_DATA_TTL_MS) return this.side.value;
    const value = (async (): Promise<SideData> => {
      const jobRecords = await this.optionalListing(JOBS_PATH, 'the job list');
      const byEmployee = new Map<string, Record<string, unknown>[]>();
      for (const job of jobRecords) {
        const employeeId = rawId(job, 'EmployeeId');
        if (employeeId === null) continue;
        byEmployee.set(employeeId, [...(byEmployee.get(employeeId) ?? []), job as Record<string, unknown>]);
      }
      const jobs = new Map([...byEmployee].map(([id, list]) => [id, currentJob(list)!]));
      const udf = new Map<string, Map<string, AttributeValue>>();
      const udfLabels = new Map<string, string>();
      for (const record of await this.optionalListing(UDF_PATH, 'the user defined fields')) {
        const entry = readUdfValue(record);
        if (!entry) continue;
        if (!udf.has(entry.employeeId)) udf.set(entry.employeeId, new Map());
        udf.get(entry.employeeId)!.set(entry.key, entry.value);
        udfLabels.set(entry.key, entry.label);
      }
      return { jobs, udf, udfLabels };
    })();
    this.side = { at: this.now().getTime(), value };
    value.catch(() => (this.side = null));
    return value;
  }

  /**
   * A listing the key may not be allowed to read (jobs; the User Defined Fields service is a beta
   * IRIS enables on request): 403/404 there is none, and the fields it feeds stay empty (the sync
   * then warns about a field empty for everyone).
   */
  private async optionalListing(path: string, what: string): Promise<unknown[]> {
    const listing = irisListing(path, what);
    const records: unknown[] = [];
    let cursor: string | null = null;
    do {
      const request = listing.request(cursor, this.api);
      const res = await this.api.send(request);
      if (cursor === null && (res.status === 403 || res.status === 404)) return [];
      const page = listing.read(this.expectOk(res, request), cursor, this.api);
      records.push(...page.records);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return records;
  }

  /** A 200, else the refusal (403: a missing scope) or the failure with IRIS' reason; never an empty list. */
  private expectOk(res: HttpResponse, request: ApiRequest): HttpResponse {
    if (res.status === 200) return res;
    if (res.status === 403) throw this.api.refused(`refused access: ${this.api.errorMessage(res)} (${SCOPE_HINT})`);
    throw new HrSystemResponseError(`${this.api.hrSystemName} answered ${res.status} for ${request.path}: ${this.api.errorMessage(res)}`, this.api.hrSystemName, res.status);
  }
}
