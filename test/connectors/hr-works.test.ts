// What is particular to HR Works (the contract suite covers the rest): persons set to gone are listed
// only with onlyActive=false (sent on every page, whatever the Link header says), Link-header paging
// read for its page numbers, leave date / isActive / join date as status, regular employees full- or
// part-time by their weekly hours, custom free fields as extra person keys, the 15-minute JWT (its
// exp read, one token per listing), and HR WORKS' ApiError refusals (403 on the token request; an
// expired token renewed; a missing permission refused).
import { CredentialsRejectedError, HrSystemResponseError, RateLimitedError } from '../../connectors/errors';
import { nextPage } from '../../connectors/hr-works/connector';
import { hrWorks, hrWorksCredentials, jwtLifetimeSeconds } from '../../connectors/hr-works/definition';
import { apiError, CHILDREN_FIELD, FAKE_HR_WORKS_ACCESS_KEY, FAKE_HR_WORKS_SECRET_ACCESS_KEY, startFakeHrWorks, type RunningFakeHrWorks } from '../../connectors/hr-works/fake-server';
import { customFieldKey, employmentTypeOf, mapHrWorksPerson, statusOf } from '../../connectors/hr-works/mapping';
import type { ConnectorContext, EmployeePage } from '../../connectors/types';
import { readAllPages } from '../support/connector-pages';

const noWait: ConnectorContext = { sleep: async () => undefined };
const today = '2026-12-01';
const options = { today, fullTimeWeeklyHours: 40 };

describe('HR Works person mapping', () => {
  const person = (extra: Record<string, unknown> = {}) => ({ uuid: 'u-1', personnelNumber: '1001', firstName: 'Alex', lastName: 'Marlow', email: 'alex@example.de', isActive: true, ...extra });
  const map = (extra: Record<string, unknown> = {}) => {
    const result = mapHrWorksPerson(person(extra), options);
    if (!result.ok) throw new Error(result.invalid.reason);
    return result.employee;
  };

  it('reads leaveDate as the leaving date, and isActive false (set to gone) as terminated even without one', () => {
    expect(map({ leaveDate: '2025-03-31', isActive: false })).toMatchObject({ leavingDate: '2025-03-31', status: 'terminated' });
    expect(map({ leaveDate: '2025-03-31' })).toMatchObject({ status: 'terminated' }); // passed, not yet set to gone
    expect(map({ leaveDate: '2030-06-30' })).toMatchObject({ leavingDate: '2030-06-30', status: 'active' });
    expect(map({ isActive: false })).toMatchObject({ leavingDate: null, status: 'terminated' });
    // dateOfNotice is when notice was given, never the leaving date.
    expect(map({ dateOfNotice: '2026-10-01' })).toMatchObject({ leavingDate: null, status: 'active' });
    expect(statusOf(undefined, '2027-01-04', null, today)).toBe('onboarding');
  });

  it('maps the employment types, regular employees by their weekly hours', () => {
    expect(employmentTypeOf('regularEmployee', 40, 40)).toBe('FULL_TIME');
    expect(employmentTypeOf('regularEmployee', 20, 40)).toBe('PART_TIME');
    expect(employmentTypeOf('regularEmployee', undefined, 40)).toBeNull();
    expect(['studentTrainee', 'marginalEmployment', 'apprentice', 'externalWorker', 'shortTermEmployment', 'somethingNew'].map((t) => employmentTypeOf(t, 40, 40))).toEqual([
      'WORKING_STUDENT',
      'MINI_JOB',
      'INTERN',
      'CONTRACTOR',
      'OTHER',
      'OTHER',
    ]);
  });

  it('keeps custom free fields (keys the Person schema does not describe) and nested standard fields as attributes', () => {
    const employee = map({ [CHILDREN_FIELD]: 2, Hobbys: ['Rudern', 'Schach'], organizationUnit: { number: '100', name: 'Verwaltung' }, gender: 'not specified' });
    expect(employee.attributes).toMatchObject({ [customFieldKey(CHILDREN_FIELD)]: 2, 'customField.Hobbys': 'Rudern, Schach', 'organizationUnit.name': 'Verwaltung' });
    expect(employee.attributes).not.toHaveProperty('customField.organizationUnit');
    expect(employee.gender).toBeNull();
  });

  it('reports a record without uuid, or with an unreadable leave date, as invalid', () => {
    expect(mapHrWorksPerson(person({ uuid: undefined }), options)).toMatchObject({ ok: false, invalid: { remoteId: '1001' } });
    expect(mapHrWorksPerson(person({ leaveDate: 'Ende März' }), options)).toMatchObject({ ok: false, invalid: { remoteId: 'u-1', reason: expect.stringContaining('leaveDate') } });
    expect(mapHrWorksPerson(person({ email: { work: 'x' } }), options).ok).toBe(false);
    expect(mapHrWorksPerson('x', options).ok).toBe(false);
  });
});

describe('HR Works paging and token helpers', () => {
  const link = (rels: Array<[number, string]>) => rels.map(([p, rel]) => `<https://api.hrworks.de/v2/persons/master-data?onlyActive=false&page=${p}>; rel="${rel}"`).join(', ');

  it('goes on while rel="next" names the next page, ends at rel="last", and never ends a full page without paging information', () => {
    expect(nextPage(1, 50, link([[1, 'first'], [2, 'next'], [3, 'last']]))).toBe(2);
    expect(nextPage(3, 12, link([[1, 'first'], [2, 'prev'], [3, 'last']]))).toBeNull();
    expect(nextPage(1, 50, null)).toBe(2);
    expect(nextPage(2, 0, null)).toBeNull();
    expect(nextPage(1, 12, null)).toBeNull();
    expect(() => nextPage(1, 50, link([[3, 'next']]))).toThrow(/page 3/);
    expect(() => nextPage(1, 50, link([[1, 'first'], [4, 'last']]))).toThrow(/last page is 4/);
  });

  it("reads the token's lifetime from the JWT exp, at most the published 15 minutes", () => {
    const jwt = (exp: number) => `x.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.y`;
    const now = Date.UTC(2026, 11, 1);
    expect(jwtLifetimeSeconds(jwt(now / 1000 + 600), now)).toBe(600);
    expect(jwtLifetimeSeconds(jwt(now / 1000 + 3600), now)).toBe(900);
    expect(jwtLifetimeSeconds('not-a-jwt', now)).toBeUndefined();
  });
});

describe('HR Works connector against the fake', () => {
  let fake: RunningFakeHrWorks;
  const connect = (extra: Record<string, unknown> = {}, context: ConnectorContext = noWait) =>
    hrWorks.create(hrWorksCredentials.parse({ accessKey: FAKE_HR_WORKS_ACCESS_KEY, secretAccessKey: FAKE_HR_WORKS_SECRET_ACCESS_KEY, baseUrl: fake.url, ...extra }), context);
  const ids = (pages: EmployeePage[]) => pages.flatMap((p) => p.employees.map((e) => e.remoteId));
  const listing = () => fake.log.find({ path: '/v2/persons/master-data' });

  beforeEach(async () => {
    fake = await startFakeHrWorks({ people: 30, pageSize: 10 });
  });
  afterEach(() => fake.close());

  it('lists persons set to gone only because it asks with onlyActive=false, on every page', async () => {
    const gone = fake.state.persons.filter((p) => p.isActive === false).map((p) => p.uuid);
    expect(gone.length).toBeGreaterThan(0);
    const pages = await readAllPages(connect());
    expect(new Set(ids(pages))).toEqual(new Set(fake.state.persons.map((p) => p.uuid)));
    expect(ids(pages)).toHaveLength(30);
    expect(listing().map((e) => [e.query.get('onlyActive'), e.query.get('page')])).toEqual([
      ['false', '1'],
      ['false', '2'],
      ['false', '3'],
    ]);
    expect(pages.flatMap((p) => p.employees).filter((e) => gone.includes(e.remoteId)).every((e) => e.status === 'terminated')).toBe(true);
  });

  it('keeps onlyActive=false when the next link drops it, and never follows a link to another host', async () => {
    fake.faults.add({ path: '/v2/persons/master-data', kind: 'answer', response: { status: 200, headers: { link: '<https://elsewhere.example/v2/persons/master-data?page=2>; rel="next"' }, body: { persons: fake.state.persons.slice(0, 10) } } });
    const pages = await readAllPages(connect());
    expect(ids(pages)).toHaveLength(30);
    expect(listing().every((e) => e.query.get('onlyActive') === 'false')).toBe(true);
  });

  it('refuses an answer without a person list, and paging that would skip people', async () => {
    fake.faults.add({ path: '/v2/persons/master-data', kind: 'answer', response: { status: 200, body: { employees: [] } } });
    await expect(connect().fetchEmployeePage(null)).rejects.toBeInstanceOf(HrSystemResponseError);
    fake.faults.add({ path: '/v2/persons/master-data', kind: 'answer', response: { status: 200, headers: { link: '<http://x/v2/persons/master-data?page=5>; rel="next"' }, body: { persons: [] as unknown[] } } });
    fake.faults.add({ path: '/v2/persons/master-data', kind: 'answer', response: { status: 200, headers: { link: '<http://x/v2/persons/master-data?page=5>; rel="next"' }, body: { persons: fake.state.persons.slice(0, 10) } } });
    await expect(connect().fetchEmployeePage(null)).resolves.toMatchObject({ nextCursor: null }); // an empty page ends
    await expect(connect().fetchEmployeePage(null)).rejects.toThrow(/inconsistent paging/);
  });

  it('offers the custom free fields seen on the first page, and carries their values', async () => {
    const attributes = await connect().listAttributes();
    expect(attributes).toContainEqual({ key: customFieldKey(CHILDREN_FIELD), label: CHILDREN_FIELD, type: 'number', custom: true });
    expect(attributes.filter((a) => a.custom).map((a) => a.label)).not.toContain('uuid');
    const [first] = await readAllPages(connect());
    expect(first.employees.find((e) => e.remoteId === fake.state.persons[0].uuid)!.attributes[customFieldKey(CHILDREN_FIELD)]).toBe(1);
  });

  it('gets one JWT for a whole listing and renews it after HR WORKS answers 401 InvalidBearerTokenError', async () => {
    const connector = connect();
    await readAllPages(connector);
    expect(fake.state.tokensIssued).toBe(1);
    fake.state.expireTokens();
    await readAllPages(connector);
    expect(fake.state.tokensIssued).toBe(2);
  });

  it('renews a token refused with 403 InvalidBearerTokenError once, and refuses a missing permission with the reason', async () => {
    fake.faults.add({ path: '/v2/persons/master-data', kind: 'answer', response: apiError(403, 'InvalidBearerTokenError', 'The Bearer token provided in the request was invalid or expired.') });
    await expect(connect().fetchEmployeePage(null)).resolves.toMatchObject({ nextCursor: '2' });
    expect(fake.state.tokensIssued).toBe(2);
    fake.faults.add({ path: '/v2/persons/master-data', kind: 'answer', response: apiError(403, 'PermissionDeniedError', 'The credentials associated with this request do not have the necessary permission for this API request.') });
    const denied = await connect()
      .checkCredentials()
      .catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(CredentialsRejectedError);
    expect((denied as Error).message).toMatch(/^HR Works refused the credentials: The credentials associated .* \(PermissionDeniedError\) \(give the key pair the permission/);
  });

  it("refuses a wrong key pair at the token request with HR WORKS' reason, never echoing the secret", async () => {
    const refused = await connect({ secretAccessKey: 'wrong-secret' })
      .checkCredentials()
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CredentialsRejectedError);
    expect((refused as Error).message).toBe('HR Works refused the credentials: The credentials provided with the request were invalid. (InvalidCredentialsError)');
    expect(fake.log.find({ path: '/v2/persons/master-data' })).toHaveLength(0);
  });

  it('gives up throttled listings as rate limited (HR WORKS publishes no limit; 429 is retried)', async () => {
    fake.state.throttleNext(10);
    await expect(connect({}, { sleep: async () => undefined, maxAttempts: 3 }).fetchEmployeePage(null)).rejects.toBeInstanceOf(RateLimitedError);
  });
});
