// Everything under /v1 needs a bearer key.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authenticate } from '../auth';
import type { AppDeps } from '../deps';
import { benefitRoutes } from './benefits';
import { companyRoutes } from './companies';
import { connectLinkRoutes } from './connect-links';
import { employeeLifecycleRoutes } from './employee-lifecycle';
import { employeeRoutes } from './employees';
import { hrFileRoutes } from './hr-files';
import { hrSystemRoutes } from './hr-systems';
import { integrationListRoutes } from './integration-list';
import { integrationSyncRoutes } from './integration-syncs';
import { integrationRoutes } from './integrations';
import { voucherRoutes } from './vouchers';

export function v1Routes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', authenticate(deps));
    await app.register(companyRoutes(deps));
    await app.register(connectLinkRoutes(deps));
    await app.register(hrSystemRoutes(deps));
    await app.register(integrationListRoutes(deps));
    await app.register(integrationRoutes(deps));
    await app.register(hrFileRoutes(deps));
    await app.register(integrationSyncRoutes(deps));
    await app.register(employeeRoutes(deps));
    await app.register(benefitRoutes(deps));
    await app.register(voucherRoutes(deps));
    await app.register(employeeLifecycleRoutes(deps));
  };
}
