// PeopleHR connector on the People API (https://api.peoplehr.net), RPC style: every call is a POST
// whose JSON body carries the API key and the action. A complete listing is one call of
// GetAllEmployeeDetail with IncludeLeavers "true" (no paging exists), leavers with LeavingDate.
// Errors come inside HTTP 200 answers (answers.ts): a refused key is refused credentials, an
// exceeded rate limit is retried like a 429, any other error fails the listing (never an empty
// list), except "No record found" which is PeopleHR's empty list. No change filter (PeopleHR pushes
// changes by webhook only): every sync is complete. See NOTES.md.
import { HrSystemResponseError } from '../errors';
import { mapRecords, utcToday, type HrApi } from '../kit';
import type { AttributeOption, EmployeePage, EmploymentType, HrConnector, LegalEntityOption, RemoteEmployee } from '../types';
import { isNoRecord, readAnswer } from './answers';
import { API_COLUMN_ATTRIBUTES, EMPLOYEE_ATTRIBUTES, mapPeopleHrEmployee } from './mapping';

export const EMPLOYEE_PATH = '/Employee';

export class PeopleHrConnector implements HrConnector {
  constructor(
    private readonly api: HrApi,
    private readonly apiKey: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** One call with the key: PeopleHR says in the body whether it knows it. */
  async checkCredentials(): Promise<void> {
    await this.allEmployees(false);
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    if (cursor !== null) throw new Error('The PeopleHR employee list comes in one answer; there is no next page to fetch');
    const today = utcToday(this.now());
    return { ...mapRecords(await this.allEmployees(true), (r) => mapPeopleHrEmployee(r, today)), nextCursor: null };
  }

  /** The employee fields plus the five API columns (PeopleHR's place for custom fields in this list). */
  async listAttributes(): Promise<AttributeOption[]> {
    return [...EMPLOYEE_ATTRIBUTES, ...API_COLUMN_ATTRIBUTES];
  }

  /** The companies employees belong to (PeopleHR's Company field), leavers' included. */
  async listLegalEntities(): Promise<LegalEntityOption[]> {
    const { employees } = await this.fetchEmployeePage(null);
    const entities = new Map<string, string>();
    for (const e of employees as RemoteEmployee[]) if (e.legalEntity) entities.set(e.legalEntity.id, e.legalEntity.name);
    return [...entities].map(([id, name]) => ({ id, name }));
  }

  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return ['FULL_TIME', 'PART_TIME', 'CONTRACTOR', 'INTERN', 'OTHER'];
  }

  private async allEmployees(includeLeavers: boolean): Promise<unknown[]> {
    const res = await this.api.send({ path: EMPLOYEE_PATH, method: 'POST', json: { APIKey: this.apiKey, Action: 'GetAllEmployeeDetail', IncludeLeavers: includeLeavers ? 'true' : 'false' } });
    const answer = readAnswer(res.body);
    if (!answer) throw this.api.unexpected('the employee list', res.status);
    if (isNoRecord(answer)) return [];
    if (answer.isError) throw new HrSystemResponseError(`${this.api.hrSystemName} answered an error for the employee list: ${answer.message ?? 'no reason given'}${answer.status === null ? '' : ` (status ${answer.status})`}`, this.api.hrSystemName, res.status);
    if (!Array.isArray(answer.result)) throw this.api.unexpected('the employee list', res.status);
    return answer.result;
  }
}
