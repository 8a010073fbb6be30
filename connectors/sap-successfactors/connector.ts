// SAP SuccessFactors connector on the OData v2 API (https://<api server>/odata/v2). Employees are
// Users with `status in 't','f'` (without it the User entity hides inactive users), each with its
// employment (empInfo = EmpEmployment: start and end date, contingent worker) and job
// (empInfo/jobInfoNav = EmpJob: company, full time) expanded, read with server-side snapshot paging
// (paging=snapshot, ≤ 1,000 a page, the d.__next link; never $skip). The change listing asks
// lastModifiedDateTime on every entity it reads, because a change to the employment or the job does
// not touch the User's timestamp. Legal entities are FOCompany; custom attributes are the User's
// custom01…custom15 that the company's data model defines ($metadata, with their labels).
import { XMLParser } from 'fast-xml-parser';
import { fetchAll, fetchEmployeePage, odataV2NextLink, utcToday, type HrApi, type Pagination, type Query } from '../kit';
import type { AttributeOption, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { CUSTOM_FIELD, EMPLOYMENT_FIELDS, JOB_FIELDS, mapSuccessFactorsUser, STANDARD_ATTRIBUTES, USER_FIELDS } from './mapping';
import { dateTimeOffset, failingOnErrors, rejectError, STATUS_FILTER } from './odata';

/** SuccessFactors' largest page; the server never serves more (KBA 3308165). */
export const SF_PAGE_SIZE = 1000;

/** The User filter of a change listing: the status rule, and a change on any entity read. */
export function changedSinceFilter(since: Date): string {
  const at = dateTimeOffset(since);
  const changed = ['lastModifiedDateTime', 'empInfo/lastModifiedDateTime', 'empInfo/jobInfoNav/lastModifiedDateTime'].map((path) => `${path} ge ${at}`);
  // The status rule stays a top-level `and`: inside an `or` SuccessFactors drops it (KBA 3575859).
  return `${STATUS_FILTER} and (${changed.join(' or ')})`;
}

interface CustomField {
  key: string;
  label: string;
}

export class SuccessFactorsConnector implements HrConnector {
  private customFields: Promise<CustomField[]> | null = null;
  private companies: Promise<Map<string, LegalEntityOption>> | null = null;

  /** `api` is based at …/odata/v2. */
  constructor(private readonly api: HrApi) {}

  /** A token (SAP's reason if refused), then one User read: the OData permission the sync needs. */
  async checkCredentials(): Promise<void> {
    await this.api.authenticate();
    rejectError(await this.api.send({ path: '/User', query: { $format: 'json', $select: 'userId', $filter: STATUS_FILTER, $top: 1 } }), this.api.hrSystemName);
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    return this.page(STATUS_FILTER, cursor);
  }

  async fetchChangedEmployeePage(since: Date, cursor: string | null): Promise<EmployeePage> {
    return this.page(changedSinceFilter(since), cursor);
  }

  private async page(filter: string, cursor: string | null): Promise<EmployeePage> {
    const [custom, companies] = await Promise.all([this.fields(), this.companyNames()]);
    const keys = custom.map((f) => f.key);
    const today = utcToday();
    return fetchEmployeePage(this.api, this.users(filter, keys), cursor, (record) => mapSuccessFactorsUser(record, today, companies, keys));
  }

  /** GET /User with snapshot paging; the cursor is SAP's __next link, which must point back at /User. */
  private users(filter: string, customKeys: string[]): Pagination {
    const select = [...USER_FIELDS, ...customKeys, ...EMPLOYMENT_FIELDS.map((f) => `empInfo/${f}`), ...JOB_FIELDS.map((f) => `empInfo/jobInfoNav/${f}`)];
    const query: Query = {
      $format: 'json',
      $filter: filter,
      $select: select.join(','),
      $expand: 'empInfo,empInfo/jobInfoNav',
      paging: 'snapshot',
      customPageSize: SF_PAGE_SIZE,
    };
    return failingOnErrors(odataV2NextLink({ path: '/User', query, trustedPrefix: `${this.api.baseUrl}/User?`, what: 'the user list' }));
  }

  async listAttributes(): Promise<AttributeOption[]> {
    // A re-sync of the attributes reads the data model again (a field configured since is offered).
    this.customFields = null;
    const custom = await this.fields();
    return [...STANDARD_ATTRIBUTES, ...custom.map((f) => ({ key: f.key, label: f.label, type: 'string' as const, custom: true }))];
  }

  /** The User custom fields in the company's data model, from GET /User/$metadata (EDMX, sap:label). */
  private fields(): Promise<CustomField[]> {
    this.customFields ??= this.api
      .send({ path: '/User/$metadata' })
      .then((res) => (rejectError(res, this.api.hrSystemName), res))
      .then((res) => userCustomFields(res.text, () => this.api.unexpected('the User metadata', res.status)))
      .catch((err: unknown) => {
        this.customFields = null;
        throw err;
      });
    return this.customFields;
  }

  async listLegalEntities(): Promise<LegalEntityOption[]> {
    return [...(await this.companyNames()).values()];
  }

  /** FOCompany (as of today, every status: a leaver's company may be closed). */
  private companyNames(): Promise<Map<string, LegalEntityOption>> {
    this.companies ??= fetchAll(
      this.api,
      failingOnErrors(odataV2NextLink({ path: '/FOCompany', query: { $format: 'json', $select: 'externalCode,name,status' }, trustedPrefix: `${this.api.baseUrl}/FOCompany?`, what: 'the companies (FOCompany)' })),
    )
      .then((rows) => {
        const byId = new Map<string, LegalEntityOption>();
        for (const row of rows as Array<{ externalCode?: unknown; name?: unknown } | null>) {
          const id = typeof row?.externalCode === 'string' ? row.externalCode.trim() : '';
          if (!id) continue;
          byId.set(id, { id, name: typeof row?.name === 'string' && row.name.trim() ? row.name.trim() : id });
        }
        return byId;
      })
      .catch((err: unknown) => {
        this.companies = null;
        throw err;
      });
    return this.companies;
  }

  /** What the mapping tells apart (isContingentWorker, isFulltimeEmployee). */
  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return ['FULL_TIME', 'PART_TIME', 'CONTRACTOR'];
  }
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: false, isArray: (name) => ['Schema', 'EntityType', 'Property'].includes(name.split(':').pop()!) });

/** custom01…custom15 properties of the User entity type, labelled as the company named them. */
export function userCustomFields(edmx: string, unreadable: () => Error): CustomField[] {
  let doc: unknown;
  try {
    doc = parser.parse(edmx);
  } catch {
    throw unreadable();
  }
  const root = (doc as Record<string, Record<string, unknown>>)?.['edmx:Edmx']?.['edmx:DataServices'] as Record<string, unknown> | undefined;
  const schemas = root?.Schema as Array<Record<string, unknown>> | undefined;
  if (!Array.isArray(schemas)) throw unreadable();
  const user = schemas.flatMap((s) => (s.EntityType as Array<Record<string, unknown>> | undefined) ?? []).find((t) => t['@Name'] === 'User');
  if (!user) throw unreadable();
  return ((user.Property as Array<Record<string, unknown>> | undefined) ?? [])
    .filter((p) => typeof p['@Name'] === 'string' && CUSTOM_FIELD.test(p['@Name'] as string))
    .map((p) => ({ key: p['@Name'] as string, label: typeof p['@sap:label'] === 'string' && p['@sap:label'] ? (p['@sap:label'] as string) : (p['@Name'] as string) }));
}
