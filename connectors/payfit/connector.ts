// PayFit connector on the Partner API (https://partner-api.payfit.com), authenticated with a bearer
// token: a customer API key or a partner OAuth access token, both valid for one company. The company
// id is the admin's, or read from token introspection (POST https://oauth.payfit.com/introspect →
// company_id). Collaborators come from GET /companies/{companyId}/collaborators, paged with
// maxResults (≤ 50) and meta.nextPageToken; former collaborators are listed with their
// terminationDate and contracts. PayFit has no change filter and no custom fields on the list: every
// sync is a complete listing. One company per token, so there are no legal entities to choose.
import { bodyCursor, fetchEmployeePage, utcToday, type HrApi, type Pagination } from '../kit';
import type { AttributeOption, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { COLLABORATOR_ATTRIBUTES, mapPayFitCollaborator } from './mapping';

/** PayFit's largest page (maxResults, default 10). */
export const PAYFIT_MAX_RESULTS = 50;

interface Introspection {
  active?: unknown;
  company_id?: unknown;
}

interface CollaboratorsBody {
  collaborators?: unknown;
  meta?: { nextPageToken?: unknown } | null;
}

export class PayFitConnector implements HrConnector {
  private companyId: Promise<string> | null;

  /** `api` is based at the Partner API, `oauth` at PayFit's OAuth host (introspection). */
  constructor(
    private readonly api: HrApi,
    private readonly oauth: HrApi,
    private readonly apiKey: string,
    companyId?: string,
  ) {
    this.companyId = companyId ? Promise.resolve(companyId) : null;
  }

  /** The company is resolved (introspection refuses an inactive key), then one collaborator is read. */
  async checkCredentials(): Promise<void> {
    const company = await this.company();
    await this.api.json({ path: collaboratorsPath(company), query: { maxResults: 1 } });
  }

  async fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    const today = utcToday();
    return fetchEmployeePage(this.api, collaboratorsPaging(await this.company()), cursor, (record) => mapPayFitCollaborator(record, today));
  }

  /** The collaborator list has a fixed set of fields; numberOfChildren is offered for the mapping step. */
  async listAttributes(): Promise<AttributeOption[]> {
    return [...COLLABORATOR_ATTRIBUTES];
  }

  /** A token reads one company (one SIRET); a group connects each company on its own. */
  async listLegalEntities(): Promise<LegalEntityOption[]> {
    return [];
  }

  /** Full or part time is only on GET /contracts (isFullTime), which this connector does not join. */
  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return [];
  }

  /** The company id: given, or the token's own from introspection (a failure is not kept). */
  private company(): Promise<string> {
    this.companyId ??= this.introspect().catch((err: unknown) => {
      this.companyId = null;
      throw err;
    });
    return this.companyId;
  }

  private async introspect(): Promise<string> {
    const body = (await this.oauth.json({ path: '/introspect', method: 'POST', json: { token: this.apiKey } })) as Introspection | null;
    if (body?.active === false) throw this.api.refused('refused the credentials: the API key is not active (revoked, expired or never issued)');
    const id = typeof body?.company_id === 'string' ? body.company_id.trim() : '';
    if (body?.active !== true || id === '') throw this.api.unexpected('the token introspection');
    return id;
  }
}

export const collaboratorsPath = (companyId: string) => `/companies/${encodeURIComponent(companyId)}/collaborators`;

/**
 * GET …/collaborators?maxResults=50&nextPageToken=…; the records are `collaborators`, the next token
 * `meta.nextPageToken`. A full page without `meta` cannot tell whether more follow: it fails the page.
 */
export function collaboratorsPaging(companyId: string): Pagination {
  const paging = bodyCursor({
    path: collaboratorsPath(companyId),
    query: { maxResults: PAYFIT_MAX_RESULTS },
    cursorParam: 'nextPageToken',
    what: 'the collaborator list',
    records: (body: CollaboratorsBody | null) => body?.collaborators,
    next: (body: CollaboratorsBody) => ({ cursor: body.meta?.nextPageToken }),
  });
  return {
    request: paging.request,
    read(res, cursor, api) {
      const page = paging.read(res, cursor, api);
      const meta = (res.body as CollaboratorsBody | null)?.meta;
      if ((meta === undefined || meta === null) && page.records.length >= PAYFIT_MAX_RESULTS) throw api.unexpected('the collaborator list (a full page without meta)', res.status);
      return page;
    },
  };
}
