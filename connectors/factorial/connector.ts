// Factorial connector on the dated public API (/api/<version>/resources/...), authenticated with the
// x-api-key header. Employees are paged with Factorial's cursor pagination (limit ≤ 100, after_id =
// the previous meta.end_cursor) and only_active=false, so terminated employees are listed too. Each
// page is completed with the employees' contract versions (hire date, working time) and custom
// field values, both read for exactly that page's employees.
import { HrSystemResponseError } from '../errors';
import { apiBase, requestJson } from '../http';
import type { AttributeOption, ConnectorContext, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import type { FactorialCredentials } from './definition';
import {
  CONTRACT_ATTRIBUTES,
  EMPLOYEE_ATTRIBUTES,
  mapFactorialEmployee,
  toAttributeOption,
  type FactorialContractVersion,
  type FactorialCustomField,
  type FactorialCustomValue,
} from './mapping';

/**
 * Factorial releases a dated API version each quarter and supports each for a year; this is the
 * newest released version when the connector was written. Bump it after reading the changelog.
 */
export const FACTORIAL_API_VERSION = '2026-10-01';

const HR_SYSTEM = 'Factorial';
/** Factorial's maximum page size. */
const PAGE_SIZE = 100;

interface PagedMeta {
  end_cursor?: string | null;
  has_next_page?: boolean;
}

interface Paged<T> {
  data: T[];
  nextCursor: string | null;
}

export class FactorialConnector implements HrConnector {
  private readonly resources: string;
  private legalEntityNames: Promise<Map<string, string>> | null = null;

  constructor(
    private readonly credentials: FactorialCredentials,
    private readonly context: ConnectorContext = {},
  ) {
    this.resources = `${apiBase('https://api.factorialhr.com', credentials.baseUrl)}/api/${FACTORIAL_API_VERSION}/resources`;
  }

  async checkCredentials(): Promise<void> {
    await this.page('/employees/employees', { limit: '1', only_active: 'true' }, null);
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    const { data: records, nextCursor } = await this.page<unknown>('/employees/employees', { limit: String(PAGE_SIZE), only_active: 'false' }, cursor);
    const ids = records.flatMap((r) => {
      const id = (r as { id?: unknown } | null)?.id;
      return typeof id === 'string' || typeof id === 'number' ? [String(id)] : [];
    });
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

    const today = new Date().toISOString().slice(0, 10);
    const page: EmployeePage = { employees: [], invalid: [], nextCursor };
    for (const record of records) {
      const id = String((record as { id?: unknown } | null)?.id ?? '');
      const mapped = mapFactorialEmployee(record, { contracts: contractsOf.get(id) ?? [], customValues: valuesOf.get(id) ?? [], legalEntities, today });
      if (mapped.ok) page.employees.push(mapped.employee);
      else page.invalid.push(mapped.invalid);
    }
    return page;
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
  private async all<T>(path: string, params: Record<string, string | string[]>): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    const seen = new Set<string>();
    do {
      const page: Paged<T> = await this.page<T>(path, { limit: String(PAGE_SIZE), ...params }, cursor);
      items.push(...page.data);
      cursor = page.nextCursor;
      if (cursor !== null && seen.has(cursor)) throw new HrSystemResponseError(`Factorial repeated a page cursor on ${path}`, HR_SYSTEM, 200);
      if (cursor !== null) seen.add(cursor);
    } while (cursor !== null);
    return items;
  }

  /** One page of a listing; the cursor of the next page, or null after the last one. */
  private async page<T>(path: string, params: Record<string, string | string[]>, cursor: string | null): Promise<Paged<T>> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) for (const v of [value].flat()) query.append(key, v);
    if (cursor !== null) query.set('after_id', cursor);
    const res = await requestJson(
      `${this.resources}${path}?${query}`,
      {
        headers: { 'x-api-key': this.credentials.apiKey },
        hrSystemName: HR_SYSTEM,
        // 403: the key may not read this resource; retrying cannot help.
        classify: (r) => (r.status === 403 ? 'credentials-rejected' : undefined),
      },
      this.context,
    );
    const body = res.body as { data?: unknown; meta?: PagedMeta } | null;
    // Never read a malformed answer as "nobody works here any more".
    if (!Array.isArray(body?.data)) throw new HrSystemResponseError(`Factorial answered ${path} without a data list`, HR_SYSTEM, res.status);
    const meta = body.meta ?? {};
    if (meta.has_next_page && !meta.end_cursor) throw new HrSystemResponseError(`Factorial announced another page of ${path} without a cursor`, HR_SYSTEM, res.status);
    return { data: body.data as T[], nextCursor: meta.has_next_page ? String(meta.end_cursor) : null };
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
