import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isValidTimeZone } from '../../domain/time-zone';
import { generateCompanyApiKey, hashApiKey, requireOperator } from '../auth';
import type { AppDeps } from '../deps';
import { errorResponses } from '../schemas/common';

const createCompanyBody = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  timezone: z.string().refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Berlin').default('Europe/Berlin'),
});

const companyCreated = z.object({ id: z.uuid(), name: z.string(), timezone: z.string(), apiKey: z.string() });

export function companyRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/companies',
      {
        schema: {
          tags: ['companies'],
          summary: 'Create a company (operator key only); the answer carries its API key, shown once',
          body: createCompanyBody,
          response: { 201: companyCreated, ...errorResponses, 403: errorResponses[401] },
        },
      },
      async (req, reply) => {
        requireOperator(req);
        const apiKey = generateCompanyApiKey();
        const company = await deps.db.company.create({ data: { name: req.body.name, timezone: req.body.timezone, apiKeyHash: hashApiKey(apiKey) } });
        return reply.code(201).send({ id: company.id, name: company.name, timezone: company.timezone, apiKey });
      },
    );
  };
}
