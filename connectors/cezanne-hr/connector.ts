// Cezanne HR connector on its OData data service (…/cezanneondemand/v7/dataservice.svc), with an
// OAuth2 client-credentials token (definition.ts). A complete listing is the People set (active and
// non-active people alike, per Cezanne's field list) with each person's employments and communications
// expanded, read page by page along the service's next links (OData server-driven paging; no $top is
// sent, as a $top smaller than the whole set would cut the listing short). Links must point at the
// People set of the same service. Legal entities are the companies of the employments. No
// changed-since filter is published: every sync is complete. See NOTES.md.
import { bodyNextLink, fetchAll, fetchPage, mapRecords, utcToday, type HrApi, type Pagination } from '../kit';
import type { AttributeOption, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { COMMUNICATIONS_NAV, customFieldNames, EMPLOYMENTS_NAV, entries, field, mapCezannePerson, STANDARD_ATTRIBUTES } from './mapping';

export const PEOPLE_SET = '/People';

type Row = Record<string, unknown>;

/** The records of an OData answer: `value` (v4, v3 light) or `d.results` / `d` (verbose). */
export function odataRecords(body: unknown): unknown {
  const b = body as { value?: unknown; d?: unknown } | null;
  if (Array.isArray(b?.value)) return b.value;
  if (Array.isArray(b?.d)) return b.d;
  return (b?.d as { results?: unknown } | undefined)?.results;
}

/** The next-page link of an OData answer (v4 `@odata.nextLink`, v3 `odata.nextLink`, verbose `d.__next`), resolved against the service. */
export function odataNextLink(body: unknown, serviceUrl: string): string | null {
  const b = body as Record<string, unknown> | null;
  const link = b?.['@odata.nextLink'] ?? b?.['odata.nextLink'] ?? (b?.d as Record<string, unknown> | undefined)?.__next;
  if (typeof link !== 'string' || link === '') return null;
  return new URL(link, `${serviceUrl}/`).toString();
}

export function peoplePages(api: HrApi): Pagination {
  return bodyNextLink({
    path: PEOPLE_SET,
    query: { $expand: `${EMPLOYMENTS_NAV},${COMMUNICATIONS_NAV}`, $format: 'json' },
    trustedPrefix: `${api.baseUrl}${PEOPLE_SET}`,
    records: odataRecords,
    link: (body) => odataNextLink(body, api.baseUrl),
    what: 'the People list',
  });
}

export class CezanneHrConnector implements HrConnector {
  constructor(
    private readonly api: HrApi,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A fresh token, then the first page of People: proves the application and its API read access. */
  async checkCredentials(): Promise<void> {
    await this.api.authenticate();
    await fetchPage(this.api, peoplePages(this.api), null);
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    const { records, nextCursor } = await fetchPage(this.api, peoplePages(this.api), cursor);
    const today = utcToday(this.now());
    return { ...mapRecords(records, (r) => mapCezannePerson(r, today)), nextCursor };
  }

  /** The published fields plus the other person fields seen on the first page (the company's own fields). */
  async listAttributes(): Promise<AttributeOption[]> {
    const { records } = await fetchPage(this.api, peoplePages(this.api), null);
    const custom = new Map<string, AttributeOption['type']>();
    for (const record of records) {
      if (!record || typeof record !== 'object' || Array.isArray(record)) continue;
      const person = record as Row;
      for (const name of customFieldNames(person)) {
        const v = person[name];
        if (v !== null) custom.set(name, typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string');
        else if (!custom.has(name)) custom.set(name, 'string');
      }
    }
    return [...STANDARD_ATTRIBUTES, ...[...custom].map(([name, type]): AttributeOption => ({ key: name, label: name, type, custom: true }))];
  }

  /** The companies (COMPANYCODE, TRANSLATEDCOMPANYNAME) of everyone's employments: Cezanne publishes no company set for the API. */
  async listLegalEntities(): Promise<LegalEntityOption[]> {
    const people = await fetchAll(this.api, peoplePages(this.api));
    const companies = new Map<string, string>();
    for (const record of people) {
      if (!record || typeof record !== 'object' || Array.isArray(record)) continue;
      let employments: Row[];
      try {
        employments = entries(field(record as Row, EMPLOYMENTS_NAV), EMPLOYMENTS_NAV);
      } catch {
        continue; // the listing reports this person as an invalid record
      }
      for (const e of employments) {
        const code = field(e, 'COMPANYCODE');
        if (typeof code !== 'string' || code.trim() === '') continue;
        const name = field(e, 'TRANSLATEDCOMPANYNAME');
        companies.set(code, typeof name === 'string' && name.trim() ? name.trim() : (companies.get(code) ?? code));
      }
    }
    return [...companies].map(([id, name]) => ({ id, name }));
  }

  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return [];
  }
}
