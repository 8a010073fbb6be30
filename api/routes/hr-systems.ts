import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hrSystems } from '../../connectors/registry';
import { EMPLOYEE_FIELDS } from '../../domain/employee-fields';
import type { AppDeps } from '../deps';

const hrSystem = z.object({
  id: z.enum(hrSystems.map((s) => s.id) as [string, ...string[]]),
  name: z.string(),
  status: z.enum(['available', 'planned']),
  credentials: z.record(z.string(), z.unknown()).describe('JSON Schema of the credentials this HR system needs; secret ones are marked writeOnly'),
  fields: z.array(
    z.object({
      key: z.string(),
      area: z.string(),
      required: z.boolean(),
      description: z.string(),
      offeredByHrSystem: z.boolean().describe('False: map a custom attribute of the HR system instead (mapping step)'),
    }),
  ),
  notes: z
    .object({
      verified: z.array(z.string()).describe("Checked against the vendor's published API description"),
      unverified: z.array(z.string()).describe('Where that description is silent: the reading the connector takes, which a real account may contradict'),
    })
    .describe('What to know before connecting (empty for planned systems)'),
});

/** Secret credentials carry JSON Schema's writeOnly, so a form shows them as password inputs. */
function markSecrets(schema: Record<string, unknown>, secretKeys: readonly string[]): Record<string, unknown> {
  const properties = schema.properties as Record<string, Record<string, unknown>> | undefined;
  for (const key of secretKeys) if (properties?.[key]) properties[key] = { ...properties[key], writeOnly: true };
  return schema;
}

// Built once: the catalog does not change while the process runs.
const catalog = hrSystems.map((s) => ({
  id: s.id,
  name: s.name,
  status: s.status,
  credentials: markSecrets(z.toJSONSchema(s.credentialsSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>, s.secretKeys),
  fields: s.status === 'planned' ? [] : EMPLOYEE_FIELDS.map((f) => ({ ...f, offeredByHrSystem: s.supportedFields.includes(f.key) })),
  notes: { verified: [...s.notes.verified], unverified: [...s.notes.unverified] },
}));

export function hrSystemRoutes(_deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/hr-systems',
      { schema: { tags: ['setup'], summary: 'The catalog of HR systems, with the credentials each needs and the fields it offers', response: { 200: z.object({ items: z.array(hrSystem) }) } } },
      async () => ({ items: catalog }),
    );
  };
}
