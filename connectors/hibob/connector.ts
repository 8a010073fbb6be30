// HiBob connector. People are read with POST /v1/people/search, which has no pagination: one call
// returns everyone the service user may see, terminated people included when showInactive is true.
// Unpermitted fields are silently left out (200), so the sync's empty-field warning matters here.
// The search allows 50 requests a minute; a 429 is retried by requestJson with backoff.
import { fetchEmployeePage, singlePage, utcToday, type HrApi } from '../kit';
import type { HrPushSubscriptions } from '../push';
import type { AttributeOption, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { activeListItems, chooseSearchFields, employmentTypeOf, mapBobEmployee, toAttributeOption, type BobFieldMetadata, type BobListItem } from './mapping';

export class HiBobConnector implements HrConnector {
  constructor(
    private readonly api: HrApi,
    /** The admin's webhook in Bob (push-subscriptions.ts); calls nothing at Bob. */
    readonly pushSubscriptions: HrPushSubscriptions,
  ) {}

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
    const search = singlePage({
      path: '/v1/people/search',
      method: 'POST',
      json: { fields, showInactive: true, humanReadable: 'APPEND' },
      what: 'the people search',
      records: (body: { employees?: unknown } | null) => body?.employees,
    });
    const today = utcToday();
    return fetchEmployeePage(this.api, search, null, (person) => mapBobEmployee(person, fields, listFields, today));
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
    const body = await this.api.json('/v1/company/people/fields');
    if (!Array.isArray(body)) throw this.api.unexpected('the field list');
    return body as BobFieldMetadata[];
  }

  /** Items of the named list behind a list field, found through the field's metadata. */
  private async listOf(fieldId: string, fallbackListName: string): Promise<BobListItem[]> {
    const field = (await this.fieldMetadata()).find((f) => f.id === fieldId);
    const listName = field?.typeData?.listId ?? fallbackListName;
    const body = (await this.api.json(`/v1/company/named-lists/${encodeURIComponent(listName)}`)) as { values?: unknown } | null;
    return Array.isArray(body?.values) ? (body.values as BobListItem[]) : [];
  }
}
