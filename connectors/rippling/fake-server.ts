// A local Rippling for tests, demos and benchmarks, answering like the REST API
// (rest.ripplingapis.com): bearer API tokens, GET /workers/ (cursor paging by an absolute `next_link`,
// limit 1–100 default 50, `filter` on status / updated_at, `expand` of user, legal_entity,
// employment_type, department, custom_fields), GET /legal-entities/, /custom-fields/,
// /employment-types/, each { results, next_link, __meta }. Where Rippling's description is open
// the fake takes the pessimistic reading: the plain worker list leaves TERMINATED workers out (they
// come only with filter=status eq 'TERMINATED'). Rippling publishes no numbers for its rate limit:
// the fake's limit is off unless asked for, and its 429 carries Retry-After when one is given.
import { bearerToken, fakePerson, FaultScript, isoDay, numberParam, RequestLog, RollingWindowLimit, router, serveVendorFake, tokenPage, type FakeRequest, type FakeResponse, type FaultDialect, type Guard } from '../kit/fake';

export interface FakeRipplingOptions {
  apiToken?: string;
  workers?: number;
  malformedRecords?: number;
  /** Off by default (Rippling publishes no numbers); e.g. { requests: 5, windowMs: 1000 }. */
  rateLimit?: { requests: number; windowMs: number; retryAfterSeconds?: number } | null;
  /** The most served per page whatever `limit` asks (default 50, Rippling's documented default). */
  pageSize?: number;
  port?: number;
}

type Row = Record<string, unknown>;

export interface FakeRipplingState {
  readonly workers: Map<string, Row>;
  readonly legalEntities: Row[];
  readonly customFields: Row[];
  readonly log: RequestLog;
  readonly faults: FaultScript;
  /** The Rippling-Api-Version header of each request (null when none was sent). */
  readonly apiVersions: (string | null)[];
  /** Changes a worker as an admin would (updated_at moves to now). */
  editWorker(id: string, fields: Row): void;
  terminate(id: string, endDate: string): void;
  setCustomValue(id: string, fieldId: string, value: string | number | null): void;
  customValue(id: string, fieldId: string): string | number | null;
}

export interface RunningFakeRippling {
  url: string;
  faults: FaultScript;
  log: RequestLog;
  close(): Promise<void>;
  state: FakeRipplingState;
}

export const FAKE_RIPPLING_API_TOKEN = 'fake-rippling-api-token';
export const NUMBER_OF_CHILDREN_FIELD_ID = '65f0c0ffee000000000000c1';
export const SHIRT_SIZE_FIELD_ID = '65f0c0ffee000000000000c2';
const ENTITIES: readonly Row[] = [
  { id: '64e0000000000000000000a1', legal_name: 'Example Inc.', entity_level: 'PARENT', country: { code: 'US' } },
  { id: '64e0000000000000000000a2', legal_name: 'Example GmbH', entity_level: 'SUBSIDIARY', country: { code: 'DE' } },
  { id: '64e0000000000000000000a3', legal_name: 'Example Ltd', entity_level: 'SUBSIDIARY', country: { code: 'GB' } },
];
const EMPLOYMENT_TYPES: readonly Row[] = [
  { id: '64d0000000000000000000b1', label: 'Salaried FT', name: 'SALARIED_FT', type: 'EMPLOYEE', amount_worked: 'FULL-TIME', compensation_time_period: 'SALARIED' },
  { id: '64d0000000000000000000b2', label: 'Hourly PT', name: 'HOURLY_PT', type: 'EMPLOYEE', amount_worked: 'PART-TIME', compensation_time_period: 'HOURLY' },
  { id: '64d0000000000000000000b3', label: 'Contractor', name: 'CONTRACTOR', type: 'CONTRACTOR', compensation_time_period: 'HOURLY' },
];
const DEPARTMENTS: readonly Row[] = [
  { id: '64c0000000000000000000d1', name: 'Engineering', parent_id: null },
  { id: '64c0000000000000000000d2', name: 'Finance', parent_id: null },
];
const EXPANDABLE = ['user', 'manager', 'legal_entity', 'employment_type', 'compensation', 'department', 'teams', 'level', 'custom_fields', 'business_partners'];
const MAX_LIMIT = 100;
const OLD = '2025-01-01T00:00:00.000Z';

const workerId = (n: number) => `65a${String(n).padStart(21, '0')}`;
const stamp = (t: number) => new Date(t).toISOString();

function generatedWorker(n: number): Row {
  const { firstName, lastName, emailLocalPart, terminated, leaving, hireDate, terminationDate } = fakePerson(n);
  const hired = !terminated && !leaving && n % 11 === 4;
  return {
    id: workerId(n),
    created_at: OLD,
    updated_at: OLD,
    user_id: `65b${String(n).padStart(21, '0')}`,
    user: {
      id: `65b${String(n).padStart(21, '0')}`,
      active: !terminated,
      name: { formatted: `${firstName} ${lastName}`, given_name: firstName, family_name: lastName, preferred_given_name: firstName },
      emails: [{ value: `${emailLocalPart}@example.com`, type: 'WORK' }],
    },
    is_manager: n % 9 === 0,
    manager_id: null,
    legal_entity_id: ENTITIES[n % ENTITIES.length].id,
    country: ENTITIES[n % ENTITIES.length].country,
    start_date: hired ? '2030-01-04' : hireDate,
    end_date: terminationDate,
    number: n,
    work_email: `${emailLocalPart}@example.com`,
    personal_email: `${emailLocalPart}@mail.example.net`,
    status: terminated ? 'TERMINATED' : hired ? 'HIRED' : 'ACTIVE',
    employment_type_id: EMPLOYMENT_TYPES[n % 7 === 5 ? 2 : n % 4 === 1 ? 1 : 0].id,
    gender: ['MALE', 'FEMALE', 'NONBINARY'][n % 3],
    date_of_birth: isoDay(Date.UTC(1970, 0, 1), (n * 331) % 12000),
    department_id: DEPARTMENTS[n % DEPARTMENTS.length].id,
    title: n % 3 === 0 ? 'Engineer' : 'Analyst',
    termination_details: terminated ? { type: n % 2 ? 'VOLUNTARY' : 'INVOLUNTARY', reason: 'Moved on' } : null,
  };
}

export async function startFakeRippling(options: FakeRipplingOptions = {}): Promise<RunningFakeRippling> {
  const apiToken = options.apiToken ?? FAKE_RIPPLING_API_TOKEN;
  const log = new RequestLog();
  const faults = new FaultScript();
  const limiter = options.rateLimit ? new RollingWindowLimit(options.rateLimit.requests, options.rateLimit.windowMs) : null;
  const pageSize = options.pageSize ?? 50;
  const workers = new Map<string, Row>();
  const rows: Row[] = [];
  const customFields: Row[] = [
    { id: NUMBER_OF_CHILDREN_FIELD_ID, created_at: OLD, updated_at: OLD, name: 'Number of children', type: 'NUMBER', required: false },
    { id: SHIRT_SIZE_FIELD_ID, created_at: OLD, updated_at: OLD, name: 'T-shirt size', type: 'SELECT', required: false },
  ];
  const values = new Map<string, Map<string, string | number>>();
  for (let n = 1; n <= (options.workers ?? 25); n++) {
    const w = generatedWorker(n);
    workers.set(String(w.id), w);
    rows.push(w);
    values.set(String(w.id), new Map<string, string | number>([[SHIRT_SIZE_FIELD_ID, ['S', 'M', 'L'][n % 3]]]));
  }
  for (let i = 0; i < (options.malformedRecords ?? 0); i++) rows.splice(Math.min(2 + i, rows.length), 0, { note: 'malformed: no id' });

  const state: FakeRipplingState = {
    workers,
    legalEntities: [...ENTITIES],
    customFields,
    log,
    faults,
    apiVersions: [],
    editWorker(id, fields) {
      Object.assign(workers.get(id)!, fields, { updated_at: stamp(Date.now()) });
    },
    terminate(id, endDate) {
      const passed = endDate < new Date().toISOString().slice(0, 10);
      state.editWorker(id, { end_date: endDate, ...(passed ? { status: 'TERMINATED', termination_details: { type: 'VOLUNTARY', reason: 'Moved on' } } : {}) });
    },
    setCustomValue(id, fieldId, value) {
      if (value === null) values.get(id)?.delete(fieldId);
      else values.get(id)!.set(fieldId, value);
    },
    customValue: (id, fieldId) => values.get(id)?.get(fieldId) ?? null,
  };

  const error = (status: number, detail: string, headers?: Record<string, string>): FakeResponse => ({ status, headers, body: { detail } });
  const throttled = (retryAfter?: number): FakeResponse =>
    error(429, `Request was throttled.${retryAfter === undefined ? '' : ` Expected available in ${retryAfter} seconds.`}`, retryAfter === undefined ? undefined : { 'retry-after': String(retryAfter) });
  const dialect: FaultDialect = {
    throttled: (retryAfter) => throttled(retryAfter),
    unavailable: (status) => error(status, status === 503 ? 'Service temporarily unavailable.' : 'A server error occurred.'),
  };

  const guard: Guard = (req) => {
    const version = req.headers['rippling-api-version'];
    state.apiVersions.push(typeof version === 'string' ? version : null);
    if (limiter && !limiter.allow()) return throttled(options.rateLimit?.retryAfterSeconds);
    const token = bearerToken(req.headers.authorization);
    if (token === null) return error(401, 'Authentication credentials were not provided.');
    if (token !== apiToken) return error(401, 'Invalid token.');
    return undefined;
  };

  /** The filters the fake understands: status eq '<STATUS>', updated_at gt <ISO date-time> (quoted or not). */
  function filterOf(raw: string | null): ((w: Row) => boolean) | null | undefined {
    if (raw === null || raw.trim() === '') return null;
    const status = /^status eq '([A-Z]+)'$/.exec(raw.trim());
    if (status) return (w) => w.status === status[1];
    const updated = /^updated_at gt '?([0-9T:.+\-Z]+)'?$/.exec(raw.trim());
    const at = updated ? Date.parse(updated[1]) : NaN;
    if (!Number.isNaN(at)) return (w) => Date.parse(String(w.updated_at)) > at;
    return undefined;
  }

  function expanded(w: Row, expand: Set<string>): Row {
    if (w.id === undefined) return { ...w };
    const out: Row = structuredClone(w);
    if (!expand.has('user')) delete out.user;
    if (expand.has('legal_entity')) out.legal_entity = ENTITIES.find((e) => e.id === w.legal_entity_id) ?? null;
    if (expand.has('employment_type')) out.employment_type = EMPLOYMENT_TYPES.find((e) => e.id === w.employment_type_id) ?? null;
    if (expand.has('department')) out.department = DEPARTMENTS.find((d) => d.id === w.department_id) ?? null;
    if (expand.has('custom_fields')) {
      out.custom_fields = [...(values.get(String(w.id)) ?? new Map<string, string | number>())].map(([id, value]) => ({ id, name: customFields.find((f) => f.id === id)?.name, value }));
    }
    return out;
  }

  /** One page of a list, with an absolute next_link carrying the same query and the next cursor. */
  function page(req: FakeRequest, scope: string, items: readonly Row[]): FakeResponse {
    const query = req.url.searchParams;
    const limit = numberParam(query, 'limit', pageSize, 1, MAX_LIMIT);
    if (limit === null) return error(400, `limit must be an integer between 1 and ${MAX_LIMIT}.`);
    const served = tokenPage(scope, query.get('cursor'), items, Math.min(limit, pageSize));
    if (served === null) return error(400, 'Invalid cursor.');
    let nextLink: string | null = null;
    if (served.next !== null) {
      const next = new URL(`http://${req.headers.host ?? '127.0.0.1'}${req.url.pathname}`);
      for (const [k, v] of query) if (k !== 'cursor') next.searchParams.set(k, v);
      next.searchParams.set('cursor', served.next);
      nextLink = next.toString();
    }
    return { status: 200, body: { __meta: { redacted_fields: [] }, results: served.items, next_link: nextLink } };
  }

  function listWorkers(req: FakeRequest): FakeResponse {
    const query = req.url.searchParams;
    const expand = new Set((query.get('expand') ?? '').split(',').map((s) => s.trim()).filter(Boolean));
    const unknown = [...expand].find((e) => !EXPANDABLE.includes(e));
    if (unknown) return error(400, `${unknown} is not an expandable field.`);
    const filter = filterOf(query.get('filter'));
    if (filter === undefined) return error(400, `Invalid filter: ${query.get('filter')}`);
    // Pessimistic reading: the plain list leaves terminated workers out.
    const matching = rows.filter((w) => (filter ? w.id !== undefined && filter(w) : w.status !== 'TERMINATED'));
    return page(req, `workers:${query.get('filter') ?? ''}`, matching.map((w) => expanded(w, expand)));
  }

  const handle = router(
    [
      ['GET', '/workers', listWorkers],
      ['GET', '/legal-entities', (req) => page(req, 'legal-entities', ENTITIES.map((e) => ({ ...e, created_at: OLD, updated_at: OLD })))],
      ['GET', '/custom-fields', (req) => page(req, 'custom-fields', customFields)],
      ['GET', '/employment-types', (req) => page(req, 'employment-types', EMPLOYMENT_TYPES.map((e) => ({ ...e, created_at: OLD, updated_at: OLD })))],
    ],
    { guard, trimSlash: true, notFound: () => error(404, 'Not found.'), methodNotAllowed: (req) => error(405, `Method "${req.method}" not allowed.`) },
  );

  const listings = [{ path: /^\/workers\/?$/, records: (body: unknown) => (body as { results?: unknown[] } | undefined)?.results }];
  const server = await serveVendorFake({ handle, dialect, listings, faults, log, port: options.port });
  return { url: server.url, faults, log, close: () => server.close(), state };
}
