// schema.prisma is the source of truth; the SQL migrations must build exactly that.
import path from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { readPrismaSchema } from '../support/prisma-schema-reader';

describe('the migrated database matches prisma/schema.prisma', () => {
  let database: TestDatabase;
  let pg: Client;
  const expected = readPrismaSchema(path.resolve(__dirname, '../../prisma/schema.prisma'));

  beforeAll(async () => {
    database = await createTestDatabase();
    pg = new Client({ connectionString: database.url });
    await pg.connect();
  });
  afterAll(async () => {
    await pg.end();
    await database.drop();
  });

  it('has a table for every model and no table the schema does not know', async () => {
    const { rows } = await pg.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'");
    expect(rows.map((r) => r.table_name).sort()).toEqual(expected.map((t) => t.table).sort());
  });

  it.each(expected.map((t) => [t.model, t] as const))('%s: same columns with the same nullability', async (_model, table) => {
    const { rows } = await pg.query(
      "SELECT column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1",
      [table.table],
    );
    const actual = rows.map((r) => ({ column: r.column_name as string, nullable: r.is_nullable === 'YES' })).sort((a, b) => a.column.localeCompare(b.column));
    expect(actual).toEqual([...table.columns].sort((a, b) => a.column.localeCompare(b.column)));
  });

  it.each(expected.map((t) => [t.model, t] as const))('%s: same unique constraints', async (_model, table) => {
    // Full unique indexes only: partial ones (single-flight, one connected integration) are
    // deliberate additions that schema.prisma cannot express.
    const { rows } = await pg.query(
      `SELECT array_agg(a.attname::text ORDER BY a.attname) AS columns
         FROM pg_index i
         JOIN pg_class c ON c.oid = i.indrelid
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey)
        WHERE c.relname = $1 AND i.indisunique AND NOT i.indisprimary AND i.indpred IS NULL
        GROUP BY i.indexrelid`,
      [table.table],
    );
    const actual = rows.map((r) => (r.columns as string[]).sort()).sort();
    expect(actual).toEqual([...table.uniques].sort());
  });
});
