// The product as the push tests drive it: the real API listening on a port (HR-system fakes post
// their notifications to <publicUrl>/hooks/<receiverId>), a worker on the shared dev server that
// knows that address, a fresh database; and helpers to wait for what the tests observe.
import type { FastifyInstance } from 'fastify';
import { freePort } from '../../infra/ports';
import type { ActivityDeps } from '../../activities';
import type { Db } from '../../infra/prisma';
import { buildTestApi } from './api';
import { createTestDatabase, type TestDatabase } from './database';
import { startTestTemporal, type TestTemporal } from './temporal';

export interface PushProduct {
  database: TestDatabase;
  temporal: TestTemporal;
  app: FastifyInstance;
  publicUrl: string;
  stop(): Promise<void>;
}

export async function startPushProduct(activityDeps: Partial<ActivityDeps> = {}): Promise<PushProduct> {
  const database = await createTestDatabase();
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const temporal = await startTestTemporal(database.db, { publicUrl, ...activityDeps });
  // The API knows its public address too: it shows it where the admin adds the webhook (HiBob).
  const app = await buildTestApi(database.db, temporal, { config: { PUBLIC_URL: publicUrl } });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    database,
    temporal,
    app,
    publicUrl,
    async stop() {
      await app.close();
      await temporal.stop();
      await database.drop();
    },
  };
}

/** Polls until `probe` yields a value (not undefined/null/false); generous by default, the machine is shared. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 60_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The integration's subscription row once it has the given status. */
export const subscriptionWithStatus = (db: Db, integrationId: string, status: 'ACTIVE' | 'DOWN' | 'DELETED' | 'PENDING', timeoutMs?: number) =>
  eventually(`the push subscription ${status}`, async () => {
    const row = await db.pushSubscription.findUnique({ where: { integrationId } });
    return row?.status === status ? row : null;
  }, timeoutMs);

/** Waits until no sync of the integration runs, none is asked for and none waits to start; then its runs. */
export async function settledSyncRuns(db: Db, integrationId: string, quietMs = 2_000, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  let quietSince = Date.now();
  let lastCount = -1;
  for (;;) {
    const [runs, integration] = await Promise.all([
      db.syncRun.findMany({ where: { integrationId }, orderBy: { startedAt: 'asc' } }),
      db.integration.findUniqueOrThrow({ where: { id: integrationId } }),
    ]);
    const busy = runs.some((r) => r.status === 'RUNNING') || integration.followUpRequested || integration.pushSyncRequestedAt !== null;
    if (busy || runs.length !== lastCount) {
      quietSince = Date.now();
      lastCount = runs.length;
    } else if (Date.now() - quietSince >= quietMs) {
      return runs;
    }
    if (Date.now() > deadline) throw new Error(`the syncs of integration ${integrationId} did not settle within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
