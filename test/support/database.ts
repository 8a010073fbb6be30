// A fresh database per test file, copied from the migrated template (fast, isolated).
import crypto from 'node:crypto';
import { Client } from 'pg';
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
