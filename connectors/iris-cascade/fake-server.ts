// A local IRIS HR API (Cascade) for tests, demos and benchmarks, answering as IRIS publishes it:
// POST /oauth2/v1/token (Basic clientKey:clientSecret, grant_type=client_credentials → { access_token,
// expires_in: "3599" (a string), scope, token_type }), Bearer tokens on /hr/v2 (401 with IRIS' codes:
// 401-000-0001 expired), OData v4 listings /employees, /jobs and /userdefinedfields with $top
// (1..maxTop, else 400-004-0001 "Top value … did not fall within acceptable range"), $skip, $count,
// $orderby, $filter on LastModifiedOn / CreatedOn (gt, ge, lt, le; else 400-004-0002), a default page
// of 1,000 when $top is absent (since Feb 2026) and a server page cap; 100 calls a minute and
// 144,000 a day (429; 429-000-0002 for the daily quota), no Retry-After. Error bodies are
// ProblemDetails with IRIS' code (the envelope is not published: NOTES.md).
import { basicCredentials, fakePerson, isoDay, listingAt, requestFields, RollingWindowLimit, router, serveFake, TokenStore, tokenGuard, withCounters, expireAndRefuse, type FakeAnswer, type FakeCounters, type FakeRequest, type FakeResponse, type FaultDialect, type RunningFake } from '../kit/fake';

export interface FakeIrisOptions {
  clientKey?: string;
  clientSecret?: string;
  /** Generated employees (every 5th left in 2025, every 7th leaves 2030-06-30). */
  people?: number;
  /** Employee records without an Id, after the first one. */
  malformedRecords?: number;
  /** The most $top accepted (the OpenAPI description says 250; IRIS' pagination page now says 1,000 for /Employees). */
  maxTop?: number;
  /** Records per page when $top is absent (1,000 for /Employees since Feb 2026). */
  defaultPageSize?: number;
  /** Server-driven page cap (OData odata.maxpagesize): fewer than $top come back, with a nextLink. */
  serverPageSize?: number;
  /** Calls a minute per customer (IRIS: 100); null switches the limit off. */
  rateLimitPerMinute?: number | null;
  /** Calls a day (IRIS: 144,000). */
  dailyQuota?: number;
  /** Whether the beta User Defined Fields service is enabled for the tenant (else 403). */
  userDefinedFields?: boolean;
  tokenLifetimeSeconds?: number;
  port?: number;
}

type Row = Record<string, unknown>;

export interface FakeIrisState extends FakeCounters {
  /** Employees in creation order; malformed ones as injected. */
  readonly employees: Row[];
  readonly jobs: Row[];
  readonly udf: Row[];
  readonly tokens: TokenStore;
  addEmployee(patch?: Row): string;
  /** Edits an employee as Cascade would, and bumps LastModifiedOn. */
  editEmployee(id: string, patch: Row): void;
  employee(id: string): Row;
  setUdf(employeeId: string, field: string, value: unknown, schema?: string): void;
}

export const FAKE_IRIS_CLIENT_KEY = '12345678901234567890';
export const FAKE_IRIS_CLIENT_SECRET = 'fake-iris-client-secret-abcdefghijk';
export const CHILDREN_SCHEMA = 'Family';
export const CHILDREN_FIELD = 'Number of children';
export const INVALID_CLIENT_MESSAGE = 'Invalid client key or client secret';
const API = '/hr/v2';
const LISTINGS = ['employees', 'jobs', 'userdefinedfields'] as const;

const guid = (kind: number, n: number) => `${String(kind).padStart(8, '0')}-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = (day: string | null) => (day ? `${day}T00:00:00Z` : null);

/** IRIS' coded error as ProblemDetails (envelope assumed; codes and texts from IRIS' error page). */
export function irisProblem(status: number, code: string, title: string, detail: string): FakeResponse {
  return { status, headers: { 'content-type': 'application/problem+json' }, body: { type: `https://help-iris.co.uk/hr/cascade/api/API/error-messages.htm#${code}`, title, status, detail, code } };
}

const TOKEN_REFUSALS = {
  missing: irisProblem(401, '401-000-0003', 'Unauthorized', 'You are attempting to consume an API resource that you do not have permission to access.'),
  unknown: irisProblem(401, '401-000-0003', 'Unauthorized', 'You are attempting to consume an API resource that you do not have permission to access.'),
  expired: irisProblem(401, '401-000-0001', 'Unauthorized', 'The access token has expired. You will need to periodically request new tokens.'),
};

function generated(n: number, created: number): { employee: Row; jobs: Row[]; children: string | null } {
  const p = fakePerson(n);
  const id = guid(1, n);
  // Every 15th leaver has only a last working date (the connector falls back to it).
  const onlyLastWorking = p.terminated && n % 15 === 0;
  const createdOn = new Date(created).toISOString();
  const employee: Row = {
    Id: id,
    SourceSystemId: String(1000 + n),
    DisplayId: `E${String(n).padStart(4, '0')}`,
    TitleHonorific: n % 2 ? 'Mr' : 'Ms',
    FirstName: p.firstName,
    KnownAs: p.firstName,
    LastName: p.lastName,
    Gender: n % 9 === 0 ? 'Not Known' : n % 2 === 0 ? 'Female' : 'Male',
    MaritalStatus: n % 3 === 0 ? 'Married' : 'Single',
    DateOfBirth: at(isoDay(Date.UTC(1970, 0, 1), (n * 331) % 12000)),
    CostCentre: `CC${n % 4}`,
    WorkingStatus: n % 11 === 0 ? 'On Holiday' : 'At Work',
    IsManager: n % 10 === 1,
    IncludeInPayroll: true,
    PayrollId: `P${n}`,
    EmploymentStartDate: at(p.hireDate),
    ContinuousServiceDate: at(p.hireDate),
    EmploymentLeftDate: onlyLastWorking ? null : at(p.terminationDate),
    LastWorkingDate: at(p.terminationDate),
    LeaverReason: p.terminationDate ? 'Resignation' : null,
    Emails: [
      { Ownership: 'Organization', Value: `${p.emailLocalPart}@example.co.uk` },
      { Ownership: 'Personal', Value: `${p.emailLocalPart}@home.example` },
    ],
    Phones: [],
    Addresses: [],
    CreatedOn: createdOn,
    LastModifiedOn: createdOn,
    SourceSystemCreatedOn: createdOn,
    SourceSystemLastModifiedOn: createdOn,
  };
  const job = (k: number, active: boolean, start: string): Row => ({
    Id: guid(2, n * 10 + k),
    EmployeeId: id,
    JobTitle: ['Developer', 'Analyst', 'Nurse'][n % 3],
    StartDate: at(start),
    EndDate: active ? null : at(p.hireDate),
    Active: active,
    Contract: n % 4 === 0 ? 'Part Time' : 'Full Time',
    NormalHours: n % 4 === 0 ? 20 : 37.5,
    HierarchyNodeId: guid(3, n % 3),
    CreatedOn: createdOn,
    LastModifiedOn: createdOn,
  });
  // Every 6th has an earlier, ended job too (the active one counts).
  const jobs = n % 6 === 0 ? [{ ...job(1, false, isoDay(Date.UTC(2010, 0, 1), n)), Contract: 'Temporary' }, job(2, true, p.hireDate)] : [job(1, true, p.hireDate)];
  return { employee, jobs, children: n % 5 === 4 ? null : String(n % 4) };
}

/** $filter of the form `<LastModifiedOn|CreatedOn> <gt|ge|lt|le> <instant>`, or undefined when unsupported. */
function readFilter(filter: string | null): ((row: Row) => boolean) | null | undefined {
  if (filter === null || filter === '') return null;
  const match = /^(LastModifiedOn|CreatedOn)\s+(gt|ge|lt|le)\s+(\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2}))$/.exec(filter.trim());
  if (!match) return undefined;
  const bound = Date.parse(match[3]);
  const compare = { gt: (a: number) => a > bound, ge: (a: number) => a >= bound, lt: (a: number) => a < bound, le: (a: number) => a <= bound }[match[2] as 'gt'];
  return (row) => typeof row[match[1]] === 'string' && compare(Date.parse(String(row[match[1]])));
}

export async function startFakeIris(options: FakeIrisOptions = {}): Promise<RunningFake<FakeIrisState>> {
  const clientKey = options.clientKey ?? FAKE_IRIS_CLIENT_KEY;
  const clientSecret = options.clientSecret ?? FAKE_IRIS_CLIENT_SECRET;
  const maxTop = options.maxTop ?? 1000;
  const defaultPageSize = options.defaultPageSize ?? 1000;
  const serverPageSize = options.serverPageSize ?? Infinity;
  const perMinute = options.rateLimitPerMinute === undefined ? 100 : options.rateLimitPerMinute;
  const minuteLimit = perMinute === null ? null : new RollingWindowLimit(perMinute);
  const dayLimit = new RollingWindowLimit(options.dailyQuota ?? 144_000, 86_400_000);
  const tokens = new TokenStore(options.tokenLifetimeSeconds ?? 3599, 'fake-iris-token-');
  const employees: Row[] = [];
  const jobs: Row[] = [];
  const udf: Row[] = [];
  const base = Date.UTC(2020, 0, 1);
  let next = 1;
  const add = (n: number) => {
    const g = generated(n, base + n * 60_000);
    employees.push(g.employee);
    jobs.push(...g.jobs);
    if (g.children !== null) udf.push({ EmployeeId: g.employee.Id, SchemaName: CHILDREN_SCHEMA, FieldName: CHILDREN_FIELD, Value: g.children });
    udf.push({ EmployeeId: g.employee.Id, SchemaName: 'Preferences', FieldName: 'T-shirt size', Value: ['S', 'M', 'L'][n % 3] });
    return g.employee;
  };
  for (; next <= (options.people ?? 20); next++) {
    add(next);
    if (next === 1) for (let i = 0; i < (options.malformedRecords ?? 0); i++) employees.push({ FirstName: 'Orphan', LastName: 'Record', Emails: [] });
  }

  const state = withCounters<FakeIrisState>({
    employees,
    jobs,
    udf,
    tokens,
    addEmployee(patch = {}) {
      const employee = add(next++);
      const now = new Date().toISOString();
      Object.assign(employee, { CreatedOn: now, LastModifiedOn: now }, patch);
      return String(employee.Id);
    },
    editEmployee(id, patch) {
      Object.assign(state.employee(id), patch, { LastModifiedOn: new Date().toISOString() });
    },
    employee(id) {
      const found = employees.find((e) => e.Id === id);
      if (!found) throw new Error(`fake IRIS has no employee ${id}`);
      return found;
    },
    setUdf(employeeId, field, value, schema = CHILDREN_SCHEMA) {
      const found = udf.find((u) => u.EmployeeId === employeeId && u.FieldName === field && u.SchemaName === schema);
      if (found) found.Value = value;
      else udf.push({ EmployeeId: employeeId, SchemaName: schema, FieldName: field, Value: value });
    },
  });

  const tooMany = () => ({ ...irisProblem(429, '429-000-0001', 'Too Many Requests', 'Rate limit exceeded: at most 100 calls a minute.') });
  const dialect: FaultDialect = {
    // IRIS documents no Retry-After header on its 429.
    throttled: () => tooMany(),
    unavailable: (status) => irisProblem(status, '500-000-0001', 'Server Error', `The server returned a status ${status} error, message: Received non success response code`),
    expiredToken: expireAndRefuse(() => tokens.expireAll(), () => TOKEN_REFUSALS.expired),
  };

  const issueToken = (req: FakeRequest): FakeResponse => {
    const basic = basicCredentials(req.headers.authorization);
    if (!basic || basic.user !== clientKey || basic.password !== clientSecret) return { status: 401, body: { error: 'invalid_client', error_description: INVALID_CLIENT_MESSAGE } };
    if (requestFields(req).grant_type !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'Only grant_type=client_credentials is supported' } };
    return { status: 200, body: { access_token: tokens.issue(undefined), expires_in: String(options.tokenLifetimeSeconds ?? 3599), scope: 'iris.hr.read', token_type: 'Bearer' } };
  };

  const odata = (name: string, source: () => Row[]) => (req: FakeRequest): FakeResponse => {
    const q = req.url.searchParams;
    if (q.getAll('$top').length > 1) return irisProblem(400, '400-004-0001', 'OData Pagination Exception', 'More than one top query was found.');
    const topRaw = q.get('$top');
    const top = topRaw === null ? defaultPageSize : Number(topRaw);
    if (!Number.isInteger(top) || top < 1 || top > maxTop) return irisProblem(400, '400-004-0001', 'OData Pagination Exception', `Top value '${topRaw}' did not fall within acceptable range [1 - ${maxTop}].`);
    const skip = q.has('$skip') ? Number(q.get('$skip')) : 0;
    if (!Number.isInteger(skip) || skip < 0) return irisProblem(400, '400-004-0002', 'OData Exception', 'The query specified in the URI is not valid.');
    const filter = readFilter(q.get('$filter'));
    if (filter === undefined) return irisProblem(400, '400-004-0002', 'OData Exception', 'The query specified in the URI is not valid.');
    const order = q.get('$orderby');
    if (order !== null && !/^(CreatedOn|Id)(,(CreatedOn|Id))*$/.test(order.replace(/\s+/g, ''))) return irisProblem(400, '400-004-0002', 'OData Exception', `Could not find a property named '${order}'.`);
    const all = source().filter((row) => !filter || filter(row));
    const size = Math.min(top, serverPageSize);
    const value = all.slice(skip, skip + size).map((row) => structuredClone(row));
    const served = skip + value.length;
    const body: Row = { '@odata.context': `https://api.iris.co.uk/hr/v2/$metadata#${name}` };
    if (q.get('$count') === 'true') body['@odata.count'] = all.length;
    if (value.length === size && served < all.length && size < top) {
      const link = new URL(req.url.href);
      link.searchParams.set('$skip', String(served));
      link.searchParams.set('$top', String(top - size));
      body['@odata.nextLink'] = link.href;
    }
    body.value = value;
    return { status: 200, headers: { 'content-type': 'application/json; odata.metadata=minimal; version=2' }, body };
  };

  const notFound = () => irisProblem(404, '404-004-0001', 'Not Found Exception', 'The specified resource was not found.');
  const api = router(
    [
      ['GET', `${API}/employees`, odata('Employees', () => employees)],
      ['GET', `${API}/jobs`, odata('Jobs', () => jobs)],
      [
        'GET',
        `${API}/userdefinedfields`,
        options.userDefinedFields === false
          ? () => irisProblem(403, '403-000-0001', 'Forbidden', 'You are attempting to consume an API resource that requires scopes that are not included in the access token.')
          : odata('UserDefinedFields', () => udf),
      ],
    ],
    { guard: tokenGuard((t) => tokens.state(t), (why) => TOKEN_REFUSALS[why]), notFound, trimSlash: true },
  );
  const limited = (req: FakeRequest): FakeAnswer => {
    if (!dayLimit.allow()) return irisProblem(429, '429-000-0002', 'Quota exceeded', 'Quota exceeded. IRIS maintains a daily quota on applications.');
    if (minuteLimit && !minuteLimit.allow()) return tooMany();
    if (req.method === 'POST' && req.url.pathname === '/oauth2/v1/token') return issueToken(req);
    return req.url.pathname.startsWith(API) ? api(req) : notFound();
  };

  return serveFake(state, { handle: limited, dialect, listings: LISTINGS.map((l) => listingAt(`${API}/${l}`, 'value')), port: options.port });
}
