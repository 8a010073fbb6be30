// Everything under /v1 needs a bearer key.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authenticate } from '../auth';
import type { AppDeps } from '../deps';
import { companyRoutes } from './companies';

export function v1Routes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', authenticate(deps));
    await app.register(companyRoutes(deps));
  };
}
