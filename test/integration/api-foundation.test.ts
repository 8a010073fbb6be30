import type { FastifyInstance } from 'fastify';
import { buildTestApi, createCompany, TEST_OPERATOR_KEY, bearer } from '../support/api';
import { createTestDatabase, type TestDatabase } from '../support/database';
import type { TestTemporal } from '../support/temporal';
import { startProductUnderTest, stopProductUnderTest } from '../support/product-under-test';

describe('API foundation', () => {
  let database: TestDatabase;
  let temporal: TestTemporal;
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ database, temporal, app } = await startProductUnderTest());
  });
  afterAll(async () => {
    await stopProductUnderTest({ app, temporal, database });
  });

  it('GET /health reports both components up', async () => {
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: { status: 'up' }, temporal: { status: 'up' } });
  });

  it('GET /health answers 503 naming the database when it is down', async () => {
    const broken = await createTestDatabase();
    const brokenApp = await buildTestApi(broken.db, temporal);
    await broken.drop(); // the database disappears under the running app
    const res = await brokenApp.inject({ method: 'GET', url: '/health' });
    await brokenApp.close();
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'degraded', database: { status: 'down' }, temporal: { status: 'up' } });
  });

  it('serves OpenAPI documentation generated from the route schemas', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(spec.paths['/v1/companies'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('timezone');
    const docs = await app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('rejects /v1 requests without a valid key with 401', async () => {
    expect((await app.inject({ method: 'POST', url: '/v1/companies', payload: { name: 'x' } })).statusCode).toBe(401);
    const wrong = await app.inject({ method: 'POST', url: '/v1/companies', headers: bearer('nope'), payload: { name: 'x' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ error: 'unauthorized' });
  });

  it('lets the operator create a company whose key is stored hashed', async () => {
    const company = await createCompany(app, 'Beta AG', 'Europe/Vienna');
    expect(company.apiKey).toMatch(/^ck_/);
    const row = await database.db.company.findUniqueOrThrow({ where: { id: company.id } });
    expect(row.timezone).toBe('Europe/Vienna');
    expect(row.apiKeyHash).not.toContain(company.apiKey);
    const withCompanyKey = await app.inject({ method: 'POST', url: '/v1/companies', headers: bearer(company.apiKey), payload: { name: 'Sneaky' } });
    expect(withCompanyKey.statusCode).toBe(403);
  });

  it('answers bad input with 400 naming the field', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/companies', headers: bearer(TEST_OPERATOR_KEY), payload: { name: 'X', timezone: 'Mars/Olympus' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid_request' });
    expect(res.json().message).toMatch(/timezone/);
  });
});
