// BambooHR connector. The employee directory lists active people only, so employees are read with
// the documented custom report (POST /api/v1/reports/custom), which returns every employee whatever
// their status, in one answer (it has no pagination). Field keys come from /api/v1/meta/fields.
// Changes: the changed-employee ids (changes.ts), then the same report for those ids only.
import { fetchEmployeePage, singlePage, utcToday, type HrApi } from '../kit';
import type { AttributeOption, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { bambooSince, changedEmployeeIds, changedIdsPage } from './changes';
import { activeOptions, chooseReportFields, employmentTypeOf, mapBambooEmployee, toAttributeOption, type BambooListField, type BambooMetaField } from './mapping';
import { BambooHrWebhooks } from './webhooks';

export class BambooHrConnector implements HrConnector {
  readonly pushSubscriptions: BambooHrWebhooks;

  constructor(private readonly api: HrApi) {
    this.pushSubscriptions = new BambooHrWebhooks(api);
  }

  async checkCredentials(): Promise<void> {
    await this.metaFields();
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    if (cursor !== null) throw new Error('BambooHR lists all employees in one page; there is no next page to fetch');
    return this.report({});
  }

  /** Employees BambooHR reports as changed (any field, job, status or compensation row) since `since`. */
  async fetchChangedEmployeePage(since: Date, cursor: string | null): Promise<EmployeePage> {
    if (cursor !== null && !/^\d+$/.test(cursor)) throw new Error(`not a BambooHR change-listing cursor: ${cursor}`);
    const answer = await this.api.json({ path: '/api/v1/employees/changed', query: { since: bambooSince(since) } });
    const ids = changedEmployeeIds(answer);
    if (ids === null) throw this.api.unexpected('the changed employees');
    const page = changedIdsPage(ids, cursor);
    if (page.ids.length === 0) return { employees: [], invalid: [], nextCursor: null };
    return { ...(await this.report({ employeeIds: page.ids.map(Number) })), nextCursor: page.nextCursor };
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

  /** The custom report (every status), optionally filtered as BambooHR's report filters allow. */
  private async report(filters: { employeeIds?: number[] }): Promise<EmployeePage> {
    const fields = chooseReportFields(await this.metaFields());
    // onlyCurrent=true keeps table fields (division, employment status) at today's value.
    const report = singlePage({
      path: '/api/v1/reports/custom',
      query: { format: 'JSON', onlyCurrent: 'true' },
      method: 'POST',
      json: { title: 'Employee benefits sync', fields, ...(filters.employeeIds ? { filters } : {}) },
      what: 'the employee report',
      records: (body: { employees?: unknown } | null) => body?.employees,
    });
    const today = utcToday();
    return fetchEmployeePage(this.api, report, null, (row) => mapBambooEmployee(row, today));
  }

  private async metaFields(): Promise<BambooMetaField[]> {
    return this.array<BambooMetaField>('/api/v1/meta/fields', 'the field list');
  }

  private async metaLists(): Promise<BambooListField[]> {
    return this.array<BambooListField>('/api/v1/meta/lists', 'the list fields');
  }

  private async array<T>(path: string, what: string): Promise<T[]> {
    const body = await this.api.json(path);
    if (!Array.isArray(body)) throw this.api.unexpected(what);
    return body as T[];
  }
}
