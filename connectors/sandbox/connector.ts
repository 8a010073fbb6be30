// HrConnector for the Sandbox HR system: cursor-paged employee list (leavers included),
// attributes and legal entities from their own endpoints.
import { HrSystemResponseError } from '../errors';
import { requestJson } from '../http';
import type { AttributeOption, ConnectorContext, EmployeePage, EmploymentType, HrConnector, InvalidRemoteRecord, LegalEntityOption, RemoteEmployee } from '../types';
import { SANDBOX, type SandboxAttribute, type SandboxEmployeeList, type SandboxLegalEntity } from './api-types';
import { mapSandboxAttribute, mapSandboxEmployee } from './mapping';

const PAGE_SIZE = 100;

export class SandboxConnector implements HrConnector {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly context: ConnectorContext = {},
    private readonly pageSize = PAGE_SIZE,
  ) {}

  async checkCredentials(): Promise<void> {
    await this.get('/api/company');
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    const query = new URLSearchParams({ limit: String(this.pageSize) });
    if (cursor) query.set('cursor', cursor);
    const body = (await this.get(`/api/employees?${query}`)) as Partial<SandboxEmployeeList> | null;
    if (!body || !Array.isArray(body.data)) throw unexpected('employee list');
    const employees: RemoteEmployee[] = [];
    const invalid: InvalidRemoteRecord[] = [];
    for (const record of body.data) {
      const result = mapSandboxEmployee(record);
      if (result.ok) employees.push(result.employee);
      else invalid.push(result.invalid);
    }
    const next = typeof body.next_cursor === 'string' && body.next_cursor !== '' ? body.next_cursor : null;
    return { employees, invalid, nextCursor: next };
  }

  async listAttributes(): Promise<AttributeOption[]> {
    const body = (await this.get('/api/attributes')) as { data?: SandboxAttribute[] } | null;
    if (!Array.isArray(body?.data)) throw unexpected('attribute list');
    return body.data.filter((a) => typeof a?.key === 'string').map(mapSandboxAttribute);
  }

  async listLegalEntities(): Promise<LegalEntityOption[]> {
    const body = (await this.get('/api/legal-entities')) as { data?: SandboxLegalEntity[] } | null;
    if (!Array.isArray(body?.data)) throw unexpected('legal entity list');
    return body.data.map((e) => ({ id: e.id, name: e.name }));
  }

  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return ['FULL_TIME', 'PART_TIME', 'WORKING_STUDENT', 'MINI_JOB', 'INTERN'];
  }

  private async get(pathAndQuery: string): Promise<unknown> {
    const res = await requestJson(
      `${this.baseUrl}${pathAndQuery}`,
      { headers: { authorization: `Bearer ${this.apiKey}` }, hrSystemName: SANDBOX },
      this.context,
    );
    return res.body;
  }
}

function unexpected(what: string): HrSystemResponseError {
  // Never read an unreadable listing as empty: that would look like everyone left.
  return new HrSystemResponseError(`${SANDBOX} answered the ${what} in an unexpected form`, SANDBOX, 200);
}
