// BambooHR connector. The employee directory lists active people only, so employees are read with
// the documented custom report (POST /api/v1/reports/custom), which returns every employee whatever
// their status, in one answer (it has no pagination). Field keys come from /api/v1/meta/fields.
import { CredentialsRejectedError, HrSystemResponseError } from '../errors';
import { apiBase, requestJson, type HttpResponse } from '../http';
import type { AttributeOption, ConnectorContext, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import type { BambooHrCredentials } from './definition';
import {
  activeOptions,
  chooseReportFields,
  employmentTypeOf,
  mapBambooEmployee,
  toAttributeOption,
  type BambooListField,
  type BambooMetaField,
} from './mapping';

const HR_SYSTEM = 'BambooHR';

export class BambooHrConnector implements HrConnector {
  private readonly base: string;
  private readonly authorization: string;

  constructor(
    credentials: BambooHrCredentials,
    private readonly context: ConnectorContext = {},
  ) {
    this.base = apiBase(`https://${credentials.companyDomain}.bamboohr.com`, credentials.baseUrl);
    // BambooHR: the API key is the Basic user name, the password is ignored.
    this.authorization = `Basic ${Buffer.from(`${credentials.apiKey}:x`).toString('base64')}`;
  }

  async checkCredentials(): Promise<void> {
    await this.metaFields();
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    if (cursor !== null) throw new Error('BambooHR lists all employees in one page; there is no next page to fetch');
    const fields = chooseReportFields(await this.metaFields());
    // Content-Type must be exactly application/json, or BambooHR parses the body as XML.
    // onlyCurrent=true keeps table fields (division, employment status) at today's value.
    const body = await this.send('/api/v1/reports/custom?format=JSON&onlyCurrent=true', {
      method: 'POST',
      json: { title: 'Employee benefits sync', fields },
    });
    const rows = (body as { employees?: unknown } | null)?.employees;
    if (!Array.isArray(rows)) {
      // Never read a malformed answer as "nobody works here any more".
      throw new HrSystemResponseError('BambooHR answered the employee report without an employee list', HR_SYSTEM, 200);
    }
    const today = new Date().toISOString().slice(0, 10);
    const page: EmployeePage = { employees: [], invalid: [], nextCursor: null };
    for (const row of rows) {
      const mapped = mapBambooEmployee(row, today);
      if (mapped.ok) page.employees.push(mapped.employee);
      else page.invalid.push(mapped.invalid);
    }
    return page;
  }

  async listAttributes(): Promise<AttributeOption[]> {
    return (await this.metaFields()).filter((f) => !f.deprecated).map(toAttributeOption);
  }

  async listLegalEntities(): Promise<LegalEntityOption[]> {
    const divisions = activeOptions((await this.metaLists()).find((l) => l.alias === 'division'));
    return divisions.map((name) => ({ id: name, name }));
  }

  async listEmploymentTypes(): Promise<EmploymentType[]> {
    const statuses = activeOptions((await this.metaLists()).find((l) => l.alias === 'employmentHistoryStatus'));
    const types = statuses.map(employmentTypeOf).filter((t): t is EmploymentType => t !== null);
    return [...new Set(types)];
  }

  private async metaFields(): Promise<BambooMetaField[]> {
    return expectArray<BambooMetaField>(await this.send('/api/v1/meta/fields'), 'field list');
  }

  private async metaLists(): Promise<BambooListField[]> {
    return expectArray<BambooListField>(await this.send('/api/v1/meta/lists'), 'list fields');
  }

  private async send(path: string, options: { method?: string; json?: unknown } = {}): Promise<unknown> {
    const res = await requestJson(
      `${this.base}${path}`,
      {
        method: options.method ?? 'GET',
        headers: {
          authorization: this.authorization,
          ...(options.json === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: options.json === undefined ? undefined : JSON.stringify(options.json),
        hrSystemName: HR_SYSTEM,
        // 401/403 are passed through so the reason can be read from BambooHR's error header.
        // 503 (throttling until September 2026, outages after) and 429 keep the default: retried.
        classify: (r) => (r.status === 401 || r.status === 403 ? 'ok' : undefined),
      },
      this.context,
    );
    if (res.status === 401 || res.status === 403) {
      throw new CredentialsRejectedError(`${HR_SYSTEM} refused the credentials: ${refusalReason(res)}`, HR_SYSTEM);
    }
    return res.body;
  }
}

/** BambooHR puts the error detail in the X-BambooHR-Error-Message header, not the body. */
function refusalReason(res: HttpResponse): string {
  const header = res.headers.get('x-bamboohr-error-message');
  if (header) return header;
  if (res.status === 403) return 'the API key has no access (API access disabled or insufficient permissions)';
  return 'the API key or company domain is not valid';
}

function expectArray<T>(body: unknown, what: string): T[] {
  if (!Array.isArray(body)) throw new HrSystemResponseError(`BambooHR answered an unexpected ${what}`, HR_SYSTEM, 200);
  return body as T[];
}
