// Composition root: assembles the running product from its parts (infra adapters, the worker with the
// activities, the API): what `npm start`, `npm run worker` and `npm run api` share. Each part is
// optional so the worker and the API can scale out separately.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from '../api/app';
import type { AppConfig } from '../infra/config';
import { CredentialsCipher } from '../infra/credentials-cipher';
import { createInviteMailer } from '../infra/invite-mailer';
import { registerLeavingGauges } from '../infra/metrics/leaving-gauges';
import { createProcessMetricsRegistry } from '../infra/metrics/registry';
import { startMetricsServer, type MetricsSource, type RunningMetricsServer } from '../infra/metrics/server';
import { createSyncMetrics } from '../infra/metrics/sync-metrics';
import { installTemporalCoreMetrics } from '../infra/metrics/temporal-core';
import { assertPortFree } from '../infra/ports';
import { createPrismaClient } from '../infra/prisma';
import { resolveRuntimeSecrets } from '../infra/runtime-secrets';
import { temporalAccess, temporalClientConnectionOptions, temporalWorkerConnectionOptions } from '../infra/temporal-client';
import { ensureReconcilerSchedule } from '../infra/temporal-schedules';
import { createWorker, type ProductWorker } from './worker';

export interface ProductParts {
  worker: boolean;
  api: boolean;
}

export interface RunningProduct {
  apiUrl: string | null;
  /** The process's Prometheus endpoint (METRICS_PORT), null without one. */
  metricsUrl: string | null;
  operatorApiKey: string;
  /** Resolves when the worker stops (after shutdown()). */
  workerDone: Promise<void> | null;
  shutdown(): Promise<void>;
}

export async function startProduct(
  config: AppConfig,
  endpoints: { databaseUrl: string; temporalAddress: string },
  parts: ProductParts,
  log: Logger,
): Promise<RunningProduct> {
  // Metrics: one registry and one endpoint per process, with what it runs (the API, the worker or both).
  const metricsRegistry = config.METRICS_PORT ? createProcessMetricsRegistry() : null;
  const metricsSources: MetricsSource[] = metricsRegistry ? [() => metricsRegistry.metrics()] : [];
  if (config.METRICS_PORT) await assertPortFree(config.METRICS_PORT, config.METRICS_HOST, 'metrics', 'METRICS_PORT');
  const secrets = resolveRuntimeSecrets(config);
  const cipher = new CredentialsCipher(secrets.encryptionKey);
  const db = createPrismaClient(endpoints.databaseUrl);
  // The dev server the product starts itself is plain; a given TEMPORAL_ADDRESS takes the TLS / API key settings.
  const access = config.TEMPORAL_ADDRESS ? temporalAccess(endpoints.temporalAddress, config) : temporalAccess(endpoints.temporalAddress);
  const connection = await Connection.connect(temporalClientConnectionOptions(access));
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });

  let worker: ProductWorker | null = null;
  let workerConnection: NativeConnection | null = null;
  let workerDone: Promise<void> | null = null;
  let app: FastifyInstance | null = null;
  let metricsServer: RunningMetricsServer | null = null;

  if (parts.worker) {
    if (metricsRegistry) {
      // Temporal's own metrics: the SDK runtime must be installed before the worker's connection exists.
      const core = await installTemporalCoreMetrics(log);
      if (core) metricsSources.push(() => core.text());
      registerLeavingGauges(metricsRegistry, db, log.child({ component: 'metrics' }));
    }
    workerConnection = await NativeConnection.connect(temporalWorkerConnectionOptions(access));
    worker = await createWorker({
      connection: workerConnection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      activityDeps: {
        db,
        temporal,
        cipher,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        mailer: createInviteMailer(config.SMTP_URL, config.INVITE_FROM, log),
        logger: log.child({ component: 'worker' }),
        connectorContext: { maxRetryWaitMs: config.HR_RETRY_MAX_WAIT_SECONDS * 1000 },
        // Where HR systems post notifications (/hooks/<receiverId>); without PUBLIC_URL, the API's own local address.
        publicUrl: config.PUBLIC_URL ?? `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`,
        ...(metricsRegistry ? { metrics: createSyncMetrics(metricsRegistry) } : {}),
      },
    });
    workerDone = worker.run();
    await ensureReconcilerSchedule(temporal, config.TEMPORAL_TASK_QUEUE, config.RECONCILE_INTERVAL_MINUTES);
  }

  let apiUrl: string | null = null;
  if (parts.api) {
    await assertPortFree(config.PORT, config.HOST, 'API', 'PORT');
    app = await buildApp(
      {
        db,
        temporal,
        cipher,
        config: { ...config, operatorApiKey: secrets.operatorApiKey },
        ...(metricsRegistry ? { metricsRegistry } : {}),
      },
      log.child({ component: 'api' }),
    );
    await app.listen({ port: config.PORT, host: config.HOST });
    apiUrl = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`;
  }

  if (config.METRICS_PORT) {
    metricsServer = await startMetricsServer({ host: config.METRICS_HOST, port: config.METRICS_PORT, sources: metricsSources });
  }

  return {
    apiUrl,
    metricsUrl: metricsServer?.url ?? null,
    operatorApiKey: secrets.operatorApiKey,
    workerDone,
    shutdown: async () => {
      // Stop taking requests first, then let the worker drain its running tasks: bounded by the
      // worker's shutdown grace and force times (composition/worker.ts), whatever an activity does.
      if (app) await app.close();
      worker?.shutdown(); // every worker still running (also after the SDK's own signal handling began)
      if (workerDone) await workerDone.catch((err) => log.error({ err }, 'worker stopped with an error'));
      if (workerConnection) await workerConnection.close();
      // Last of the servers: the metrics stay readable while the worker drains.
      if (metricsServer) await metricsServer.close();
      await connection.close();
      await db.$disconnect();
    },
  };
}
