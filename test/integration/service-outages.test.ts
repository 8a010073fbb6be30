// Outages of Temporal and of PostgreSQL, with real servers of this file's own that it stops and
// starts again (never the shared ones): every route answers within 5 s with a 503 and a stable code,
// leaves nothing half-done in the database, and the same request succeeds once the service is back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { TEMPORAL_ACCEPT_DEADLINE_MS } from '../../api/temporal-calls';
import { SANDBOX_DEMO_API_KEY } from '../../connectors/sandbox/api-types';
import { startSandboxHrServer, type RunningSandboxHrServer } from '../../connectors/sandbox/fake-server';
import { freePort } from '../../infra/ports';
import type { RunningDevServer } from '../../infra/temporal-dev-server';
import { integrationSyncScheduleId } from '../../contracts/integration-sync';
import { bearer, createCompany, TEST_OPERATOR_KEY } from '../support/api';
import { startOwnPostgres, type OwnPostgres } from '../support/database';
import { seedEmployee } from '../support/lifecycle-fixtures';
import { startProductUnderTest, stopProductUnderTest, type ProductUnderTest } from '../support/product-under-test';
import { waitForIdleIntegration, waitForLeavingHandoff, waitForSyncRun } from '../support/sync-helpers';
import { connectProductClient, startOwnTemporalDevServer, startTestTemporal } from '../support/temporal';

const ANSWER_WITHIN_MS = 5_000;
const TEMPORAL_UNAVAILABLE = { error: 'workflow_service_unavailable', message: 'The workflow service is unavailable; nothing was changed; try again in a moment.' };
const DATABASE_UNAVAILABLE = { error: 'database_unavailable', message: 'The database is unavailable; try again in a moment.' };

async function timedInject(product: ProductUnderTest, options: InjectOptions): Promise<{ res: LightMyRequestResponse; ms: number }> {
  const started = performance.now();
  const res = await product.app.inject(options);
  return { res, ms: performance.now() - started };
}

/** Polls GET /health until `component` is up (the API's client reconnects on its own). */
async function waitUntilUp(product: ProductUnderTest, component: 'temporal' | 'database', timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await product.app.inject({ method: 'GET', url: '/health' });
    if (res.json()[component]?.status === 'up') return;
    if (Date.now() > deadline) throw new Error(`${component} still down after ${timeoutMs} ms: ${res.body}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Mid-month, two months ahead: a leaving date whose benefits end in the future. */
function leavingDateInTwoMonths(): string {
  const d = new Date();
  d.setUTCDate(15);
  d.setUTCMonth(d.getUTCMonth() + 2);
  return d.toISOString().slice(0, 10);
}

describe('Temporal unreachable', () => {
  let dir: string;
  let port: number;
  let server: RunningDevServer;
  let apiClient: Client;
  let product: ProductUnderTest;
  let sandbox: RunningSandboxHrServer;
  let draft: { apiKey: string; integrationId: string };
  let active: { apiKey: string; companyId: string; integrationId: string };
  let reviewRunId: string;
  /** Synced ACTIVE employees of `active`: e1 (with a benefit), e2 (leaving planned before the outage), e3 (to delete), e4. */
  let e1: string, e2: string, e3: string, e4: string;
  const db = () => product.database.db;
  const as = (key: string, method: InjectOptions['method'], url: string, payload?: object) => timedInject(product, { method, url, headers: bearer(key), ...(payload ? { payload } : {}) });
  const asActive = (method: InjectOptions['method'], url: string, payload?: object) => as(active.apiKey, method, url, payload);

  async function connectSandbox(companyName: string): Promise<{ apiKey: string; companyId: string; integrationId: string }> {
    const company = await createCompany(product.app, companyName);
    const created = await product.app.inject({ method: 'POST', url: '/v1/integrations', headers: bearer(company.apiKey), payload: { hrSystem: 'sandbox' } });
    const integrationId = created.json().id as string;
    const credentials = await product.app.inject({ method: 'PUT', url: `/v1/integrations/${integrationId}/credentials`, headers: bearer(company.apiKey), payload: { apiKey: SANDBOX_DEMO_API_KEY, baseUrl: sandbox.url } });
    expect(credentials.statusCode).toBe(200);
    return { apiKey: company.apiKey, companyId: company.id, integrationId };
  }

  function expectTemporalUnavailable({ res, ms }: { res: LightMyRequestResponse; ms: number }): void {
    expect({ status: res.statusCode, body: res.json() }).toEqual({ status: 503, body: TEMPORAL_UNAVAILABLE });
    expect(ms).toBeLessThan(ANSWER_WITHIN_MS);
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-benefits-outage-temporal-'));
    port = await freePort();
    // A file keeps the Schedules and workflows across the restart below.
    server = await startOwnTemporalDevServer({ port, dbFile: path.join(dir, 'temporal.db') });
    apiClient = await connectProductClient(server.address);
    product = await startProductUnderTest({ temporal: { address: server.address }, api: { temporal: apiClient } });
    sandbox = await startSandboxHrServer({ employeeCount: 20 });

    draft = await connectSandbox('Draft GmbH');
    active = await connectSandbox('Active GmbH');
    const activated = await product.app.inject({ method: 'POST', url: `/v1/integrations/${active.integrationId}/activate`, headers: bearer(active.apiKey) });
    expect(activated.statusCode).toBe(202);
    expect((await waitForSyncRun(db(), activated.json().syncRunId)).status).toBe('SUCCEEDED');
    await waitForIdleIntegration(db(), active.integrationId);
    await waitForLeavingHandoff(db(), product.temporal.client, active.companyId); // the sandbox always has a leaver

    const staying = await db().employee.findMany({ where: { integrationId: active.integrationId, status: 'ACTIVE', leavingDate: null }, orderBy: { id: 'asc' }, take: 4 });
    expect(staying).toHaveLength(4);
    [e1, e2, e3, e4] = staying.map((e) => e.id) as [string, string, string, string];
    expect((await asActive('POST', `/v1/employees/${e1}/benefits`, { type: 'MONTHLY_VOUCHER' })).res.statusCode).toBe(201);
    expect((await asActive('PUT', `/v1/employees/${e2}/leaving-date`, { leavingDate: leavingDateInTwoMonths() })).res.json()).toMatchObject({ status: 'LEAVING_PLANNED' });
    // A run held back by the mass-removal guard, waiting for the admin's confirmation.
    reviewRunId = (await db().syncRun.create({ data: { integrationId: active.integrationId, companyId: active.companyId, trigger: 'MANUAL', status: 'NEEDS_REVIEW', finishedAt: new Date() } })).id;
  });

  afterAll(async () => {
    await stopProductUnderTest(product);
    await apiClient?.connection.close();
    await server?.stop();
    await sandbox?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('documents the 503 answers in the OpenAPI description', async () => {
    const spec = (await product.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const answer = spec.paths['/v1/integrations/{id}/sync'].post.responses['503'];
    for (const code of ['database_unavailable', 'workflow_service_unavailable', 'workflow_service_timeout']) expect(answer.description).toContain(code);
  });

  it('with the server up but no worker taking the Update: 503 workflow_service_timeout within 5 s (the change may still happen)', async () => {
    await product.temporal.stop(); // the worker; the API keeps its own client
    const answer = await asActive('PUT', `/v1/employees/${e4}/leaving-date`, { leavingDate: leavingDateInTwoMonths() });
    expect(answer.res.statusCode).toBe(503);
    expect(answer.res.json()).toMatchObject({ error: 'workflow_service_timeout', message: expect.stringMatching(/may still take effect/) });
    expect(answer.ms).toBeGreaterThanOrEqual(TEMPORAL_ACCEPT_DEADLINE_MS - 50);
    expect(answer.ms).toBeLessThan(ANSWER_WITHIN_MS);
  });

  describe('while the server is stopped', () => {
    beforeAll(async () => {
      await server.stop();
    });

    it('GET /health answers 503 naming Temporal', async () => {
      const { res, ms } = await timedInject(product, { method: 'GET', url: '/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'degraded', database: { status: 'up' }, temporal: { status: 'down' } });
      expect(ms).toBeLessThan(ANSWER_WITHIN_MS);
    });

    it('activate: 503, and the integration stays a DRAFT without any sync run', async () => {
      expectTemporalUnavailable(await as(draft.apiKey, 'POST', `/v1/integrations/${draft.integrationId}/activate`));
      expect(await db().integration.findUniqueOrThrow({ where: { id: draft.integrationId } })).toMatchObject({ status: 'DRAFT', activatedAt: null, lastError: null });
      expect(await db().syncRun.count({ where: { integrationId: draft.integrationId } })).toBe(0);
    });

    it('sync now (also ?listing=FULL): 503, no sync run recorded, no complete listing left requested', async () => {
      const runsBefore = await db().syncRun.count({ where: { integrationId: active.integrationId } });
      expectTemporalUnavailable(await asActive('POST', `/v1/integrations/${active.integrationId}/sync`));
      expectTemporalUnavailable(await asActive('POST', `/v1/integrations/${active.integrationId}/sync?listing=FULL`));
      expect(await db().syncRun.count({ where: { integrationId: active.integrationId } })).toBe(runsBefore);
      expect(await db().syncRun.count({ where: { integrationId: active.integrationId, status: 'RUNNING' } })).toBe(0);
      expect(await db().integration.findUniqueOrThrow({ where: { id: active.integrationId } })).toMatchObject({ status: 'ACTIVE', fullListingRequestedAt: null, followUpRequested: false });
    });

    it('PATCH changing the sync interval: 503 and nothing saved; a PATCH without it is saved', async () => {
      expectTemporalUnavailable(await asActive('PATCH', `/v1/integrations/${active.integrationId}`, { syncIntervalMinutes: 60, autoInvite: true }));
      expect(await db().integration.findUniqueOrThrow({ where: { id: active.integrationId } })).toMatchObject({ syncIntervalMinutes: 240, autoInvite: false });

      const { res, ms } = await asActive('PATCH', `/v1/integrations/${active.integrationId}`, { autoInvite: true });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ autoInvite: true, syncIntervalMinutes: 240, nextScheduledSyncAt: null });
      expect(ms).toBeLessThan(ANSWER_WITHIN_MS);
    });

    it('GET integration degrades: 200 from the database, without the next scheduled sync', async () => {
      const { res, ms } = await asActive('GET', `/v1/integrations/${active.integrationId}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'ACTIVE', lastSync: { id: reviewRunId }, nextScheduledSyncAt: null });
      expect(ms).toBeLessThan(ANSWER_WITHIN_MS);
    });

    it('confirm removals: 503, the run still waits for review', async () => {
      expectTemporalUnavailable(await asActive('POST', `/v1/integrations/${active.integrationId}/syncs/${reviewRunId}/confirm`));
      expect(await db().syncRun.findUniqueOrThrow({ where: { id: reviewRunId } })).toMatchObject({ status: 'NEEDS_REVIEW', confirmedAt: null });
    });

    it('leaving date entered, withdrawn; terminate now; delete employee: 503 and the employees unchanged', async () => {
      const before = await db().employee.findMany({ where: { id: { in: [e1, e2, e3] } }, orderBy: { id: 'asc' } });
      expectTemporalUnavailable(await asActive('PUT', `/v1/employees/${e1}/leaving-date`, { leavingDate: leavingDateInTwoMonths() }));
      expectTemporalUnavailable(await asActive('PUT', `/v1/employees/${e2}/leaving-date`, { leavingDate: null }));
      expectTemporalUnavailable(await asActive('POST', `/v1/employees/${e1}/terminate-now`));
      expectTemporalUnavailable(await asActive('DELETE', `/v1/employees/${e3}?confirm=true`));
      expect(await db().employee.findMany({ where: { id: { in: [e1, e2, e3] } }, orderBy: { id: 'asc' } })).toEqual(before);
      expect(await db().benefit.findMany({ where: { employeeId: e1 } })).toEqual([expect.objectContaining({ status: 'ACTIVE', endedAt: null })]);
      expect(await db().auditEntry.count({ where: { subjectId: e3 } })).toBe(0);
    });

    it('disconnect: 503, the integration stays ACTIVE with its credentials', async () => {
      expectTemporalUnavailable(await asActive('DELETE', `/v1/integrations/${active.integrationId}`));
      const row = await db().integration.findUniqueOrThrow({ where: { id: active.integrationId } });
      expect(row).toMatchObject({ status: 'ACTIVE', disconnectedAt: null });
      expect(row.credentialsCipher).not.toBeNull();
    });

    it('routes that need only the database keep answering', async () => {
      const { res, ms } = await asActive('GET', '/v1/employees?limit=5');
      expect(res.statusCode).toBe(200);
      expect(ms).toBeLessThan(1_000);
      const benefit = await asActive('POST', `/v1/employees/${e4}/benefits`, { type: 'INTERNET_ALLOWANCE' });
      expect(benefit.res.statusCode).toBe(201);
    });
  });

  describe('once the server is back', () => {
    beforeAll(async () => {
      server = await startOwnTemporalDevServer({ port, dbFile: path.join(dir, 'temporal.db') });
      product.temporal = await startTestTemporal(db(), {}, { address: server.address, taskQueue: product.temporal.taskQueue });
      await waitUntilUp(product, 'temporal');
    });

    it('activate succeeds: Schedule created, first sync run', async () => {
      const { res } = await as(draft.apiKey, 'POST', `/v1/integrations/${draft.integrationId}/activate`);
      expect(res.statusCode).toBe(202);
      expect((await waitForSyncRun(db(), res.json().syncRunId)).status).toBe('SUCCEEDED');
      await expect(apiClient.schedule.getHandle(integrationSyncScheduleId(draft.integrationId)).describe()).resolves.toBeDefined();
      expect(await db().integration.findUniqueOrThrow({ where: { id: draft.integrationId } })).toMatchObject({ status: 'ACTIVE', activatedAt: expect.any(Date) });
    });

    it('sync now with a complete listing succeeds', async () => {
      const { res } = await asActive('POST', `/v1/integrations/${active.integrationId}/sync?listing=FULL`);
      expect(res.statusCode).toBe(202);
      expect(await waitForSyncRun(db(), res.json().syncRunId)).toMatchObject({ status: 'SUCCEEDED', listing: 'FULL' });
      await waitForIdleIntegration(db(), active.integrationId);
      expect((await db().integration.findUniqueOrThrow({ where: { id: active.integrationId } })).fullListingRequestedAt).toBeNull();
    });

    it('PATCH changes the interval on the Schedule; GET shows the next sync again', async () => {
      const { res } = await asActive('PATCH', `/v1/integrations/${active.integrationId}`, { syncIntervalMinutes: 60 });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ syncIntervalMinutes: 60, nextScheduledSyncAt: expect.any(String) });
      const schedule = await apiClient.schedule.getHandle(integrationSyncScheduleId(active.integrationId)).describe();
      expect(schedule.spec.intervals?.[0]?.every).toBe(60 * 60_000);
    });

    it('confirm removals succeeds', async () => {
      const { res } = await asActive('POST', `/v1/integrations/${active.integrationId}/syncs/${reviewRunId}/confirm`);
      expect(res.statusCode).toBe(200);
      expect(res.json().confirmedAt).toEqual(expect.any(String));
    });

    it('the lifecycle routes succeed', async () => {
      expect((await asActive('PUT', `/v1/employees/${e1}/leaving-date`, { leavingDate: leavingDateInTwoMonths() })).res.json()).toMatchObject({ status: 'LEAVING_PLANNED' });
      expect((await asActive('PUT', `/v1/employees/${e2}/leaving-date`, { leavingDate: null })).res.json()).toMatchObject({ status: 'ACTIVE', leavingDate: null });
      expect((await asActive('POST', `/v1/employees/${e1}/terminate-now`)).res.json()).toMatchObject({ status: 'LEFT', deactivatedBenefits: 1 });
      expect((await asActive('DELETE', `/v1/employees/${e3}?confirm=true`)).res.json()).toMatchObject({ deleted: true });
      expect(await db().employee.count({ where: { id: e3 } })).toBe(0);
    });

    it('disconnect succeeds and removes the Schedule', async () => {
      const { res } = await asActive('DELETE', `/v1/integrations/${active.integrationId}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'DISCONNECTED', credentialsEntered: false });
      await expect(apiClient.schedule.getHandle(integrationSyncScheduleId(active.integrationId)).describe()).rejects.toThrow(/not found/i);
    });
  });
});

describe('PostgreSQL unreachable', () => {
  let postgres: OwnPostgres;
  let product: ProductUnderTest;
  let company: { id: string; apiKey: string };
  let integrationId: string;
  let employeeId: string;

  const ROUTES = ['GET /v1/employees', 'GET /v1/integrations/:id', 'POST /v1/integrations/:id/sync', 'PUT /v1/employees/:id/leaving-date', 'POST /v1/companies'] as const;
  const request = (route: (typeof ROUTES)[number]): InjectOptions => {
    const auth = bearer(company.apiKey);
    switch (route) {
      case 'GET /v1/employees':
        return { method: 'GET', url: '/v1/employees', headers: auth };
      case 'GET /v1/integrations/:id':
        return { method: 'GET', url: `/v1/integrations/${integrationId}`, headers: auth };
      case 'POST /v1/integrations/:id/sync':
        return { method: 'POST', url: `/v1/integrations/${integrationId}/sync`, headers: auth };
      case 'PUT /v1/employees/:id/leaving-date':
        return { method: 'PUT', url: `/v1/employees/${employeeId}/leaving-date`, headers: auth, payload: { leavingDate: leavingDateInTwoMonths() } };
      case 'POST /v1/companies': // the operator key: no database lookup before the write
        return { method: 'POST', url: '/v1/companies', headers: bearer(TEST_OPERATOR_KEY), payload: { name: 'Late GmbH' } };
    }
  };

  beforeAll(async () => {
    postgres = await startOwnPostgres();
    product = await startProductUnderTest({ database: postgres });
    company = await createCompany(product.app, 'Datenlos GmbH');
    integrationId = (await postgres.db.integration.create({ data: { companyId: company.id, hrSystem: 'sandbox', status: 'DRAFT', selectedFields: [] } })).id;
    employeeId = (await seedEmployee(postgres.db, { companyId: company.id, integrationId }, { benefits: [] })).employeeId;
  });

  afterAll(async () => {
    await stopProductUnderTest(product); // stops and removes the PostgreSQL of this file
  });

  describe('while the server is stopped', () => {
    beforeAll(async () => {
      // The company key is then cached (api/auth.ts): each route's own database call meets the outage.
      expect((await product.app.inject(request('GET /v1/employees'))).statusCode).toBe(200);
      await postgres.stopServer();
    });

    it('GET /health answers 503 naming the database', async () => {
      const { res, ms } = await timedInject(product, { method: 'GET', url: '/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'degraded', database: { status: 'down' }, temporal: { status: 'up' } });
      expect(ms).toBeLessThan(ANSWER_WITHIN_MS);
    });

    it.each(ROUTES)('%s: 503 database_unavailable within 5 s', async (route) => {
      const { res, ms } = await timedInject(product, request(route));
      expect({ status: res.statusCode, body: res.json() }).toEqual({ status: 503, body: DATABASE_UNAVAILABLE });
      expect(ms).toBeLessThan(ANSWER_WITHIN_MS);
    });
  });

  describe('once the server is back', () => {
    beforeAll(async () => {
      await postgres.startServer();
      await waitUntilUp(product, 'database');
    });

    it('the same requests succeed', async () => {
      const statuses: Record<string, number> = {};
      for (const route of ROUTES) statuses[route] = (await product.app.inject(request(route))).statusCode;
      expect(statuses).toEqual({
        'GET /v1/employees': 200,
        'GET /v1/integrations/:id': 200,
        'POST /v1/integrations/:id/sync': 409, // a DRAFT integration: the ordinary answer again
        'PUT /v1/employees/:id/leaving-date': 200,
        'POST /v1/companies': 201,
      });
      expect(await postgres.db.employee.findUniqueOrThrow({ where: { id: employeeId } })).toMatchObject({ status: 'LEAVING_PLANNED' });
    });
  });
});
