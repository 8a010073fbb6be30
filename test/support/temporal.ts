// A worker on the shared test dev server, with its own task queue so test files do not interfere.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import pino from 'pino';
import type { ActivityDeps } from '../../activities';
import { CredentialsCipher } from '../../infra/credentials-cipher';
import type { InviteMailer, InviteMessage } from '../../infra/invite-mailer';
import type { Db } from '../../infra/prisma';
import { temporalClientConnectionOptions } from '../../infra/temporal-client';
import { startTemporalDevServer, type RunningDevServer } from '../../infra/temporal-dev-server';
import { createWorker, type ProductWorker } from '../../composition/worker';
import { readTestEnv } from './test-env';

export class RecordingMailer implements InviteMailer {
  readonly mode = 'outbox' as const;
  readonly sent: InviteMessage[] = [];
  async send(message: InviteMessage): Promise<void> {
    this.sent.push(message);
  }
}

export interface TestTemporal {
  client: Client;
  taskQueue: string;
  worker: ProductWorker;
  cipher: CredentialsCipher;
  mailer: RecordingMailer;
  stop(): Promise<void>;
}

export const TEST_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');

export interface TestTemporalOptions {
  /** Another Temporal server than the shared one (a test that stops its own). */
  address?: string;
  /** Reuse a task queue, e.g. for a worker that replaces a stopped one. */
  taskQueue?: string;
}

export async function startTestTemporal(db: Db, overrides: Partial<ActivityDeps> = {}, options: TestTemporalOptions = {}): Promise<TestTemporal> {
  const env = readTestEnv();
  const address = options.address ?? env.temporalAddress;
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace: 'default' });
  const nativeConnection = await NativeConnection.connect({ address });
  const taskQueue = options.taskQueue ?? `test-${crypto.randomBytes(5).toString('hex')}`;
  const cipher = new CredentialsCipher(TEST_ENCRYPTION_KEY);
  const mailer = new RecordingMailer();
  const worker = await createWorker({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue,
    workflowBundle: { code: fs.readFileSync(env.workflowBundlePath, 'utf8') },
    activityDeps: {
      db,
      temporal: client,
      cipher,
      taskQueue,
      mailer,
      logger: pino({ level: 'silent' }),
      connectorContext: { sleep: async () => undefined },
      ...overrides,
    },
  });
  const running = worker.run();
  let stopped: Promise<void> | null = null;
  return {
    client,
    taskQueue,
    worker,
    cipher,
    mailer,
    // Both workers, bounded by the product's shutdown grace and force times (composition/worker.ts); a
    // second call waits for the first.
    stop: () =>
      (stopped ??= (async () => {
        worker.shutdown();
        try {
          await running;
        } finally {
          await nativeConnection.close();
          await connection.close();
        }
      })()),
  };
}

/**
 * A Temporal dev server of the test's own, for tests that stop and restart it (never the shared
 * one). With a `dbFile` it keeps its workflows and Schedules across a restart on the same port.
 */
export async function startOwnTemporalDevServer(options: { port: number; dbFile: string | null }): Promise<RunningDevServer> {
  return startTemporalDevServer({ cliPath: readTestEnv().temporalCliPath, port: options.port, uiPort: null, dbFile: options.dbFile, namespace: 'default' });
}

/** A client connected the way the product connects its API (composition/product.ts). */
export async function connectProductClient(address: string): Promise<Client> {
  const connection = await Connection.connect(temporalClientConnectionOptions(address));
  return new Client({ connection, namespace: 'default' });
}
