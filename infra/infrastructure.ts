// Brings up what the product runs on: PostgreSQL (given or embedded), migrations, and Temporal
// (given or a local dev server with its Web UI). Each piece is stopped in reverse order.
import path from 'node:path';
import { Connection } from '@temporalio/client';
import type { Logger } from 'pino';
import type { AppConfig } from './config';
import { startEmbeddedPostgres } from './embedded-postgres';
import { migrate } from './migrator';
import { assertPortFree } from './ports';
import { ensureSearchAttributes } from './search-attribute-registration';
import { temporalAccess, temporalClientConnectionOptions } from './temporal-client';
import { findTemporalCli } from './temporal-cli';
import { startSdkDownloadedDevServer } from './temporal-sdk-download';
import { startTemporalDevServer } from './temporal-dev-server';

export interface Infrastructure {
  databaseUrl: string;
  temporalAddress: string;
  temporalUiUrl: string | null;
  stop(): Promise<void>;
}

export async function startInfrastructure(config: AppConfig, log: Logger): Promise<Infrastructure> {
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((err) => log.error({ err }, 'shutdown step failed'));
  };
  try {
    let databaseUrl = config.DATABASE_URL;
    if (!databaseUrl) {
      await assertPortFree(config.EMBEDDED_POSTGRES_PORT, '127.0.0.1', 'embedded PostgreSQL', 'EMBEDDED_POSTGRES_PORT');
      const pg = await startEmbeddedPostgres({
        dataDir: path.join(config.dataDir, 'postgres'),
        port: config.EMBEDDED_POSTGRES_PORT,
        database: 'hr_benefits',
        log: (line) => log.debug({ component: 'postgres' }, line),
      });
      stops.push(pg.stop);
      databaseUrl = pg.url;
      log.info({ port: config.EMBEDDED_POSTGRES_PORT }, 'embedded PostgreSQL started');
    }
    const migrations = await migrate(databaseUrl);
    log.info(migrations, 'database migrated');

    let temporalAddress = config.TEMPORAL_ADDRESS;
    let temporalUiUrl: string | null = null;
    if (temporalAddress) {
      const connection = await Connection.connect(temporalClientConnectionOptions(temporalAccess(temporalAddress, config)));
      try {
        const { added } = await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE);
        if (added.length) log.info({ added }, 'registered missing search attributes');
      } finally {
        await connection.close();
      }
    } else {
      await assertPortFree(config.TEMPORAL_DEV_PORT, '127.0.0.1', 'Temporal dev server', 'TEMPORAL_DEV_PORT');
      await assertPortFree(config.TEMPORAL_UI_PORT, '127.0.0.1', 'Temporal Web UI', 'TEMPORAL_UI_PORT');
      const cliPath = findTemporalCli(config.TEMPORAL_CLI_PATH);
      const dbFile = path.join(config.dataDir, 'temporal.db');
      let server;
      if (cliPath) {
        server = await startTemporalDevServer({
          cliPath,
          port: config.TEMPORAL_DEV_PORT,
          uiPort: config.TEMPORAL_UI_PORT,
          dbFile,
          namespace: config.TEMPORAL_NAMESPACE,
          log: (line) => log.debug({ component: 'temporal' }, line),
        });
      } else {
        log.warn('No Temporal CLI found (TEMPORAL_CLI_PATH, PATH, tool cache; `bash scripts/install-temporal.sh` builds it): trying the SDK download');
        server = await startSdkDownloadedDevServer({ port: config.TEMPORAL_DEV_PORT, uiPort: config.TEMPORAL_UI_PORT, dbFile, namespace: config.TEMPORAL_NAMESPACE });
      }
      stops.push(server.stop);
      temporalAddress = server.address;
      temporalUiUrl = server.uiUrl;
      log.info({ address: temporalAddress }, 'Temporal dev server started');
    }
    return { databaseUrl, temporalAddress, temporalUiUrl, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
