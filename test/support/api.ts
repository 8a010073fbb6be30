// The real Fastify app on a test database and the shared dev server, driven with inject().
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app';
import type { AppDeps } from '../../api/deps';
import type { TestTemporal } from './temporal';
import type { Db } from '../../infra/prisma';

export const TEST_OPERATOR_KEY = 'op_test_operator_key_0123456789';

/** `config` overrides are merged into the test defaults (e.g. PUBLIC_URL alone). */
export async function buildTestApi(db: Db, temporal: TestTemporal, overrides: Partial<Omit<AppDeps, 'config'>> & { config?: Partial<AppDeps['config']> } = {}): Promise<FastifyInstance> {
  const { config, ...rest } = overrides;
  const app = await buildApp(
    {
      db,
      temporal: temporal.client,
      cipher: temporal.cipher,
      config: {
        TEMPORAL_TASK_QUEUE: temporal.taskQueue,
        TEMPORAL_NAMESPACE: 'default',
        OPERATOR_API_KEY: TEST_OPERATOR_KEY,
        RECONCILE_INTERVAL_MINUTES: 15,
        operatorApiKey: TEST_OPERATOR_KEY,
        ...config,
      },
      ...rest,
    },
    false,
  );
  await app.ready();
  return app;
}

export async function createCompany(app: FastifyInstance, name = 'Acme GmbH', timezone?: string): Promise<{ id: string; apiKey: string }> {
  const res = await app.inject({ method: 'POST', url: '/v1/companies', headers: { authorization: `Bearer ${TEST_OPERATOR_KEY}` }, payload: { name, ...(timezone ? { timezone } : {}) } });
  if (res.statusCode !== 201) throw new Error(`company creation failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
