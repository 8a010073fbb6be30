// Microsoft Entra ID connector: lists all users (disabled ones included) through Microsoft Graph
// GET /v1.0/users with $select and @odata.nextLink paging.
import { HrSystemResponseError } from '../errors';
import type { AttributeOption, ConnectorContext, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { directoryExtensionAttribute, ON_PREMISES_EXTENSION_ATTRIBUTES, STANDARD_ATTRIBUTES } from './attributes';
import { discoverUserExtensions } from './extensions';
import { GraphClient } from './graph-client';
import { employmentTypeFromLabel, mapGraphUser } from './mapping';
import { ENTRA_ID_NAME, EntraTokenSource } from './token';

/** Graph's largest page for /users. */
const PAGE_SIZE = 999;
const USERS_PERMISSION = 'User.Read.All';

/** Properties the mapping reads; directory extensions found in the tenant are added per listing. */
const USER_PROPERTIES = [
  'id',
  'givenName',
  'surname',
  'mail',
  'userPrincipalName',
  'accountEnabled',
  'employeeId',
  'employeeType',
  'employeeHireDate',
  'employeeLeaveDateTime',
  'companyName',
  'department',
  'jobTitle',
  'officeLocation',
  'usageLocation',
  'employeeOrgData',
  'onPremisesExtensionAttributes',
];

export interface EntraIdSettings {
  graphBase: string;
  loginBase: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

export class EntraIdConnector implements HrConnector {
  private readonly graph: GraphClient;

  constructor(
    private readonly settings: EntraIdSettings,
    context: ConnectorContext = {},
    private readonly now: () => Date = () => new Date(),
  ) {
    const tokens = new EntraTokenSource({ ...settings, scope: `${settings.graphBase}/.default` }, context);
    this.graph = new GraphClient(settings.graphBase, tokens, context);
  }

  /** A token alone proves little: reading one user proves the User.Read.All consent too. */
  async checkCredentials(): Promise<void> {
    await this.graph.send({ url: this.usersUrl(['id'], 1), permission: USERS_PERMISSION });
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    const url = cursor === null ? await this.firstPageUrl() : this.trustedNextLink(cursor);
    const body = (await this.graph.send({ url, permission: USERS_PERMISSION })) as { value?: unknown; '@odata.nextLink'?: unknown } | null;
    if (!Array.isArray(body?.value)) {
      throw new HrSystemResponseError(`${ENTRA_ID_NAME} answered the user listing without a user list`, ENTRA_ID_NAME, 200);
    }
    const today = this.now().toISOString().slice(0, 10);
    const page: EmployeePage = { employees: [], invalid: [], nextCursor: null };
    for (const raw of body.value) {
      const mapped = mapGraphUser(raw, today);
      if (mapped.ok) page.employees.push(mapped.employee);
      else page.invalid.push(mapped.invalid);
    }
    const next = body['@odata.nextLink'];
    page.nextCursor = typeof next === 'string' && next.length > 0 ? this.trustedNextLink(next) : null;
    return page;
  }

  /** Re-reads the tenant's directory extensions every time, so a new one can be picked at once. */
  async listAttributes(): Promise<AttributeOption[]> {
    const { extensions } = await discoverUserExtensions(this.graph);
    return [...STANDARD_ATTRIBUTES, ...ON_PREMISES_EXTENSION_ATTRIBUTES, ...extensions.map(directoryExtensionAttribute)];
  }

  /** Graph has no company object: the distinct companyName values of all users are the legal entities. */
  async listLegalEntities(): Promise<LegalEntityOption[]> {
    const names = await this.distinctValues('companyName', (user) => stringOrNull(user.companyName));
    return names.map((name) => ({ id: name, name }));
  }

  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return this.distinctValues('employeeType', (user) => employmentTypeFromLabel(stringOrNull(user.employeeType)));
  }

  private async firstPageUrl(): Promise<string> {
    const { extensions } = await discoverUserExtensions(this.graph);
    return this.usersUrl([...USER_PROPERTIES, ...extensions.map((e) => e.name)], PAGE_SIZE);
  }

  private usersUrl(select: string[], top: number): string {
    const query = new URLSearchParams({ $select: select.join(','), $top: String(top) });
    return `${this.settings.graphBase}/v1.0/users?${query}`;
  }

  /** The cursor is Graph's nextLink; it must point back at Graph so the bearer token never goes elsewhere. */
  private trustedNextLink(link: string): string {
    if (!link.startsWith(`${this.settings.graphBase}/v1.0/users?`)) {
      throw new HrSystemResponseError(`${ENTRA_ID_NAME} returned a next-page link outside Microsoft Graph`, ENTRA_ID_NAME, null);
    }
    return link;
  }

  /** Walks all users reading one property; sorted distinct non-empty results. */
  private async distinctValues<T extends string>(property: string, pick: (user: Record<string, unknown>) => T | null): Promise<T[]> {
    const found = new Set<T>();
    let url: string | null = this.usersUrl(['id', property], PAGE_SIZE);
    while (url) {
      const body = (await this.graph.send({ url, permission: USERS_PERMISSION })) as { value?: unknown; '@odata.nextLink'?: unknown } | null;
      for (const user of Array.isArray(body?.value) ? body.value : []) {
        const value = user && typeof user === 'object' ? pick(user as Record<string, unknown>) : null;
        if (value) found.add(value);
      }
      const next = body?.['@odata.nextLink'];
      url = typeof next === 'string' && next ? this.trustedNextLink(next) : null;
    }
    return [...found].sort((a, b) => a.localeCompare(b));
  }
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}
