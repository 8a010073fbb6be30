// A local CatalystOne for tests, demos and benchmarks, answering like the v3 "mono" REST API as
// CatalystOne's client code shows it (no API description is published; see NOTES.md):
// GET /mono/api/accesstoken with headers Client-Id, Client-Secret, Grant-Type: client_credentials and
// Api-Version: v3 → { access_token, refresh_token, expires_in, refresh_token_expires_in }; every new
// token invalidates the previous ones (CatalystOne's authentication page). GET /mono/api/employees
// with headers Access-Token and Api-Version: v3 answers { employees: [...] } in one answer; inactive
// employees only with includeInactive=true; modifiedSince filters on lastModified. Fields are keyed
// by numeric field id ({ name, type, lastModified, data: { value, guid } }). Refusals are
// { message } (401 "Invalid access token" as client code logs it). No rate limit is published:
// throttling (429, Retry-After when the script gives one) comes from the fault script.
import { fakePerson, listingAt, retryAfterHeader, router, serveFake, TokenStore, withCounters, type FakeCounters, type FakeRequest, type FakeResponse, type FaultDialect, type RunningFake } from '../kit/fake';

export interface FakeCatalystOneOptions {
  clientId?: string;
  clientSecret?: string;
  /** Generated employees (deterministic, fictitious); every 5th has left (inactive), every 7th is leaving. */
  employees?: number;
  /** Employee records without a guid. */
  malformedRecords?: number;
  tokenLifetimeSeconds?: number;
  port?: number;
}

type Row = Record<string, unknown>;

export interface FakeCatalystOneState extends FakeCounters {
  /** guid → employee as the list returns it (malformed records are only in the listing order). */
  readonly employees: Map<string, Row>;
  readonly tokens: TokenStore;
  readonly legalEntities: ReadonlyArray<{ guid: string; value: string }>;
  addEmployee(values: Record<string, string | null>): string;
  /** Sets field values (by id) as an HR admin would; lastModified becomes now. */
  setField(guid: string, id: string, value: string | null): void;
  /** A termination date; inactive once it passed. */
  terminate(guid: string, date: string): void;
  throttleNext(count: number, retryAfterSeconds?: number): void;
}

export type RunningFakeCatalystOne = RunningFake<FakeCatalystOneState>;

export const FAKE_CATALYSTONE_CLIENT_ID = 'fake-catalystone-client';
export const FAKE_CATALYSTONE_CLIENT_SECRET = 'fake-catalystone-client-secret-0001';
/** A tenant field holding the number of children (a customer's own field id and name). */
export const CHILDREN_FIELD_ID = '1187';
export const INVALID_CLIENT_MESSAGE = 'Invalid client credentials';
export const INVALID_TOKEN_MESSAGE = 'Invalid access token';
export const EMPLOYEES_PATH = '/mono/api/employees';
export const TOKEN_PATH = '/mono/api/accesstoken';

const LEGAL_ENTITIES = [
  { guid: 'le-0001', value: 'Example AS' },
  { guid: 'le-0002', value: 'Example AB' },
  { guid: 'le-0003', value: 'Example ApS' },
];
const FIELD_META: Record<string, { name: string; type: string }> = {
  '0': { name: 'Employee ID', type: 'TEXT' },
  '2': { name: 'First name', type: 'TEXT' },
  '3': { name: 'Last name', type: 'TEXT' },
  '7': { name: 'E-mail', type: 'EMAIL' },
  '19': { name: 'Gender', type: 'LIST' },
  '37': { name: 'Date of hiring', type: 'DATE' },
  '38': { name: 'Date of termination', type: 'DATE' },
  '44': { name: 'Job title', type: 'TEXT' },
  '103': { name: 'User account status', type: 'LIST' },
  '1002': { name: 'Legal entity', type: 'LIST' },
  '1046': { name: 'Employment type', type: 'LIST' },
  '1120': { name: 'Profile photo', type: 'PHOTO' },
  [CHILDREN_FIELD_ID]: { name: 'Antall barn', type: 'NUMBER' },
};

const STAMP = '2026-01-05T08:00:00.000Z';

function field(id: string, value: string | null, guid?: string): Row {
  const meta = FIELD_META[id] ?? { name: `Field ${id}`, type: 'TEXT' };
  return { name: meta.name, lastModified: STAMP, dataValidFrom: null, type: meta.type, typeId: null, data: { value: value ?? '', ...(guid ? { guid } : {}) }, visible: 'true' };
}

function guidOf(n: number): string {
  return `c1000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** Deterministic fictitious employee `n` in CatalystOne's shape. */
function generatedEmployee(n: number): Row {
  const p = fakePerson(n);
  const entity = LEGAL_ENTITIES[n % LEGAL_ENTITIES.length];
  const fields: Row = {
    '0': field('0', String(2000 + n)),
    '2': field('2', p.firstName),
    '3': field('3', p.lastName),
    '7': field('7', `${p.emailLocalPart}@example.no`),
    '19': field('19', n % 9 === 0 ? 'Other' : n % 2 ? 'Male' : 'Female'),
    '37': field('37', p.hireDate),
    '38': field('38', p.terminationDate),
    '44': field('44', n % 2 ? 'Engineer' : 'Consultant'),
    '103': field('103', p.terminated ? 'Inactive' : 'Active'),
    '1002': field('1002', entity.value, entity.guid),
    '1046': field('1046', n % 4 === 0 ? 'Part-time' : 'Full-time'),
    '1120': { ...field('1120', null), data: { title: 'photo', extension: 'png', link: { href: 'https://example.invalid/photo' } } },
    [CHILDREN_FIELD_ID]: field(CHILDREN_FIELD_ID, n % 6 === 0 ? null : String(n % 4)),
  };
  return { guid: guidOf(n), profileGUID: `p-${guidOf(n)}`, name: `${p.firstName} ${p.lastName}`, username: p.emailLocalPart, employeeId: String(2000 + n), profileId: String(n), createdOn: STAMP, lastModified: STAMP, hasPlannedChange: 'false', field: fields };
}

const message = (status: number, text: string): FakeResponse => ({ status, body: { message: text } });

/** Inactive: the termination date passed (CatalystOne's own criterion is not published). */
const isInactive = (row: Row) => {
  const value = ((row.field as Row | undefined)?.['38'] as { data?: { value?: string } } | undefined)?.data?.value;
  return typeof value === 'string' && value !== '' && value < new Date().toISOString().slice(0, 10);
};

export async function startFakeCatalystOne(options: FakeCatalystOneOptions = {}): Promise<RunningFakeCatalystOne> {
  const clientId = options.clientId ?? FAKE_CATALYSTONE_CLIENT_ID;
  const clientSecret = options.clientSecret ?? FAKE_CATALYSTONE_CLIENT_SECRET;
  const lifetime = options.tokenLifetimeSeconds ?? 3600;
  const employees = new Map<string, Row>();
  const rows: Row[] = [];
  const tokens = new TokenStore(lifetime, 'fake-c1-token-');
  let lastN = 0;
  for (let n = 1; n <= (options.employees ?? 20); n++) {
    const row = generatedEmployee(n);
    employees.set(String(row.guid), row);
    rows.push(row);
    if (n === 1) for (let i = 0; i < (options.malformedRecords ?? 0); i++) rows.push({ name: 'Orphan Record', lastModified: STAMP, field: {} });
    lastN = n;
  }
  const find = (guid: string) => {
    const row = employees.get(guid);
    if (!row) throw new Error(`fake CatalystOne has no employee ${guid}`);
    return row;
  };

  const state: FakeCatalystOneState = withCounters<FakeCatalystOneState>({
    employees,
    tokens,
    legalEntities: LEGAL_ENTITIES,
    addEmployee(values) {
      const row = generatedEmployee(++lastN);
      employees.set(String(row.guid), row);
      rows.push(row);
      for (const [id, value] of Object.entries(values)) state.setField(String(row.guid), id, value);
      return String(row.guid);
    },
    setField(guid, id, value) {
      const row = find(guid);
      (row.field as Row)[id] = { ...field(id, value), lastModified: new Date().toISOString() };
      row.lastModified = new Date().toISOString();
    },
    terminate(guid, date) {
      state.setField(guid, '38', date);
    },
    throttleNext(count, retryAfterSeconds) {
      state.faults.replace('throttleNext', count, { kind: 'throttle', retryAfterSeconds });
    },
  });

  const dialect: FaultDialect = {
    throttled: (seconds) => ({ ...message(429, 'Too many requests'), headers: retryAfterHeader(seconds) }),
    unavailable: (status) => message(status, status === 503 ? 'Service unavailable' : 'Internal server error'),
    expiredToken: () => {
      tokens.expireAll();
      return message(401, INVALID_TOKEN_MESSAGE);
    },
  };

  function accessToken(req: FakeRequest): FakeResponse {
    const h = req.headers;
    if (h['api-version'] !== 'v3') return message(400, 'Unsupported Api-Version');
    if (h['grant-type'] !== 'client_credentials') return message(400, 'Unsupported Grant-Type');
    if (h['client-id'] !== clientId || h['client-secret'] !== clientSecret) return message(401, INVALID_CLIENT_MESSAGE);
    // "With every request for a token, the previous token is invalidated."
    tokens.revokeAll();
    const token = tokens.issue(undefined);
    return { status: 200, body: { access_token: token, refresh_token: `refresh-${token}`, expires_in: lifetime, refresh_token_expires_in: lifetime * 24 } };
  }

  function listEmployees(req: FakeRequest): FakeResponse {
    const token = req.headers['access-token'];
    if (typeof token !== 'string' || tokens.state(token) !== 'valid') return message(401, INVALID_TOKEN_MESSAGE);
    if (req.headers['api-version'] !== 'v3') return message(400, 'Unsupported Api-Version');
    const query = req.url.searchParams;
    const includeInactive = query.get('includeInactive') === 'true';
    const since = query.get('modifiedSince');
    const sinceMs = since === null ? null : Date.parse(since);
    if (sinceMs !== null && Number.isNaN(sinceMs)) return message(400, 'Invalid modifiedSince');
    const selected = rows.filter((row) => (includeInactive || !isInactive(row)) && (sinceMs === null || Date.parse(String(row.lastModified)) > sinceMs));
    return { status: 200, body: { employees: selected.map((row) => structuredClone(row)) } };
  }

  const handle = router(
    [
      ['GET', TOKEN_PATH, accessToken],
      ['GET', EMPLOYEES_PATH, listEmployees],
    ],
    { notFound: () => message(404, 'Resource not found'), trimSlash: true },
  );

  return serveFake(state, { handle, dialect, listings: [listingAt(EMPLOYEES_PATH, 'employees')], port: options.port });
}

