// The connect page as the server hands it out (api/routes/connect-page.ts): framed only by the
// allowed embedding origins of the company whose link opened it ('none' for any other link or
// none), never cached, never leaking the token in a Referer; its hashed assets cached for a year.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app';
import type { AppDeps } from '../../api/deps';
import { CONNECT_PAGE_DIR, connectPageRoutes } from '../../api/routes/connect-page';
import { bearer, createCompany, TEST_OPERATOR_KEY } from '../support/api';
import { createTestDatabase, type TestDatabase } from '../support/database';

const frameAncestors = (csp: unknown) => /frame-ancestors ([^;]+)/.exec(String(csp))?.[1];
const embedOriginsMeta = (html: string) => JSON.parse(/name="hr-connect-embed-origins" content="([^"]*)"/.exec(html)![1]!.replace(/&quot;/g, '"'));

describe('the connect page', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let deps: AppDeps;

  const linkOf = async (companyKey: string) => (await app.inject({ method: 'POST', url: '/v1/connect-links', headers: bearer(companyKey), payload: {} })).json() as { id: string; url: string };
  const pathOf = (url: string) => new URL(url).pathname + new URL(url).search;
  const setOrigins = (companyKey: string, origins: string[]) => app.inject({ method: 'PUT', url: '/v1/company/embed-origins', headers: bearer(companyKey), payload: { origins } });

  beforeAll(async () => {
    if (!fs.existsSync(path.join(CONNECT_PAGE_DIR, 'index.html'))) throw new Error('connect-page/dist is missing: run `npm run build:connect` (npm ci and npm test do)');
    database = await createTestDatabase();
    // Serving the page needs the database only (the link lookup); Temporal is never called here.
    deps = {
      db: database.db,
      temporal: {} as never,
      cipher: {} as never,
      config: { TEMPORAL_TASK_QUEUE: 'unused', TEMPORAL_NAMESPACE: 'default', OPERATOR_API_KEY: TEST_OPERATOR_KEY, RECONCILE_INTERVAL_MINUTES: 15, operatorApiKey: TEST_OPERATOR_KEY },
    };
    app = await buildApp(deps, false);
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('may be framed only by the allowed origins of the company whose link opened it, and tells the page those origins', async () => {
    const acme = await createCompany(app, 'Acme');
    const other = await createCompany(app, 'Other');
    await setOrigins(acme.apiKey, ['https://portal.acme.example', 'http://localhost:5173']);
    await setOrigins(other.apiKey, ['https://portal.other.example']);

    const res = await app.inject({ method: 'GET', url: pathOf((await linkOf(acme.apiKey)).url) });
    expect(res.statusCode).toBe(200);
    expect(frameAncestors(res.headers['content-security-policy'])).toBe('https://portal.acme.example http://localhost:5173');
    expect(res.headers['x-frame-options']).toBeUndefined();
    expect(embedOriginsMeta(res.body)).toEqual(['https://portal.acme.example', 'http://localhost:5173']);
    expect(res.body).not.toContain('portal.other.example');

    const otherPage = await app.inject({ method: 'GET', url: pathOf((await linkOf(other.apiKey)).url) });
    expect(frameAncestors(otherPage.headers['content-security-policy'])).toBe('https://portal.other.example');
  });

  it("refuses every frame for a company without allowed origins, an unknown, an expired or a revoked link, or no link at all", async () => {
    const plain = await createCompany(app, 'Plain');
    const framed = await createCompany(app, 'Framed');
    await setOrigins(framed.apiKey, ['https://portal.framed.example']);
    const expired = await linkOf(framed.apiKey);
    await database.db.connectLink.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const revoked = await linkOf(framed.apiKey);
    expect((await app.inject({ method: 'DELETE', url: `/v1/connect-links/${revoked.id}`, headers: bearer(framed.apiKey) })).statusCode).toBe(204);

    const cases = {
      'no origins configured': pathOf((await linkOf(plain.apiKey)).url),
      'unknown link': `/connect?link=cl_${'A'.repeat(43)}`,
      'expired link': pathOf(expired.url),
      'revoked link': pathOf(revoked.url),
      'no link': '/connect',
      'not a link token': '/connect?link=ck_company_key_is_not_a_link',
    };
    for (const [why, url] of Object.entries(cases)) {
      const res = await app.inject({ method: 'GET', url });
      expect({ why, status: res.statusCode, frameAncestors: frameAncestors(res.headers['content-security-policy']), xfo: res.headers['x-frame-options'], origins: embedOriginsMeta(res.body) }).toEqual({
        why,
        status: 200,
        frameAncestors: "'none'",
        xfo: 'DENY',
        origins: [],
      });
    }
  });

  it('serves the page itself without a link (it shows the "opens from a connect link" message), never cached, never sending a Referer, scripts only from its own origin', async () => {
    for (const url of ['/connect', '/connect/']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      // Under that policy an inline script would not run: every script is a file of the build.
      const scripts = [...res.body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, content] of scripts) {
        expect(attributes).toMatch(/src="\/connect\/assets\/[^"]+\.js"/);
        expect(content!.trim()).toBe('');
      }
    }
  });

  it('serves the hashed assets the HTML names, cached for a year; an unknown asset is a 404', async () => {
    const html = (await app.inject({ method: 'GET', url: '/connect' })).body;
    const assets = [...html.matchAll(/(?:src|href)="(\/connect\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    for (const asset of assets) {
      const res = await app.inject({ method: 'GET', url: asset });
      expect({ asset, status: res.statusCode }).toEqual({ asset, status: 200 });
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-type']).toMatch(asset.endsWith('.js') ? /^(application|text)\/javascript/ : /^text\/css/);
      // Compressed for a browser that accepts it, the same bytes once unpacked.
      const gzipped = await app.inject({ method: 'GET', url: asset, headers: { 'accept-encoding': 'gzip' } });
      expect({ asset, encoding: gzipped.headers['content-encoding'] }).toEqual({ asset, encoding: 'gzip' });
      expect(zlib.gunzipSync(gzipped.rawPayload).equals(res.rawPayload)).toBe(true);
    }
    expect((await app.inject({ method: 'GET', url: '/connect/assets/index-missing.js' })).statusCode).toBe(404);
  });

  it('says how to build the page when it has not been built', async () => {
    const bare = Fastify();
    await bare.register(connectPageRoutes(deps, path.join(CONNECT_PAGE_DIR, 'no-such-build')));
    const res = await bare.inject({ method: 'GET', url: '/connect' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build:connect');
    await bare.close();
  });
});
