// A local Youforce (HR Core Beaufort IAM API) for tests, demos and benchmarks, answering as Visma
// publishes it: Visma Connect's POST /connect/token (form client_id, client_secret, tenant_id,
// grant_type=client_credentials → { access_token, expires_in: 3600, token_type, scope }; at most 400
// token requests a month), Bearer tokens on /iam/v1.0/persons and /iam/v1.0/employments (skip/take,
// { value, nextLink } with the next link on api.youforce.com) and on /extensions/v1.0/iam/persons
// ({ values }, its own scope: 403 without it); dischargeDate 9999-12-31 for open employments; people
// gone from the API 90 days after their last discharge; spike arrest (one request per 0.6 s) and
// 6,000 calls a day → 429 "Too many requests", no Retry-After. Error bodies are { message } (the
// envelope is not published: NOTES.md).
import { bearerToken, fakePerson, isoDay, listingAt, requestFields, RollingWindowLimit, router, serveFake, TokenStore, withCounters, expireAndRefuse, type FakeAnswer, type FakeCounters, type FakeRequest, type FakeResponse, type FaultDialect, type RunningFake } from '../kit/fake';

export interface FakeYouforceOptions {
  clientId?: string;
  clientSecret?: string;
  tenantId?: string;
  /** Generated persons (every 5th discharged recently, every 3rd of those (n % 15 === 0) over 90 days ago, every 7th leaving 2030-06-30, every 11th rehired). */
  people?: number;
  /** Person records without an id, after the first one. */
  malformedRecords?: number;
  /** The most records a page serves, whatever `take` asks (default 1,000). */
  maxTake?: number;
  /** Days a discharged person stays in the API (Youforce: 90). */
  retentionDays?: number;
  /** Spike arrest: the least time between two requests (Youforce: 600 ms); null switches it off. */
  minIntervalMs?: number | null;
  /** Token requests allowed (Youforce: 400 a month). */
  tokenRequestsPerMonth?: number;
  /** Whether the application holds the Extensions scope. */
  extensionsScope?: boolean;
  tokenLifetimeSeconds?: number;
  port?: number;
}

type Row = Record<string, unknown>;

export interface FakeYouforceState extends FakeCounters {
  /** Persons in listing order; malformed ones as injected. */
  readonly persons: Row[];
  readonly employments: Row[];
  readonly extensions: Row[];
  readonly tokens: TokenStore;
  /** Persons the API shows today (the 90-day retention applied). */
  visiblePersons(): Row[];
  /** The person's leaving date as the fake holds it (latest discharge once all employments ended), or null. */
  leavingDate(personCode: string): string | null;
  /** Sets the discharge date of the person's open employments. */
  discharge(personCode: string, date: string): void;
  setExtension(personCode: string, fieldCode: string, value: unknown): void;
}

export const FAKE_YOUFORCE_CLIENT_ID = 'fake-youforce-client';
export const FAKE_YOUFORCE_CLIENT_SECRET = 'fake-youforce-client-secret-0001';
export const FAKE_YOUFORCE_TENANT_ID = '1234567';
export const CHILDREN_FIELD_CODE = 'P99001';
export const OPEN_ENDED = '9999-12-31';
const REAL_HOST = 'https://api.youforce.com';
const PERSONS = '/iam/v1.0/persons';
const EMPLOYMENTS = '/iam/v1.0/employments';
const EXTENSIONS = '/extensions/v1.0/iam/persons';

const message = (status: number, text: string): FakeResponse => ({ status, body: { message: text } });

function generated(n: number): { person: Row; employments: Row[]; children: string | null } {
  const p = fakePerson(n);
  const personCode = String(30000 + n);
  const now = Date.now();
  // Leavers left recently (within the retention), except every 15th, gone long ago.
  const discharged = p.terminated ? isoDay(now, n % 15 === 0 ? -200 : -(10 + (n % 70))) : p.leaving ? '2030-06-30' : OPEN_ENDED;
  const employment = (k: number, hireDate: string, dischargeDate: string): Row => ({
    id: `${personCode}-${k}`,
    personCode,
    employmentCode: String(k),
    hireDate,
    dischargeDate,
    employmentType: n % 3 === 0 ? 'T' : 'V',
    employmentTypeName: n % 3 === 0 ? 'Tijdelijk' : 'Vast',
    workingAmount: { amountOfWork: n % 4 === 0 ? 24 : 36, parttimePercentage: n % 4 === 0 ? 66.67 : 100 },
    contractCode: 'CAO01',
    payrollClientCode: `W${n % 2}`,
    validFrom: hireDate,
  });
  const employments = n % 11 === 0 && !p.terminated ? [employment(1, '2008-02-01', '2011-12-31'), employment(2, p.hireDate, discharged)] : [employment(1, p.hireDate, discharged)];
  const person: Row = {
    id: String(100000 + n),
    personCode,
    initials: `${p.firstName[0]}.`,
    firstNames: p.firstName,
    knownAs: p.firstName,
    lastName: p.lastName,
    ...(n % 6 === 0 ? { lastNamePrefix: 'de' } : {}),
    gender: n % 2 === 0 ? 'Female' : 'Male',
    dateOfBirth: isoDay(Date.UTC(1970, 0, 1), (n * 331) % 12000),
    emailAddresses: [
      { type: 'Business', address: `${p.emailLocalPart}@example.nl` },
      { type: 'Private', address: `${p.emailLocalPart}@home.example` },
    ],
  };
  return { person, employments, children: n % 5 === 4 ? null : String(n % 4) };
}

export async function startFakeYouforce(options: FakeYouforceOptions = {}): Promise<RunningFake<FakeYouforceState>> {
  const clientId = options.clientId ?? FAKE_YOUFORCE_CLIENT_ID;
  const clientSecret = options.clientSecret ?? FAKE_YOUFORCE_CLIENT_SECRET;
  const tenantId = options.tenantId ?? FAKE_YOUFORCE_TENANT_ID;
  const maxTake = options.maxTake ?? 1000;
  const retentionDays = options.retentionDays ?? 90;
  const minInterval = options.minIntervalMs === undefined ? 600 : options.minIntervalMs;
  const tokenBudget = new RollingWindowLimit(options.tokenRequestsPerMonth ?? 400, 31 * 86_400_000);
  const daily = new RollingWindowLimit(6000, 86_400_000);
  const tokens = new TokenStore(options.tokenLifetimeSeconds ?? 3600, 'eyJhbGciOiJSUzI1NiJ9.fake-youforce-');
  const persons: Row[] = [];
  const employments: Row[] = [];
  const extensions: Row[] = [];
  for (let n = 1; n <= (options.people ?? 20); n++) {
    const g = generated(n);
    persons.push(g.person);
    employments.push(...g.employments);
    if (g.children !== null) extensions.push({ personCode: g.person.personCode, bo4FieldCode: CHILDREN_FIELD_CODE, fieldNameAlias: 'Aantal kinderen', value: g.children, description: 'Number of children' });
    extensions.push({ personCode: g.person.personCode, bo4FieldCode: 'P99002', fieldNameAlias: 'Parkeervergunning', value: n % 2 ? 'ja' : 'nee', description: 'Parking permit' });
    if (n === 1) for (let i = 0; i < (options.malformedRecords ?? 0); i++) persons.push({ firstNames: 'Orphan', lastName: 'Record' });
  }

  const leavingDate = (personCode: string): string | null => {
    const own = employments.filter((e) => e.personCode === personCode).map((e) => String(e.dischargeDate));
    return own.length && !own.includes(OPEN_ENDED) ? own.sort().at(-1)! : null;
  };
  const cutoff = () => isoDay(Date.now(), -retentionDays);
  const visible = (personCode: unknown) => {
    const left = typeof personCode === 'string' ? leavingDate(personCode) : null;
    return left === null || left >= cutoff();
  };

  const state = withCounters<FakeYouforceState>({
    persons,
    employments,
    extensions,
    tokens,
    visiblePersons: () => persons.filter((p) => typeof p.id === 'string' && visible(p.personCode)),
    leavingDate,
    discharge(personCode, date) {
      for (const e of employments) if (e.personCode === personCode && e.dischargeDate === OPEN_ENDED) e.dischargeDate = date;
    },
    setExtension(personCode, fieldCode, value) {
      const found = extensions.find((x) => x.personCode === personCode && x.bo4FieldCode === fieldCode);
      if (found) found.value = value;
      else extensions.push({ personCode, bo4FieldCode: fieldCode, fieldNameAlias: fieldCode, value });
    },
  });

  const tooMany = () => message(429, 'Too many requests');
  const dialect: FaultDialect = {
    // Spike arrest answers without Retry-After (none documented).
    throttled: () => tooMany(),
    unavailable: (status) => message(status, 'Service unavailable'),
    expiredToken: expireAndRefuse(() => tokens.expireAll(), () => message(401, 'Unauthorized: the access token is invalid or has expired')),
  };

  const issueToken = (req: FakeRequest): FakeResponse => {
    if (!tokenBudget.allow()) return tooMany();
    const fields = requestFields(req);
    if (fields.grant_type !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type' } };
    if (fields.client_id !== clientId || fields.client_secret !== clientSecret) return { status: 400, body: { error: 'invalid_client' } };
    if (fields.tenant_id !== tenantId) return { status: 400, body: { error: 'invalid_request', error_description: `tenant ${String(fields.tenant_id)} is not authorized for this client` } };
    return { status: 200, body: { access_token: tokens.issue(undefined), expires_in: options.tokenLifetimeSeconds ?? 3600, token_type: 'Bearer', scope: options.extensionsScope === false ? 'Youforce-IAM:Get_Basic' : 'Youforce-IAM:Get_Basic Youforce-Extensions:files:Get_Basic' } };
  };

  const page = (path: string, key: 'value' | 'values', source: () => Row[]) => (req: FakeRequest): FakeResponse => {
    const q = req.url.searchParams;
    const skip = q.has('skip') ? Number(q.get('skip')) : 0;
    const take = q.has('take') ? Number(q.get('take')) : 100;
    if (!Number.isInteger(skip) || skip < 0 || !Number.isInteger(take) || take < 1) return message(400, 'skip and take must be non-negative integers');
    const all = source();
    const size = Math.min(take, maxTake);
    const records = all.slice(skip, skip + size).map((r) => structuredClone(r));
    const body: Row = { [key]: records };
    if (skip + records.length < all.length) body.nextLink = `${REAL_HOST}${path}?skip=${skip + records.length}&take=${take}`;
    return { status: 200, body };
  };
  const visibleEmployments = () => employments.filter((e) => visible(e.personCode));
  const visibleExtensions = () => extensions.filter((x) => visible(x.personCode));

  const api = router(
    [
      ['GET', PERSONS, page(PERSONS, 'value', () => persons.filter((p) => typeof p.id !== 'string' || visible(p.personCode)))],
      ['GET', EMPLOYMENTS, page(EMPLOYMENTS, 'value', visibleEmployments)],
      ['GET', EXTENSIONS, options.extensionsScope === false ? () => message(403, 'Forbidden: the application has no access to this API') : page(EXTENSIONS, 'values', visibleExtensions)],
    ],
    {
      guard: (req) => {
        const token = bearerToken(req.headers.authorization);
        return token !== null && tokens.state(token) === 'valid' ? undefined : message(401, 'Unauthorized: the access token is invalid or has expired');
      },
      notFound: () => message(404, 'Not found'),
      trimSlash: true,
    },
  );

  let last = 0;
  const handle = (req: FakeRequest): FakeAnswer => {
    if (req.method === 'POST' && req.url.pathname === '/connect/token') return issueToken(req);
    const now = Date.now();
    if (minInterval !== null && now - last < minInterval) return tooMany();
    last = now;
    if (!daily.allow()) return tooMany();
    return api(req);
  };

  return serveFake(state, { handle, dialect, listings: [listingAt(PERSONS, 'value')], port: options.port });
}
