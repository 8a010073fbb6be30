// Listing employees: status filter, cursor pagination, tenant isolation.
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { bearer, createCompany } from '../support/api';
import type { TestDatabase } from '../support/database';
import type { TestTemporal } from '../support/temporal';
import { startProductUnderTest, stopProductUnderTest } from '../support/product-under-test';

describe('GET /v1/employees', () => {
  let database: TestDatabase;
  let temporal: TestTemporal;
  let app: FastifyInstance;
  let acme: { id: string; apiKey: string };
  let other: { id: string; apiKey: string };

  beforeAll(async () => {
    ({ database, temporal, app } = await startProductUnderTest());
    acme = await createCompany(app, 'Acme');
    other = await createCompany(app, 'Other');
    for (const company of [acme, other]) {
      const integration = await database.db.integration.create({ data: { companyId: company.id, hrSystem: 'sandbox', status: 'ACTIVE', selectedFields: [] } });
      await database.db.employee.createMany({
        data: Array.from({ length: 25 }, (_, i) => ({
          companyId: company.id,
          integrationId: integration.id,
          remoteId: `r${i}`,
          firstName: `Person${i}`,
          status: i % 5 === 0 ? ('LEAVING_PLANNED' as const) : ('ACTIVE' as const),
          lastWorkingMonth: i % 5 === 0 ? '2027-01' : null,
        })),
      });
    }
  });
  afterAll(async () => {
    await stopProductUnderTest({ app, temporal, database });
  });

  it('pages through every employee of the company exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await app.inject({ method: 'GET', url: `/v1/employees?limit=10${cursor ? `&cursor=${cursor}` : ''}`, headers: bearer(acme.apiKey) });
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: Array<{ id: string }>; nextCursor: string | null };
      seen.push(...body.items.map((e) => e.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
  });

  it('filters by status and shows the last working month', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/employees?status=LEAVING_PLANNED', headers: bearer(acme.apiKey) });
    const items = res.json().items as Array<{ status: string; lastWorkingMonth: string }>;
    expect(items).toHaveLength(5);
    expect(items.every((e) => e.status === 'LEAVING_PLANNED' && e.lastWorkingMonth === '2027-01')).toBe(true);
  });

  it("answers 404 for another company's employee and never lists it", async () => {
    const foreign = await database.db.employee.findFirstOrThrow({ where: { companyId: other.id } });
    expect((await app.inject({ method: 'GET', url: `/v1/employees/${foreign.id}`, headers: bearer(acme.apiKey) })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/v1/employees/${foreign.id}`, headers: bearer(other.apiKey) })).statusCode).toBe(200);
    const all = await app.inject({ method: 'GET', url: '/v1/employees?limit=100', headers: bearer(acme.apiKey) });
    expect(all.json().items.map((e: { id: string }) => e.id)).not.toContain(foreign.id);
  });

  it('rejects a bad limit, status or cursor with 400 naming the problem', async () => {
    const limit = await app.inject({ method: 'GET', url: '/v1/employees?limit=1000', headers: bearer(acme.apiKey) });
    expect(limit.statusCode).toBe(400);
    expect(limit.json().message).toMatch(/limit/);
    expect((await app.inject({ method: 'GET', url: '/v1/employees?status=GONE', headers: bearer(acme.apiKey) })).statusCode).toBe(400);
    const misspelt = await app.inject({ method: 'GET', url: '/v1/employees?stauts=LEFT', headers: bearer(acme.apiKey) });
    expect(misspelt.statusCode).toBe(400);
    expect(misspelt.json().message).toMatch(/stauts/);
    const cursor = await app.inject({ method: 'GET', url: '/v1/employees?cursor=garbage', headers: bearer(acme.apiKey) });
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().error).toBe('invalid_cursor');
    // Id-shaped but no id, and the cursor of the (newest-first) sync history: 400, never a 500.
    for (const other of ['-'.repeat(36), `2026-11-27T10:00:00.000Z|${crypto.randomUUID()}`]) {
      const res = await app.inject({ method: 'GET', url: `/v1/employees?cursor=${Buffer.from(other).toString('base64url')}`, headers: bearer(acme.apiKey) });
      expect([res.statusCode, res.json().error]).toEqual([400, 'invalid_cursor']);
    }
  });
});
