import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { migrate, MigrationError, readMigrations } from '../../infra/migrator';
import { createTestDatabase, type TestDatabase } from '../support/database';

async function appliedMigrations(url: string): Promise<string[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query('SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name');
    return rows.map((r) => r.migration_name as string);
  } finally {
    await c.end();
  }
}

describe('migrator', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase({ fromTemplate: false });
  });
  afterEach(async () => {
    await database.drop();
  });

  it('migrates a fresh database and records every migration once, Prisma-style', async () => {
    const result = await migrate(database.url);
    const names = readMigrations().map((m) => m.name);
    expect(result.applied).toEqual(names);
    expect(await appliedMigrations(database.url)).toEqual(names);
    await expect(database.db.company.count()).resolves.toBe(0);
  });

  it('leaves an already-migrated database alone', async () => {
    await migrate(database.url);
    const again = await migrate(database.url);
    expect(again).toEqual({ applied: [], alreadyApplied: readMigrations().length });
  });

  it('lets two processes start together without both migrating', async () => {
    const results = await Promise.all([migrate(database.url), migrate(database.url), migrate(database.url)]);
    const appliedCounts = results.map((r) => r.applied.length).sort();
    expect(appliedCounts).toEqual([0, 0, readMigrations().length]);
    expect(await appliedMigrations(database.url)).toEqual(readMigrations().map((m) => m.name));
  });

  it('refuses to start when an applied migration file was edited afterwards', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
    fs.mkdirSync(path.join(dir, '20260101000000_first'));
    const file = path.join(dir, '20260101000000_first', 'migration.sql');
    fs.writeFileSync(file, 'CREATE TABLE first_table (id INT);');
    await migrate(database.url, dir);
    fs.writeFileSync(file, 'CREATE TABLE first_table (id BIGINT);');
    await expect(migrate(database.url, dir)).rejects.toThrow(MigrationError);
    await expect(migrate(database.url, dir)).rejects.toThrow(/20260101000000_first was edited after it was applied/);
  });

  it('applies a new migration after earlier ones and rolls back a failing one entirely', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
    fs.mkdirSync(path.join(dir, '20260101000000_first'));
    fs.writeFileSync(path.join(dir, '20260101000000_first', 'migration.sql'), 'CREATE TABLE first_table (id INT);');
    await migrate(database.url, dir);
    fs.mkdirSync(path.join(dir, '20260102000000_broken'));
    fs.writeFileSync(path.join(dir, '20260102000000_broken', 'migration.sql'), 'CREATE TABLE second_table (id INT); SELECT no_such_function();');
    await expect(migrate(database.url, dir)).rejects.toThrow(/20260102000000_broken failed/);
    expect(await appliedMigrations(database.url)).toEqual(['20260101000000_first']);
    const c = new Client({ connectionString: database.url });
    await c.connect();
    const { rowCount } = await c.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'second_table'");
    await c.end();
    expect(rowCount).toBe(0);
  });
});
