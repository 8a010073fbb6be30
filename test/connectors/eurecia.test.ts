// What is particular to Eurécia (the contract suite covers the rest): the sign-in that trades the API
// token (authToken header) for a temporary token sent in a `token` header, the full user list
// (/v4/users, never /v4/users/active, which hides the departed) in Spring pages from 0 with its totals
// checked, each user's record read for departureDate, and epoch-millisecond dates read as days in
// Paris (midnight in Paris is the day before in UTC).
import { CredentialsRejectedError, HrSystemResponseError, RateLimitedError } from '../../connectors/errors';
import { nextPage } from '../../connectors/eurecia/connector';
import { eurecia, eureciaCredentials } from '../../connectors/eurecia/definition';
import { AUTH_PATH, CHILDREN_FIELD, FAKE_EURECIA_AUTH_TOKEN, parisMidnight, startFakeEurecia, USERS_PATH, type RunningFakeEurecia } from '../../connectors/eurecia/fake-server';
import { employmentTypeOf, epochMillisDay, mapEureciaUser, maritalStatusOf, statusOf } from '../../connectors/eurecia/mapping';
import { temporaryTokenOf } from '../../connectors/eurecia/session-token';
import { readEpochMillisDate } from '../../connectors/kit';
import type { ConnectorContext, EmployeePage } from '../../connectors/types';
import { readAllPages } from '../support/connector-pages';

const noWait: ConnectorContext = { sleep: async () => undefined };
const today = '2026-12-01';

describe('Eurécia user mapping', () => {
  const map = (detail: Record<string, unknown>) => {
    const result = mapEureciaUser({ id: 'eu-1', email: 'a@example.fr', firstName: 'Alex', lastName: 'Marlow' }, { id: 'eu-1', ...detail }, today);
    if (!result.ok) throw new Error(result.invalid.reason);
    return result.employee;
  };

  it('reads departureDate (epoch ms) as the day in Paris, where UTC would name the day before', () => {
    const firstOfApril = parisMidnight('2025-04-01');
    expect(new Date(firstOfApril).toISOString()).toBe('2025-03-31T22:00:00.000Z');
    expect(readEpochMillisDate(firstOfApril)).toBe('2025-03-31'); // the kit's UTC reading: a month early
    expect(epochMillisDay(firstOfApril)).toBe('2025-04-01');
    expect(epochMillisDay(Date.UTC(2025, 3, 1))).toBe('2025-04-01'); // stored at UTC midnight: the same day
    expect(map({ departureDate: firstOfApril })).toMatchObject({ leavingDate: '2025-04-01', status: 'terminated' });
    expect(map({ departureDate: String(parisMidnight('2030-06-30')) })).toMatchObject({ leavingDate: '2030-06-30', status: 'active' });
  });

  it('reads hiring date, matricule, civil status, contract and working time', () => {
    expect(map({ hiringDate: parisMidnight('2019-09-02'), refNumber: 'M00042', matrialStatus: 'Pacsé(e)', workContract: 'CDI', workingTimeRate: 80, gender: 'F' })).toMatchObject({
      hireDate: '2019-09-02',
      personnelNumber: 'M00042',
      maritalStatus: 'registered_partnership',
      employmentType: 'PART_TIME',
      gender: 'female',
    });
    expect(map({ entryDate: parisMidnight('2018-01-08') }).hireDate).toBe('2018-01-08');
    expect([maritalStatusOf('Marié(e)'), maritalStatusOf('Célibataire'), maritalStatusOf('Veuf')]).toEqual(['married', 'single', 'widowed']);
    expect([employmentTypeOf('CDD', 100), employmentTypeOf('Stage', null), employmentTypeOf('Intérim', 100), employmentTypeOf('CDI', undefined)]).toEqual(['FULL_TIME', 'INTERN', 'CONTRACTOR', 'OTHER']);
    expect(statusOf(true, null, null, today)).toBe('inactive'); // archived without a date is no leaver
  });

  it('keeps the additional fields as attributes and reports unreadable users as invalid', () => {
    expect(map({ [CHILDREN_FIELD]: '2', dateEndAccess: parisMidnight('2025-05-01') }).attributes).toMatchObject({ [CHILDREN_FIELD]: '2', dateEndAccess: '2025-05-01' });
    expect(mapEureciaUser({ refNumber: 'M1' }, {}, today)).toMatchObject({ ok: false, invalid: { remoteId: 'M1' } });
    expect(mapEureciaUser({ id: 'eu-1' }, null, today)).toMatchObject({ ok: false, invalid: { remoteId: 'eu-1' } });
    expect(mapEureciaUser({ id: 'eu-1' }, { departureDate: 'fin mars' }, today)).toMatchObject({ ok: false, invalid: { reason: expect.stringContaining('departureDate') } });
  });
});

describe('Eurécia paging and sign-in helpers', () => {
  it("follows Spring's last flag and checks totalElements", () => {
    expect(nextPage(0, 0, 20, { last: false, totalPages: 3, totalElements: 41 })).toBe(1);
    expect(nextPage(2, 40, 1, { last: true, totalPages: 3, totalElements: 41 })).toBeNull();
    expect(() => nextPage(2, 40, 0, { last: true, totalElements: 41 })).toThrow(/read 40 users where Eurécia counts 41/);
    expect(() => nextPage(1, 20, 0, { last: false })).toThrow(/empty but not the last/);
    expect(nextPage(0, 0, 20, { totalPages: 2 })).toBe(1);
  });

  it('reads the temporary token from the v1 answer', () => {
    expect(temporaryTokenOf({ eureciaResponse: { temporaryToken: { token: { $: 'abc' } } } })).toBe('abc');
    expect(temporaryTokenOf({ eureciaResponse: {} })).toBeNull();
  });
});

describe('Eurécia connector against the fake', () => {
  let fake: RunningFakeEurecia;
  const connect = (authToken = FAKE_EURECIA_AUTH_TOKEN, context: ConnectorContext = noWait) => eurecia.create(eureciaCredentials.parse({ authToken, baseUrl: fake.url }), context);
  const ids = (pages: EmployeePage[]) => pages.flatMap((p) => p.employees.map((e) => e.remoteId));

  beforeEach(async () => {
    fake = await startFakeEurecia({ users: 45 });
  });
  afterEach(() => fake.close());

  it('lists every user, departed ones included, from /v4/users in pages from 0', async () => {
    const pages = await readAllPages(connect());
    expect(new Set(ids(pages))).toEqual(new Set(fake.state.users.keys()));
    expect(fake.log.find({ path: USERS_PATH }).map((e) => e.query.get('page'))).toEqual(['0', '1', '2']);
    expect(fake.log.count({ path: `${USERS_PATH}/active` })).toBe(0);
    const departed = pages.flatMap((p) => p.employees).filter((e) => e.status === 'terminated');
    expect(departed).toHaveLength(9);
    expect(departed.every((e) => /^2025-\d\d-15$/.test(e.leavingDate ?? ''))).toBe(true);
  });

  it('signs in once with the authToken header, sends the temporary token as `token`, and signs in again after a 401', async () => {
    const connector = connect();
    await readAllPages(connector);
    expect(fake.log.count({ path: AUTH_PATH })).toBe(1);
    fake.state.tokens.expireAll();
    await readAllPages(connector);
    expect(fake.log.count({ path: AUTH_PATH, status: 200 })).toBe(2);
  });

  it("refuses a wrong API token with Eurécia's message, before any user is read", async () => {
    const refused = await connect('wrong-token')
      .checkCredentials()
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CredentialsRejectedError);
    expect((refused as Error).message).toBe('Eurécia refused the credentials: Invalid authentication token');
    expect(fake.log.count({ path: USERS_PATH })).toBe(0);
  });

  it('fails a page answered for another page number, or an unreadable list, instead of shifting the listing', async () => {
    fake.faults.add({ path: USERS_PATH, kind: 'answer', response: { status: 200, body: { content: [], number: 3, last: true } } });
    await expect(connect().fetchEmployeePage(null)).rejects.toThrow(/page 3 instead of 0/);
    fake.faults.add({ path: USERS_PATH, kind: 'answer', response: { status: 200, body: { users: [] } } });
    await expect(connect().fetchEmployeePage(null)).rejects.toBeInstanceOf(HrSystemResponseError);
  });

  it('reports a user whose record is gone (404) as unreadable, keeping the others', async () => {
    const [first] = fake.state.users.keys();
    fake.faults.add({ path: `${USERS_PATH}/${first}`, kind: 'answer', response: { status: 404, body: { status: 404, error: 'Not Found', message: 'User not found' } } });
    const page = await connect().fetchEmployeePage(null);
    expect(page.invalid).toEqual([{ remoteId: first, reason: 'the user record could not be read' }]);
    expect(page.employees).toHaveLength(19);
  });

  it('gives up persistent throttling as rate limited', async () => {
    fake.state.throttleNext(10);
    await expect(connect(FAKE_EURECIA_AUTH_TOKEN, { sleep: async () => undefined, maxAttempts: 3 }).fetchEmployeePage(null)).rejects.toBeInstanceOf(RateLimitedError);
  });
});
