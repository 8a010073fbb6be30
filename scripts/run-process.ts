// Shared start-up and clean shutdown for `npm start`, `npm run worker` and `npm run api`.
import { ConfigError, loadConfig } from '../infra/config';
import { startInfrastructure, type Infrastructure } from '../infra/infrastructure';
import { createLogger } from '../infra/logger';
import { PortInUseError } from '../infra/ports';
import { startProduct, type RunningProduct } from '../composition/product';
import { MigrationError } from '../infra/migrator';
import { DEFAULT_SHUTDOWN_TIMES } from '../composition/worker';
import { demoConnectLink } from './demo-connect-link';
import { startSandboxForDemo } from './sandbox-demo';

/** The worker's force time plus time for the API, the sandbox and the embedded servers to stop. */
const SHUTDOWN_DEADLINE_MS = DEFAULT_SHUTDOWN_TIMES.forceTimeMs + 30_000;

export async function runProcess(parts: { worker: boolean; api: boolean; sandbox: boolean; demoConnectLink?: boolean }): Promise<void> {
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
  let starting: Promise<unknown> | null = null;
  let stopping = false;

  // Ctrl-C (SIGINT) and SIGTERM: the API stops taking requests, the worker gets its shutdown grace
  // and force times (composition/worker.ts), then the embedded servers stop. Whatever hangs, the process
  // exits by SHUTDOWN_DEADLINE_MS; a second Ctrl-C/SIGTERM exits at once.
  const shutdown = async (signal: string, exitCode = 0) => {
    if (stopping) {
      if (signal === 'SIGINT' || signal === 'SIGTERM') {
        log.warn({ signal }, 'second signal: exiting without waiting for the shutdown');
        process.exit(130);
      }
      return;
    }
    stopping = true;
    log.info({ signal, deadlineMs: SHUTDOWN_DEADLINE_MS }, 'shutting down');
    setTimeout(() => {
      log.error({ deadlineMs: SHUTDOWN_DEADLINE_MS }, 'shutdown did not finish in time; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    // A signal during start-up: let the step under way finish (no further one begins), then stop it.
    await starting?.catch(() => undefined);
    await product?.shutdown().catch((err) => log.error({ err }, 'product shutdown failed'));
    await stopSandbox?.().catch((err) => log.error({ err }, 'sandbox shutdown failed'));
    await infra?.stop();
    log.info('stopped');
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    // Only the full product (npm start) embeds PostgreSQL and the dev server; the separate
    // processes expect DATABASE_URL and TEMPORAL_ADDRESS, or start them too when absent.
    infra = await (starting = startInfrastructure(config, log));
    if (stopping) return;
    product = await (starting = startProduct(config, infra, { worker: parts.worker, api: parts.api }, log));
    if (stopping) return;
    let sandboxUrl: string | null = null;
    if (parts.sandbox && config.START_SANDBOX_HR === 'true') {
      const sandbox = await (starting = startSandboxForDemo(config.SANDBOX_HR_PORT));
      stopSandbox = sandbox.close;
      sandboxUrl = sandbox.url;
      if (stopping) return;
    }
    let connectLink: { url: string; expiresAt: string } | null = null;
    if (parts.demoConnectLink && product.apiUrl) {
      // A convenience: the product runs without it.
      connectLink = await (starting = demoConnectLink(product.apiUrl, product.operatorApiKey, config.dataDir)).catch((err: unknown) => {
        log.warn({ err }, 'could not create the demo connect link');
        return null;
      });
      if (stopping) return;
    }
    starting = null;
    const lines = [
      '',
      `Ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
      product.apiUrl && `  API:              ${product.apiUrl}/v1`,
      product.apiUrl && `  OpenAPI docs:     ${product.apiUrl}/docs   (${product.apiUrl}/openapi.json)`,
      product.apiUrl && `  Health:           ${product.apiUrl}/health`,
      infra.temporalUiUrl && `  Temporal UI:      ${infra.temporalUiUrl}`,
      `  Temporal gRPC:    ${infra.temporalAddress}`,
      product.metricsUrl && `  Metrics:          ${product.metricsUrl}   (Prometheus)`,
      connectLink && `  Connect page:     ${connectLink.url}   (demo company "Demo GmbH"; the link works until ${new Date(connectLink.expiresAt).toLocaleTimeString()})`,
      sandboxUrl && `  Sandbox HR:       ${sandboxUrl}  (credentials: {"apiKey":"sandbox-demo-key","baseUrl":"${sandboxUrl}"})`,
      product.apiUrl && `  Operator API key: ${product.operatorApiKey}`,
      '',
      'Press Ctrl-C to stop.',
    ].filter(Boolean);
    console.log(lines.join('\n'));
    if (product.workerDone) {
      product.workerDone.catch((err) => {
        log.error({ err }, 'worker failed');
        void shutdown('worker-failure', 1);
      });
    }
  } catch (err) {
    const known = err instanceof PortInUseError || err instanceof MigrationError;
    console.error(known ? `Cannot start: ${(err as Error).message}` : err);
    if (stopping) return; // a signal arrived meanwhile: its shutdown stops what started
    await product?.shutdown().catch(() => undefined);
    await stopSandbox?.().catch(() => undefined);
    await infra?.stop().catch(() => undefined);
    process.exit(1);
  }
}
