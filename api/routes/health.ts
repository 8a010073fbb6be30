import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { withTemporalDeadline } from '../temporal-calls';

const componentState = z.object({ status: z.enum(['up', 'down']), error: z.string().optional() });
const healthBody = z.object({ status: z.enum(['ok', 'degraded']), database: componentState, temporal: componentState });

const PROBE_TIMEOUT_MS = 3000;

async function probe(check: () => Promise<unknown>): Promise<z.infer<typeof componentState>> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([check(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timed out after 3 s')), PROBE_TIMEOUT_MS)))]);
    return { status: 'up' };
  } catch (err) {
    return { status: 'down', error: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/health',
      { schema: { tags: ['health'], summary: 'State of the database and of Temporal', security: [], response: { 200: healthBody, 503: healthBody } } },
      async (_req, reply) => {
        const [database, temporal] = await Promise.all([
          probe(() => deps.db.$queryRaw`SELECT 1`),
          // Under a gRPC deadline too, so the client does not keep retrying after the answer.
          probe(() => withTemporalDeadline(deps.temporal, PROBE_TIMEOUT_MS, () => deps.temporal.connection.workflowService.getSystemInfo({}))),
        ]);
        const ok = database.status === 'up' && temporal.status === 'up';
        return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', database, temporal });
      },
    );
  };
}
