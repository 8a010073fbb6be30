// Builds the Fastify application: validation and OpenAPI from zod schemas, one error shape, routes.
import compress from '@fastify/compress';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import type { AppDeps } from './deps';
import { frameworkErrorHandler, registerErrorHandler, registerMethodNotAllowed } from './error-handler';
import { registerHttpMetrics } from './metrics';
import { errorResponses } from './schemas/common';
import { connectPageRoutes } from './routes/connect-page';
import { healthRoutes } from './routes/health';
import { pushReceiverRoutes } from './routes/push-receiver';
import { v1Routes } from './routes/v1';

export async function buildApp(deps: AppDeps, logger: Logger | false): Promise<FastifyInstance> {
  const common = {
    genReqId: (req: IncomingMessage) => (typeof req.headers['x-request-id'] === 'string' ? req.headers['x-request-id'] : crypto.randomUUID()),
    requestIdHeader: 'x-request-id',
    // A malformed URL (400) or an over-long path parameter (414) in the API's one error shape.
    frameworkErrors: frameworkErrorHandler,
  };
  const app = (logger ? Fastify({ ...common, loggerInstance: logger as unknown as FastifyBaseLogger }) : Fastify({ ...common, logger: false })).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // First, so that every answer is counted, the 404s and 405s of the hooks below included.
  if (deps.metricsRegistry) registerHttpMetrics(app as unknown as FastifyInstance, deps.metricsRegistry);
  registerErrorHandler(app);
  // Unknown methods on a known path: 405 with Allow, before any body is read.
  registerMethodNotAllowed(app as unknown as FastifyInstance);
  // Answers of 1 KB and more compressed (br or gzip, as the client accepts; the catalog's 100+ KB of
  // JSON, the connect page's assets). Before every route (it hooks each route as it is added); only
  // answers: request bodies (the /hooks routes verify their raw bytes) are left as sent.
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'], globalDecompression: false });
  // What every route of a kind can answer, added to its documented responses (see errorResponses).
  app.addHook('onRoute', (route) => {
    if (route.method === 'HEAD') return;
    const v1 = route.url.startsWith('/v1');
    const hasParams = route.url.includes(':');
    // A public route (outside /v1) gets only what Fastify itself answers for a path parameter: malformed (400) or too long (414).
    if (!v1 && !hasParams) return;
    const schema = (route.schema ??= {}) as { response?: Record<number, unknown>; params?: unknown; querystring?: unknown; body?: unknown };
    const response = (schema.response ??= {});
    const methods = [route.method].flat();
    const hasBody = methods.some((m) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(m));
    const generic: number[] = hasParams ? [400, 414] : [];
    if (v1) {
      generic.push(401, 503);
      if (hasBody || schema.querystring !== undefined || schema.body !== undefined) generic.push(400);
      if (hasParams) generic.push(404);
      if (hasBody) generic.push(413, 415);
    }
    for (const status of generic) response[status] ??= errorResponses[status as keyof typeof errorResponses];
  });

  await app.register(swagger, {
    openapi: {
      // 3.1: JSON Schema 2020-12, which can state what 3.0 cannot (e.g. the key pattern of a record).
      openapi: '3.1.0',
      info: { title: 'HR integration & benefits lifecycle API', version: '1.0.0', description: 'Connect an HR system, keep employees in sync, drive leavers through their benefits lifecycle.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes(deps));
  // Public (HR systems post here, verified by their own signatures): outside /v1's bearer keys.
  await app.register(pushReceiverRoutes(deps));
  await app.register(v1Routes(deps), { prefix: '/v1' });
  await app.register(connectPageRoutes(deps));
  return app as unknown as FastifyInstance;
}
