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
import { createWorker, type ProductWorker } from '../../infra/worker';
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

export async function startTestTemporal(db: Db, overrides: Partial<ActivityDeps> = {}): Promise<TestTemporal> {
  const env = readTestEnv();
  const connection = await Connection.connect({ address: env.temporalAddress });
  const client = new Client({ connection, namespace: 'default' });
  const nativeConnection = await NativeConnection.connect({ address: env.temporalAddress });
  const taskQueue = `test-${crypto.randomBytes(5).toString('hex')}`;
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
  return {
    client,
    taskQueue,
    worker,
    cipher,
    mailer,
    stop: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await nativeConnection.close();
      await connection.close();
    },
  };
}
