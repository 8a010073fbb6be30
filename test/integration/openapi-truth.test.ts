// The OpenAPI document tells the truth (scripts/schemathesis.sh checks it at large): what a
// regression here would break. Unknown methods answer 405 with Allow; closed request bodies say
// additionalProperties: false and the server refuses extras; the HR-system ids, cursors (and each
// page's nextCursor), time zones and embed origins are stated exactly, and the server takes what
// matches; strings it stores refuse U+0000; the file upload is described as the bytes it is; every
// status a route answers is documented, and only those (a state conflict a 409, not a 400).
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { hrSystems } from '../../connectors/registry';
import { bearer, createCompany, TEST_OPERATOR_KEY } from '../support/api';
import { startProductUnderTest, stopProductUnderTest, type ProductUnderTest } from '../support/product-under-test';

type Operation = { requestBody?: { content: Record<string, { schema: JsonSchema; example?: unknown }> }; parameters?: { name: string; in: string; schema: JsonSchema }[]; responses: Record<string, unknown>; security?: unknown[] };
type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; additionalProperties?: unknown; oneOf?: JsonSchema[]; anyOf?: JsonSchema[]; allOf?: JsonSchema[]; enum?: unknown[]; pattern?: string; format?: string; items?: JsonSchema; propertyNames?: JsonSchema };
type Spec = { paths: Record<string, Record<string, Operation>> };

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'QUERY'];
const BODY_METHODS = ['post', 'put', 'patch', 'delete'];
/** A concrete URL for a path template: every parameter a (fresh) UUID. */
const urlOf = (path: string) => path.replace(/\{[^}]+\}/g, () => crypto.randomUUID());
const errorShape = { error: expect.any(String), message: expect.any(String) };
/** The schema of a JSON response of an operation. */
const responseSchema = (op: Operation, status: number) => (op.responses[String(status)] as { content: Record<string, { schema: JsonSchema }> }).content['application/json']!.schema;
/** Every pattern a string schema states (zod puts a second one under allOf). */
const patternsOf = (schema: JsonSchema) => [schema.pattern, ...(schema.allOf ?? []).map((s) => s.pattern)].filter((p): p is string => p !== undefined).map((p) => new RegExp(p, 'u'));

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

  it('states the formats: ids are UUIDs (or their kind\'s pattern), cursors and nextCursor have their list\'s pattern, time zones are an enum', async () => {
    for (const { path, method, op } of operations()) {
      for (const p of op.parameters ?? []) {
        // A UUID, or an id of its own kind with the exact pattern of that kind (the push receivers' rcv_…).
        if (p.in === 'path') expect([method, path, p.name, p.schema.format ?? (p.schema.pattern ? 'pattern' : undefined)]).toEqual([method, path, p.name, path.startsWith('/v1/') ? 'uuid' : expect.stringMatching(/^(uuid|pattern)$/)]);
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
    // A page's nextCursor states the same pattern its list's cursor parameter takes.
    for (const path of ['/v1/employees', '/v1/invites', '/v1/integrations/{id}/syncs']) {
      const nextCursor = responseSchema(spec.paths[path]!.get!, 200).properties!.nextCursor!;
      expect([path, nextCursor.anyOf]).toEqual([path, [expect.objectContaining({ type: 'string', pattern: cursorOf(path).source }), { type: 'null' }]]);
    }

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
    // The created company's time zone is stated the same way.
    expect(responseSchema(spec.paths['/v1/companies']!.post!, 201).properties!.timezone!.enum).toEqual(timezone.enum);
  });

  it('documents on every route the statuses the server answers, and only those', async () => {
    for (const { path, method, op } of operations()) {
      const statuses = Object.keys(op.responses).map(Number);
      const expected = new Set<number>();
      // Fastify answers a malformed or over-long path parameter itself, on any route (public ones too).
      if (path.includes('{')) [400, 414].forEach((s) => expected.add(s));
      if (path.startsWith('/v1/')) {
        [401, 503].forEach((s) => expected.add(s));
        if (path !== '/v1/hr-systems') [400, 403].forEach((s) => expected.add(s));
        if (path.includes('{')) expected.add(404);
        if (BODY_METHODS.includes(method)) [413, 415].forEach((s) => expected.add(s));
      }
      expect([method, path, statuses.filter((s) => expected.has(s)).sort()]).toEqual([method, path, [...expected].sort()]);
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
    // Every path with a parameter, whatever its prefix: an over-long one is the documented 414.
    for (const { path, method } of operations().filter((o) => o.path.includes('{'))) {
      answers.push([path, method, 414, () => app.inject({ method: method.toUpperCase() as 'GET', url: path.replace(/\{[^}]+\}/g, 'a'.repeat(150)), headers: bearer(key) })]);
    }
    for (const [path, method, status, call] of answers) {
      documented(path, method, status);
      const res = await call();
      expect([path, method, res.statusCode, res.json()]).toEqual([path, method, status, expect.objectContaining(errorShape)]);
    }
  });

  it('states what an embed origin is, and the server takes exactly the origins the pattern matches', async () => {
    const op = spec.paths['/v1/company/embed-origins']!.put!;
    const pattern = new RegExp(op.requestBody!.content['application/json']!.schema.properties!.origins!.items!.pattern!, 'u');
    const company = await createCompany(app, 'Embed GmbH');
    const samples = [
      'https://portal.example.com',
      'https://portal.example.com:8443',
      'https://xn--bcher-kva.example',
      'http://localhost:5173',
      'http://127.0.0.1:8080',
      'https://portal.example.com:443', // a browser never sends the default port
      'http://localhost:80',
      'https://Portal.example.com', // a browser sends the host in lowercase
      'https://portal.example.com/',
      'https://1.2.3', // a URL parser reads an IPv4 address
      'https://0',
      'https://portal.example.com:65536',
      'http://portal.example.com', // http only for local development
      '0'.repeat(200),
    ];
    for (const origin of samples) {
      const res = await app.inject({ method: 'PUT', url: '/v1/company/embed-origins', headers: bearer(company.apiKey), payload: { origins: [origin] } });
      expect([origin, res.statusCode]).toEqual([origin, pattern.test(origin) ? 200 : 400]);
    }
    expect(samples.filter((o) => pattern.test(o))).toHaveLength(5);
    // What a refusal left in place: the last origin taken.
    expect((await app.inject({ method: 'GET', url: '/v1/company/embed-origins', headers: bearer(company.apiKey) })).json()).toEqual({ origins: ['http://127.0.0.1:8080'] });
  });

  it('refuses U+0000 in a string it stores (PostgreSQL cannot hold it) with a 400 naming the field, as the spec says, and keeps what was stored', async () => {
    const name = spec.paths['/v1/companies']!.post!.requestBody!.content['application/json']!.schema.properties!.name!;
    expect(patternsOf(name).some((p) => !p.test('A\u0000B'))).toBe(true);
    const company = await app.inject({ method: 'POST', url: '/v1/companies', headers: bearer(TEST_OPERATOR_KEY), payload: { name: 'A\u0000B' } });
    expect([company.statusCode, company.json().message]).toEqual([400, expect.stringContaining('body.name')]);

    const filters = spec.paths['/v1/integrations/{id}']!.patch!.requestBody!.content['application/json']!.schema.properties!.filters!;
    const attributes = filters.properties!.attributes!;
    expect(patternsOf(attributes.propertyNames!).some((p) => !p.test('a\u0000'))).toBe(true);
    expect(patternsOf(filters.properties!.legalEntityIds!.items!).some((p) => !p.test('\u0000'))).toBe(true);
    const other = await createCompany(app, 'Nul GmbH');
    const id = (await app.inject({ method: 'POST', url: '/v1/integrations', headers: bearer(other.apiKey), payload: { hrSystem: 'sandbox' } })).json().id;
    for (const bad of [{ attributes: { department: 'Sales\u0000' } }, { attributes: { 'dep\u0000': 'Sales' } }, { legalEntityIds: ['le\u0000'] }]) {
      const res = await app.inject({ method: 'PATCH', url: `/v1/integrations/${id}`, headers: bearer(other.apiKey), payload: { filters: bad } });
      expect([res.statusCode, res.json().message]).toEqual([400, expect.stringContaining('body.filters')]);
    }
    expect((await app.inject({ method: 'GET', url: `/v1/integrations/${id}`, headers: bearer(other.apiKey) })).json().filters).toEqual({});
  });

  it('describes the HR file upload as bytes of text/csv or application/octet-stream, with an example the server takes', async () => {
    const op = spec.paths['/v1/integrations/{id}/files']!.put!;
    const content = op.requestBody!.content;
    expect(Object.keys(content).sort()).toEqual(['application/octet-stream', 'text/csv']);
    for (const media of Object.values(content)) expect(media.schema).toMatchObject({ type: 'string', format: 'binary' });
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '409', '413', '415', '422']));

    const company = await createCompany(app, 'Upload GmbH');
    const auth = bearer(company.apiKey);
    const id = (await app.inject({ method: 'POST', url: '/v1/integrations', headers: auth, payload: { hrSystem: 'hr-file-export' } })).json().id;
    expect((await app.inject({ method: 'PUT', url: `/v1/integrations/${id}/credentials`, headers: auth, payload: { source: 'upload' } })).statusCode).toBe(200);
    const example = String(content['text/csv']!.example);
    const upload = (contentType: string, disposition: string, body = example) =>
      app.inject({ method: 'PUT', url: `/v1/integrations/${id}/files`, headers: { ...auth, 'content-type': contentType, 'content-disposition': disposition }, payload: body });
    // A name carrying U+0000, or no valid percent-encoding, is still a name, not a 500.
    const taken = await upload('text/csv', "attachment; filename*=UTF-8''export%00.csv");
    expect([taken.statusCode, taken.json().file.name, taken.json().unchanged]).toEqual([200, 'export.csv', false]);
    const same = await upload('application/octet-stream', 'attachment; filename="other.csv"');
    expect([same.statusCode, same.json().file.name, same.json().unchanged]).toEqual([200, 'export.csv', true]);
    const next = await upload('application/octet-stream', 'attachment; filename="100%.csv"', example.replace('Anna', 'Anne'));
    expect([next.statusCode, next.json().file.name, next.json().unchanged]).toEqual([200, '100%.csv', false]);
    // Any other type is the documented 415, before its body is read (the CSV is no JSON, no XML).
    for (const type of ['application/json', 'application/xml']) {
      const refused = await upload(type, 'attachment');
      expect([type, refused.statusCode, refused.json().error]).toEqual([type, 415, 'unsupported_media_type']);
    }
  });

  it('refuses a filter on an unsynced field with a 400 when the body says both (as the spec states), with a 409 when what is stored conflicts', async () => {
    const company = await createCompany(app, 'Filter GmbH');
    const auth = bearer(company.apiKey);
    const id = (await app.inject({ method: 'POST', url: '/v1/integrations', headers: auth, payload: { hrSystem: 'sandbox' } })).json().id;
    const patch = (payload: object) => app.inject({ method: 'PATCH', url: `/v1/integrations/${id}`, headers: auth, payload });
    const withoutLegalEntity = ['firstName', 'lastName', 'email', 'status', 'leavingDate'];
    expect((await patch({ filters: { legalEntityIds: ['le_de'] } })).statusCode).toBe(200);
    // A selection valid on its own, refused because of the stored filter: a conflict, and nothing changes.
    const conflicting = await patch({ fields: withoutLegalEntity });
    expect([conflicting.statusCode, conflicting.json().error]).toEqual([409, 'filter_on_unselected_field']);
    expect((await app.inject({ method: 'GET', url: `/v1/integrations/${id}`, headers: auth })).json()).toMatchObject({ filters: { legalEntityIds: ['le_de'] }, fields: expect.arrayContaining(['legalEntity']) });
    // Both in one body: the request itself is invalid.
    const invalid = await patch({ fields: withoutLegalEntity, filters: { legalEntityIds: ['le_de'] } });
    expect([invalid.statusCode, invalid.json().error]).toEqual([400, 'filter_on_unselected_field']);
    // Changing both together is how the selection narrows.
    expect((await patch({ fields: withoutLegalEntity, filters: {} })).json()).toMatchObject({ filters: {}, fields: withoutLegalEntity });
  });
});
