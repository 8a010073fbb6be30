import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { offeredTimeZones } from '../../domain/time-zone';
import { generateCompanyApiKey, hashApiKey, requireOperator } from '../auth';
import type { AppDeps } from '../deps';
import { errorResponses, storableString } from '../schemas/common';

const createCompanyBody = z.object({
  name: storableString().trim().min(1, 'must not be empty').max(200).regex(/\S/, 'must not be empty'),
  // An enum: exactly the IANA zones this runtime knows (and today's names of renamed ones), so the spec lists what the server takes.
  timezone: z
    .enum(offeredTimeZones(), { error: 'must be an IANA time zone such as Europe/Berlin' })
    .default('Europe/Berlin'),
}).strict();

const companyCreated = z.object({ id: z.uuid(), name: z.string(), timezone: createCompanyBody.shape.timezone.unwrap(), apiKey: z.string() });

export function companyRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/companies',
      {
        schema: {
          tags: ['companies'],
          summary: 'Create a company (operator key only); the answer carries its API key, shown once',
          body: createCompanyBody,
          response: { 201: companyCreated, 403: errorResponses[403] },
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
