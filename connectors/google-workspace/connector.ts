// Google Workspace connector: lists all users (suspended and archived ones included) through the
// Admin SDK Directory API users.list with projection=full, maxResults and pageToken paging; watches
// users for push through watch channels (watch-channels.ts).
import { HrSystemResponseError } from '../errors';
import { bodyCursor, fetchAll, fetchEmployeePage, fetchPage, utcToday, type HrApi, type Pagination } from '../kit';
import type { HrPushSubscriptions } from '../push';
import type { AttributeOption, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { customFieldAttributes, STANDARD_ATTRIBUTES, type UserSchema } from './attributes';
import { mapGoogleUser } from './mapping';
import { GoogleWatchChannels } from './watch-channels';

/** users.list accepts 1..500 per page. */
const PAGE_SIZE = 500;

export interface GoogleWorkspaceSettings {
  /** Google customer id, or the alias my_customer for the impersonated admin's account. */
  customerId: string;
  /** Only this domain's users instead of the whole account (multi-domain customers). */
  domain?: string;
  hireDateField?: string;
  leavingDateField?: string;
}

export class GoogleWorkspaceConnector implements HrConnector {
  readonly pushSubscriptions: HrPushSubscriptions;

  constructor(
    private readonly directory: HrApi,
    private readonly settings: GoogleWorkspaceSettings,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.pushSubscriptions = new GoogleWatchChannels(directory, this.scope(), now);
  }

  /** Token, one user read (admin rights, customer/domain), and the configured date fields exist. */
  async checkCredentials(): Promise<void> {
    try {
      await fetchPage(this.directory, this.users('basic', 1), null);
    } catch (err) {
      if (err instanceof HrSystemResponseError && (err.httpStatus === 400 || err.httpStatus === 404)) {
        throw this.directory.refused(`did not accept the customer ID or domain: ${err.message}`);
      }
      throw err;
    }
    const configured = [this.settings.hireDateField, this.settings.leavingDateField].filter((f): f is string => !!f);
    if (configured.length === 0) return;
    const known = new Set((await this.listSchemas()).flatMap((s) => s.fields.map((f) => `${s.schemaName}.${f.fieldName}`)));
    const missing = configured.filter((f) => !known.has(f));
    if (missing.length) {
      throw this.directory.refused(`has no custom field ${missing.join(', ')} (expected "Schema.field")`);
    }
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    const settings = { today: utcToday(this.now()), hireDateField: this.settings.hireDateField, leavingDateField: this.settings.leavingDateField };
    return fetchEmployeePage(this.directory, this.users('full', PAGE_SIZE), cursor, (raw) => mapGoogleUser(raw, settings));
  }

  /** Re-reads the custom schemas every time, so a newly created custom field can be picked at once. */
  async listAttributes(): Promise<AttributeOption[]> {
    const schemas = await this.listSchemas();
    return [...STANDARD_ATTRIBUTES, ...schemas.flatMap(customFieldAttributes)];
  }

  /** Google has no company object: the distinct names of the users' primary organizations. */
  async listLegalEntities(): Promise<LegalEntityOption[]> {
    const names = new Set<string>();
    for (const raw of await fetchAll(this.directory, this.users('basic', PAGE_SIZE))) {
      const mapped = mapGoogleUser(raw, { today: '' });
      if (mapped.ok && mapped.employee.legalEntity) names.add(mapped.employee.legalEntity.name);
    }
    return [...names].sort((a, b) => a.localeCompare(b)).map((name) => ({ id: name, name }));
  }

  /** Google has no employment-type field; a custom field or the organization description can be mapped instead. */
  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return [];
  }

  private async listSchemas(): Promise<UserSchema[]> {
    const body = (await this.directory.json(`/admin/directory/v1/customer/${encodeURIComponent(this.settings.customerId)}/schemas`)) as { schemas?: unknown } | null;
    return (Array.isArray(body?.schemas) ? body.schemas : []).flatMap((raw): UserSchema[] => {
      const schema = raw as { schemaName?: unknown; displayName?: unknown; fields?: unknown };
      if (typeof schema.schemaName !== 'string' || !Array.isArray(schema.fields)) return [];
      const fields = schema.fields.flatMap((f): UserSchema['fields'] => {
        const field = f as { fieldName?: unknown; fieldType?: unknown; displayName?: unknown; multiValued?: unknown };
        if (typeof field.fieldName !== 'string') return [];
        return [
          {
            fieldName: field.fieldName,
            fieldType: typeof field.fieldType === 'string' ? field.fieldType : 'STRING',
            displayName: typeof field.displayName === 'string' ? field.displayName : null,
            multiValued: field.multiValued === true,
          },
        ];
      });
      return [{ schemaName: schema.schemaName, displayName: typeof schema.displayName === 'string' ? schema.displayName : null, fields }];
    });
  }

  /** The whole account, or one domain of it. */
  private scope(): { customer: string } | { domain: string } {
    return this.settings.domain ? { domain: this.settings.domain } : { customer: this.settings.customerId };
  }

  /** users.list with maxResults and pageToken paging; an empty page has no "users" key at all. */
  private users(projection: 'basic' | 'full', maxResults: number): Pagination {
    return bodyCursor({
      path: '/admin/directory/v1/users',
      query: { ...this.scope(), projection, maxResults: String(maxResults) },
      cursorParam: 'pageToken',
      what: 'the user listing',
      records: (body: { users?: unknown } | null) => (body !== null && typeof body === 'object' ? (body.users ?? []) : null),
      next: (body: { nextPageToken?: unknown }) => ({ cursor: body.nextPageToken }),
    });
  }
}
