// What is particular to Cezanne HR (the contract suite covers the rest): OAuth2 client credentials
// with Cezanne's OAuth refusal, the OData People set read along next links (v4, v3 and verbose
// shapes, never to another host), employments and communications expanded, ACTIVEEMPLOYEE 0/1 with the
// employment's EFFECTIVETO as the leaving date (a rehire's open employment wins; no date is ever
// guessed), field names read in any letter case and /Date(ms)/ dates.
import { CredentialsRejectedError, HrSystemResponseError } from '../../connectors/errors';
import { odataNextLink, odataRecords } from '../../connectors/cezanne-hr/connector';
import { cezanneHr, cezanneHrCredentials, cezanneUrls } from '../../connectors/cezanne-hr/definition';
import { FAKE_CEZANNE_CLIENT_ID, FAKE_CEZANNE_CLIENT_SECRET, SERVICE_PATH, startFakeCezanne, TOKEN_PATH, type RunningFakeCezanne } from '../../connectors/cezanne-hr/fake-server';
import { mapCezannePerson } from '../../connectors/cezanne-hr/mapping';
import type { ConnectorContext } from '../../connectors/types';
import { readAllPages } from '../support/connector-pages';

const today = '2026-12-01';
const noWait: ConnectorContext = { sleep: async () => undefined };

describe('Cezanne HR mapping', () => {
  const map = (person: Record<string, unknown>) => {
    const result = mapCezannePerson({ PERSONID: 'P1', GIVENNAME: 'Kim', ACTIVEEMPLOYEE: 1, ...person }, today);
    if (!result.ok) throw new Error(result.invalid.reason);
    return result.employee;
  };
  const employment = (from: string, to: string | null, extra: Record<string, unknown> = {}) => ({ EFFECTIVEFROM: from, EFFECTIVETO: to, PRIMARYEMPLOYMENT: 1, COMPANYCODE: 'UK01', ...extra });

  it('reads ACTIVEEMPLOYEE 0 with the termination date (EFFECTIVETO), and never guesses one', () => {
    expect(map({ ACTIVEEMPLOYEE: 0, PeopleToEmploymentAll: [employment('2019-01-01T00:00:00', '2025-03-31T00:00:00')] })).toMatchObject({ status: 'terminated', leavingDate: '2025-03-31', hireDate: '2019-01-01' });
    expect(map({ ACTIVEEMPLOYEE: 0, PeopleToEmploymentAll: [employment('2019-01-01', null)] })).toMatchObject({ status: 'inactive', leavingDate: null });
    expect(map({ PeopleToEmploymentAll: [employment('2019-01-01', '2030-06-30')] })).toMatchObject({ status: 'active', leavingDate: '2030-06-30' });
  });

  it("takes the latest primary employment: a rehire's open employment means no leaving date", () => {
    const rehired = map({ PeopleToEmploymentAll: [employment('2015-01-01', '2020-12-31'), employment('2023-02-01', null), employment('2024-01-01', '2024-06-30', { PRIMARYEMPLOYMENT: 0 })] });
    expect(rehired).toMatchObject({ status: 'active', leavingDate: null, hireDate: '2023-02-01' });
  });

  it('reads field names in any letter case, OData /Date(ms)/ dates and verbose { results } navigations', () => {
    const e = mapCezannePerson({ PersonId: 'P2', GivenName: 'Sam', ActiveEmployee: false, PeopleToEmploymentAll: { results: [{ EffectiveFrom: '/Date(1420070400000)/', EffectiveTo: '/Date(1743379200000)/', CompanyCode: 'IE01', TranslatedCompanyName: 'Fieldstone Ireland' }] } }, today);
    expect(e).toMatchObject({ ok: true, employee: { remoteId: 'P2', firstName: 'Sam', hireDate: '2015-01-01', leavingDate: '2025-03-31', status: 'terminated', legalEntity: { id: 'IE01', name: 'Fieldstone Ireland' } } });
  });

  it('takes the work e-mail from the communications, never a personal one', () => {
    expect(map({ PeopleToCommunications: [{ COMMUNICATIONTYPEDESCRIPTION: 'Personal Email', EMAILADDRESS: 'kim@home.example' }, { COMMUNICATIONTYPEDESCRIPTION: 'Work Email', EMAILADDRESS: 'kim@work.example' }] }).email).toBe('kim@work.example');
    expect(map({ PeopleToCommunications: [{ COMMUNICATIONTYPEDESCRIPTION: 'Personal Email', EMAILADDRESS: 'kim@home.example' }] }).email).toBeNull();
  });

  it('reports a person without PERSONID, or with an unreadable termination date, as invalid', () => {
    expect(mapCezannePerson({ GIVENNAME: 'x' }, today)).toMatchObject({ ok: false, invalid: { remoteId: null } });
    expect(mapCezannePerson({ PERSONID: 'P3', PeopleToEmploymentAll: [employment('2019-01-01', 'soon')] }, today)).toMatchObject({ ok: false, invalid: { remoteId: 'P3', reason: expect.stringContaining('EFFECTIVETO') } });
  });

  it('reads OData v4, v3 and verbose answers and resolves relative next links against the service', () => {
    const service = 'https://w3.cezanneondemand.com/cezanneondemand/v7/dataservice.svc';
    expect(odataRecords({ d: { results: [1], __next: 'x' } })).toEqual([1]);
    expect(odataNextLink({ 'odata.nextLink': 'People?$skiptoken=100' }, service)).toBe(`${service}/People?$skiptoken=100`);
    expect(odataNextLink({ '@odata.nextLink': `${service}/People?$skiptoken=5` }, service)).toBe(`${service}/People?$skiptoken=5`);
    expect(cezanneUrls({ subdomain: 'w3' })).toEqual({ serviceUrl: service, tokenUrl: 'https://w3.cezanneondemand.com/cezanneondemand/oauth/token' });
  });
});

describe('Cezanne HR connector against the fake', () => {
  let fake: RunningFakeCezanne;
  const connect = (extra: Record<string, unknown> = {}) =>
    cezanneHr.create(cezanneHrCredentials.parse({ subdomain: 'w3', clientId: FAKE_CEZANNE_CLIENT_ID, clientSecret: FAKE_CEZANNE_CLIENT_SECRET, baseUrl: fake.url, ...extra }), noWait);
  const people = () => fake.log.find({ path: `${SERVICE_PATH}/People` });

  beforeEach(async () => {
    fake = await startFakeCezanne({ people: 45, pageSize: 20 });
  });
  afterEach(() => fake.close());

  it('follows the next links with the expansions kept, sends no $top, and lists leavers', async () => {
    const pages = await readAllPages(connect());
    expect(pages).toHaveLength(3);
    expect(people().map((e) => [e.query.get('$expand'), e.query.get('$skiptoken'), e.query.has('$top')])).toEqual([
      ['PeopleToEmploymentAll,PeopleToCommunications', null, false],
      ['PeopleToEmploymentAll,PeopleToCommunications', '20', false],
      ['PeopleToEmploymentAll,PeopleToCommunications', '40', false],
    ]);
    const byId = new Map(pages.flatMap((p) => p.employees).map((e) => [e.remoteId, e]));
    expect(byId.get('P00005')).toMatchObject({ status: 'terminated', leavingDate: '2025-06-15' });
    expect(byId.get('P00020')).toMatchObject({ status: 'inactive', leavingDate: null });
    expect(byId.get('P00001')!.email).toMatch(/@fieldstone\.example$/);
  });

  it('never follows a next link to another host', async () => {
    fake.faults.add({ path: `${SERVICE_PATH}/People`, kind: 'answer', response: { status: 200, body: { value: [], 'odata.nextLink': 'https://elsewhere.example/People?$skiptoken=20' } } });
    await expect(connect().fetchEmployeePage(null)).rejects.toBeInstanceOf(HrSystemResponseError);
  });

  it("refuses wrong client credentials with Cezanne's OAuth reason, and signs in with a configured scope too", async () => {
    const refused = await connect({ clientSecret: 'wrong' }).checkCredentials().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CredentialsRejectedError);
    expect((refused as Error).message).toBe('Cezanne HR refused the credentials: The client credentials are invalid.');
    expect(people()).toHaveLength(0);
    await connect({ scope: 'api_read' }).checkCredentials();
    expect(fake.log.find({ path: TOKEN_PATH }).length).toBe(2);
  });

  it('refuses an application without API read access (403) with the hint', async () => {
    fake.faults.add({ path: `${SERVICE_PATH}/People`, kind: 'answer', response: { status: 403, body: { 'odata.error': { code: '', message: { lang: 'en-US', value: 'Access denied.' } } } } });
    await expect(connect().checkCredentials()).rejects.toThrow('Cezanne HR refused the credentials: Access denied. (turn on "API read access" for the application)');
  });

  it('offers the companies of the employments as legal entities', async () => {
    expect((await connect().listLegalEntities()).map((c) => c.id).sort()).toEqual(['IE01', 'UK01']);
  });
});
