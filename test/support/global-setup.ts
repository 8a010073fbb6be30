// Starts the real servers the integration tests need, once per run: an embedded PostgreSQL (with a
// migrated template database) and a Temporal dev server; bundles the workflows once.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDatabase, startEmbeddedPostgres } from '../../infra/embedded-postgres';
import { migrate } from '../../infra/migrator';
import { freePort } from '../../infra/ports';
import { findTemporalCli } from '../../infra/temporal-cli';
import { startTemporalDevServer } from '../../infra/temporal-dev-server';
import { writeWorkflowBundle } from '../../composition/workflow-bundle';
import { testEnvFile, writeTestEnv } from './test-env';

export default async function globalSetup(): Promise<void> {
  const runId = crypto.randomBytes(4).toString('hex');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-benefits-test-'));
  fs.chmodSync(dataDir, 0o755);

  const cliPath = findTemporalCli(process.env.TEMPORAL_CLI_PATH);
  if (!cliPath) throw new Error('Temporal CLI not found: run `bash scripts/install-temporal.sh` (the test suite needs a real Temporal server).');

  const pgPort = await freePort();
  const workflowBundlePath = path.join(dataDir, 'workflow-bundle.js');
  const [pg, temporal] = await Promise.all([
    startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port: pgPort, database: 'postgres' }),
    freePort().then((port) =>
      startTemporalDevServer({
        cliPath,
        port,
        uiPort: null,
        dbFile: null,
        namespace: 'default',
        // Lets tests exercise continue-as-new without thousands of events.
        extraArgs: ['--dynamic-config-value', 'limit.historyCount.suggestContinueAsNew=60'],
      }),
    ),
    writeWorkflowBundle(workflowBundlePath),
  ]);
  const adminUrl = pg.url;
  const templateDatabase = 'hr_template';
  const templateUrl = adminUrl.replace(/\/[^/]+$/, `/${templateDatabase}`);
  await ensureDatabase(adminUrl, templateDatabase);
  await migrate(templateUrl);

  writeTestEnv({ postgresAdminUrl: adminUrl, templateDatabase, temporalAddress: temporal.address, temporalCliPath: cliPath, workflowBundlePath, dataDir }, testEnvFile(runId));
  (globalThis as Record<string, unknown>).__HR_TEST_SERVERS__ = { pg, temporal, dataDir };
}
