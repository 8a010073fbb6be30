// The Temporal worker under measurement, in its own process: the same activities and workflows as
// `npm run worker` (composition/product.ts), minus the reconciler Schedule, which is a 15-minute repair
// loop with no part in the figures. Env: DATABASE_URL, TEMPORAL_ADDRESS, TEMPORAL_TASK_QUEUE,
// ENCRYPTION_KEY, WORKFLOW_BUNDLE_PATH (prebuilt by the bench, so a restart takes seconds);
// diagnosis only: WORKER_MAX_CACHED_WORKFLOWS overrides the product's workflow cache size,
// BENCH_WORKER_MEMORY_LOG=<file> appends the process's memory parts (V8 heap, external, RSS by kind) twice a second.
import fs from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { CredentialsCipher } from '../../infra/credentials-cipher';
import { createInviteMailer } from '../../infra/invite-mailer';
import { createLogger } from '../../infra/logger';
import { createPrismaClient } from '../../infra/prisma';
import { createWorker } from '../../composition/worker';
import { announceReady, exitOnStop } from './child';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn', 'bench-worker');
  const address = required('TEMPORAL_ADDRESS');
  const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
  const taskQueue = required('TEMPORAL_TASK_QUEUE');
  const db = createPrismaClient(required('DATABASE_URL'));
  const connection = await Connection.connect({ address });
  const temporal = new Client({ connection, namespace });
  const workerConnection = await NativeConnection.connect({ address });
  const worker = await createWorker({
    connection: workerConnection,
    namespace,
    taskQueue,
    workflowBundle: { code: fs.readFileSync(required('WORKFLOW_BUNDLE_PATH'), 'utf8') },
    activityDeps: {
      db,
      temporal,
      cipher: new CredentialsCipher(required('ENCRYPTION_KEY')),
      taskQueue,
      mailer: createInviteMailer(undefined, 'Benefits <no-reply@benefits.local>', log),
      logger: log,
      // The push step's worker subscribes HR systems to <PUBLIC_URL>/hooks/…; the other steps poll only.
      ...(process.env.PUBLIC_URL ? { publicUrl: process.env.PUBLIC_URL } : {}),
    },
    options: process.env.WORKER_MAX_CACHED_WORKFLOWS ? { maxCachedWorkflows: Number(process.env.WORKER_MAX_CACHED_WORKFLOWS) } : undefined,
  });
  if (process.env.BENCH_WORKER_MEMORY_LOG) logMemoryParts(process.env.BENCH_WORKER_MEMORY_LOG);
  const running = worker.run();
  exitOnStop(async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
    await workerConnection.close();
    await connection.close();
    await db.$disconnect();
  });
  announceReady();
  await running;
}

/** Where the resident memory goes: this isolate's heap, buffers outside it, and the rest (native code, the workflow thread's isolate). */
function logMemoryParts(file: string): void {
  const kb = (text: string, field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    const mb = (bytes: number) => Math.round(bytes / 1048576);
    fs.appendFileSync(
      file,
      JSON.stringify({
        at: new Date().toISOString(),
        rssMb: mb(m.rss),
        rssAnonMb: Math.round(kb(status, 'RssAnon') / 1024),
        rssFileMb: Math.round(kb(status, 'RssFile') / 1024),
        heapTotalMb: mb(m.heapTotal),
        heapUsedMb: mb(m.heapUsed),
        externalMb: mb(m.external),
        arrayBuffersMb: mb(m.arrayBuffers),
      }) + '\n',
    );
  }, 500);
  timer.unref();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
