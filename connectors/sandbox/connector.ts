// HrConnector for the Sandbox HR system: cursor-paged employee list (leavers included),
// attributes and legal entities from their own endpoints.
import { bodyCursor, fetchEmployeePage, type HrApi } from '../kit';
import type { AttributeOption, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import type { SandboxAttribute, SandboxEmployeeList, SandboxLegalEntity } from './api-types';
import { mapSandboxAttribute, mapSandboxEmployee } from './mapping';

const PAGE_SIZE = 100;

export class SandboxConnector implements HrConnector {
  constructor(
    private readonly api: HrApi,
    private readonly pageSize = PAGE_SIZE,
  ) {}

  async checkCredentials(): Promise<void> {
    await this.api.send('/api/company');
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    const listing = bodyCursor({
      path: '/api/employees',
      query: { limit: this.pageSize },
      cursorParam: 'cursor',
      what: 'the employee list',
      records: (body: Partial<SandboxEmployeeList> | null) => body?.data,
      next: (body: Partial<SandboxEmployeeList>) => ({ cursor: body.next_cursor }),
    });
    return fetchEmployeePage(this.api, listing, cursor, mapSandboxEmployee);
  }

  async listAttributes(): Promise<AttributeOption[]> {
    const body = (await this.api.json('/api/attributes')) as { data?: SandboxAttribute[] } | null;
    if (!Array.isArray(body?.data)) throw this.api.unexpected('the attribute list');
    return body.data.filter((a) => typeof a?.key === 'string').map(mapSandboxAttribute);
  }

  async listLegalEntities(): Promise<LegalEntityOption[]> {
    const body = (await this.api.json('/api/legal-entities')) as { data?: SandboxLegalEntity[] } | null;
    if (!Array.isArray(body?.data)) throw this.api.unexpected('the legal entity list');
    return body.data.map((e) => ({ id: e.id, name: e.name }));
  }

  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return ['FULL_TIME', 'PART_TIME', 'WORKING_STUDENT', 'MINI_JOB', 'INTERN'];
  }
}
