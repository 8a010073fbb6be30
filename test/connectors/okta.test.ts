// What is particular to Okta (the contract suite covers the rest): the plain user list hiding
// DEPROVISIONED users (so the connector reads them in a second pass), the statuses, leaving and hire
// dates only from the profile attributes the admin names, Link-header paging that must stay on the
// org's host, the change filter, the SSWS refusals, and 429 answers with X-Rate-Limit-Reset.
import { CredentialsRejectedError, HrSystemResponseError, RateLimitedError } from '../../connectors/errors';
import { readCursor } from '../../connectors/okta/connector';
import { okta, oktaCredentials } from '../../connectors/okta/definition';
import { FAKE_OKTA_API_TOKEN, oktaError, parseFilter, startFakeOkta, TERMINATION_DATE_ATTRIBUTE, type RunningFakeOkta } from '../../connectors/okta/fake-server';
import { mapOktaUser, schemaAttributes, statusOf } from '../../connectors/okta/mapping';
import type { ConnectorContext, EmployeePage } from '../../connectors/types';
import { readAllPages } from '../support/connector-pages';

const noWait: ConnectorContext = { sleep: async () => undefined };
const today = '2026-12-01';

describe('Okta user mapping', () => {
  const user = (status: string, profile: Record<string, unknown> = {}) => ({ id: '00u1', status, profile: { firstName: 'Alex', lastName: 'Marlow', email: 'alex@example.com', login: 'alex@example.com', ...profile } });
  const map = (status: string, profile: Record<string, unknown> = {}, fields = { leavingDateField: 'terminationDate', hireDateField: 'hireDate' }) => {
    const result = mapOktaUser(user(status, profile), { today, ...fields });
    if (!result.ok) throw new Error(result.invalid.reason);
    return result.employee;
  };

  it('maps every Okta status to the unified one', () => {
    expect(['ACTIVE', 'RECOVERY', 'PASSWORD_EXPIRED', 'LOCKED_OUT'].map((s) => statusOf(s, null, null, today))).toEqual(['active', 'active', 'active', 'active']);
    expect(['STAGED', 'PROVISIONED', 'SUSPENDED', 'DEPROVISIONED'].map((s) => statusOf(s, null, null, today))).toEqual(['onboarding', 'onboarding', 'inactive', 'terminated']);
    expect(statusOf('ACTIVATING', null, null, today)).toBe('onboarding');
    expect(statusOf('SOMETHING_NEW', null, null, today)).toBeNull();
    // A passed leaving date ends the employment whatever the account state; a hire date ahead is onboarding.
    expect(statusOf('SUSPENDED', null, '2026-03-31', today)).toBe('terminated');
    expect(statusOf('ACTIVE', '2027-01-04', null, today)).toBe('onboarding');
  });

  it('takes dates only from the named profile attributes; a deprovisioned user without one is terminated with no date', () => {
    expect(map('DEPROVISIONED', { terminationDate: '2026-03-31', hireDate: '2019-04-01' })).toMatchObject({ leavingDate: '2026-03-31', hireDate: '2019-04-01', status: 'terminated' });
    expect(map('DEPROVISIONED', { terminationDate: null })).toMatchObject({ leavingDate: null, status: 'terminated' });
    expect(map('ACTIVE', { terminationDate: '2030-06-30T00:00:00.000Z' })).toMatchObject({ leavingDate: '2030-06-30', status: 'active' });
    // Without configured fields, a date attribute is only an attribute.
    expect(map('ACTIVE', { terminationDate: '2026-03-31' }, {} as never)).toMatchObject({ leavingDate: null, hireDate: null, status: 'active', attributes: expect.objectContaining({ 'profile.terminationDate': '2026-03-31' }) });
  });

  it('reads employeeNumber, userType and organization; an unreadable named date or profile value makes the record invalid', () => {
    expect(map('ACTIVE', { employeeNumber: 'E-7', userType: 'Part-time', organization: 'Northwind AG', tags: ['a', 'b'] })).toMatchObject({
      personnelNumber: 'E-7',
      employmentType: 'PART_TIME',
      legalEntity: { id: 'Northwind AG', name: 'Northwind AG' },
      attributes: expect.objectContaining({ 'profile.tags': 'a, b', status: 'ACTIVE' }),
    });
    const badDate = mapOktaUser(user('ACTIVE', { terminationDate: 'next spring' }), { today, leavingDateField: 'terminationDate' });
    expect(badDate).toMatchObject({ ok: false, invalid: { remoteId: '00u1', reason: expect.stringContaining('profile.terminationDate') } });
    expect(mapOktaUser(user('ACTIVE', { address: { city: 'Berlin' } }), { today }).ok).toBe(false);
    expect(mapOktaUser({ status: 'ACTIVE', profile: {} }, { today })).toMatchObject({ ok: false, invalid: { remoteId: null } });
  });

  it('offers base and custom profile attributes from the user schema', () => {
    const attributes = schemaAttributes({
      definitions: { base: { properties: { employeeNumber: { title: 'Employee number', type: 'string' } } }, custom: { properties: { kids: { title: 'Kids', type: 'integer' }, level: { type: 'string', enum: ['A', 'B'] } } } },
    });
    expect(attributes).toEqual([
      { key: 'profile.employeeNumber', label: 'Employee number', type: 'string', custom: false },
      { key: 'profile.kids', label: 'Kids', type: 'number', custom: true },
      { key: 'profile.level', label: 'level', type: 'list', custom: true },
    ]);
  });
});

describe('Okta credentials', () => {
  it('takes the Okta domain (a pasted URL too) or a base URL, and profile attributes by variable name', () => {
    expect(oktaCredentials.parse({ oktaDomain: 'https://acme.okta.com/', apiToken: 't', leavingDateField: 'profile.terminationDate' })).toMatchObject({ oktaDomain: 'acme.okta.com', leavingDateField: 'terminationDate' });
    expect(oktaCredentials.safeParse({ apiToken: 't' }).success).toBe(false);
    expect(oktaCredentials.safeParse({ oktaDomain: 'acme', apiToken: 't' }).success).toBe(false);
    expect(oktaCredentials.safeParse({ oktaDomain: 'acme.okta.com', apiToken: 't', hireDateField: 'hire date' }).success).toBe(false);
  });
});

describe('Okta fake filter expressions', () => {
  const u = { id: '00u1', status: 'DEPROVISIONED', lastUpdated: '2026-05-01T00:00:00.000Z', profile: { email: 'a@b.test' } };
  it('reads status, lastUpdated and profile filters with and / or / parentheses, and refuses the rest', () => {
    expect(parseFilter('status eq "DEPROVISIONED" and (lastUpdated ge "2026-04-30T00:00:00.000Z" and lastUpdated lt "2026-05-02T00:00:00.000Z")')!(u)).toBe(true);
    expect(parseFilter('status eq "ACTIVE" or profile.email eq "a@b.test"')!(u)).toBe(true);
    expect(parseFilter('lastUpdated gt "2026-05-01T00:00:00.000Z"')!(u)).toBe(false);
    expect(parseFilter('profile.department eq "Sales"')).toBeNull();
    expect(parseFilter('status ne "ACTIVE"')).toBeNull();
  });
});

describe('Okta connector against the fake', () => {
  let fake: RunningFakeOkta;
  const connect = (extra: Record<string, unknown> = {}, context: ConnectorContext = noWait) =>
    okta.create(oktaCredentials.parse({ apiToken: FAKE_OKTA_API_TOKEN, baseUrl: fake.url, leavingDateField: TERMINATION_DATE_ATTRIBUTE, ...extra }), context);
  const ids = (pages: EmployeePage[]) => pages.flatMap((p) => p.employees.map((e) => e.remoteId));

  beforeEach(async () => {
    fake = await startFakeOkta({ people: 30, maxLimit: 10 });
  });
  afterEach(() => fake.close());

  it('lists deprovisioned users in a second pass, since the plain list hides them', async () => {
    const deprovisioned = fake.state.users.filter((u) => u.status === 'DEPROVISIONED').map((u) => u.id);
    expect(deprovisioned.length).toBeGreaterThan(0);
    const plain = await fetch(`${fake.url}/api/v1/users?limit=200`, { headers: { authorization: `SSWS ${FAKE_OKTA_API_TOKEN}` } });
    expect(((await plain.json()) as Array<{ status: string }>).map((u) => u.status)).not.toContain('DEPROVISIONED');

    const pages = await readAllPages(connect());
    expect(new Set(ids(pages))).toEqual(new Set(fake.state.users.map((u) => u.id)));
    expect(ids(pages)).toHaveLength(fake.state.users.length);
    const listing = fake.log.find({ path: '/api/v1/users' }).slice(1); // after the plain fetch above
    expect(listing[0].query.get('limit')).toBe('200');
    expect(listing.filter((e) => e.query.get('filter') === 'status eq "DEPROVISIONED"').length).toBeGreaterThan(0);
    // Every page after the first of a pass follows Okta's after cursor.
    expect(listing.filter((e) => e.query.has('after')).length).toBe(listing.length - 2);
  });

  it('never drops a deprovisioned user or lists one twice, should the plain list include them', async () => {
    const id = fake.state.users.find((u) => u.status === 'DEPROVISIONED')!.id;
    fake.faults.add({ path: '/api/v1/users', kind: 'answer', response: { status: 200, body: [fake.state.users.find((u) => u.id === id)] } });
    const pages = await readAllPages(connect());
    expect(ids(pages).filter((x) => x === id)).toHaveLength(1);
  });

  it('reads the change listing with one lastUpdated filter, deprovisioned users included', async () => {
    const since = new Date(Date.now() - 1000);
    const active = fake.state.users.find((u) => u.status === 'ACTIVE')!.id as string;
    const gone = fake.state.users.find((u) => u.status === 'ACTIVE' && u.id !== active)!.id as string;
    fake.state.editProfile(active, { department: 'Moved' });
    fake.state.deprovision(gone, '2026-11-30');
    const pages = await readAllPages(connect(), since);
    expect(ids(pages).sort()).toEqual([active, gone].sort());
    expect(pages.flatMap((p) => p.employees).find((e) => e.remoteId === gone)).toMatchObject({ status: 'terminated', leavingDate: '2026-11-30' });
    const filters = fake.log.find({ path: '/api/v1/users' }).map((e) => e.query.get('filter'));
    expect(filters).toEqual([`lastUpdated gt "${since.toISOString()}"`]);
    // A complete listing's cursor is not one of the change listing.
    await expect(connect().fetchChangedEmployeePage!(since, 'deprovisioned')).rejects.toThrow();
  });

  it('refuses a next link that leaves the org', async () => {
    fake.faults.add({ path: '/api/v1/users', kind: 'answer', response: { status: 200, headers: { link: '<https://evil.example/api/v1/users?after=x>; rel="next"' }, body: [] } });
    await expect(connect().fetchEmployeePage(null)).rejects.toBeInstanceOf(HrSystemResponseError);
  });

  it('refuses an answer that is not a list of users', async () => {
    fake.faults.add({ path: '/api/v1/users', kind: 'answer', response: { status: 200, body: { users: [] } } });
    await expect(connect().fetchEmployeePage(null)).rejects.toBeInstanceOf(HrSystemResponseError);
  });

  it("refuses a wrong token with Okta's summary and a 403 with the admin-rights hint", async () => {
    const wrong = await connect({ apiToken: 'wrong' })
      .checkCredentials()
      .catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(CredentialsRejectedError);
    expect((wrong as Error).message).toBe('Okta refused the credentials: Invalid token provided (E0000011)');
    fake.faults.add({ path: '/api/v1/users', kind: 'answer', response: oktaError(403, 'E0000006', 'You do not have permission to perform the requested action') });
    const forbidden = await connect()
      .checkCredentials()
      .catch((e: unknown) => e);
    expect((forbidden as Error).message).toMatch(/^Okta refused the credentials: You do not have permission to perform the requested action \(E0000006\) \(the API token acts with its creator's admin rights/);
  });

  it('checks that the named date attributes exist in the user schema', async () => {
    await expect(connect({ hireDateField: 'hireDate' }).checkCredentials()).resolves.toBeUndefined();
    const missing = await connect({ leavingDateField: 'exitDate' })
      .checkCredentials()
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(CredentialsRejectedError);
    expect((missing as Error).message).toContain('Okta has no profile attribute exitDate');
  });

  it('offers the custom attributes (a new one at once), the organizations and the employment types', async () => {
    const connector = connect();
    fake.state.addCustomAttribute('maritalStatus', 'Marital status');
    expect(await connector.listAttributes()).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: 'profile.numberOfChildren', custom: true, type: 'number' }), expect.objectContaining({ key: 'profile.maritalStatus', custom: true }), expect.objectContaining({ key: 'profile.employeeNumber', custom: false })]),
    );
    expect((await connector.listLegalEntities()).map((e) => e.name)).toEqual(['Northwind Benefits GmbH', 'Northwind Labs Ltd', 'Northwind Services AG']);
    expect(await connector.listEmploymentTypes()).toEqual(expect.arrayContaining(['CONTRACTOR', 'OTHER', 'PART_TIME']));
  });

  it('offers base attributes and those seen on users when the token may not read the user schema', async () => {
    const limited = await startFakeOkta({ people: 5, schemaForbidden: true });
    try {
      const connector = okta.create(oktaCredentials.parse({ apiToken: FAKE_OKTA_API_TOKEN, baseUrl: limited.url, leavingDateField: 'terminationDate' }), noWait);
      await expect(connector.checkCredentials()).resolves.toBeUndefined();
      expect(await connector.listAttributes()).toEqual(
        expect.arrayContaining([expect.objectContaining({ key: 'profile.employeeNumber', custom: false }), expect.objectContaining({ key: 'profile.numberOfChildren', custom: true })]),
      );
    } finally {
      await limited.close();
    }
  });

  it('answers a throttle 429 with E0000047 and X-Rate-Limit-Reset in epoch seconds, and the connector gives up with a rate-limit error', async () => {
    fake.state.throttleNext(1, 30);
    const res = await fetch(`${fake.url}/api/v1/users`, { headers: { authorization: `SSWS ${FAKE_OKTA_API_TOKEN}` } });
    expect(res.status).toBe(429);
    expect(((await res.json()) as { errorCode: string }).errorCode).toBe('E0000047');
    const reset = Number(res.headers.get('x-rate-limit-reset'));
    expect(reset).toBeGreaterThan(Date.now() / 1000 + 25);
    expect(res.headers.get('x-rate-limit-remaining')).toBe('0');
    expect(res.headers.get('retry-after')).toBeNull();
    fake.state.throttleNext(10);
    await expect(connect({}, { sleep: async () => undefined, maxAttempts: 2 }).fetchEmployeePage(null)).rejects.toBeInstanceOf(RateLimitedError);
  });

  it('enforces its own rate limit when asked, with the X-Rate-Limit headers on every answer', async () => {
    const limited = await startFakeOkta({ people: 3, rateLimitPerMinute: 2 });
    try {
      const get = () => fetch(`${limited.url}/api/v1/users`, { headers: { authorization: `SSWS ${FAKE_OKTA_API_TOKEN}` } });
      const first = await get();
      expect(first.headers.get('x-rate-limit-limit')).toBe('2');
      await get();
      expect((await get()).status).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('names the pass and the next link in its cursor', () => {
    expect(readCursor(null)).toEqual({ pass: 'listed', link: null });
    expect(readCursor('deprovisioned')).toEqual({ pass: 'deprovisioned', link: null });
    expect(() => readCursor('https://elsewhere')).toThrow();
  });
});
