// Prometheus metrics as an operator scrapes them: the API's requests by route pattern and status,
// the worker's syncs and employees written, the leaving gauges, Node's process metrics and Temporal's
// own `temporal_` series, all on the one METRICS_PORT of the process that runs them.
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { SANDBOX_DEMO_API_KEY } from '../../connectors/sandbox/api-types';
import { startSandboxHrServer, type RunningSandboxHrServer } from '../../connectors/sandbox/fake-server';
import { BenchApiClient, type BenchCompany } from '../../bench/api-client';
import { registerLeavingGauges } from '../../infra/metrics/leaving-gauges';
import { createProcessMetricsRegistry, type Registry } from '../../infra/metrics/registry';
import { startMetricsServer, type RunningMetricsServer } from '../../infra/metrics/server';
import { installTemporalCoreMetrics } from '../../infra/metrics/temporal-core';
import { freePort } from '../../infra/ports';
import { createPrismaClient } from '../../infra/prisma';
import { bearer, buildTestApi, createCompany } from '../support/api';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startProductUnderTest, stopProductUnderTest, type ProductUnderTest } from '../support/product-under-test';
import { waitForSyncRun } from '../support/sync-helpers';
import { readTestEnv } from '../support/test-env';
import { REPO, startProductProcess, stopProductProcess, type ProductProcess } from '../support/product-process';


async function scrape(url: string): Promise<{ status: number; contentType: string | null; text: string }> {
  const res = await fetch(url);
  return { status: res.status, contentType: res.headers.get('content-type'), text: await res.text() };
}

/** The value of one sample, `name{labels} value`, labels given in the order prom-client writes them; null when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | null {
  const labelText = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',');
  const line = text.split('\n').find((l) => l.startsWith(labelText ? `${name}{${labelText}} ` : `${name} `));
  return line === undefined ? null : Number(line.slice(line.lastIndexOf(' ') + 1));
}

async function eventually<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms; last seen:\n${String(value).slice(0, 3000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('API metrics (buildApp with a metrics registry, served by the metrics server)', () => {
  let product: ProductUnderTest;
  let registry: Registry;
  let metrics: RunningMetricsServer;
  let apiUrl: string;
  let outageApp: FastifyInstance | undefined;

  beforeAll(async () => {
    registry = createProcessMetricsRegistry();
    product = await startProductUnderTest({ api: { metricsRegistry: registry } });
    await product.app.listen({ port: 0, host: '127.0.0.1' });
    apiUrl = `http://127.0.0.1:${(product.app.server.address() as net.AddressInfo).port}`;
    metrics = await startMetricsServer({ host: '127.0.0.1', port: await freePort(), sources: [() => registry.metrics()] });
  });

  afterAll(async () => {
    await metrics?.close();
    await outageApp?.close();
    await stopProductUnderTest(product ?? {});
  });

  it('counts requests and their latency by method, route pattern and status code, never by the raw URL', async () => {
    const company = await createCompany(product.app, 'Metrics Label Check GmbH');
    const unknownId = crypto.randomUUID();
    expect((await fetch(`${apiUrl}/health`)).status).toBe(200);
    expect((await fetch(`${apiUrl}/v1/integrations/${unknownId}`, { headers: bearer(company.apiKey) })).status).toBe(404);
    expect((await fetch(`${apiUrl}/v1/integrations/${crypto.randomUUID()}`, { headers: bearer(company.apiKey) })).status).toBe(404);
    expect((await fetch(`${apiUrl}/v1/integrations/${unknownId}`)).status).toBe(401);
    expect((await fetch(`${apiUrl}/no/such/path/${unknownId}`)).status).toBe(404);

    const { status, contentType, text } = await scrape(metrics.url);
    expect(status).toBe(200);
    expect(contentType).toBe('text/plain; version=0.0.4; charset=utf-8');

    const route = '/v1/integrations/:id';
    expect(sample(text, 'hr_benefits_http_requests_total', { method: 'GET', route: '/health', status_code: '200' })).toBe(1);
    expect(sample(text, 'hr_benefits_http_requests_total', { method: 'GET', route, status_code: '404' })).toBe(2);
    expect(sample(text, 'hr_benefits_http_requests_total', { method: 'GET', route, status_code: '401' })).toBe(1);
    expect(sample(text, 'hr_benefits_http_requests_total', { method: 'GET', route: 'unmatched', status_code: '404' })).toBe(1);
    expect(sample(text, 'hr_benefits_http_requests_total', { method: 'POST', route: '/v1/companies', status_code: '201' })).toBe(1);
    // The histogram: every bucket up to +Inf, the count and the sum per label set.
    expect(sample(text, 'hr_benefits_http_request_duration_seconds_bucket', { le: '+Inf', method: 'GET', route, status_code: '404' })).toBe(2);
    expect(sample(text, 'hr_benefits_http_request_duration_seconds_bucket', { le: '10', method: 'GET', route, status_code: '404' })).toBe(2);
    expect(sample(text, 'hr_benefits_http_request_duration_seconds_count', { method: 'GET', route, status_code: '404' })).toBe(2);
    expect(sample(text, 'hr_benefits_http_request_duration_seconds_sum', { method: 'GET', route, status_code: '404' })).toBeGreaterThan(0);
    expect(text).toContain('# TYPE hr_benefits_http_request_duration_seconds histogram');
    // Node's process metrics, once.
    expect(text.match(/^# TYPE process_cpu_user_seconds_total counter$/gm)).toHaveLength(1);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    // Identifiers of tenants and personal data never become labels.
    expect(text).not.toContain(unknownId);
    expect(text).not.toContain(company.id);
    expect(text).not.toContain('Metrics Label Check');
    expect(sample(text, 'hr_benefits_http_server_errors_total', { method: 'GET', route, status_code: '404' })).toBeNull();
  });

  it('counts 5xx answers as server errors by route', async () => {
    // The same API on a PostgreSQL that refuses connections: every route answers 503 database_unavailable.
    const deadDb = createPrismaClient(`postgresql://nobody:nothing@127.0.0.1:${await freePort()}/none`);
    outageApp = await buildTestApi(deadDb, product.temporal, { metricsRegistry: registry });
    const res = await outageApp.inject({ method: 'GET', url: '/v1/employees', headers: bearer('hrb_unknown_key_but_well_formed_0123456789') });
    expect(res.statusCode).toBe(503);
    const { text } = await scrape(metrics.url);
    expect(sample(text, 'hr_benefits_http_server_errors_total', { method: 'GET', route: '/v1/employees', status_code: '503' })).toBe(1);
    expect(sample(text, 'hr_benefits_http_requests_total', { method: 'GET', route: '/v1/employees', status_code: '503' })).toBe(1);
    await deadDb.$disconnect();
  });

  it('still answers a scrape when PostgreSQL is down: the database gauges read NaN', async () => {
    const deadDb = createPrismaClient(`postgresql://nobody:nothing@127.0.0.1:${await freePort()}/none`);
    const workerRegistry = createProcessMetricsRegistry();
    registerLeavingGauges(workerRegistry, deadDb);
    const server = await startMetricsServer({ host: '127.0.0.1', port: await freePort(), sources: [() => workerRegistry.metrics()] });
    try {
      const { status, text } = await scrape(server.url);
      expect(status).toBe(200);
      expect(sample(text, 'hr_benefits_leaving_lifecycles_planned')).toBeNaN();
      expect(sample(text, 'hr_benefits_leaving_handoff_pending')).toBeNaN();
    } finally {
      await server.close();
      await deadDb.$disconnect();
    }
  });

  it('leaves Temporal\'s runtime alone when the process installed it before (test harness, bench): no temporal_ source', async () => {
    // test/support/quiet-temporal.ts installed the runtime in this process already.
    const warnings: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => warnings.push(line) });
    expect(await installTemporalCoreMetrics(log)).toBeNull();
    expect(warnings.join('')).toContain('no temporal_ series');
  });

  it('answers 404 for anything but GET /metrics', async () => {
    expect((await fetch(metrics.url.replace('/metrics', '/'))).status).toBe(404);
    expect((await fetch(metrics.url.replace('/metrics', '/metrics/x'))).status).toBe(404);
    expect((await fetch(metrics.url, { method: 'POST' })).status).toBe(404);
  });
});

describe('one process, one /metrics: API, worker and Temporal metrics on METRICS_PORT', () => {
  let database: TestDatabase;
  let sandbox: RunningSandboxHrServer;
  let proc: ProductProcess | undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'metrics-test-'));
  let env: Record<string, string>;

  beforeAll(async () => {
    [database, sandbox] = await Promise.all([createTestDatabase(), startSandboxHrServer({ employeeCount: 12 })]);
    const testEnv = readTestEnv();
    env = {
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: testEnv.temporalAddress,
      TEMPORAL_TASK_QUEUE: `metrics-${crypto.randomBytes(4).toString('hex')}`,
      WORKFLOW_BUNDLE_PATH: testEnv.workflowBundlePath,
      OPERATOR_API_KEY: 'op_metrics_test_operator_key',
      ENCRYPTION_KEY: crypto.randomBytes(32).toString('base64'),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      START_SANDBOX_HR: 'false',
    };
  });

  afterAll(async () => {
    await stopProductProcess(proc);
    await sandbox?.close();
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the syncs by outcome, the employees written, the leaving gauges and the temporal_ series next to the API metrics', async () => {
    const [port, metricsPort] = await Promise.all([freePort(), freePort()]);
    proc = await startProductProcess(path.join(REPO, 'scripts', 'start.ts'), { ...env, PORT: String(port), METRICS_PORT: String(metricsPort) });
    const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    expect(proc.output()).toMatch(new RegExp(`Metrics: +${metricsUrl.replace(/[.]/g, '\\.')}`));

    const client = new BenchApiClient(`http://127.0.0.1:${port}`, env.OPERATOR_API_KEY!);
    const company: BenchCompany = await client.createCompany('Scraped Metrics GmbH');
    const integrationId = await client.connectHrSystem(company, 'sandbox', { apiKey: SANDBOX_DEMO_API_KEY, baseUrl: sandbox.url }, {});
    const first = await waitForSyncRun(database.db, await client.activate(company, integrationId));
    expect(first.status).toBe('SUCCEEDED');
    expect(first.countCreated).toBeGreaterThan(0);

    let text = await eventually('the first sync counted', async () => (await scrape(metricsUrl)).text, (t) => sample(t, 'hr_benefits_syncs_finished_total', { hr_system: 'sandbox', outcome: 'SUCCEEDED' }) === 1);
    expect(sample(text, 'hr_benefits_sync_employees_written_total', { hr_system: 'sandbox', change: 'created' })).toBe(first.countCreated);
    expect(sample(text, 'hr_benefits_sync_employees_written_total', { hr_system: 'sandbox', change: 'removed' })).toBe(0);
    // The API's requests are on the same endpoint, by route pattern.
    expect(text).toMatch(/^hr_benefits_http_requests_total\{method="POST",route="\/v1\/integrations\/:id\/activate",status_code="20\d"\} 1$/m);
    expect(text).toMatch(/^hr_benefits_http_requests_total\{method="PUT",route="\/v1\/integrations\/:id\/credentials",status_code="200"\} 1$/m);
    // Temporal's own metrics from the SDK core, appended to ours.
    expect(text).toMatch(/^temporal_\w+/m);
    expect(text).toMatch(/^temporal_(worker_task_slots_available|num_pollers|request)\{/m);
    expect(text.match(/^# TYPE process_cpu_user_seconds_total counter$/gm)).toHaveLength(1);

    // A leaver in the HR system: after the next sync the gauge reads what PostgreSQL holds.
    const leaver = sandbox.store.page(0, 100).employees.find((e) => !e.leaving_date)!;
    sandbox.store.terminate(leaver.id, new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10));
    const second = await waitForSyncRun(database.db, await client.syncNow(company, integrationId));
    expect(second.status).toBe('SUCCEEDED');
    text = await eventually('the second sync counted', async () => (await scrape(metricsUrl)).text, (t) => sample(t, 'hr_benefits_syncs_finished_total', { hr_system: 'sandbox', outcome: 'SUCCEEDED' }) === 2);
    const planned = await database.db.employee.count({ where: { status: 'LEAVING_PLANNED' } });
    expect(planned).toBeGreaterThan(0);
    expect(sample(text, 'hr_benefits_leaving_lifecycles_planned')).toBe(planned);
    expect(sample(text, 'hr_benefits_leaving_handoff_pending')).toEqual(expect.any(Number));
    expect(sample(text, 'hr_benefits_sync_employees_written_total', { hr_system: 'sandbox', change: 'updated' })).toBeGreaterThanOrEqual(1);

    // Labels: catalog ids and enums only.
    for (const secret of [company.id, company.apiKey, integrationId, 'Scraped Metrics', leaver.email, leaver.last_name, `"${leaver.id}"`]) expect(text).not.toContain(secret);

    expect(await stopProductProcess(proc)).toBe(0);
  }, 120_000);

  it('refuses to start on a METRICS_PORT in use, naming the variable', async () => {
    const taken = net.createServer();
    const metricsPort = await freePort();
    await new Promise<void>((r) => taken.listen(metricsPort, '127.0.0.1', () => r()));
    try {
      const failed = await startProductProcess(path.join(REPO, 'scripts', 'worker.ts'), { ...env, METRICS_PORT: String(metricsPort) }).then(
        (p) => (proc = p) && null,
        (err: { output: string; exitCode: number }) => err,
      );
      expect(failed).not.toBeNull();
      expect(failed!.exitCode).toBe(1);
      expect(failed!.output).toContain(`Cannot start: Port ${metricsPort} (metrics) is already in use on 127.0.0.1. Stop what uses it or set METRICS_PORT to another port.`);
    } finally {
      await new Promise((r) => taken.close(r));
    }
  }, 60_000);
});
