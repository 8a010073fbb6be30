import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../deps';

const componentState = z.object({ status: z.enum(['up', 'down']), error: z.string().optional() });
const healthBody = z.object({ status: z.enum(['ok', 'degraded']), database: componentState, temporal: componentState });

async function probe(check: () => Promise<unknown>): Promise<z.infer<typeof componentState>> {
  try {
    await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 3 s')), 3000))]);
    return { status: 'up' };
  } catch (err) {
    return { status: 'down', error: (err as Error).message };
  }
}

export function healthRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/health',
      { schema: { tags: ['health'], summary: 'State of the database and of Temporal', response: { 200: healthBody, 503: healthBody } } },
      async (_req, reply) => {
        const [database, temporal] = await Promise.all([
          probe(() => deps.db.$queryRaw`SELECT 1`),
          probe(() => deps.temporal.connection.workflowService.getSystemInfo({})),
        ]);
        const ok = database.status === 'up' && temporal.status === 'up';
        return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', database, temporal });
      },
    );
  };
}
