// The bench drives the product as a customer would: through the HTTP API (company, Personio
// credentials, activation, "sync now"), served by the API child process.
import { FAKE_PERSONIO_CLIENT_ID, FAKE_PERSONIO_CLIENT_SECRET } from '../connectors/personio/fake-server';

export interface BenchCompany {
  id: string;
  apiKey: string;
}

export class BenchApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly operatorKey: string,
  ) {}

  private async request<T>(method: string, path: string, key: string, body?: unknown, expected = [200, 201, 202]): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!expected.includes(res.status)) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : null) as T;
  }

  createCompany(name: string): Promise<BenchCompany> {
    return this.request('POST', '/v1/companies', this.operatorKey, { name });
  }

  /** Setup steps 1 and 3 for Personio (default fields, no filters, no invites); returns the integration id. */
  async createIntegration(company: BenchCompany): Promise<string> {
    return (await this.request<{ id: string }>('POST', '/v1/integrations', company.apiKey, { hrSystem: 'personio' })).id;
  }

  async connectPersonio(company: BenchCompany, fakeUrl: string): Promise<string> {
    const id = await this.createIntegration(company);
    await this.request('PUT', `/v1/integrations/${id}/credentials`, company.apiKey, { clientId: FAKE_PERSONIO_CLIENT_ID, clientSecret: FAKE_PERSONIO_CLIENT_SECRET, baseUrl: fakeUrl });
    return id;
  }

  async activate(company: BenchCompany, integrationId: string): Promise<string> {
    return (await this.request<{ syncRunId: string }>('POST', `/v1/integrations/${integrationId}/activate`, company.apiKey)).syncRunId;
  }

  /** AUTO: the product's choice (changes only, where the HR system lists them); FULL: every employee. */
  async syncNow(company: BenchCompany, integrationId: string, listing: 'AUTO' | 'FULL' = 'AUTO'): Promise<string> {
    return (await this.request<{ syncRunId: string }>('POST', `/v1/integrations/${integrationId}/sync?listing=${listing}`, company.apiKey)).syncRunId;
  }

  /** Setup steps 1–4 for any HR system: the integration, its credentials (checked live), the offered fields and a mapping. */
  async connectHrSystem(company: BenchCompany, hrSystem: string, credentials: Record<string, unknown>, mapping: Record<string, string>): Promise<string> {
    const id = (await this.request<{ id: string }>('POST', '/v1/integrations', company.apiKey, { hrSystem })).id;
    await this.request('PUT', `/v1/integrations/${id}/credentials`, company.apiKey, credentials);
    const catalog = await this.request<{ items: Array<{ id: string; fields: Array<{ key: string; offeredByHrSystem: boolean }> }> }>('GET', '/v1/hr-systems', company.apiKey);
    const offered = catalog.items.find((s) => s.id === hrSystem)!.fields.filter((f) => f.offeredByHrSystem).map((f) => f.key);
    if (Object.keys(mapping).length > 0) await this.request('GET', `/v1/integrations/${id}/options`, company.apiKey);
    await this.request('PATCH', `/v1/integrations/${id}`, company.apiKey, { fields: [...new Set([...offered, ...Object.keys(mapping), 'leavingDate'])], mapping });
    return id;
  }

  async employeePage(company: BenchCompany, cursor: string | null): Promise<{ items: unknown[]; nextCursor: string | null }> {
    return this.request('GET', `/v1/employees?limit=50${cursor ? `&cursor=${cursor}` : ''}`, company.apiKey);
  }
}
