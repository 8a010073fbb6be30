// The product as most integration tests drive it: a fresh database, a worker on the shared dev
// server, and the real HTTP API in front of them.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../api/deps';
import { buildTestApi } from './api';
import { createTestDatabase, type TestDatabase } from './database';
import { startTestTemporal, type TestTemporal, type TestTemporalOptions } from './temporal';

export interface ProductUnderTest {
  database: TestDatabase;
  temporal: TestTemporal;
  app: FastifyInstance;
}

export interface ProductUnderTestOptions {
  /** A database of the test's own (e.g. startOwnPostgres()); default a fresh copy of the template. */
  database?: TestDatabase;
  /** Where the worker runs (default: the shared dev server, a task queue of its own). */
  temporal?: TestTemporalOptions;
  /** Overrides for the API's dependencies, e.g. a Temporal client of its own. */
  api?: Partial<AppDeps>;
}

export async function startProductUnderTest(options: ProductUnderTestOptions = {}): Promise<ProductUnderTest> {
  const database = options.database ?? (await createTestDatabase());
  const temporal = await startTestTemporal(database.db, {}, options.temporal);
  const app = await buildTestApi(database.db, temporal, options.api);
  return { database, temporal, app };
}

/** Stops what started; tolerates a setup that failed half-way. */
export async function stopProductUnderTest(product: Partial<ProductUnderTest>): Promise<void> {
  await product.app?.close();
  await product.temporal?.stop();
  await product.database?.drop();
}
