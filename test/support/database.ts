// A fresh database per test file, copied from the migrated template (fast, isolated).
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { migrate } from '../../infra/migrator';
import { freePort } from '../../infra/ports';
import { createPrismaClient, type Db } from '../../infra/prisma';
import { readTestEnv } from './test-env';

export interface TestDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

export async function createTestDatabase(options: { fromTemplate?: boolean } = {}): Promise<TestDatabase> {
  const env = readTestEnv();
  const name = `t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: env.postgresAdminUrl });
  await admin.connect();
  try {
    await admin.query(options.fromTemplate === false ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${env.templateDatabase}`);
  } finally {
    await admin.end();
  }
  const url = env.postgresAdminUrl.replace(/\/[^/]+$/, `/${name}`);
  const db = createPrismaClient(url);
  return {
    url,
    db,
    drop: async () => {
      await db.$disconnect();
      const c = new Client({ connectionString: env.postgresAdminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export interface OwnPostgres extends TestDatabase {
  /** Stops the server (fast shutdown: open connections are cut); the data stays. */
  stopServer(): Promise<void>;
  /** Starts it again on the same port and data. */
  startServer(): Promise<void>;
}

/** Starts own-postgres-process.ts and resolves with its URL once PostgreSQL accepts connections. */
function spawnOwnPostgres(dataDir: string, port: number): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'own-postgres-process.ts'), dataDir, String(port)], {
    cwd: path.resolve(__dirname, '../..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const ready = /^ready (\S+)$/m.exec(stdout);
      if (ready) resolve({ url: ready[1]!, child });
    });
    child.once('exit', (code) => reject(new Error(`own PostgreSQL exited with code ${code} during start-up: ${stderr.slice(-2000)}`)));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

/**
 * An embedded PostgreSQL of the test's own (in a child process), migrated, for tests that stop and
 * restart it (never the shared one). drop() stops it and removes its data.
 */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-benefits-own-pg-'));
  const dataDir = path.join(dir, 'postgres');
  const port = await freePort();
  let server: ChildProcess | null = null;
  let url: string;
  try {
    const started = await spawnOwnPostgres(dataDir, port);
    server = started.child;
    url = started.url;
    await migrate(url);
  } catch (err) {
    if (server) await stopChild(server);
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const db = createPrismaClient(url);
  const stopServer = async () => {
    const running = server;
    server = null;
    if (running) await stopChild(running);
  };
  return {
    url,
    db,
    stopServer,
    startServer: async () => {
      if (!server) server = (await spawnOwnPostgres(dataDir, port)).child;
    },
    drop: async () => {
      await db.$disconnect();
      await stopServer();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
