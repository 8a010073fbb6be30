// Everything a leaving-lifecycle test needs on one Temporal server: a fresh database, a worker with
// the product's workflows and activities, the real API wired to the same client, and a clock the API
// shares with the (possibly time-skipping) server.
import crypto from 'node:crypto';
import { Client } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { NativeConnection, Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app';
import { hashApiKey } from '../../api/auth';
import { CredentialsCipher } from '../../infra/credentials-cipher';
import type { Db } from '../../infra/prisma';
import { CUSTOM_SEARCH_ATTRIBUTES } from '../../contracts/search-attributes';
import { createTestDatabase, type TestDatabase } from './database';
import { createLifecycleWorker } from './lifecycle-fixtures';
import { TEST_ENCRYPTION_KEY } from './temporal';
import { createTimeSkippingEnv } from './time-skipping';

export interface LifecycleHarness {
  db: Db;
  client: Client;
  taskQueue: string;
  app: FastifyInstance;
  /** The clock the API uses; tests move it along with the server's time. */
  clock: { now: Date };
  stop(): Promise<void>;
}

/** The Java test server knows no custom search attributes until they are registered. */
export async function registerSearchAttributes(env: TestWorkflowEnvironment): Promise<void> {
  const searchAttributes: Record<string, proto.api.enums.v1.IndexedValueType> = {};
  for (const key of CUSTOM_SEARCH_ATTRIBUTES) searchAttributes[key.name] = proto.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
  await env.connection.operatorService.addSearchAttributes({ namespace: 'default', searchAttributes });
}

export async function startLifecycleHarness(input: { connection: NativeConnection; client: Client; now: Date; onStop?: () => Promise<void> }): Promise<LifecycleHarness> {
  const database: TestDatabase = await createTestDatabase();
  const { worker, taskQueue } = await createLifecycleWorker({ connection: input.connection, client: input.client, db: database.db });
  const running = worker.run();
  const clock = { now: input.now };
  const app = await buildApp(
    {
      db: database.db,
      temporal: input.client,
      cipher: new CredentialsCipher(TEST_ENCRYPTION_KEY),
      config: { TEMPORAL_TASK_QUEUE: taskQueue, TEMPORAL_NAMESPACE: 'default', OPERATOR_API_KEY: 'op', RECONCILE_INTERVAL_MINUTES: 15, operatorApiKey: 'op_lifecycle_test_key' },
      now: () => clock.now,
    },
    false,
  );
  await app.ready();
  return {
    db: database.db,
    client: input.client,
    taskQueue,
    app,
    clock,
    stop: async () => {
      await app.close();
      await stopWorker(worker, running);
      await input.onStop?.();
      await database.drop();
    },
  };
}

export async function stopWorker(worker: Pick<Worker, 'getState' | 'shutdown'>, running: Promise<void>): Promise<void> {
  if (worker.getState() === 'RUNNING') worker.shutdown();
  await running;
}

export async function startTimeSkippingHarness(): Promise<LifecycleHarness & { env: TestWorkflowEnvironment; syncClock(): Promise<Date> }> {
  const env = await createTimeSkippingEnv();
  await registerSearchAttributes(env);
  // A plain client: the time-skipping client's result() unlocks skipping, and the test server then
  // jumps to the (never cancelled) 10-year run timeout of a finished workflow. Time moves by env.sleep only.
  const client = new Client({ connection: env.connection, namespace: 'default' });
  const harness = await startLifecycleHarness({ connection: env.nativeConnection, client, now: new Date(await env.currentTimeMs()), onStop: () => env.teardown() });
  return {
    ...harness,
    env,
    syncClock: async () => {
      harness.clock.now = new Date(await env.currentTimeMs());
      return harness.clock.now;
    },
  };
}

/** A company whose API key the test knows. */
export async function seedCompanyWithKey(db: Db, timezone = 'Europe/Berlin'): Promise<{ companyId: string; integrationId: string; apiKey: string }> {
  const apiKey = `ck_${crypto.randomBytes(12).toString('hex')}`;
  const company = await db.company.create({ data: { name: 'Acme GmbH', timezone, apiKeyHash: hashApiKey(apiKey) } });
  const integration = await db.integration.create({ data: { companyId: company.id, hrSystem: 'sandbox', status: 'ACTIVE', selectedFields: [] } });
  return { companyId: company.id, integrationId: integration.id, apiKey };
}
