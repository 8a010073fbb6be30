// Factorial connector on the dated public API (/api/<version>/resources/...), authenticated with the
// x-api-key header. Employees are paged with Factorial's cursor pagination (limit ≤ 100, after_id =
// the previous meta.end_cursor) and only_active=false, so terminated employees are listed too. Each
// page is completed with the employees' contract versions (hire date, working time) and custom
// field values, both read for exactly that page's employees. Changes: the same listing filtered by
// updated_at_gteq; pushes: webhook subscriptions (webhooks.ts).
import { bodyCursor, fetchAll, fetchPage, mapRecords, rawId, utcToday, type HrApi, type Pagination, type Query } from '../kit';
import type { AttributeOption, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import {
  CONTRACT_ATTRIBUTES,
  EMPLOYEE_ATTRIBUTES,
  mapFactorialEmployee,
  toAttributeOption,
  type FactorialContractVersion,
  type FactorialCustomField,
  type FactorialCustomValue,
} from './mapping';
import { FactorialWebhooks } from './webhooks';

/**
 * Factorial releases a dated API version each quarter and supports each for a year; this is the
 * newest released version when the connector was written. Bump it after reading the changelog.
 */
export const FACTORIAL_API_VERSION = '2026-10-01';

/** Factorial's maximum page size. */
const PAGE_SIZE = 100;

interface PagedBody {
  data?: unknown;
  meta?: { end_cursor?: string | null; has_next_page?: boolean };
}

/** A resource listing: `data`, and meta.has_next_page / meta.end_cursor, sent back as after_id. */
function listing(path: string, query: Query): Pagination {
  return bodyCursor({
    path,
    query: { limit: String(PAGE_SIZE), ...query },
    cursorParam: 'after_id',
    what: path,
    records: (body: PagedBody | null) => body?.data,
    next: (body: PagedBody) => ({ cursor: body.meta?.end_cursor, hasMore: body.meta?.has_next_page === true }),
  });
}

/**
 * The day to ask updated_at_gteq for: Factorial filters by whole days, in a time zone it does not
 * name, so the day before `since` (in UTC) is asked; re-reading some of yesterday's changes is
 * harmless, missing one is not.
 */
export function changedSinceDay(since: Date): string {
  return new Date(since.getTime() - 24 * 3600_000).toISOString().slice(0, 10);
}

export class FactorialConnector implements HrConnector {
  private legalEntityNames: Promise<Map<string, string>> | null = null;
  readonly pushSubscriptions: FactorialWebhooks;

  /** `api` is based at /api/<version>/resources. */
  constructor(private readonly api: HrApi) {
    this.pushSubscriptions = new FactorialWebhooks(api);
  }

  async checkCredentials(): Promise<void> {
    await fetchPage(this.api, listing('/employees/employees', { limit: '1', only_active: 'true' }), null);
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    return this.employeePage({ only_active: 'false' }, cursor);
  }

  /** Employees whose record Factorial updated on or after the day before `since` (see changedSinceDay). */
  async fetchChangedEmployeePage(since: Date, cursor: string | null): Promise<EmployeePage> {
    return this.employeePage({ only_active: 'false', updated_at_gteq: changedSinceDay(since) }, cursor);
  }

  /** One page of employees, completed with their contract versions and custom field values. */
  private async employeePage(query: Query, cursor: string | null): Promise<EmployeePage> {
    const { records, nextCursor } = await fetchPage(this.api, listing('/employees/employees', query), cursor);
    const ids = records.flatMap((r) => rawId(r) ?? []);
    const [contracts, customValues, legalEntities] = ids.length
      ? [
          await this.all<FactorialContractVersion>('/contracts/contract_versions', { 'employee_ids[]': ids }),
          await this.all<FactorialCustomValue>('/custom_fields/values', { 'employee_ids[]': ids }),
          await this.legalEntities(),
        ]
      : [[], [], new Map<string, string>()];
    const contractsOf = groupBy(contracts, (c) => String(c.employee_id));
    const valuesOf = groupBy(
      customValues.filter((v) => (v.valuable_type ?? 'Employee') === 'Employee'),
      (v) => String(v.valuable_id),
    );

    const today = utcToday();
    const employees = mapRecords(records, (record) => {
      const id = String((record as { id?: unknown } | null)?.id ?? '');
      return mapFactorialEmployee(record, { contracts: contractsOf.get(id) ?? [], customValues: valuesOf.get(id) ?? [], legalEntities, today });
    });
    return { ...employees, nextCursor };
  }

  async listAttributes(): Promise<AttributeOption[]> {
    const customFields = await this.all<FactorialCustomField>('/custom_fields/fields', {});
    return [...EMPLOYEE_ATTRIBUTES, ...CONTRACT_ATTRIBUTES, ...customFields.map(toAttributeOption)];
  }

  async listLegalEntities(): Promise<LegalEntityOption[]> {
    return [...(await this.legalEntities())].map(([id, name]) => ({ id, name }));
  }

  /** Factorial has no employment-type field; the connector derives these two from working time. */
  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return ['FULL_TIME', 'PART_TIME'];
  }

  private legalEntities(): Promise<Map<string, string>> {
    // Read once per connector (one sync); a failure is not cached.
    this.legalEntityNames ??= this.all<{ id: string | number; legal_name: string }>('/companies/legal_entities', {})
      .then((entities) => new Map(entities.map((e) => [String(e.id), e.legal_name])))
      .catch((err: unknown) => {
        this.legalEntityNames = null;
        throw err;
      });
    return this.legalEntityNames;
  }

  /** Every item of a paged listing. */
  private async all<T>(path: string, query: Query): Promise<T[]> {
    return (await fetchAll(this.api, listing(path, query))) as T[];
  }
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
