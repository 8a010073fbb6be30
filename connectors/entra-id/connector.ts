// Microsoft Entra ID connector: lists all users (disabled ones included) through Microsoft Graph
// GET /v1.0/users with $select and @odata.nextLink paging; lists changes through /users/delta
// (delta.ts) and manages the change-notification subscription (subscriptions.ts).
import { bodyNextLink, fetchAll, fetchEmployeePage, utcToday, type Pagination } from '../kit';
import type { HrPushSubscriptions } from '../push';
import type { AttributeOption, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { directoryExtensionAttribute, ON_PREMISES_EXTENSION_ATTRIBUTES, STANDARD_ATTRIBUTES } from './attributes';
import { UserDelta } from './delta';
import { discoverUserExtensions } from './extensions';
import type { GraphClient } from './graph-client';
import { employmentTypeFromLabel, mapGraphUser } from './mapping';
import { GraphUserSubscriptions } from './subscriptions';

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

export class EntraIdConnector implements HrConnector {
  readonly pushSubscriptions: HrPushSubscriptions;
  private readonly delta: UserDelta;
  /**
   * The deltaLink taken when this connector began a complete listing (before its first page), handed
   * out with the last page. A listing resumed by another attempt has none: its last page then gives
   * no checkpoint, and the next change listing starts a first round (everyone) instead.
   */
  private completeListingCheckpoint: Promise<string | null> | null = null;

  constructor(
    private readonly graph: GraphClient,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.delta = new UserDelta(graph);
    this.pushSubscriptions = new GraphUserSubscriptions(graph, now);
  }

  /** A token alone proves little: reading one user proves the User.Read.All consent too. */
  async checkCredentials(): Promise<void> {
    await this.graph.send({ url: this.usersUrl(['id'], 1), permission: USERS_PERMISSION });
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    const select = cursor === null ? await this.selectedProperties() : [];
    if (cursor === null) {
      this.completeListingCheckpoint = this.delta.startingPoint(select);
      await this.completeListingCheckpoint;
    }
    const today = utcToday(this.now());
    const page = await fetchEmployeePage(this.graph.api, this.users(select, PAGE_SIZE), cursor, (raw) => mapGraphUser(raw, today));
    if (page.nextCursor !== null || !this.completeListingCheckpoint) return page;
    const checkpoint = await this.completeListingCheckpoint;
    this.completeListingCheckpoint = null;
    return checkpoint ? { ...page, changesCheckpoint: checkpoint } : page;
  }

  /**
   * One page of the users Graph reports as changed since the checkpoint (the deltaLink of the last
   * listing). Graph tracks changes by its own token, not by time: `since` is not used. Without a
   * checkpoint this is Graph's first round, everyone. Throws ChangesCheckpointExpiredError when Graph
   * no longer accepts the checkpoint.
   */
  async fetchChangedEmployeePage(_since: Date, cursor: string | null, checkpoint?: string | null): Promise<EmployeePage> {
    const url = cursor ?? checkpoint ?? this.delta.initialUrl(await this.selectedProperties());
    const today = utcToday(this.now());
    return this.delta.page(url, (raw) => mapGraphUser(raw, today));
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

  /** The properties the mapping reads, plus the tenant's directory extensions. */
  private async selectedProperties(): Promise<string[]> {
    return [...USER_PROPERTIES, ...(await discoverUserExtensions(this.graph)).extensions.map((e) => e.name)];
  }

  private usersUrl(select: string[], top: number): string {
    return this.graph.api.url('/v1.0/users', { $select: select.join(','), $top: String(top) });
  }

  /**
   * GET /v1.0/users with @odata.nextLink paging. The cursor is Graph's nextLink; it must point back
   * at Graph so the bearer token never goes elsewhere.
   */
  private users(select: string[], top: number): Pagination {
    return bodyNextLink({
      path: this.usersUrl(select, top),
      trustedPrefix: `${this.graph.graphBase}/v1.0/users?`,
      what: 'the user listing',
      records: (body: { value?: unknown } | null) => body?.value,
    });
  }

  /** Walks all users reading one property; sorted distinct non-empty results. */
  private async distinctValues<T extends string>(property: string, pick: (user: Record<string, unknown>) => T | null): Promise<T[]> {
    const found = new Set<T>();
    for (const user of await fetchAll(this.graph.api, this.users(['id', property], PAGE_SIZE))) {
      const value = user && typeof user === 'object' ? pick(user as Record<string, unknown>) : null;
      if (value) found.add(value);
    }
    return [...found].sort((a, b) => a.localeCompare(b));
  }
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}
