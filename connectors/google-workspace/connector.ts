// Google Workspace connector: lists all users (suspended and archived ones included) through the
// Admin SDK Directory API users.list with projection=full, maxResults and pageToken paging.
import { CredentialsRejectedError, HrSystemResponseError } from '../errors';
import type { AttributeOption, ConnectorContext, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { customFieldAttributes, STANDARD_ATTRIBUTES, type UserSchema } from './attributes';
import { DirectoryClient } from './directory-client';
import { mapGoogleUser } from './mapping';
import { GOOGLE_WORKSPACE_NAME, type ServiceAccountKey } from './service-account';
import { GoogleTokenSource } from './token';

/** users.list accepts 1..500 per page. */
const PAGE_SIZE = 500;

export interface GoogleWorkspaceSettings {
  apiBase: string;
  tokenUrl: string;
  key: ServiceAccountKey;
  adminEmail: string;
  /** Google customer id, or the alias my_customer for the impersonated admin's account. */
  customerId: string;
  /** Only this domain's users instead of the whole account (multi-domain customers). */
  domain?: string;
  hireDateField?: string;
  leavingDateField?: string;
}

export class GoogleWorkspaceConnector implements HrConnector {
  private readonly directory: DirectoryClient;

  constructor(
    private readonly settings: GoogleWorkspaceSettings,
    context: ConnectorContext = {},
    private readonly now: () => Date = () => new Date(),
  ) {
    const tokens = new GoogleTokenSource({ key: settings.key, adminEmail: settings.adminEmail, tokenUrl: settings.tokenUrl }, context);
    this.directory = new DirectoryClient(settings.apiBase, tokens, settings.adminEmail, context);
  }

  /** Token, one user read (admin rights, customer/domain), and the configured date fields exist. */
  async checkCredentials(): Promise<void> {
    try {
      await this.directory.get(this.usersUrl({ projection: 'basic', maxResults: '1' }));
    } catch (err) {
      if (err instanceof HrSystemResponseError && (err.httpStatus === 400 || err.httpStatus === 404)) {
        throw new CredentialsRejectedError(`${GOOGLE_WORKSPACE_NAME} did not accept the customer ID or domain: ${err.message}`, GOOGLE_WORKSPACE_NAME);
      }
      throw err;
    }
    const configured = [this.settings.hireDateField, this.settings.leavingDateField].filter((f): f is string => !!f);
    if (configured.length === 0) return;
    const known = new Set((await this.listSchemas()).flatMap((s) => s.fields.map((f) => `${s.schemaName}.${f.fieldName}`)));
    const missing = configured.filter((f) => !known.has(f));
    if (missing.length) {
      throw new CredentialsRejectedError(`${GOOGLE_WORKSPACE_NAME} has no custom field ${missing.join(', ')} (expected "Schema.field")`, GOOGLE_WORKSPACE_NAME);
    }
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    const params: Record<string, string> = { projection: 'full', maxResults: String(PAGE_SIZE) };
    if (cursor !== null) params.pageToken = cursor;
    const body = (await this.directory.get(this.usersUrl(params))) as { users?: unknown; nextPageToken?: unknown } | null;
    // An empty page has no "users" key at all.
    if (body === null || typeof body !== 'object' || (body.users !== undefined && !Array.isArray(body.users))) {
      throw new HrSystemResponseError(`${GOOGLE_WORKSPACE_NAME} answered the user listing without a user list`, GOOGLE_WORKSPACE_NAME, 200);
    }
    const mappingSettings = {
      today: this.now().toISOString().slice(0, 10),
      hireDateField: this.settings.hireDateField,
      leavingDateField: this.settings.leavingDateField,
    };
    const page: EmployeePage = { employees: [], invalid: [], nextCursor: null };
    for (const raw of (body.users as unknown[] | undefined) ?? []) {
      const mapped = mapGoogleUser(raw, mappingSettings);
      if (mapped.ok) page.employees.push(mapped.employee);
      else page.invalid.push(mapped.invalid);
    }
    page.nextCursor = typeof body.nextPageToken === 'string' && body.nextPageToken.length > 0 ? body.nextPageToken : null;
    return page;
  }

  /** Re-reads the custom schemas every time, so a newly created custom field can be picked at once. */
  async listAttributes(): Promise<AttributeOption[]> {
    const schemas = await this.listSchemas();
    return [...STANDARD_ATTRIBUTES, ...schemas.flatMap(customFieldAttributes)];
  }

  /** Google has no company object: the distinct names of the users' primary organizations. */
  async listLegalEntities(): Promise<LegalEntityOption[]> {
    const names = new Set<string>();
    let pageToken: string | null = null;
    do {
      const params: Record<string, string> = { projection: 'basic', maxResults: String(PAGE_SIZE) };
      if (pageToken) params.pageToken = pageToken;
      const body = (await this.directory.get(this.usersUrl(params))) as { users?: unknown; nextPageToken?: unknown } | null;
      for (const raw of Array.isArray(body?.users) ? body.users : []) {
        const mapped = mapGoogleUser(raw, { today: '' });
        if (mapped.ok && mapped.employee.legalEntity) names.add(mapped.employee.legalEntity.name);
      }
      pageToken = typeof body?.nextPageToken === 'string' && body.nextPageToken ? body.nextPageToken : null;
    } while (pageToken);
    return [...names].sort((a, b) => a.localeCompare(b)).map((name) => ({ id: name, name }));
  }

  /** Google has no employment-type field; a custom field or the organization description can be mapped instead. */
  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return [];
  }

  private async listSchemas(): Promise<UserSchema[]> {
    const url = `${this.settings.apiBase}/admin/directory/v1/customer/${encodeURIComponent(this.settings.customerId)}/schemas`;
    const body = (await this.directory.get(url)) as { schemas?: unknown } | null;
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

  private usersUrl(params: Record<string, string>): string {
    const scope: Record<string, string> = this.settings.domain ? { domain: this.settings.domain } : { customer: this.settings.customerId };
    return `${this.settings.apiBase}/admin/directory/v1/users?${new URLSearchParams({ ...scope, ...params })}`;
  }
}
