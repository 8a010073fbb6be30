// What is particular to SAP SuccessFactors (the contract suite covers the rest): the User status rule
// (inactive users only with `status in 't','f'`), snapshot paging over d.__next, leaving dates from
// EmpEmployment.endDate, a change listing that asks every entity it reads (a job or employment edit
// does not move the User's timestamp), the SAML bearer grant with a locally signed assertion, OData
// error bodies, and 429 with SAP's recommended Retry-After of 300 s.
import { generateKeyPairSync } from 'node:crypto';
import { CredentialsRejectedError, HrSystemResponseError, RateLimitedError } from '../../connectors/errors';
import { changedSinceFilter } from '../../connectors/sap-successfactors/connector';
import { sapSuccessFactors } from '../../connectors/sap-successfactors/definition';
import { checkAssertion } from '../../connectors/sap-successfactors/fake-saml';
import { FAKE_SF_API_USER, FAKE_SF_CLIENT_ID, FAKE_SF_COMPANY_ID, fakeUserId, NUMBER_OF_CHILDREN_FIELD, startFakeSuccessFactors, type RunningFakeSuccessFactors } from '../../connectors/sap-successfactors/fake-server';
import { mapSuccessFactorsUser } from '../../connectors/sap-successfactors/mapping';
import type { ConnectorContext } from '../../connectors/types';
import { readAllPages } from '../support/connector-pages';

const noWait: ConnectorContext = { sleep: async () => undefined };
const today = '2026-12-01';
const edm = (day: string) => `/Date(${Date.parse(`${day}T00:00:00Z`)})/`;

describe('SuccessFactors user mapping', () => {
  const companies = new Map([['DE01', { id: 'DE01', name: 'Example GmbH' }]]);
  const user = (fields: Record<string, unknown>, employment: Record<string, unknown> | null = {}, job: Record<string, unknown> = {}) => ({
    userId: 'u1',
    status: 't',
    firstName: 'Alex',
    lastName: 'Marlow',
    email: 'alex@example.com',
    ...fields,
    empInfo: employment === null ? null : { personIdExternal: 'p1', startDate: edm('2020-02-01'), endDate: null, ...employment, jobInfoNav: { results: [{ company: 'DE01', isFulltimeEmployee: true, startDate: edm('2020-02-01'), ...job }] } },
  });
  const map = (record: unknown) => {
    const result = mapSuccessFactorsUser(record, today, companies, [NUMBER_OF_CHILDREN_FIELD]);
    if (!result.ok) throw new Error(result.invalid.reason);
    return result.employee;
  };

  it('takes the leaving date from EmpEmployment.endDate (lastDateWorked is only an attribute)', () => {
    expect(map(user({ status: 'f' }, { endDate: edm('2025-03-31'), lastDateWorked: edm('2025-03-14') }))).toMatchObject({ leavingDate: '2025-03-31', status: 'terminated', attributes: { 'empInfo.lastDateWorked': '2025-03-14' } });
    // A planned departure: still active, with its date; an end date already passed while the user is still t: terminated.
    expect(map(user({}, { endDate: edm('2030-06-30') }))).toMatchObject({ leavingDate: '2030-06-30', status: 'active' });
    expect(map(user({}, { endDate: edm('2026-11-30') }))).toMatchObject({ status: 'terminated' });
    // Inactive without an end date is not a leaver; 9999-12-31 is no date.
    expect(map(user({ status: 'f' }, { endDate: '/Date(253402214400000)/' }))).toMatchObject({ leavingDate: null, status: 'inactive' });
    expect(map(user({}, { startDate: edm('2027-01-04') }))).toMatchObject({ status: 'onboarding', hireDate: '2027-01-04' });
  });

  it('reads the person ID, company, contingent workers, full time, gender and "married"', () => {
    expect(map(user({ gender: 'F', married: true, [NUMBER_OF_CHILDREN_FIELD]: '2' }))).toMatchObject({
      personnelNumber: 'p1',
      legalEntity: { id: 'DE01', name: 'Example GmbH' },
      employmentType: 'FULL_TIME',
      gender: 'female',
      maritalStatus: 'married',
      attributes: { [NUMBER_OF_CHILDREN_FIELD]: '2', 'jobInfo.company': 'DE01' },
    });
    expect(map(user({ gender: 'U', married: false }, { isContingentWorker: true }, { company: 'XX99', isFulltimeEmployee: false }))).toMatchObject({
      employmentType: 'CONTRACTOR',
      gender: null,
      maritalStatus: null,
      legalEntity: { id: 'XX99', name: 'XX99' },
    });
    expect(map(user({}, {}, { isFulltimeEmployee: false })).employmentType).toBe('PART_TIME');
  });

  it('reports an end date that is not a date, a deferred employment, an external user or a missing userId as invalid', () => {
    const invalid = (record: unknown) => mapSuccessFactorsUser(record, today, companies, []);
    expect(invalid(user({}, { endDate: 'soon' }))).toEqual({ ok: false, invalid: { remoteId: 'u1', reason: 'empInfo/endDate "soon" is not a date' } });
    expect(invalid({ ...user({}), empInfo: { __deferred: { uri: 'x' } } })).toMatchObject({ ok: false, invalid: { remoteId: 'u1' } });
    expect(invalid(user({ status: 'T' }))).toMatchObject({ ok: false, invalid: { remoteId: 'u1', reason: expect.stringContaining('not an employee') } });
    expect(invalid({ firstName: 'No id' })).toMatchObject({ ok: false, invalid: { remoteId: null } });
  });
});

describe('SuccessFactors connector against the fake SuccessFactors', () => {
  let fake: RunningFakeSuccessFactors;
  afterEach(async () => fake?.close());
  const credentials = (overrides: Record<string, string> = {}) => ({ apiServer: fake.url, companyId: FAKE_SF_COMPANY_ID, clientId: FAKE_SF_CLIENT_ID, userId: FAKE_SF_API_USER, privateKey: fake.privateKey, ...overrides });
  const connect = (overrides: Record<string, string> = {}, context: ConnectorContext = noWait) => sapSuccessFactors.create(sapSuccessFactors.credentialsSchema.parse(credentials(overrides)), context);
  const userRequests = () => fake.log.find({ path: '/odata/v2/User' });

  it('lists t and f users over snapshot pages (paging=snapshot, __next), never $skip, and no external user', async () => {
    fake = await startFakeSuccessFactors({ people: 45, maxPageSize: 20 });
    const pages = await readAllPages(connect());
    expect(pages.map((p) => p.employees.length)).toEqual([20, 20, 5]);
    const asked = userRequests();
    expect(asked).toHaveLength(3);
    for (const e of asked) {
      expect(e.query.get('paging')).toBe('snapshot');
      expect(e.query.get('$filter')).toBe("status in 't','f'");
      expect(e.query.get('customPageSize')).toBe('1000');
      expect(e.query.has('$skip')).toBe(false);
    }
    expect(asked.slice(1).every((e) => e.query.has('$skiptoken'))).toBe(true);
    const employees = pages.flatMap((p) => p.employees);
    expect(employees.map((e) => e.remoteId)).not.toEqual(expect.arrayContaining(['ext360rater']));
    expect(employees.some((e) => e.remoteId === 'onb2candidate' || e.remoteId === 'ext360rater')).toBe(false);
    const leaver = employees.find((e) => e.remoteId === fakeUserId(5))!;
    expect(leaver).toMatchObject({ status: 'terminated', leavingDate: '2025-06-15' });
    expect(employees.filter((e) => e.status === 'terminated')).toHaveLength(9);
  });

  it('shows why the status filter is needed: without it the User entity hides inactive users', async () => {
    fake = await startFakeSuccessFactors({ people: 10 });
    await connect().checkCredentials();
    const token = [...fake.state.tokens.keys()][0];
    const read = async (query: string) => ((await (await fetch(`${fake.url}/odata/v2/User?$format=json&$select=userId,status${query}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { d: { results: Array<{ status: string }> } }).d.results;
    expect(new Set((await read('')).map((u) => u.status))).toEqual(new Set(['t', 'T']));
    expect((await read("&$filter=status in 't','f'")).filter((u) => u.status === 'f')).toHaveLength(2);
  });

  it('refuses a __next link that points away from the User list of the API server', async () => {
    fake = await startFakeSuccessFactors({ people: 3 });
    fake.faults.add({ kind: 'answer', path: '/odata/v2/User', response: { status: 200, body: { d: { results: [], __next: 'https://elsewhere.example.net/odata/v2/User?$skiptoken=x' } } } });
    await expect(connect().fetchEmployeePage(null)).rejects.toBeInstanceOf(HrSystemResponseError);
    fake.faults.add({ kind: 'answer', path: '/odata/v2/User', response: { status: 200, body: { d: { nothing: true } } } });
    await expect(connect().fetchEmployeePage(null)).rejects.toBeInstanceOf(HrSystemResponseError);
  });

  it('finds changes made only on the employment or the job (the User timestamp does not move), and nothing else', async () => {
    fake = await startFakeSuccessFactors({ people: 30 });
    const connector = connect();
    const since = new Date(Date.now() - 1000);
    expect((await readAllPages(connector, since)).flatMap((p) => p.employees)).toHaveLength(0);
    const [a, b, c] = [fakeUserId(1), fakeUserId(2), fakeUserId(3)];
    const before = fake.state.users.get(b)!.lastModifiedDateTime;
    fake.state.editEmployment(b, { endDate: '/Date(1924905600000)/' });
    fake.state.editJob(c, { company: 'AT01' });
    fake.state.editUser(a, { firstName: 'Renamed' });
    expect(fake.state.users.get(b)!.lastModifiedDateTime).toBe(before);
    const changed = (await readAllPages(connector, since)).flatMap((p) => p.employees);
    expect(changed.map((e) => e.remoteId).sort()).toEqual([a, b, c].sort());
    expect(changed.find((e) => e.remoteId === b)!.leavingDate).toBe('2030-12-31');
    expect(changed.find((e) => e.remoteId === c)!.legalEntity).toEqual({ id: 'AT01', name: 'Example Austria GmbH' });
    // The status rule stays a top-level `and` (inside an `or` SuccessFactors drops it, KBA 3575859).
    expect(changedSinceFilter(new Date('2026-12-01T10:00:00.123Z'))).toBe(
      "status in 't','f' and (lastModifiedDateTime ge datetimeoffset'2026-12-01T10:00:00Z' or empInfo/lastModifiedDateTime ge datetimeoffset'2026-12-01T10:00:00Z' or empInfo/jobInfoNav/lastModifiedDateTime ge datetimeoffset'2026-12-01T10:00:00Z')",
    );
  });

  it('asks for a token with a SAML assertion it signed: NameID = the API user, api_key = the client, recipient = the token URL', async () => {
    fake = await startFakeSuccessFactors({ people: 2 });
    let form: URLSearchParams | null = null;
    const realFetch = global.fetch;
    const spy = jest.spyOn(global, 'fetch').mockImplementation(async (input, init) => {
      if (String(input).endsWith('/oauth/token')) form = new URLSearchParams(String(init?.body));
      return realFetch(input, init);
    });
    try {
      await connect().checkCredentials();
    } finally {
      spy.mockRestore();
    }
    expect(form).not.toBeNull();
    const sent = form as unknown as URLSearchParams;
    expect(Object.fromEntries([...sent.keys()].map((k) => [k, k === 'assertion' ? '…' : sent.get(k)]))).toEqual({
      company_id: FAKE_SF_COMPANY_ID,
      client_id: FAKE_SF_CLIENT_ID,
      grant_type: 'urn:ietf:params:oauth:grant-type:saml2-bearer',
      assertion: '…',
    });
    const { publicKey } = await import('node:crypto').then((c) => ({ publicKey: c.createPublicKey(fake.privateKey) }));
    expect(checkAssertion(sent.get('assertion')!, publicKey, `${fake.url}/oauth/token`)).toEqual({ nameId: FAKE_SF_API_USER, apiKey: FAKE_SF_CLIENT_ID });
    // Another key's signature is refused by the registered certificate.
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    expect(checkAssertion(sent.get('assertion')!, other, `${fake.url}/oauth/token`)).toEqual({ refused: expect.stringContaining('signature') });
  });

  it('surfaces SAP’s refusal: unknown user, another key, wrong company, unreadable key, missing OData permission', async () => {
    fake = await startFakeSuccessFactors({ people: 2 });
    const refusal = (overrides: Record<string, string>): Promise<Error> =>
      connect(overrides)
        .checkCredentials()
        .then(() => new Error('accepted'), (e: unknown) => e as Error);
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await expect(refusal({ userId: 'nobody' })).resolves.toEqual(new CredentialsRejectedError('SAP SuccessFactors refused the credentials: Unable to authenticate the client (Login failed - invalid user)', 'SAP SuccessFactors'));
    await expect(refusal({ privateKey: otherKey })).resolves.toMatchObject({ message: expect.stringContaining('invalid SAML assertion signature') });
    await expect(refusal({ companyId: 'OTHERCO' })).resolves.toMatchObject({ message: expect.stringContaining('Company [OTHERCO] not found') });
    const unreadable = await refusal({ privateKey: 'not a key' });
    expect(unreadable).toBeInstanceOf(CredentialsRejectedError);
    expect(unreadable.message).not.toContain('not a key');
    await fake.close();

    fake = await startFakeSuccessFactors({ people: 2, apiUserPermitted: false });
    const forbidden = await refusal({});
    expect(forbidden).toBeInstanceOf(CredentialsRejectedError);
    expect(forbidden.message).toMatch(/^SAP SuccessFactors refused the credentials: \[LGN0002\]Authentication failed, user doesn't have the OData Admin access permission.* \(the API user needs OData API access/);
  });

  it('reads OData error bodies { error: { code, message: { lang, value } } } into the message', async () => {
    fake = await startFakeSuccessFactors({ people: 2 });
    fake.faults.add({ kind: 'answer', path: '/odata/v2/User', response: { status: 400, body: { error: { code: 'COE_PROPERTY_NOT_FOUND', message: { lang: 'en-US', value: '[COE0021]Invalid property names: User/custom05.' } } } } });
    const failed = await connect()
      .fetchEmployeePage(null)
      .then(() => null, (e: unknown) => e as HrSystemResponseError);
    expect(failed).toBeInstanceOf(HrSystemResponseError);
    expect(failed!.message).toBe('SAP SuccessFactors answered 400: [COE0021]Invalid property names: User/custom05.');
  });

  it('hands a 429 with SAP’s Retry-After of 300 s to Temporal instead of waiting in-process', async () => {
    fake = await startFakeSuccessFactors({ people: 3, rateLimit: { requests: 2, windowMs: 60_000 } });
    const waits: number[] = [];
    const connector = connect({}, { sleep: async (ms) => void waits.push(ms) });
    // Token + metadata use the two allowed requests; the FOCompany / User reads are throttled.
    const failed = await readAllPages(connector).then(() => null, (e: unknown) => e as RateLimitedError);
    expect(failed).toBeInstanceOf(RateLimitedError);
    expect(failed!.retryAfterMs).toBe(300_000);
    expect(waits).toEqual([]);
    const throttled = fake.log.find({ status: 429 });
    expect(throttled.length).toBeGreaterThan(0);
  });

  it('offers the User custom fields the data model defines (with their labels), one configured later too, and FOCompany', async () => {
    fake = await startFakeSuccessFactors({ people: 4 });
    const connector = connect();
    const before = await connector.listAttributes();
    expect(before).toContainEqual({ key: NUMBER_OF_CHILDREN_FIELD, label: 'Number of children', type: 'string', custom: true });
    expect(before.some((a) => a.key === 'custom09')).toBe(false);
    const key = fake.state.addCustomField('Kinder unter 18');
    fake.state.editUser(fakeUserId(1), { [key]: '3' });
    const after = await connector.listAttributes();
    expect(after).toContainEqual({ key, label: 'Kinder unter 18', type: 'string', custom: true });
    const employees = (await readAllPages(connector)).flatMap((p) => p.employees);
    expect(employees.find((e) => e.remoteId === fakeUserId(1))!.attributes[key]).toBe('3');
    expect(userRequests().at(-1)!.query.get('$select')).toContain(key);
    // Inactive companies too: a leaver may belong to one.
    expect((await connector.listLegalEntities()).map((e) => e.id).sort()).toEqual(['AT01', 'CH01', 'DE01']);
  });
});
