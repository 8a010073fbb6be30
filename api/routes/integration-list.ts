// The company's integrations, newest first: how a client (the connect page among them) finds the
// integration it manages. At most one is not DISCONNECTED; the disconnected ones stay listed.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { companyOf } from '../auth';
import type { AppDeps } from '../deps';
import { loadIntegrationView } from '../integration-view';
import { decodeInstantIdCursor, instantIdCursor, pageOf } from '../pagination';
import { errorResponses, listOf, listQuery } from '../schemas/common';
import { integration } from '../schemas/integration';

export function integrationListRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/integrations',
      { schema: { tags: ['setup'], summary: "The company's integrations, newest first (at most one is not DISCONNECTED)", querystring: listQuery.newestFirst, response: { 200: listOf(integration, listQuery.newestFirst), 403: errorResponses[403] } } },
      async (req) => {
        const { companyId } = companyOf(req);
        const after = decodeInstantIdCursor(req.query.cursor);
        const rows = await deps.db.integration.findMany({
          where: { companyId, ...(after ? { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] } : {}) },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          take: req.query.limit + 1,
        });
        const page = pageOf(rows, req.query.limit, (r) => instantIdCursor(r.createdAt, r.id));
        return { items: await Promise.all(page.items.map((row) => loadIntegrationView(deps, row))), nextCursor: page.nextCursor };
      },
    );
  };
}
