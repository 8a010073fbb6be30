// HiBob connector. People are read with POST /v1/people/search, which has no pagination: one call
// returns everyone the service user may see, terminated people included when showInactive is true.
// Unpermitted fields are silently left out (200), so the sync's empty-field warning matters here.
// The search allows 50 requests a minute; a 429 is retried by requestJson with backoff.
import { HrSystemResponseError } from '../errors';
import { apiBase, requestJson } from '../http';
import type { AttributeOption, ConnectorContext, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import type { HiBobCredentials } from './definition';
import {
  activeListItems,
  chooseSearchFields,
  employmentTypeOf,
  mapBobEmployee,
  toAttributeOption,
  type BobFieldMetadata,
  type BobListItem,
} from './mapping';

const HR_SYSTEM = 'HiBob';

export class HiBobConnector implements HrConnector {
  private readonly base: string;
  private readonly authorization: string;

  constructor(
    credentials: HiBobCredentials,
    private readonly context: ConnectorContext = {},
  ) {
    this.base = apiBase('https://api.hibob.com', credentials.baseUrl);
    this.authorization = `Basic ${Buffer.from(`${credentials.serviceUserId}:${credentials.token}`).toString('base64')}`;
  }

  /** Field metadata needs no permission, so it checks exactly the service user's id and token. */
  async checkCredentials(): Promise<void> {
    await this.fieldMetadata();
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    if (cursor !== null) throw new Error('HiBob lists all employees in one page; there is no next page to fetch');
    const metadata = await this.fieldMetadata();
    const fields = chooseSearchFields(metadata);
    const listFields = new Set(metadata.filter((f) => toAttributeOption(f).type === 'list').map((f) => f.id));
    // APPEND keeps machine values (ISO dates, list ids) and adds display names for list fields.
    const body = await this.send('/v1/people/search', { method: 'POST', json: { fields, showInactive: true, humanReadable: 'APPEND' } });
    const people = (body as { employees?: unknown } | null)?.employees;
    if (!Array.isArray(people)) {
      // Never read a malformed answer as "nobody works here any more".
      throw new HrSystemResponseError('HiBob answered the people search without an employee list', HR_SYSTEM, 200);
    }
    const today = new Date().toISOString().slice(0, 10);
    const page: EmployeePage = { employees: [], invalid: [], nextCursor: null };
    for (const person of people) {
      const mapped = mapBobEmployee(person, fields, listFields, today);
      if (mapped.ok) page.employees.push(mapped.employee);
      else page.invalid.push(mapped.invalid);
    }
    return page;
  }

  async listAttributes(): Promise<AttributeOption[]> {
    return (await this.fieldMetadata()).map(toAttributeOption);
  }

  /** Bob has no legal entities; the sites stand in for them (see definition). */
  async listLegalEntities(): Promise<LegalEntityOption[]> {
    return activeListItems(await this.listOf('work.site', 'site'));
  }

  async listEmploymentTypes(): Promise<EmploymentType[]> {
    const items = activeListItems(await this.listOf('payroll.employment.type', 'employmentType'));
    return [...new Set(items.map((i) => employmentTypeOf(i.name)).filter((t): t is EmploymentType => t !== null))];
  }

  private async fieldMetadata(): Promise<BobFieldMetadata[]> {
    const body = await this.send('/v1/company/people/fields');
    if (!Array.isArray(body)) throw new HrSystemResponseError('HiBob answered an unexpected field list', HR_SYSTEM, 200);
    return body as BobFieldMetadata[];
  }

  /** Items of the named list behind a list field, found through the field's metadata. */
  private async listOf(fieldId: string, fallbackListName: string): Promise<BobListItem[]> {
    const field = (await this.fieldMetadata()).find((f) => f.id === fieldId);
    const listName = field?.typeData?.listId ?? fallbackListName;
    const body = (await this.send(`/v1/company/named-lists/${encodeURIComponent(listName)}`)) as { values?: unknown } | null;
    return Array.isArray(body?.values) ? (body.values as BobListItem[]) : [];
  }

  private async send(path: string, options: { method?: string; json?: unknown } = {}): Promise<unknown> {
    const res = await requestJson(
      `${this.base}${path}`,
      {
        method: options.method ?? 'GET',
        headers: { authorization: this.authorization, ...(options.json === undefined ? {} : { 'content-type': 'application/json' }) },
        body: options.json === undefined ? undefined : JSON.stringify(options.json),
        hrSystemName: HR_SYSTEM,
        // 403: the service user is in no permission group that allows this; retrying cannot help.
        classify: (r) => (r.status === 403 ? 'credentials-rejected' : undefined),
      },
      this.context,
    );
    return res.body;
  }
}
