// The product as most integration tests drive it: a fresh database, a worker on the shared dev
// server, and the real HTTP API in front of them.
import type { FastifyInstance } from 'fastify';
import { buildTestApi } from './api';
import { createTestDatabase, type TestDatabase } from './database';
import { startTestTemporal, type TestTemporal } from './temporal';

export interface ProductUnderTest {
  database: TestDatabase;
  temporal: TestTemporal;
  app: FastifyInstance;
}

export async function startProductUnderTest(): Promise<ProductUnderTest> {
  const database = await createTestDatabase();
  const temporal = await startTestTemporal(database.db);
  const app = await buildTestApi(database.db, temporal);
  return { database, temporal, app };
}

/** Stops what started; tolerates a setup that failed half-way. */
export async function stopProductUnderTest(product: Partial<ProductUnderTest>): Promise<void> {
  await product.app?.close();
  await product.temporal?.stop();
  await product.database?.drop();
}
