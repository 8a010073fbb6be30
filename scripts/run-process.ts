// Shared start-up and clean shutdown for `npm start`, `npm run worker` and `npm run api`.
import { ConfigError, loadConfig } from '../infra/config';
import { startInfrastructure, type Infrastructure } from '../infra/infrastructure';
import { createLogger } from '../infra/logger';
import { PortInUseError } from '../infra/ports';
import { startProduct, type RunningProduct } from '../infra/product';
import { MigrationError } from '../infra/migrator';
import { startSandboxForDemo } from './sandbox-demo';

export async function runProcess(parts: { worker: boolean; api: boolean; sandbox: boolean }): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.LOG_LEVEL);
  const startedAt = Date.now();
  let infra: Infrastructure | null = null;
  let product: RunningProduct | null = null;
  let stopSandbox: (() => Promise<void>) | null = null;
  let stopping = false;

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    await product?.shutdown();
    await stopSandbox?.();
    await infra?.stop();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    // Only the full product (npm start) embeds PostgreSQL and the dev server; the separate
    // processes expect DATABASE_URL and TEMPORAL_ADDRESS, or start them too when absent.
    infra = await startInfrastructure(config, log);
    product = await startProduct(config, infra, { worker: parts.worker, api: parts.api }, log);
    let sandboxUrl: string | null = null;
    if (parts.sandbox && config.START_SANDBOX_HR === 'true') {
      const sandbox = await startSandboxForDemo(config.SANDBOX_HR_PORT);
      stopSandbox = sandbox.close;
      sandboxUrl = sandbox.url;
    }
    const lines = [
      '',
      `Ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
      product.apiUrl && `  API:              ${product.apiUrl}/v1`,
      product.apiUrl && `  OpenAPI docs:     ${product.apiUrl}/docs   (${product.apiUrl}/openapi.json)`,
      product.apiUrl && `  Health:           ${product.apiUrl}/health`,
      infra.temporalUiUrl && `  Temporal UI:      ${infra.temporalUiUrl}`,
      `  Temporal gRPC:    ${infra.temporalAddress}`,
      sandboxUrl && `  Sandbox HR:       ${sandboxUrl}  (credentials: {"apiKey":"sandbox-demo-key","baseUrl":"${sandboxUrl}"})`,
      product.apiUrl && `  Operator API key: ${product.operatorApiKey}`,
      '',
      'Press Ctrl-C to stop.',
    ].filter(Boolean);
    console.log(lines.join('\n'));
    if (product.workerDone) {
      product.workerDone.catch((err) => {
        log.error({ err }, 'worker failed');
        void shutdown('worker-failure');
      });
    }
  } catch (err) {
    const known = err instanceof PortInUseError || err instanceof MigrationError;
    console.error(known ? `Cannot start: ${(err as Error).message}` : err);
    await product?.shutdown().catch(() => undefined);
    await stopSandbox?.().catch(() => undefined);
    await infra?.stop().catch(() => undefined);
    process.exit(1);
  }
}
