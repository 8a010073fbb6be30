// Builds the Fastify application: validation and OpenAPI from zod schemas, one error shape, routes.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import type { AppDeps } from './deps';
import { registerErrorHandler } from './error-handler';
import { healthRoutes } from './routes/health';
import { v1Routes } from './routes/v1';

export async function buildApp(deps: AppDeps, logger: Logger | false): Promise<FastifyInstance> {
  const common = {
    genReqId: (req: IncomingMessage) => (typeof req.headers['x-request-id'] === 'string' ? req.headers['x-request-id'] : crypto.randomUUID()),
    requestIdHeader: 'x-request-id',
  };
  const app = (logger ? Fastify({ ...common, loggerInstance: logger as unknown as FastifyBaseLogger }) : Fastify({ ...common, logger: false })).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  await app.register(swagger, {
    openapi: {
      info: { title: 'HR integration & benefits lifecycle API', version: '1.0.0', description: 'Connect an HR system, keep employees in sync, drive leavers through their benefits lifecycle.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes(deps));
  await app.register(v1Routes(deps), { prefix: '/v1' });
  return app as unknown as FastifyInstance;
}
