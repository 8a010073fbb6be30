// The Sandbox HR system: a small HR system of our own for trying the product without a vendor
// account (`npm start` runs it on SANDBOX_HR_PORT, tests on port 0). Its API is described in
// api-types.ts; GET /api without a key lists it for people exploring with curl.
import type { ZodType } from 'zod';
import { FaultScript, retryAfterHeader, RequestLog, serveVendorFake, type FakeRequest, type FakeResponse, type FaultDialect } from '../kit/fake';
import { SANDBOX_DEMO_API_KEY, SANDBOX_MAX_PAGE_SIZE, type SandboxEmployeeList, type SandboxErrorBody } from './api-types';
import { SANDBOX_ATTRIBUTES, SANDBOX_LEGAL_ENTITIES, todayUtc } from './fake-data';
import { SandboxInputError, SandboxStore } from './fake-store';
import { createEmployeeSchema, terminateEmployeeSchema, updateEmployeeSchema } from './request-schemas';

export interface SandboxHrServerOptions {
  port?: number;
  employeeCount?: number;
  seed?: number;
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

function error(status: number, code: string, message: string, issues?: unknown): FakeResponse {
  const body: SandboxErrorBody = { error: issues === undefined ? { code, message } : { code, message, issues } };
  return { status, body };
}

function parseBody<T>(req: FakeRequest, schema: ZodType<T>): { ok: true; value: T } | { ok: false; response: FakeResponse } {
  let json: unknown;
  try {
    json = req.body.trim() === '' ? {} : JSON.parse(req.body);
  } catch {
    return { ok: false, response: error(400, 'invalid_json', 'The request body is not valid JSON') };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
  return { ok: false, response: error(400, 'invalid_request', issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('; '), issues) };
}

/** The cursor is opaque to clients; inside it names the last employee number served. */
function encodeCursor(after: number): string {
  return Buffer.from(JSON.stringify({ after })).toString('base64url');
}

function decodeCursor(cursor: string | null): number | null {
  if (!cursor) return 0;
  try {
    const after = (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown }).after;
    return typeof after === 'number' && Number.isInteger(after) && after >= 0 ? after : null;
  } catch {
    return null;
  }
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
    const rawLimit = req.url.searchParams.get('limit');
    const limit = rawLimit === null ? DEFAULT_PAGE_SIZE : Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1) return error(400, 'invalid_limit', 'limit must be a positive integer');
    const after = decodeCursor(req.url.searchParams.get('cursor'));
    if (after === null) return error(400, 'invalid_cursor', 'cursor is not one this API handed out');
    const page = store.page(after, Math.min(limit, SANDBOX_MAX_PAGE_SIZE));
    const body: SandboxEmployeeList = { data: page.employees, next_cursor: page.hasMore && page.last !== null ? encodeCursor(page.last) : null };
    return { status: 200, body };
  }

  function route(req: FakeRequest, path: string): FakeResponse {
    const { method } = req;
    if (method === 'GET' && path === '/api/company') return { status: 200, body: { name: 'Sandbox Demo Group', employees: store.size } };
    if (method === 'GET' && path === '/api/attributes') return { status: 200, body: { data: SANDBOX_ATTRIBUTES } };
    if (method === 'GET' && path === '/api/legal-entities') return { status: 200, body: { data: SANDBOX_LEGAL_ENTITIES } };
    if (path === '/api/employees') {
      if (method === 'GET') return listEmployees(req);
      if (method === 'POST') {
        const input = parseBody(req, createEmployeeSchema);
        return input.ok ? { status: 201, body: store.add(input.value) } : input.response;
      }
    }
    const terminate = /^\/api\/employees\/([^/]+)\/terminate$/.exec(path);
    if (terminate && method === 'POST') {
      const input = parseBody(req, terminateEmployeeSchema);
      return input.ok ? { status: 200, body: store.terminate(terminate[1], input.value.leavingDate) } : input.response;
    }
    const single = /^\/api\/employees\/([^/]+)$/.exec(path);
    if (single) {
      if (method === 'GET') return { status: 200, body: store.get(single[1]) };
      if (method === 'PATCH') {
        const input = parseBody(req, updateEmployeeSchema);
        return input.ok ? { status: 200, body: store.update(single[1], input.value) } : input.response;
      }
      if (method === 'DELETE') {
        store.remove(single[1]);
        return { status: 204 };
      }
    }
    return error(404, 'not_found', `No such endpoint: ${method} ${path}`);
  }

  function handle(req: FakeRequest): FakeResponse {
    const path = req.url.pathname.replace(/\/+$/, '') || '/';
    if (req.method === 'GET' && (path === '/' || path === '/api')) return { status: 200, body: API_INDEX };
    if (req.headers.authorization !== `Bearer ${SANDBOX_DEMO_API_KEY}`) {
      return error(401, 'invalid_api_key', `Unknown API key. The sandbox accepts the demo key "${SANDBOX_DEMO_API_KEY}".`);
    }
    try {
      return route(req, path);
    } catch (err) {
      if (err instanceof SandboxInputError) return error(err.status, err.status === 404 ? 'not_found' : err.status === 409 ? 'conflict' : 'invalid_request', err.message);
      throw err;
    }
  }

  // Our own API: throttling as any HTTP API does it, 429 with Retry-After.
  const dialect: FaultDialect = {
    throttled: (seconds) => ({ ...error(429, 'rate_limited', 'Too many requests'), headers: retryAfterHeader(seconds) }),
    unavailable: (status) => error(status, 'unavailable', 'The sandbox is temporarily unavailable'),
  };
  const listings = [{ path: /^\/api\/employees\/?$/, records: (body: unknown) => (body as { data?: unknown[] } | undefined)?.data }];
  const server = await serveVendorFake({ handle, dialect, listings, port: options.port ?? 0, host: options.host });
  return { url: server.url, port: server.port, store, faults: server.faults, log: server.log, close: () => server.close() };
}
