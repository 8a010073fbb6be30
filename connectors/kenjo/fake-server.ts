// A local Kenjo for tests, demos and benchmarks, answering like Kenjo API v1 as its OpenAPI description
// publishes it: POST /api/v1/auth/login ({ apiKey } → { token, X-Expires-After }; 400 { code, message }
// for a missing key, 401 without a documented body for a wrong one), Bearer tokens on every other call
// (401 when missing, unknown or expired), employee lists in one answer each ({ data: [...] }, no paging):
// GET /employees (accounts), /employees/personals, /employees/works, /employees/homes; GET /companies
// (a bare array), GET /custom-fields. Kenjo publishes no rate limit: throttling comes from the fault
// script (429, Retry-After when the script gives one; the body is assumed).
import { bearerToken, fakePerson, parseJson, retryAfterHeader, router, serveFake, TokenStore, withCounters, type FakeCounters, type FakeRequest, type FakeResponse, type FaultDialect, type RunningFake } from '../kit/fake';
import { CONTRACT_END_FIELD } from './mapping';

export const FAKE_KENJO_API_KEY = '5b8555a77b62fake0kenjo0api0key00000000000000000001';
export const CHILDREN_CUSTOM_FIELD = 'c_Numberofchildren';
/** 48 hours, as the token in Kenjo's published example (iat → exp). */
export const FAKE_KENJO_TOKEN_SECONDS = 48 * 3600;
export const FAKE_KENJO_COMPANIES = [
  { _id: '40a2db290da29e126a180001', name: 'ACME GmbH' },
  { _id: '40a2db290da29e126a180002', name: 'ACME Ltd' },
];

export interface FakeKenjoOptions {
  /** Generated employees: every 5th left in 2025 (inactive, contract end date), but every 20th is inactive without one; every 7th ends its contract on 2030-06-30. */
  people?: number;
  /** Accounts without an _id (no connector can read them). */
  malformedRecords?: number;
  tokenLifetimeSeconds?: number;
  port?: number;
}

type Row = Record<string, unknown>;

export interface FakeKenjoEmployee {
  account: Row;
  personal: Row;
  work: Row;
  home: Row;
}

export interface FakeKenjoState extends FakeCounters {
  readonly employees: FakeKenjoEmployee[];
  readonly customFields: Row[];
  tokensIssued(): number;
  tokens(): string[];
  /** Kenjo's deactivate: isActive false, the contract end date set where given. */
  deactivate(id: string, contractEnd: string | null): void;
  expireTokens(): void;
}

export type RunningFakeKenjo = RunningFake<FakeKenjoState>;

const hex = (n: number) => n.toString(16).padStart(6, '0');
const employeeId = (n: number) => `80a2db290da29e126a${hex(n)}`;
const instant = (day: string | null) => (day === null ? null : `${day}T00:00:00.000Z`);

function generate(n: number): FakeKenjoEmployee {
  const p = fakePerson(n);
  const _id = employeeId(n);
  const withoutDate = p.terminated && n % 20 === 0;
  return {
    account: { _id, email: `${p.emailLocalPart}@acme.example`, isActive: !p.terminated, externalId: `E-${String(n).padStart(6, '0')}`, language: n % 2 ? 'de' : 'en' },
    personal: { _id, firstName: p.firstName, lastName: p.lastName, displayName: `${p.firstName} ${p.lastName}`, gender: ['Male', 'Female', 'Other'][n % 3], birthdate: instant(`19${70 + (n % 30)}-0${1 + (n % 9)}-1${n % 9}`), [CHILDREN_CUSTOM_FIELD]: n % 4 === 0 ? null : n % 3 },
    work: { _id, companyId: FAKE_KENJO_COMPANIES[n % 2]._id, officeId: null, departmentId: null, startDate: instant(p.hireDate), jobTitle: 'Consultant', weeklyHours: n % 3 ? 40 : 20, [CONTRACT_END_FIELD]: withoutDate ? null : instant(p.terminationDate) },
    home: { _id, maritalStatus: ['Single', 'Married', 'Domestic Partnership', 'Divorced'][n % 4], personalEmail: `${p.emailLocalPart}@home.example` },
  };
}

export async function startFakeKenjo(options: FakeKenjoOptions = {}): Promise<RunningFakeKenjo> {
  const employees = Array.from({ length: options.people ?? 30 }, (_, i) => generate(i + 1));
  for (let i = 0; i < (options.malformedRecords ?? 0); i++) {
    const { _id: _, ...rest } = generate(9000 + i).account;
    employees.splice(Math.min(employees.length, 3 + i), 0, { account: rest, personal: {}, work: {}, home: {} });
  }
  const customFields: Row[] = [{ _id: '60a2db290da29e126a18789a', section: 'personal', label: 'Number of children', apiName: CHILDREN_CUSTOM_FIELD, type: 'Number' }];
  const tokens = new TokenStore(options.tokenLifetimeSeconds ?? FAKE_KENJO_TOKEN_SECONDS, 'eyJhbGciOiJIUzUxMiJ9.fake-kenjo-');
  const find = (id: string): FakeKenjoEmployee => {
    const found = employees.find((e) => e.account._id === id);
    if (!found) throw new Error(`no Kenjo employee ${id}`);
    return found;
  };

  const state = withCounters<FakeKenjoState>({
    employees,
    customFields,
    tokensIssued: () => tokens.issuedCount,
    tokens: () => [...tokens.keys()],
    deactivate(id, contractEnd) {
      const e = find(id);
      e.account.isActive = false;
      if (contractEnd !== null) e.work[CONTRACT_END_FIELD] = instant(contractEnd);
    },
    expireTokens: () => tokens.expireAll(),
  });

  const badRequest = (message: string): FakeResponse => ({ status: 400, body: { code: 400, message } });
  // "UNAUTHORIZED. The Authorization header is incorrect, not provided or the token expired." (no body documented)
  const unauthorized = (): FakeResponse => ({ status: 401, body: undefined });
  const dialect: FaultDialect = {
    throttled: (retryAfter) => ({ status: 429, headers: retryAfterHeader(retryAfter), body: { code: 429, message: 'Too many requests' } }),
    unavailable: (status) => ({ status, body: { code: status, message: 'Service unavailable' } }),
    expiredToken: () => {
      tokens.expireAll();
      return unauthorized();
    },
  };

  function login(req: FakeRequest): FakeResponse {
    const body = parseJson<Row>(req.body || '')?.value;
    if (!body || typeof body.apiKey !== 'string' || body.apiKey === '') return badRequest("The param 'apiKey' is not valid.");
    if (body.apiKey !== FAKE_KENJO_API_KEY) return unauthorized();
    const token = tokens.issue(undefined);
    const lifetime = options.tokenLifetimeSeconds ?? FAKE_KENJO_TOKEN_SECONDS;
    return { status: 200, body: { token, 'X-Expires-After': new Date(Date.now() + lifetime * 1000).toISOString() } };
  }

  const section = (name: keyof Omit<FakeKenjoEmployee, 'account'>) => (): FakeResponse => ({
    status: 200,
    body: { data: employees.filter((e) => typeof e.account._id === 'string').map((e) => ({ ...e[name] })) },
  });

  const guarded = router(
    [
      ['GET', '/api/v1/employees', () => ({ status: 200, body: { data: employees.map((e) => ({ ...e.account })) } })],
      ['GET', '/api/v1/employees/personals', section('personal')],
      ['GET', '/api/v1/employees/works', section('work')],
      ['GET', '/api/v1/employees/homes', section('home')],
      ['GET', '/api/v1/companies', () => ({ status: 200, body: FAKE_KENJO_COMPANIES.map((c) => ({ ...c })) })],
      ['GET', '/api/v1/custom-fields', () => ({ status: 200, body: { data: customFields } })],
    ],
    {
      guard: (req) => (tokens.state(bearerToken(req.headers.authorization)) === 'valid' ? undefined : unauthorized()),
      notFound: () => ({ status: 404, body: { code: 404, message: 'Not found' } }),
    },
  );
  const handle = (req: FakeRequest) => (req.url.pathname === '/api/v1/auth/login' ? (req.method === 'POST' ? login(req) : badRequest('Method not allowed')) : guarded(req));

  return serveFake(state, { handle, dialect, listings: [{ path: '/api/v1/employees', records: (body) => (body as { data?: unknown[] } | undefined)?.data }], port: options.port });
}
