// Connect links (issue 15): the company's portal asks for a short-lived link; its token reaches the
// HR system catalog and the company's integrations only, expires, can be revoked, and is the
// company's alone. The company names the origins that may frame the connect page.
import type { FastifyInstance } from 'fastify';
import { bearer, createCompany, TEST_OPERATOR_KEY } from '../support/api';
import type { TestDatabase } from '../support/database';
import type { TestTemporal } from '../support/temporal';
import { startProductUnderTest, stopProductUnderTest } from '../support/product-under-test';

describe('connect links', () => {
  let database: TestDatabase;
  let temporal: TestTemporal;
  let app: FastifyInstance;
  let acme: { id: string; apiKey: string };
  let other: { id: string; apiKey: string };
  let acmeIntegrationId: string;
  let otherIntegrationId: string;

  const createLink = async (key: string, payload: Record<string, unknown> = {}) => app.inject({ method: 'POST', url: '/v1/connect-links', headers: bearer(key), payload });
  const tokenOf = (url: string) => new URL(url).searchParams.get('link')!;

  beforeAll(async () => {
    ({ database, temporal, app } = await startProductUnderTest());
    acme = await createCompany(app, 'Acme');
    other = await createCompany(app, 'Other');
    acmeIntegrationId = (await database.db.integration.create({ data: { companyId: acme.id, hrSystem: 'sandbox', status: 'DRAFT', selectedFields: [] } })).id;
    otherIntegrationId = (await database.db.integration.create({ data: { companyId: other.id, hrSystem: 'sandbox', status: 'DRAFT', selectedFields: [] } })).id;
  });
  afterAll(async () => {
    await stopProductUnderTest({ app, temporal, database });
  });

  it('gives the company a link to the connect page, valid for 60 minutes by default, its token stored only as a hash', async () => {
    const before = Date.now();
    const res = await createLink(acme.apiKey);
    expect(res.statusCode).toBe(201);
    const { id, url, expiresAt } = res.json();
    expect(new URL(url).pathname).toBe('/connect');
    const token = tokenOf(url);
    expect(token).toMatch(/^cl_[A-Za-z0-9_-]{43}$/);
    expect(new Date(expiresAt).getTime() - before).toBeGreaterThanOrEqual(59.9 * 60_000);
    expect(new Date(expiresAt).getTime() - before).toBeLessThanOrEqual(60.1 * 60_000);
    const stored = await database.db.connectLink.findUniqueOrThrow({ where: { id } });
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('lets the link set up and manage the company’s integration, and nothing else', async () => {
    const token = tokenOf((await createLink(acme.apiKey)).json().url);
    const as = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, payload?: unknown) => app.inject({ method, url, headers: bearer(token), ...(payload ? { payload: payload as Record<string, unknown> } : {}) });

    expect((await as('GET', '/v1/hr-systems')).statusCode).toBe(200);
    expect((await as('GET', `/v1/integrations/${acmeIntegrationId}`)).statusCode).toBe(200);
    expect((await as('GET', `/v1/integrations/${acmeIntegrationId}/syncs`)).statusCode).toBe(200);
    const changed = await as('PATCH', `/v1/integrations/${acmeIntegrationId}`, { autoInvite: true, fields: ['firstName', 'lastName', 'email', 'status', 'leavingDate'] });
    expect(changed.statusCode).toBe(200);
    expect((await database.db.integration.findUniqueOrThrow({ where: { id: acmeIntegrationId } })).autoInvite).toBe(true);
    // The company has its integration already: the ordinary answer, not a scope refusal.
    expect((await as('POST', '/v1/integrations', { hrSystem: 'personio' })).statusCode).toBe(409);

    // Employee data, other companies' data, new links and company settings stay out of reach.
    for (const [method, url] of [
      ['GET', '/v1/employees'],
      ['GET', '/v1/invites'],
      ['POST', '/v1/connect-links'],
      ['GET', '/v1/company/embed-origins'],
    ] as const) {
      const res = await as(method, url, method === 'POST' ? {} : undefined);
      expect({ url, status: res.statusCode, error: res.json().error }).toEqual({ url, status: 403, error: 'connect_link_scope' });
    }
    expect((await as('GET', `/v1/integrations/${otherIntegrationId}`)).statusCode).toBe(404);
  });

  it('refuses an expired link and a revoked one, each saying so', async () => {
    const expired = (await createLink(acme.apiKey, { expiresInMinutes: 5 })).json();
    await database.db.connectLink.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expiredAnswer = await app.inject({ method: 'GET', url: '/v1/hr-systems', headers: bearer(tokenOf(expired.url)) });
    expect({ status: expiredAnswer.statusCode, error: expiredAnswer.json().error }).toEqual({ status: 401, error: 'connect_link_expired' });

    const live = (await createLink(acme.apiKey)).json();
    expect((await app.inject({ method: 'GET', url: '/v1/hr-systems', headers: bearer(tokenOf(live.url)) })).statusCode).toBe(200);
    expect((await app.inject({ method: 'DELETE', url: `/v1/connect-links/${live.id}`, headers: bearer(other.apiKey) })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `/v1/connect-links/${live.id}`, headers: bearer(acme.apiKey) })).statusCode).toBe(204);
    const revokedAnswer = await app.inject({ method: 'GET', url: '/v1/hr-systems', headers: bearer(tokenOf(live.url)) });
    expect({ status: revokedAnswer.statusCode, error: revokedAnswer.json().error }).toEqual({ status: 401, error: 'connect_link_revoked' });

    const forged = await app.inject({ method: 'GET', url: '/v1/hr-systems', headers: bearer('cl_' + 'A'.repeat(43)) });
    expect(forged.statusCode).toBe(401);
  });

  it('is asked for with the company key only, within 5 minutes to 24 hours', async () => {
    expect((await createLink(TEST_OPERATOR_KEY)).statusCode).toBe(403);
    expect((await createLink(acme.apiKey, { expiresInMinutes: 2 })).statusCode).toBe(400);
    expect((await createLink(acme.apiKey, { expiresInMinutes: 1441 })).statusCode).toBe(400);
    expect((await createLink(acme.apiKey, { expiresInMinutes: 30, extra: true })).statusCode).toBe(400);
  });

  it('keeps the origins allowed to frame the page, refusing what is not an origin', async () => {
    const put = (origins: unknown) => app.inject({ method: 'PUT', url: '/v1/company/embed-origins', headers: bearer(acme.apiKey), payload: { origins } });
    expect((await put(['https://portal.acme.example', 'http://localhost:5173'])).json()).toEqual({ origins: ['https://portal.acme.example', 'http://localhost:5173'] });
    for (const bad of ['https://portal.acme.example/path', 'http://portal.acme.example', 'javascript:alert(1)', '*']) {
      const res = await put([bad]);
      expect({ bad, status: res.statusCode }).toEqual({ bad, status: 400 });
    }
    const read = await app.inject({ method: 'GET', url: '/v1/company/embed-origins', headers: bearer(acme.apiKey) });
    expect(read.json()).toEqual({ origins: ['https://portal.acme.example', 'http://localhost:5173'] });
    expect((await app.inject({ method: 'GET', url: '/v1/company/embed-origins', headers: bearer(other.apiKey) })).json()).toEqual({ origins: [] });
  });
});
