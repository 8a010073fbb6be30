// What the connect page needs from the public API beyond the setup routes: the company's
// integrations (how the same link finds the integration it set up, GET /v1/integrations) and which
// credentials are secret (writeOnly in the catalog's schemas, shown as password inputs), and its
// answers compressed for a browser that accepts it (the catalog is over 100 KB of JSON).
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app';
import { hrSystems } from '../../connectors/registry';
import { bearer, createCompany, TEST_OPERATOR_KEY } from '../support/api';
import { createTestDatabase, type TestDatabase } from '../support/database';

describe('the public API the connect page uses', () => {
  let database: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    database = await createTestDatabase();
    // Only DRAFT and DISCONNECTED integrations here: their view never asks Temporal for a Schedule.
    app = await buildApp(
      {
        db: database.db,
        temporal: {} as never,
        cipher: {} as never,
        config: { TEMPORAL_TASK_QUEUE: 'unused', TEMPORAL_NAMESPACE: 'default', OPERATOR_API_KEY: TEST_OPERATOR_KEY, RECONCILE_INTERVAL_MINUTES: 15, operatorApiKey: TEST_OPERATOR_KEY },
      },
      false,
    );
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it("lists the company's own integrations, newest first, to its key and its connect links alike", async () => {
    const acme = await createCompany(app, 'Acme');
    const other = await createCompany(app, 'Other');
    const old = await database.db.integration.create({ data: { companyId: acme.id, hrSystem: 'personio', status: 'DISCONNECTED', selectedFields: [], createdAt: new Date('2026-01-01T00:00:00Z'), disconnectedAt: new Date('2026-02-01T00:00:00Z') } });
    const current = await database.db.integration.create({ data: { companyId: acme.id, hrSystem: 'sandbox', status: 'DRAFT', selectedFields: ['firstName'] } });
    await database.db.integration.create({ data: { companyId: other.id, hrSystem: 'bamboohr', status: 'DRAFT', selectedFields: [] } });
    const link = new URL((await app.inject({ method: 'POST', url: '/v1/connect-links', headers: bearer(acme.apiKey), payload: {} })).json().url).searchParams.get('link')!;

    for (const key of [acme.apiKey, link]) {
      const res = await app.inject({ method: 'GET', url: '/v1/integrations', headers: bearer(key) });
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((i: { id: string; status: string; hrSystem: string }) => [i.id, i.status, i.hrSystem])).toEqual([
        [current.id, 'DRAFT', 'sandbox'],
        [old.id, 'DISCONNECTED', 'personio'],
      ]);
    }

    const firstPage = (await app.inject({ method: 'GET', url: '/v1/integrations?limit=1', headers: bearer(link) })).json();
    expect(firstPage.items.map((i: { id: string }) => i.id)).toEqual([current.id]);
    const secondPage = (await app.inject({ method: 'GET', url: `/v1/integrations?limit=1&cursor=${firstPage.nextCursor}`, headers: bearer(link) })).json();
    expect(secondPage).toEqual({ items: [expect.objectContaining({ id: old.id })], nextCursor: null });

    expect((await app.inject({ method: 'GET', url: '/v1/integrations', headers: bearer(TEST_OPERATOR_KEY) })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/v1/integrations?status=DRAFT', headers: bearer(link) })).statusCode).toBe(400);
  });

  it("marks every system's secret credentials writeOnly, and nothing else", async () => {
    const catalog = (await app.inject({ method: 'GET', url: '/v1/hr-systems', headers: bearer(TEST_OPERATOR_KEY) })).json().items as { id: string; credentials: { properties?: Record<string, { writeOnly?: boolean }> } }[];
    for (const system of hrSystems.filter((s) => s.status === 'available')) {
      const properties = catalog.find((c) => c.id === system.id)!.credentials.properties ?? {};
      const writeOnly = Object.entries(properties).filter(([, p]) => p.writeOnly).map(([key]) => key).sort();
      expect({ system: system.id, writeOnly }).toEqual({ system: system.id, writeOnly: [...system.secretKeys].sort() });
    }
    const sandbox = catalog.find((c) => c.id === 'sandbox')!.credentials.properties!;
    expect(sandbox.apiKey!.writeOnly).toBe(true);
    expect(sandbox.baseUrl!.writeOnly).toBeUndefined();
  });

  it('serves the catalog compressed when the client accepts it (gzip or br), plain otherwise; HEAD and small answers too', async () => {
    const url = '/v1/hr-systems';
    const auth = bearer(TEST_OPERATOR_KEY);
    const plain = await app.inject({ method: 'GET', url, headers: auth });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Number(plain.headers['content-length'])).toBe(plain.rawPayload.length);
    const catalog = plain.json();
    expect(plain.rawPayload.length).toBeGreaterThan(50_000);

    const gzipped = await app.inject({ method: 'GET', url, headers: { ...auth, 'accept-encoding': 'gzip' } });
    expect(gzipped.statusCode).toBe(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers['content-type']).toMatch(/^application\/json/);
    expect(String(gzipped.headers.vary)).toMatch(/accept-encoding/i);
    expect(gzipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
    expect(JSON.parse(zlib.gunzipSync(gzipped.rawPayload).toString('utf8'))).toEqual(catalog);

    // What a browser sends: br preferred where it is accepted.
    const browser = await app.inject({ method: 'GET', url, headers: { ...auth, 'accept-encoding': 'gzip, deflate, br, zstd' } });
    expect(browser.headers['content-encoding']).toBe('br');
    expect(JSON.parse(zlib.brotliDecompressSync(browser.rawPayload).toString('utf8'))).toEqual(catalog);

    // identity only, or an encoding not offered: plain.
    for (const acceptEncoding of ['identity', 'compress']) {
      const res = await app.inject({ method: 'GET', url, headers: { ...auth, 'accept-encoding': acceptEncoding } });
      expect({ acceptEncoding, encoding: res.headers['content-encoding'] }).toEqual({ acceptEncoding, encoding: undefined });
      expect(res.json()).toEqual(catalog);
    }

    // HEAD still answers, without a body: Fastify's automatic HEAD route describes the plain answer.
    const head = await app.inject({ method: 'HEAD', url, headers: { ...auth, 'accept-encoding': 'gzip' } });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-type']).toMatch(/^application\/json/);
    expect(head.headers['content-encoding']).toBeUndefined();
    expect(Number(head.headers['content-length'])).toBe(plain.rawPayload.length);
    expect(head.rawPayload.length).toBe(0);

    // Under 1 KB (an error answer): left plain, compressing it would not pay.
    const refused = await app.inject({ method: 'GET', url, headers: { authorization: 'Bearer nope', 'accept-encoding': 'gzip' } });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.json()).toMatchObject({ error: expect.any(String) });
  });
});
