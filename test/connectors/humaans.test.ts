// What is particular to Humaans (the contract suite covers the rest): the leaving date from
// employmentEndDate falling back to lastWorkingDay, the newHire / offboarded statuses, contractType,
// $limit/$skip over the { total, limit, skip, data } envelope, and Humaans' refusal reasons.
import { CredentialsRejectedError, HrSystemResponseError } from '../../connectors/errors';
import { humaans } from '../../connectors/humaans/definition';
import { FAKE_HUMAANS_ACCESS_TOKEN, startFakeHumaans, type RunningFakeHumaans } from '../../connectors/humaans/fake-server';
import { customFieldKey, mapHumaansPerson } from '../../connectors/humaans/mapping';
import type { ConnectorContext } from '../../connectors/types';
import { readAllPages } from '../support/connector-pages';

const noWait: ConnectorContext = { sleep: async () => undefined };
const today = '2026-12-01';

describe('Humaans person mapping', () => {
  const person = (fields: Record<string, unknown>) => ({ id: 'pe1', firstName: 'Alex', lastName: 'Marlow', email: 'alex@example.com', ...fields });
  const map = (fields: Record<string, unknown>) => {
    const result = mapHumaansPerson(person(fields), new Map(), today);
    if (!result.ok) throw new Error(result.invalid.reason);
    return result.employee;
  };

  it('takes the leaving date from employmentEndDate, falling back to lastWorkingDay', () => {
    expect(map({ status: 'offboarded', employmentEndDate: '2026-03-31', lastWorkingDay: '2026-03-20' })).toMatchObject({ leavingDate: '2026-03-31', status: 'terminated' });
    expect(map({ status: 'offboarded', employmentEndDate: null, lastWorkingDay: '2026-03-20' })).toMatchObject({ leavingDate: '2026-03-20', status: 'terminated' });
    expect(map({ status: 'offboarded', employmentEndDate: '', lastWorkingDay: null })).toMatchObject({ leavingDate: null, status: 'inactive' });
    // A planned departure: still active, with its date.
    expect(map({ status: 'active', employmentEndDate: '2030-06-30' })).toMatchObject({ leavingDate: '2030-06-30', status: 'active' });
  });

  it('reads newHire as onboarding, and an unknown status only by a passed leaving date', () => {
    expect(map({ status: 'newHire', employmentStartDate: '2030-01-04' })).toMatchObject({ status: 'onboarding', hireDate: '2030-01-04' });
    expect(map({ status: 'somethingNew', lastWorkingDay: '2025-01-15' })).toMatchObject({ status: 'terminated', leavingDate: '2025-01-15' });
    expect(map({ status: 'somethingNew' }).status).toBeNull();
  });

  it('reads the hire date from employmentStartDate, else firstWorkingDay; contractType and gender from their labels', () => {
    expect(map({ employmentStartDate: '2020-02-01', firstWorkingDay: '2020-02-03' }).hireDate).toBe('2020-02-01');
    expect(map({ employmentStartDate: null, firstWorkingDay: '2020-02-03' }).hireDate).toBe('2020-02-03');
    expect(map({ contractType: 'Part-time', gender: 'non-binary', employeeId: 'HU-7' })).toMatchObject({ employmentType: 'PART_TIME', gender: 'diverse', personnelNumber: 'HU-7', legalEntity: null });
    expect(map({ contractType: null }).employmentType).toBeNull();
  });

  it('reports a leaving date that is not a date as an invalid record, never as "not leaving"', () => {
    expect(mapHumaansPerson(person({ employmentEndDate: 'soon' }), new Map(), today)).toEqual({ ok: false, invalid: { remoteId: 'pe1', reason: 'employmentEndDate "soon" is not a date' } });
    expect(mapHumaansPerson(person({ status: { value: 'active' } }), new Map(), today)).toMatchObject({ ok: false, invalid: { remoteId: 'pe1' } });
  });
});

describe('Humaans connector against the fake Humaans', () => {
  let fake: RunningFakeHumaans;
  afterEach(async () => fake?.close());
  const connect = (accessToken = FAKE_HUMAANS_ACCESS_TOKEN) => humaans.create(humaans.credentialsSchema.parse({ accessToken, baseUrl: fake.url }), noWait);

  it('pages with $limit=250 and $skip, lists offboarded people and new hires, and follows changes', async () => {
    fake = await startFakeHumaans({ people: 260 });
    const id = fake.state.addPerson({ firstName: 'Nova', lastName: 'Example', email: 'nova@example.com', status: 'newHire', employmentStartDate: '2031-01-05' });
    const leaver = [...fake.state.people.keys()][1];
    fake.state.offboardPerson(leaver, null, '2026-01-15');
    const pages = await readAllPages(connect());
    expect(pages).toHaveLength(2);
    expect(fake.log.find({ path: '/api/people' }).map((e) => [e.query.get('$limit'), e.query.get('$skip')])).toEqual([
      ['250', '0'],
      ['250', '250'],
    ]);
    const employees = pages.flatMap((p) => p.employees);
    expect(employees).toHaveLength(261);
    expect(employees.find((e) => e.remoteId === id)).toMatchObject({ status: 'onboarding', hireDate: '2031-01-05', leavingDate: null });
    expect(employees.find((e) => e.remoteId === leaver)).toMatchObject({ status: 'terminated', leavingDate: '2026-01-15' });
    expect(employees.filter((e) => e.status === 'terminated').length).toBeGreaterThan(40);
  });

  it('goes on when Humaans serves fewer than asked, and refuses an answer for another offset', async () => {
    fake = await startFakeHumaans({ people: 45, maxLimit: 20 });
    const pages = await readAllPages(connect());
    expect(pages.map((p) => p.employees.length)).toEqual([20, 20, 5]);

    fake.faults.add({ kind: 'answer', path: '/api/people', response: { status: 200, body: { total: 45, limit: 20, skip: 0, data: [] } }, after: 1 });
    const connector = connect();
    const first = await connector.fetchEmployeePage(null);
    await expect(connector.fetchEmployeePage(first.nextCursor)).rejects.toBeInstanceOf(HrSystemResponseError);
  });

  it('refuses a wrong token and a token without the scopes with Humaans’ reason', async () => {
    fake = await startFakeHumaans({ people: 3 });
    await expect(connect('nope').checkCredentials()).rejects.toThrow(new CredentialsRejectedError('Humaans refused the credentials: Invalid access token', 'Humaans'));
    fake.faults.add({ kind: 'answer', response: { status: 403, body: { name: 'Forbidden', message: 'Missing scope private:read', code: 403, className: 'forbidden' } } });
    const refused = await connect()
      .checkCredentials()
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CredentialsRejectedError);
    expect((refused as Error).message).toBe('Humaans refused the credentials: Missing scope private:read (the access token needs the scopes public:read and private:read)');
  });

  it('offers custom fields, one created later too, and carries their values; no legal entities', async () => {
    fake = await startFakeHumaans({ people: 4 });
    const connector = connect();
    const before = await connector.listAttributes();
    const fieldId = fake.state.addCustomField('Kinder', 'number');
    const firstId = [...fake.state.people.keys()][0];
    fake.state.setCustomValue(firstId, fieldId, 2);
    const after = await connector.listAttributes();
    expect(after.length).toBe(before.length + 1);
    expect(after).toContainEqual({ key: customFieldKey(fieldId), label: 'Kinder', type: 'number', custom: true });
    const page = await connector.fetchEmployeePage(null);
    expect(page.employees.find((e) => e.remoteId === firstId)!.attributes[customFieldKey(fieldId)]).toBe(2);
    expect(await connector.listLegalEntities()).toEqual([]);
  });
});
