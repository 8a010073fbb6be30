// The Sandbox HR system: a small HR system of our own for trying the product without a vendor
// account (`npm start` runs it on SANDBOX_HR_PORT, tests on port 0). Its API is described in
// api-types.ts; GET /api without a key lists it for people exploring with curl.
import type { ZodType } from 'zod';
import { headerGuard, jsonToken, listingAt, numberParam, parseJson, readJsonToken, retryAfterHeader, router, serveVendorFake, type FakeRequest, type FakeResponse, type FaultDialect, type FaultScript, type RequestLog, type SeededFakeOptions } from '../kit/fake';
import { SANDBOX_DEMO_API_KEY, SANDBOX_MAX_PAGE_SIZE, type SandboxEmployeeList, type SandboxErrorBody } from './api-types';
import { SANDBOX_ATTRIBUTES, SANDBOX_LEGAL_ENTITIES, todayUtc } from './fake-data';
import { SandboxInputError, SandboxStore } from './fake-store';
import { createEmployeeSchema, terminateEmployeeSchema, updateEmployeeSchema } from './request-schemas';

export interface SandboxHrServerOptions extends SeededFakeOptions {
  /** Day the data is generated around and statuses are judged on; default: the real today. */
  referenceDate?: string;
  host?: string;
}

export interface RunningSandboxHrServer {
  url: string;
  port: number;
  store: SandboxStore;
  /** Every request and its answer; the per-request fault script (the sandbox itself never throttles). */
  faults: FaultScript;
  log: RequestLog;
  close(): Promise<void>;
}

const DEFAULT_PAGE_SIZE = 50;

const error = (status: number, code: string, message: string, issues?: unknown): FakeResponse => ({ status, body: { error: issues === undefined ? { code, message } : { code, message, issues } } satisfies SandboxErrorBody });

/** The request body checked against the schema, or the 400 answer. */
function withBody<T>(req: FakeRequest, schema: ZodType<T>, then: (input: T) => FakeResponse): FakeResponse {
  const json = req.body.trim() === '' ? { value: {} } : parseJson(req.body);
  if (!json) return error(400, 'invalid_json', 'The request body is not valid JSON');
  const parsed = schema.safeParse(json.value);
  if (parsed.success) return then(parsed.data);
  const issues = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
  return error(400, 'invalid_request', issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('; '), issues);
}

/** The cursor is opaque to clients; inside it names the last employee number served. */
function decodeCursor(cursor: string | null): number | null {
  if (!cursor) return 0;
  const after = (readJsonToken(cursor) as { after?: unknown } | undefined)?.after;
  return typeof after === 'number' && Number.isInteger(after) && after >= 0 ? after : null;
}

const API_INDEX = {
  name: 'Sandbox HR system',
  authentication: `Authorization: Bearer ${SANDBOX_DEMO_API_KEY}`,
  endpoints: [
    'GET /api/company',
    'GET /api/employees?limit=&cursor=',
    'GET /api/employees/:id',
    'POST /api/employees',
    'PATCH /api/employees/:id',
    'POST /api/employees/:id/terminate {"leaving_date":"YYYY-MM-DD"}',
    'DELETE /api/employees/:id',
    'GET /api/attributes',
    'GET /api/legal-entities',
  ],
};

export async function startSandboxHrServer(options: SandboxHrServerOptions = {}): Promise<RunningSandboxHrServer> {
  const today = () => options.referenceDate ?? todayUtc();
  const store = new SandboxStore({
    seed: options.seed ?? 42,
    employeeCount: options.employeeCount ?? 60,
    referenceDate: today(),
    today,
  });

  function listEmployees(req: FakeRequest): FakeResponse {
    const limit = numberParam(req.url.searchParams, 'limit', DEFAULT_PAGE_SIZE, 1);
    if (limit === null) return error(400, 'invalid_limit', 'limit must be a positive integer');
    const after = decodeCursor(req.url.searchParams.get('cursor'));
    if (after === null) return error(400, 'invalid_cursor', 'cursor is not one this API handed out');
    const page = store.page(after, Math.min(limit, SANDBOX_MAX_PAGE_SIZE));
    const body: SandboxEmployeeList = { data: page.employees, next_cursor: page.hasMore && page.last !== null ? jsonToken({ after: page.last }) : null };
    return { status: 200, body };
  }

  const notFound = (req: FakeRequest, path: string) => error(404, 'not_found', `No such endpoint: ${req.method} ${path || '/'}`);
  const employee = /^\/api\/employees\/([^/]+)$/;
  const api = router(
    [
      ['GET', '/api/company', () => ({ status: 200, body: { name: 'Sandbox Demo Group', employees: store.size } })],
      ['GET', '/api/attributes', () => ({ status: 200, body: { data: SANDBOX_ATTRIBUTES } })],
      ['GET', '/api/legal-entities', () => ({ status: 200, body: { data: SANDBOX_LEGAL_ENTITIES } })],
      ['GET', '/api/employees', listEmployees],
      ['POST', '/api/employees', (req) => withBody(req, createEmployeeSchema, (input) => ({ status: 201, body: store.add(input) }))],
      ['POST', /^\/api\/employees\/([^/]+)\/terminate$/, (req, id) => withBody(req, terminateEmployeeSchema, (input) => ({ status: 200, body: store.terminate(id, input.leavingDate) }))],
      ['GET', employee, (_req, id) => ({ status: 200, body: store.get(id) })],
      ['PATCH', employee, (req, id) => withBody(req, updateEmployeeSchema, (input) => ({ status: 200, body: store.update(id, input) }))],
      ['DELETE', employee, (_req, id) => {
        store.remove(id);
        return { status: 204 };
      }],
    ],
    {
      guard: headerGuard('authorization', `Bearer ${SANDBOX_DEMO_API_KEY}`, () => error(401, 'invalid_api_key', `Unknown API key. The sandbox accepts the demo key "${SANDBOX_DEMO_API_KEY}".`)),
      notFound,
      trimSlash: true,
    },
  );
  const guarded = (req: FakeRequest) => {
    try {
      return api(req);
    } catch (err) {
      if (err instanceof SandboxInputError) return error(err.status, err.status === 404 ? 'not_found' : err.status === 409 ? 'conflict' : 'invalid_request', err.message);
      throw err;
    }
  };
  // GET /api (and /) answer without a key, for people exploring with curl.
  const handle = router([['GET', /^(?:\/api)?$/, () => ({ status: 200, body: API_INDEX })], ['*', /^/, guarded]], { notFound, trimSlash: true });

  // Our own API: throttling as any HTTP API does it, 429 with Retry-After.
  const dialect: FaultDialect = {
    throttled: (seconds) => ({ ...error(429, 'rate_limited', 'Too many requests'), headers: retryAfterHeader(seconds) }),
    unavailable: (status) => error(status, 'unavailable', 'The sandbox is temporarily unavailable'),
  };
  const server = await serveVendorFake({ handle, dialect, listings: [listingAt(/^\/api\/employees\/?$/, 'data')], port: options.port ?? 0, host: options.host });
  return { url: server.url, port: server.port, store, faults: server.faults, log: server.log, close: () => server.close() };
}
