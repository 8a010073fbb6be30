// One small setup object per HR system for the full-sync test (test/integration/connector-full-sync.test.ts):
// it starts the vendor's fake with a few dozen people and one malformed record, says which
// credentials connect to it, which custom attribute to map for a field the vendor lacks, what the
// sync must store (read from the fake's own data, not from the connector), how to throttle one
// listing request of the next sync the way the vendor throttles, and which values are secret.
import { generateKeyPairSync } from 'node:crypto';
import { FAKE_BAMBOOHR_API_KEY, NUMBER_OF_CHILDREN_FIELD_ID as BAMBOO_CHILDREN_FIELD, startFakeBambooHr } from '../../connectors/bamboohr/fake-server';
import { fakeExtensionName, startFakeEntraId } from '../../connectors/entra-id/fake-server';
import { FAKE_FACTORIAL_API_KEY, NUMBER_OF_CHILDREN_FIELD_ID as FACTORIAL_CHILDREN_FIELD, startFakeFactorial } from '../../connectors/factorial/fake-server';
import { startFakeHttpServer } from '../../connectors/fake-http-server';
import { EMPLOYMENT_SCHEMA, startFakeGoogleWorkspace } from '../../connectors/google-workspace/fake-server';
import { FAKE_HIBOB_SERVICE_USER, FAKE_HIBOB_TOKEN, startFakeHiBob } from '../../connectors/hibob/fake-server';
import { SANDBOX, SANDBOX_DEMO_API_KEY } from '../../connectors/sandbox/api-types';
import { startSandboxHrServer } from '../../connectors/sandbox/fake-server';
import type { MappableField } from '../../domain/employee-fields';

/** What the sync must store for one person the vendor lists. */
export interface ExpectedEmployee {
  remoteId: string;
  email: string;
  /** YYYY-MM-DD, or null for someone not leaving. */
  leavingDate: string | null;
  /** Values of the mapped fields (Employee columns). */
  mapped: Partial<Record<MappableField, string | number | null>>;
}

export interface RunningVendor {
  credentials: Record<string, unknown>;
  /** Same shape, refused by the vendor. */
  wrongCredentials: Record<string, unknown>;
  /** Product field → key of a custom attribute of the vendor (offered by GET options). */
  mapping: Partial<Record<MappableField, string>>;
  /** Every valid person of the listing (the malformed records are not among them). */
  expected(): ExpectedEmployee[];
  /** Records the vendor lists that no connector can read. */
  malformedRecords: number;
  /** The next sync meets one throttled listing request; the returned check says it happened. */
  throttleOneListingRequest(): () => boolean;
  /** Values that must never appear in a workflow history (keys, secrets, key material, tokens issued). */
  secrets(): string[];
  close(): Promise<void>;
}

export interface VendorFixture {
  hrSystem: string;
  name: string;
  start(): Promise<RunningVendor>;
}

const text = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));
const count = (v: unknown): number | null => (text(v) === null ? null : Number(v));

/** BambooHR: custom report (one page), custom field "Number of children" (no alias, keyed by id). */
const bambooHr: VendorFixture = {
  hrSystem: 'bamboohr',
  name: 'BambooHR',
  async start() {
    const throttleAt: number[] = [];
    const fake = await startFakeBambooHr({ employees: 40, malformedRecords: 1, rateLimit: { requestNumbers: throttleAt, status: 429, retryAfterSeconds: 1 } });
    const childrenKey = String(BAMBOO_CHILDREN_FIELD);
    return {
      credentials: { companyDomain: 'example', apiKey: FAKE_BAMBOOHR_API_KEY, baseUrl: fake.url },
      wrongCredentials: { companyDomain: 'example', apiKey: 'revoked-bamboohr-key', baseUrl: fake.url },
      mapping: { numberOfChildren: childrenKey },
      expected: () =>
        [...fake.state.employees].map(([id, v]) => ({ remoteId: id, email: v.workEmail!, leavingDate: text(v.terminationDate), mapped: { numberOfChildren: count(v[childrenKey]) } })),
      malformedRecords: 1,
      throttleOneListingRequest() {
        // A sync reads /meta/fields, then the custom report: the report answers 429 Retry-After once.
        const at = fake.state.requestCount + 2;
        throttleAt.push(at);
        return () => fake.state.requestCount > at;
      },
      secrets: () => [FAKE_BAMBOOHR_API_KEY],
      close: () => fake.close(),
    };
  },
};

/** HiBob: people search (one answer); a custom field created in Bob holds the children the payroll team counts. */
const hiBob: VendorFixture = {
  hrSystem: 'hibob',
  name: 'HiBob',
  async start() {
    const throttleAt: number[] = [];
    const fake = await startFakeHiBob({ employees: 40, malformedRecords: 1, rateLimit: { requestNumbers: throttleAt } });
    // Bob has home.numberOfKids, but this customer keeps the tax-relevant count in a custom field.
    const childrenField = fake.state.addCustomField('Children (payroll)', 'number');
    let i = 0;
    for (const id of fake.state.employees.keys()) fake.state.editEmployee(id, { [childrenField]: i++ % 3 === 0 ? null : (i % 5) + 1 });
    return {
      credentials: { serviceUserId: FAKE_HIBOB_SERVICE_USER, token: FAKE_HIBOB_TOKEN, baseUrl: fake.url },
      wrongCredentials: { serviceUserId: FAKE_HIBOB_SERVICE_USER, token: 'revoked-hibob-token', baseUrl: fake.url },
      mapping: { numberOfChildren: childrenField },
      expected: () =>
        [...fake.state.employees].map(([id, p]) => ({
          remoteId: id,
          email: String(p['root.email']),
          leavingDate: text(p['internal.terminationDate']),
          // The mapped attribute wins when it has a value; Bob's own field fills in otherwise.
          mapped: { numberOfChildren: count(p[childrenField]) ?? count(p['home.numberOfKids']) },
        })),
      malformedRecords: 1,
      throttleOneListingRequest() {
        // A sync reads the field metadata, then searches people: the search answers 429 once.
        const at = fake.state.requestCount + 2;
        throttleAt.push(at);
        return () => fake.state.requestCount > at;
      },
      secrets: () => [FAKE_HIBOB_TOKEN],
      close: () => fake.close(),
    };
  },
};

/** Factorial: cursor-paged employees completed by contract versions and custom field values. */
const factorial: VendorFixture = {
  hrSystem: 'factorial',
  name: 'Factorial',
  async start() {
    const throttleAt: number[] = [];
    const fake = await startFakeFactorial({ employees: 45, malformedRecords: 1, rateLimit: { requestNumbers: throttleAt, retryAfterSeconds: 1 } });
    const children = new Map<string, string | null>();
    let i = 0;
    for (const id of fake.state.employees.keys()) {
      const value = i++ % 4 === 0 ? null : String((i % 3) + 1);
      children.set(id, value);
      fake.state.setCustomValue(id, FACTORIAL_CHILDREN_FIELD, value);
    }
    return {
      credentials: { apiKey: FAKE_FACTORIAL_API_KEY, baseUrl: fake.url },
      wrongCredentials: { apiKey: 'revoked-factorial-key', baseUrl: fake.url },
      mapping: { numberOfChildren: `custom_fields.${FACTORIAL_CHILDREN_FIELD}` },
      expected: () =>
        [...fake.state.employees].map(([id, e]) => ({ remoteId: id, email: String(e.login_email), leavingDate: text(e.terminated_on), mapped: { numberOfChildren: count(children.get(id)) } })),
      malformedRecords: 1,
      throttleOneListingRequest() {
        // The first request of a sync is the employee page itself.
        const at = fake.state.requestCount + 1;
        throttleAt.push(at);
        return () => fake.state.requestCount > at;
      },
      secrets: () => [FAKE_FACTORIAL_API_KEY],
      close: () => fake.close(),
    };
  },
};

/** Microsoft Entra ID: Graph /users in pages of 20 (nextLink); directory extensions for what Graph lacks. */
const entraId: VendorFixture = {
  hrSystem: 'entra-id',
  name: 'Microsoft Entra ID',
  async start() {
    const fake = await startFakeEntraId({ people: 50, maxPageSize: 20 });
    fake.state.injectMalformed({ displayName: 'Orphan Record', givenName: 'Orphan', surname: 'Record', mail: 'orphan.record@northwind-benefits.test' });
    const users = () => fake.state.users.filter((u): u is Record<string, unknown> & { id: string } => typeof (u as { id?: unknown })?.id === 'string');
    const credentials = { tenantId: fake.tenantId, clientId: fake.clientId, clientSecret: fake.clientSecret, baseUrl: fake.url, loginBaseUrl: fake.url };
    return {
      credentials,
      wrongCredentials: { ...credentials, clientSecret: 'revoked-entra-secret' },
      mapping: { numberOfChildren: fakeExtensionName('numberOfChildren'), maritalStatus: fakeExtensionName('maritalStatus') },
      expected: () =>
        users().map((u) => ({
          remoteId: u.id,
          email: String(u.mail),
          leavingDate: text(u.employeeLeaveDateTime)?.slice(0, 10) ?? null,
          mapped: { numberOfChildren: count(u[fakeExtensionName('numberOfChildren')]), maritalStatus: text(u[fakeExtensionName('maritalStatus')]) },
        })),
      malformedRecords: 1,
      throttleOneListingRequest: () => throttleNthRequest(fake.state, '/v1.0/users', 2, () => fake.state.throttleNext(1, 1)),
      secrets: () => [fake.clientSecret, ...fake.state.tokens.keys()],
      close: () => fake.close(),
    };
  },
};

/** Google Workspace: users.list in pages of 20 (pageToken); dates and family data in the "Employment" custom schema. */
const googleWorkspace: VendorFixture = {
  hrSystem: 'google-workspace',
  name: 'Google Workspace',
  async start() {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const clientEmail = 'hr-sync@fake-project.iam.gserviceaccount.com';
    const fake = await startFakeGoogleWorkspace({ serviceAccount: { clientEmail, publicKey }, people: 50, maxPageSize: 20 });
    fake.state.injectMalformed({ kind: 'admin#directory#user', primaryEmail: `orphan.record@${fake.domain}`, name: { givenName: 'Orphan', familyName: 'Record' } });
    const keyFile = (pem: string) => JSON.stringify({ type: 'service_account', project_id: 'fake-project', private_key_id: 'fake-key-1', private_key: pem, client_email: clientEmail, token_uri: fake.tokenUrl });
    const credentials = {
      // As the admin pastes it: the downloaded JSON key file as text.
      serviceAccountKey: keyFile(privatePem),
      adminEmail: fake.adminEmail,
      hireDateField: `${EMPLOYMENT_SCHEMA}.hireDate`,
      leavingDateField: `${EMPLOYMENT_SCHEMA}.leavingDate`,
      baseUrl: fake.url,
    };
    const otherPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    type GoogleUser = { id: string; primaryEmail: string; customSchemas?: Record<string, Record<string, unknown>> };
    const users = () => fake.state.users.filter((u): u is GoogleUser => typeof (u as { id?: unknown })?.id === 'string');
    // The base64 body of the PEM, line by line: any of them in a history would leak the key.
    const keyLines = privatePem.split('\n').filter((l) => l && !l.startsWith('-----'));
    return {
      credentials,
      wrongCredentials: { ...credentials, serviceAccountKey: keyFile(otherPem) },
      mapping: { numberOfChildren: `customSchemas.${EMPLOYMENT_SCHEMA}.numberOfChildren`, maritalStatus: `customSchemas.${EMPLOYMENT_SCHEMA}.maritalStatus` },
      expected: () =>
        users().map((u) => {
          const employment = u.customSchemas?.[EMPLOYMENT_SCHEMA] ?? {};
          return {
            remoteId: u.id,
            email: u.primaryEmail,
            leavingDate: text(employment.leavingDate),
            mapped: { numberOfChildren: count(employment.numberOfChildren), maritalStatus: text(employment.maritalStatus) },
          };
        }),
      malformedRecords: 1,
      throttleOneListingRequest: () => throttleNthRequest(fake.state, '/admin/directory/v1/users', 2, () => fake.state.throttleNext(1, 'userRateLimitExceeded')),
      secrets: () => [...keyLines, ...fake.state.tokens.keys()],
      close: () => fake.close(),
    };
  },
};

/**
 * The Sandbox HR system (our own API, no documented rate limit): a pass-through in front of it answers
 * one employee page with a plain 429 Retry-After, the generic throttling every connector must survive.
 */
const sandbox: VendorFixture = {
  hrSystem: 'sandbox',
  name: SANDBOX,
  async start() {
    const server = await startSandboxHrServer({ employeeCount: 45 });
    // A record the sandbox's own API would refuse, put straight into its store: a hire date that is no date.
    const broken = server.store.add({ first_name: 'Orphan', last_name: 'Record', email: 'orphan.record@sandbox-demo.example', hire_date: '31.12.2026' } as never);
    let throttleListing = false;
    let throttled = 0;
    const front = await startFakeHttpServer(async (req) => {
      if (throttleListing && req.url.pathname === '/api/employees') {
        throttleListing = false;
        throttled++;
        return { status: 429, headers: { 'retry-after': '1' }, body: { error: { code: 'rate_limited', message: 'Too many requests' } } };
      }
      const res = await fetch(`${server.url}${req.url.pathname}${req.url.search}`, {
        method: req.method,
        headers: { authorization: String(req.headers.authorization ?? ''), ...(req.body ? { 'content-type': 'application/json' } : {}) },
        body: req.body || undefined,
      });
      const body = await res.text();
      return { status: res.status, body: body ? (JSON.parse(body) as unknown) : undefined };
    });
    return {
      credentials: { apiKey: SANDBOX_DEMO_API_KEY, baseUrl: front.url },
      wrongCredentials: { apiKey: 'not-the-demo-key', baseUrl: front.url },
      mapping: { numberOfChildren: 'children' },
      expected: () =>
        server.store
          .page(0, 10_000)
          .employees.filter((e) => e.id !== broken.id)
          .map((e) => ({ remoteId: e.id, email: e.email, leavingDate: e.leaving_date, mapped: { numberOfChildren: count(e.custom_fields.children) } })),
      malformedRecords: 1,
      throttleOneListingRequest() {
        const before = throttled;
        throttleListing = true;
        return () => throttled === before + 1;
      },
      secrets: () => [SANDBOX_DEMO_API_KEY],
      close: async () => {
        await front.close();
        await server.close();
      },
    };
  },
};

/**
 * For fakes that throttle "the next request" (Graph, Directory API): arms that throttle right when the
 * `n`-th request to `path` from now arrives, so exactly one listing page of the next sync is throttled.
 */
function throttleNthRequest(
  state: { requests: Array<{ path: string }>; throttledResponses: number; takeThrottle(): unknown },
  path: string,
  n: number,
  throttleNext: () => void,
): () => boolean {
  const seenBefore = state.requests.filter((r) => r.path === path).length;
  const throttledBefore = state.throttledResponses;
  const take = state.takeThrottle.bind(state);
  let armed = true;
  // The fake records each request before it decides about throttling it.
  state.takeThrottle = () => {
    const current = state.requests[state.requests.length - 1];
    if (armed && current?.path === path && state.requests.filter((r) => r.path === path).length === seenBefore + n) {
      armed = false;
      throttleNext();
    }
    return take();
  };
  return () => state.throttledResponses === throttledBefore + 1;
}

export const VENDOR_FIXTURES: readonly VendorFixture[] = [bambooHr, hiBob, factorial, entraId, googleWorkspace, sandbox];
