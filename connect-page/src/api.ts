// The page's only way to the product: its public API (/v1), typed from the OpenAPI document, with
// the connect link's token as bearer. Every failure becomes an ApiProblem carrying the API's code.
import createClient from 'openapi-fetch';
import type { paths } from './api-types';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type HrSystem = Json<paths['/v1/hr-systems']['get']['responses'][200]>['items'][number];
export type Integration = Json<paths['/v1/integrations/{id}']['get']['responses'][200]>;
export type SyncRun = Json<paths['/v1/integrations/{id}/syncs']['get']['responses'][200]>['items'][number];
export type IntegrationOptions = Json<paths['/v1/integrations/{id}/options']['get']['responses'][200]>;
export type IntegrationPatch = NonNullable<paths['/v1/integrations/{id}']['patch']['requestBody']>['content']['application/json'];
export type FieldKey = Integration['fields'][number];
export type Filters = Integration['filters'];

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Answer<T> = { data?: T; error?: unknown; response: Response };

export function connectApi(token: string, onUnauthorized: (problem: ApiProblem) => void) {
  const client = createClient<paths>({ baseUrl: window.location.origin });
  client.use({
    onRequest({ request }) {
      request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
  });

  async function call<T>(pending: Promise<Answer<T>>): Promise<T> {
    let answer: Answer<T>;
    try {
      answer = await pending;
    } catch {
      throw new ApiProblem(0, 'network', 'The product could not be reached.');
    }
    if (answer.response.ok) return answer.data as T;
    const body = (answer.error ?? {}) as { error?: string; message?: string };
    const problem = new ApiProblem(answer.response.status, body.error ?? 'unknown', body.message ?? answer.response.statusText);
    if (problem.status === 401) onUnauthorized(problem);
    throw problem;
  }

  const id = (integrationId: string) => ({ params: { path: { id: integrationId } } });
  return {
    catalog: async () => (await call(client.GET('/v1/hr-systems'))).items,
    integrations: async () => (await call(client.GET('/v1/integrations', { params: { query: { limit: 10 } } }))).items,
    integration: (integrationId: string) => call(client.GET('/v1/integrations/{id}', id(integrationId))),
    start: (hrSystem: string) => call(client.POST('/v1/integrations', { body: { hrSystem: hrSystem as Integration['hrSystem'] } })),
    configure: (integrationId: string, patch: IntegrationPatch) => call(client.PATCH('/v1/integrations/{id}', { ...id(integrationId), body: patch })),
    enterCredentials: (integrationId: string, credentials: Record<string, unknown>) => call(client.PUT('/v1/integrations/{id}/credentials', { ...id(integrationId), body: credentials })),
    uploadFile: (integrationId: string, file: File) =>
      call(
        client.PUT('/v1/integrations/{id}/files', {
          ...id(integrationId),
          body: file as never,
          bodySerializer: (b: unknown) => b as BodyInit,
          headers: { 'content-type': 'text/csv', 'content-disposition': `attachment; filename="${encodeURIComponent(file.name)}"` },
        }),
      ),
    options: (integrationId: string) => call(client.GET('/v1/integrations/{id}/options', id(integrationId))),
    refreshOptions: (integrationId: string) => call(client.POST('/v1/integrations/{id}/options/refresh', id(integrationId))),
    activate: (integrationId: string) => call(client.POST('/v1/integrations/{id}/activate', id(integrationId))),
    syncNow: (integrationId: string) => call(client.POST('/v1/integrations/{id}/sync', { ...id(integrationId), params: { path: { id: integrationId }, query: { listing: 'AUTO' } } })),
    syncs: async (integrationId: string) => (await call(client.GET('/v1/integrations/{id}/syncs', { params: { path: { id: integrationId }, query: { limit: 10 } } }))).items,
    confirmRemovals: (integrationId: string, syncRunId: string) => call(client.POST('/v1/integrations/{id}/syncs/{syncRunId}/confirm', { params: { path: { id: integrationId, syncRunId } } })),
    disconnect: (integrationId: string) => call(client.DELETE('/v1/integrations/{id}', id(integrationId))),
  };
}

export type ConnectApi = ReturnType<typeof connectApi>;
