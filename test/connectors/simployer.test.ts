// What is particular to Simployer classic (the contract suite covers the rest): the X-ApiKey header
// on the Person API, the published person shape (gender as { label, id }, no e-mail or leaving date),
// the defensive reading of an undocumented paging (one answer; a Link next page followed; a total
// header larger than what was served fails the listing), and leavers only through a named field.
import { CredentialsRejectedError, HrSystemResponseError } from '../../connectors/errors';
import { simployer } from '../../connectors/simployer/definition';
import { FAKE_SIMPLOYER_API_KEY, LEAVING_DATE_FIELD, startFakeSimployer, type RunningFakeSimployer } from '../../connectors/simployer/fake-server';
import { mapSimployerPerson } from '../../connectors/simployer/mapping';
import type { ConnectorContext } from '../../connectors/types';
import { readAllPages } from '../support/connector-pages';

const noWait: ConnectorContext = { sleep: async () => undefined };
const today = '2026-12-01';

describe('Simployer person mapping', () => {
  const published = { id: 'p1', firstname: 'Alex', lastname: 'Marlow', shortname: 'ALMA', birthdate: '1990-05-01T00:00:00Z', gender: { label: 'Kvinne', id: 'g2' }, nationality: 'NO' };
  const map = (fields: Record<string, unknown> = {}, field?: string) => {
    const result = mapSimployerPerson({ ...published, ...fields }, today, field);
    if (!result.ok) throw new Error(result.invalid.reason);
    return result.employee;
  };

  it('reads the published person: names, gender from gender.label, no e-mail or leaving date of its own', () => {
    expect(map()).toMatchObject({ firstName: 'Alex', lastName: 'Marlow', gender: 'female', email: null, status: 'active', leavingDate: null, legalEntity: null });
    expect(map().attributes).toMatchObject({ 'gender.label': 'Kvinne', nationality: 'NO', birthdate: '1990-05-01T00:00:00Z' });
    expect(map({ gender: { label: 'Mann' } }).gender).toBe('male');
  });

  it('takes a leaving date only from the named field, and an e-mail where Simployer sends one', () => {
    expect(map({ endDate: '2026-03-31' })).toMatchObject({ leavingDate: null, status: 'active' });
    expect(map({ endDate: '2026-03-31', email: 'alex@example.com' }, 'endDate')).toMatchObject({ leavingDate: '2026-03-31', status: 'terminated', email: 'alex@example.com' });
    expect(map({ endDate: '2030-06-30' }, 'endDate')).toMatchObject({ leavingDate: '2030-06-30', status: 'active' });
    expect(mapSimployerPerson({ ...published, endDate: 'snart' }, today, 'endDate')).toEqual({ ok: false, invalid: { remoteId: 'p1', reason: 'endDate "snart" is not a date' } });
    expect(mapSimployerPerson({ firstname: 'No id' }, today)).toMatchObject({ ok: false, invalid: { remoteId: null } });
  });
});

describe('Simployer connector against the fake Simployer', () => {
  let fake: RunningFakeSimployer;
  afterEach(async () => fake?.close());
  const connect = (apiKey = FAKE_SIMPLOYER_API_KEY) => simployer.create(simployer.credentialsSchema.parse({ apiKey, leavingDateField: LEAVING_DATE_FIELD, baseUrl: fake.url }), noWait);

  it('reads every person from one answer of GET /v1/person with the X-ApiKey header', async () => {
    fake = await startFakeSimployer({ people: 30 });
    const pages = await readAllPages(connect());
    expect(pages).toHaveLength(1);
    expect(pages[0].employees).toHaveLength(30);
    expect(pages[0].nextCursor).toBeNull();
    expect(pages[0].employees.filter((e) => e.status === 'terminated')).toHaveLength(6);
  });

  it('follows a Link next page if Simployer sends one', async () => {
    fake = await startFakeSimployer({ people: 25, linkPageSize: 10 });
    const pages = await readAllPages(connect());
    expect(pages.map((p) => p.employees.length)).toEqual([10, 10, 5]);
    expect(fake.log.find({ path: '/v1/person' }).map((e) => e.query.get('page'))).toEqual([null, '2', '3']);
  });

  it('fails the listing when a total header says more persons exist than were served', async () => {
    fake = await startFakeSimployer({ people: 25, truncateTo: 10 });
    await expect(connect().fetchEmployeePage(null)).rejects.toThrow(new HrSystemResponseError('Simployer listed 10 of 25 persons without saying where the rest is; the listing is not read as complete', 'Simployer', 200));
  });

  it('refuses a next-page link to another host, and an answer that is not a list', async () => {
    fake = await startFakeSimployer({ people: 2 });
    fake.faults.add({ kind: 'answer', path: '/v1/person', response: { status: 200, headers: { link: '<https://elsewhere.example/v1/person?page=2>; rel="next"' }, body: [] } });
    await expect(connect().fetchEmployeePage(null)).rejects.toThrow(/outside/);
    fake.faults.add({ kind: 'answer', path: '/v1/person', response: { status: 200, body: { persons: [] } } });
    await expect(connect().fetchEmployeePage(null)).rejects.toBeInstanceOf(HrSystemResponseError);
  });

  it('refuses a wrong key with Simployer’s reason', async () => {
    fake = await startFakeSimployer({ people: 1 });
    await expect(connect('nope').checkCredentials()).rejects.toThrow(new CredentialsRejectedError('Simployer refused the credentials: Access denied due to invalid API key.', 'Simployer'));
  });

  it('offers fields beyond the published ones as attributes, and no legal entities', async () => {
    fake = await startFakeSimployer({ people: 3 });
    const attributes = await connect().listAttributes();
    expect(attributes).toContainEqual({ key: LEAVING_DATE_FIELD, label: LEAVING_DATE_FIELD, type: 'date', custom: true });
    expect(attributes).toContainEqual({ key: 'gender.label', label: 'Gender', type: 'list', custom: false });
    expect(await connect().listLegalEntities()).toEqual([]);
  });
});
