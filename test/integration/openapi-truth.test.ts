// The OpenAPI document tells the truth (scripts/schemathesis.sh checks it at large): what a
// regression here would break. Unknown methods answer 405 with Allow; closed request bodies say
// additionalProperties: false and the server refuses extras; the HR-system ids, cursors and time
// zones are stated exactly; every status a route answers is documented, and only those.
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { hrSystems } from '../../connectors/registry';
import { bearer, createCompany, TEST_OPERATOR_KEY } from '../support/api';
import { startProductUnderTest, stopProductUnderTest, type ProductUnderTest } from '../support/product-under-test';

type Operation = { requestBody?: { content: Record<string, { schema: JsonSchema }> }; parameters?: { name: string; in: string; schema: JsonSchema }[]; responses: Record<string, unknown>; security?: unknown[] };
type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; additionalProperties?: unknown; oneOf?: JsonSchema[]; anyOf?: JsonSchema[]; enum?: unknown[]; pattern?: string; format?: string; items?: JsonSchema };
type Spec = { paths: Record<string, Record<string, Operation>> };

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'QUERY'];
const BODY_METHODS = ['post', 'put', 'patch', 'delete'];
/** A concrete URL for a path template: every parameter a (fresh) UUID. */
const urlOf = (path: string) => path.replace(/\{[^}]+\}/g, () => crypto.randomUUID());
const errorShape = { error: expect.any(String), message: expect.any(String) };

describe('the OpenAPI document tells the truth', () => {
  let product: ProductUnderTest;
  let app: FastifyInstance;
  let spec: Spec;
  let key: string;
  const operations = () => Object.entries(spec.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));

  beforeAll(async () => {
    product = await startProductUnderTest();
    app = product.app;
    spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    key = (await createCompany(app, 'Truth GmbH')).apiKey;
  });
  afterAll(async () => {
    await stopProductUnderTest(product ?? {});
  });

  it('answers a method a known path does not have with 405, the path\'s methods in Allow and the one error shape', async () => {
    let checked = 0;
    for (const [path, ops] of Object.entries(spec.paths)) {
      const documented = Object.keys(ops).map((m) => m.toUpperCase());
      const allowed = new Set([...documented, ...(documented.includes('GET') ? ['HEAD'] : [])]);
      for (const method of HTTP_METHODS.filter((m) => !allowed.has(m))) {
        const res = await app.inject({ method: method as 'GET', url: urlOf(path), headers: bearer(key) });
        expect([method, path, res.statusCode]).toEqual([method, path, 405]);
        expect(String(res.headers.allow).split(', ').sort()).toEqual([...allowed].sort());
        if (method !== 'HEAD') expect(res.json()).toEqual({ error: 'method_not_allowed', message: expect.stringContaining(method) });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    // QUERY (a body method: no Content-Type needed), TRACE and PATCH where they are not routed, without a key too.
    for (const [method, url, allow] of [
      ['QUERY', `/v1/employees/${crypto.randomUUID()}`, 'DELETE, GET, HEAD'],
      ['TRACE', '/v1/companies', 'POST'],
      ['PATCH', '/v1/employees', 'GET, HEAD'],
    ] as const) {
      const res = await app.inject({ method: method as 'GET', url });
      expect([res.statusCode, res.headers.allow, res.json()]).toEqual([405, allow, { error: 'method_not_allowed', message: expect.any(String) }]);
    }
    // Unknown paths stay 404, whatever the method; a path's own method with a trailing slash too.
    for (const method of ['GET', 'TRACE', 'QUERY', 'PATCH'] as const) {
      const res = await app.inject({ method: method as 'GET', url: '/v1/nowhere', headers: bearer(key) });
      expect([res.statusCode, res.json()]).toEqual([404, { error: 'not_found', message: expect.any(String) }]);
    }
    expect((await app.inject({ method: 'POST', url: '/v1/companies/', headers: bearer(TEST_OPERATOR_KEY), payload: { name: 'x' } })).statusCode).toBe(404);
  });

  it('marks closed request bodies additionalProperties: false, and the server refuses an extra property', async () => {
    const closed = (schema: JsonSchema): boolean =>
      schema.oneOf
        ? schema.oneOf.every(closed)
        : schema.type === 'object' && schema.additionalProperties === false && Object.values(schema.properties ?? {}).every((p) => p.properties === undefined || closed(p));
    // Objects with named properties are closed; records (keys the admin chooses: filters.attributes) state their keys instead.
    for (const { path, method, op } of operations()) {
      const schema = op.requestBody?.content['application/json']?.schema;
      if (!schema) continue;
      // The credentials are the HR system's own schema (GET /v1/hr-systems), an open object.
      if (path === '/v1/integrations/{id}/credentials') continue;
      expect([method, path, closed(schema)]).toEqual([method, path, true]);
    }
    const integration = await app.inject({ method: 'POST', url: '/v1/integrations', headers: bearer(key), payload: { hrSystem: 'sandbox' } });
    expect(integration.statusCode).toBe(201);
    const id = integration.json().id;
    for (const [method, url, payload, headers] of [
      ['POST', '/v1/companies', { name: 'Extra AG', vatId: 'DE1' }, bearer(TEST_OPERATOR_KEY)],
      ['POST', '/v1/integrations', { hrSystem: 'sandbox', extra: true }, bearer(key)],
      ['PATCH', `/v1/integrations/${id}`, { autoInvite: true, extra: 1 }, bearer(key)],
      ['PATCH', `/v1/integrations/${id}`, { mapping: { shoeSize: 'shoe_size' } }, bearer(key)],
      ['PATCH', `/v1/integrations/${id}`, { filters: { departments: ['x'] } }, bearer(key)],
    ] as const) {
      const res = await app.inject({ method, url, payload, headers });
      expect([method, url, res.statusCode, res.json().error]).toEqual([method, url, 400, 'invalid_request']);
      expect(res.json().message).toMatch(/Unrecognized key/);
    }
    const patch = spec.paths['/v1/integrations/{id}']!.patch!.requestBody!.content['application/json']!.schema;
    expect(Object.keys(patch.properties!.mapping!.properties!)).toEqual(['numberOfChildren', 'maritalStatus', 'personnelNumber', 'employmentType']);
    expect(patch.properties!.mapping!.additionalProperties).toBe(false);
    // The recreation allowance's computed amount (400 amount_is_computed) is in the spec too.
    const benefit = spec.paths['/v1/employees/{id}/benefits']!.post!.requestBody!.content['application/json']!.schema as JsonSchema & { then?: unknown };
    expect(benefit.then).toEqual({ not: { required: ['amountCents'] } });
  });

  it('states the HR-system ids as enums: the catalog in GET /v1/hr-systems, the available ones where one connects', async () => {
    const available = hrSystems.filter((s) => s.status === 'available').map((s) => s.id);
    const body = spec.paths['/v1/integrations']!.post!.requestBody!.content['application/json']!.schema;
    expect([...body.properties!.hrSystem!.enum!].sort()).toEqual([...available].sort());
    const listed = (spec.paths['/v1/hr-systems']!.get!.responses['200'] as { content: Record<string, { schema: JsonSchema }> }).content['application/json']!.schema;
    expect([...listed.properties!.items!.items!.properties!.id!.enum!].sort()).toEqual(hrSystems.map((s) => s.id).sort());
    const other = await createCompany(app, 'Unknown GmbH');
    const unknown = await app.inject({ method: 'POST', url: '/v1/integrations', headers: bearer(other.apiKey), payload: { hrSystem: 'lotus-notes' } });
    expect([unknown.statusCode, unknown.json().message]).toEqual([400, expect.stringContaining('GET /v1/hr-systems')]);
  });

  it('states the formats: ids are UUIDs, cursors have their list\'s pattern, time zones are an enum', async () => {
    for (const { path, method, op } of operations()) {
      for (const p of op.parameters ?? []) {
        if (p.in === 'path') expect([method, path, p.name, p.schema.format]).toEqual([method, path, p.name, 'uuid']);
        if (p.name === 'cursor') expect([method, path, typeof p.schema.pattern]).toEqual([method, path, 'string']);
      }
    }
    const cursorOf = (path: string) => new RegExp(spec.paths[path]!.get!.parameters!.find((p) => p.name === 'cursor')!.schema.pattern!);
    expect(cursorOf('/v1/employees').source).toBe(cursorOf('/v1/invites').source);
    expect(cursorOf('/v1/employees').source).not.toBe(cursorOf('/v1/integrations/{id}/syncs').source);

    // Every string of the pattern is a cursor the list takes; anything else, or the other kind, is a 400 invalid_cursor.
    const idPattern = cursorOf('/v1/employees');
    for (const cursor of ['AAAAAAAAAAAAAAAAAAAAAA', '_____________________w', '0123456789abcdefghijkQ']) {
      expect(idPattern.test(cursor)).toBe(true);
      expect((await app.inject({ method: 'GET', url: `/v1/employees?cursor=${cursor}`, headers: bearer(key) })).statusCode).toBe(200);
    }
    const instantPattern = cursorOf('/v1/integrations/{id}/syncs');
    for (const cursor of ['garbage', Buffer.from(crypto.randomUUID()).toString('base64url'), 'A'.repeat(30), 'AAAAAAAAAAAAAAAAAAAAAB']) {
      expect(idPattern.test(cursor)).toBe(false);
      const res = await app.inject({ method: 'GET', url: `/v1/employees?cursor=${cursor}`, headers: bearer(key) });
      expect([res.statusCode, res.json().error]).toEqual([400, 'invalid_cursor']);
    }
    expect(instantPattern.test('A'.repeat(30))).toBe(true);

    // A real page: nextCursor matches the pattern and continues after the last item.
    const company = await createCompany(app, 'Paging GmbH');
    const companyId = company.id;
    const integration = await product.database.db.integration.create({ data: { companyId, hrSystem: 'sandbox', selectedFields: [] } });
    for (let i = 0; i < 3; i++) await product.database.db.employee.create({ data: { companyId, integrationId: integration.id, remoteId: `r${i}` } });
    const first = (await app.inject({ method: 'GET', url: '/v1/employees?limit=2', headers: bearer(company.apiKey) })).json();
    expect(first.nextCursor).toMatch(idPattern);
    const second = (await app.inject({ method: 'GET', url: `/v1/employees?limit=2&cursor=${first.nextCursor}`, headers: bearer(company.apiKey) })).json();
    expect(second).toEqual({ items: [expect.objectContaining({ remoteId: expect.any(String) })], nextCursor: null });
    expect(new Set([...first.items, ...second.items].map((e: { id: string }) => e.id)).size).toBe(3);

    const timezone = spec.paths['/v1/companies']!.post!.requestBody!.content['application/json']!.schema.properties!.timezone!;
    expect(timezone.enum).toEqual(expect.arrayContaining(['Europe/Berlin', 'UTC', 'America/New_York']));
    const refused = await app.inject({ method: 'POST', url: '/v1/companies', headers: bearer(TEST_OPERATOR_KEY), payload: { name: 'X', timezone: 'Mars/Olympus' } });
    expect([refused.statusCode, refused.json().message]).toEqual([400, expect.stringMatching(/timezone/)]);
    expect(timezone.enum).not.toContain('Mars/Olympus');
  });

  it('documents on every route the statuses the server answers, and only those', async () => {
    for (const { path, method, op } of operations()) {
      const statuses = Object.keys(op.responses).map(Number);
      const expected: number[] = [];
      if (path.startsWith('/v1/')) {
        expected.push(401, 503);
        if (path !== '/v1/hr-systems') expected.push(400, 403);
        if (path.includes('{')) expected.push(404, 414);
        if (BODY_METHODS.includes(method)) expected.push(413, 415);
      }
      expect([method, path, statuses.filter((s) => expected.includes(s)).sort()]).toEqual([method, path, [...expected].sort()]);
      // Nothing answers 429 (the HR systems' throttling is a 503), nor 405 (undocumented methods only).
      expect([method, path, statuses.filter((s) => [429, 405, 500].includes(s))]).toEqual([method, path, []]);
    }
    expect(spec.paths['/health']!.get!.security).toEqual([]);

    // The generic answers, each documented on the route it came from and in the one error shape.
    const documented = (path: string, method: string, status: number) => expect(Object.keys(spec.paths[path]![method]!.responses)).toContain(String(status));
    const answers: [string, string, number, () => Promise<{ statusCode: number; json: () => unknown }>][] = [
      ['/v1/hr-systems', 'get', 401, () => app.inject({ method: 'GET', url: '/v1/hr-systems' })],
      ['/v1/employees/{id}', 'get', 414, () => app.inject({ method: 'GET', url: `/v1/employees/${'a'.repeat(150)}`, headers: bearer(key) })],
      ['/v1/employees/{id}', 'get', 400, () => app.inject({ method: 'GET', url: '/v1/employees/%zz', headers: bearer(key) })],
      ['/v1/employees/{id}', 'get', 404, () => app.inject({ method: 'GET', url: `/v1/employees/${crypto.randomUUID()}`, headers: bearer(key) })],
      ['/v1/employees', 'get', 403, () => app.inject({ method: 'GET', url: '/v1/employees', headers: bearer(TEST_OPERATOR_KEY) })],
      ['/v1/companies', 'post', 403, () => app.inject({ method: 'POST', url: '/v1/companies', headers: bearer(key), payload: { name: 'x' } })],
      ['/v1/companies', 'post', 415, () => app.inject({ method: 'POST', url: '/v1/companies', headers: { ...bearer(TEST_OPERATOR_KEY), 'content-type': 'application/xml' }, payload: '<name>x</name>' })],
      ['/v1/companies', 'post', 413, () => app.inject({ method: 'POST', url: '/v1/companies', headers: { ...bearer(TEST_OPERATOR_KEY), 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }) })],
    ];
    for (const [path, method, status, call] of answers) {
      documented(path, method, status);
      const res = await call();
      expect([path, method, res.statusCode, res.json()]).toEqual([path, method, status, expect.objectContaining(errorShape)]);
    }
  });
});
