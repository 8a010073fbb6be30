// What is particular to Hailey HR (the contract suite covers the rest): a personal access token as
// bearer token on api.<environment>, limit/offset over /Company/Employee where only an empty page
// ends the listing, the leaving date from the end of the tenure, the primary of parallel
// employments, updated_gte for changes, problem-details refusals.
import { CredentialsRejectedError, HrSystemResponseError } from '../../connectors/errors';
import { haileyHr } from '../../connectors/hailey-hr/definition';
import { FAKE_HAILEY_HR_ACCESS_TOKEN, startFakeHaileyHr, type RunningFakeHaileyHr } from '../../connectors/hailey-hr/fake-server';
import { mapHaileyHrEmployee } from '../../connectors/hailey-hr/mapping';
import type { ConnectorContext } from '../../connectors/types';
import { readAllPages } from '../support/connector-pages';

const noWait: ConnectorContext = { sleep: async () => undefined };
const today = '2026-12-01';

describe('Hailey HR employee mapping', () => {
  const map = (fields: Record<string, unknown>) => {
    const result = mapHaileyHrEmployee({ id: 'e1', firstName: 'Alex', lastName: 'Marlow', email: 'alex@example.com', ...fields }, today);
    if (!result.ok) throw new Error(result.invalid.reason);
    return result.employee;
  };

  it('takes the leaving date from employmentEndDate, and never invents one for an inactive employee', () => {
    expect(map({ isActive: false, employmentEndDate: '2026-03-31' })).toMatchObject({ status: 'terminated', leavingDate: '2026-03-31' });
    expect(map({ isActive: true, employmentEndDate: '2030-06-30' })).toMatchObject({ status: 'active', leavingDate: '2030-06-30' });
    // The end passed but the flag was not updated: a leaver all the same.
    expect(map({ isActive: true, employmentEndDate: '2026-01-31' })).toMatchObject({ status: 'terminated' });
    expect(map({ isActive: false, employmentEndDate: null })).toMatchObject({ status: 'inactive', leavingDate: null });
    expect(map({})).toMatchObject({ status: 'active', leavingDate: null });
  });

  it('reads company and employment type from the primary employment (priority 1) of parallel ones', () => {
    const employments = [
      { priority: 2, companyId: 'c2', companyName: 'Example AS', employmentType: 'Part-time' },
      { priority: 1, companyId: 'c1', companyName: 'Example AB', employmentType: 'Full-time' },
    ];
    expect(map({ employments, employeeNumber: 1042, gender: 'Female', employmentStartDate: '2020-02-01' })).toMatchObject({
      legalEntity: { id: 'c1', name: 'Example AB' },
      employmentType: 'FULL_TIME',
      personnelNumber: '1042',
      gender: 'female',
      hireDate: '2020-02-01',
    });
    expect(map({ employments: [] }).legalEntity).toBeNull();
  });

  it('reports an end date that is not a date, or a field of the wrong shape, as an invalid record', () => {
    expect(mapHaileyHrEmployee({ id: 'e1', employmentEndDate: 'soon' }, today)).toEqual({ ok: false, invalid: { remoteId: 'e1', reason: 'employmentEndDate "soon" is not a date' } });
    expect(mapHaileyHrEmployee({ id: 'e1', firstName: { value: 'Alex' } }, today)).toMatchObject({ ok: false, invalid: { remoteId: 'e1' } });
    expect(mapHaileyHrEmployee({ firstName: 'No id' }, today)).toMatchObject({ ok: false, invalid: { remoteId: null } });
  });
});

describe('Hailey HR connector against the fake Hailey HR', () => {
  let fake: RunningFakeHaileyHr;
  afterEach(async () => fake?.close());
  const connect = (accessToken = FAKE_HAILEY_HR_ACCESS_TOKEN) => haileyHr.create(haileyHr.credentialsSchema.parse({ accessToken, baseUrl: fake.url }), noWait);

  it('goes to api.<environment> (production by default, the demo when chosen)', () => {
    expect(haileyHr.credentialsSchema.parse({ accessToken: 't' })).toMatchObject({ environment: 'haileyhr.app' });
    expect(haileyHr.credentialsSchema.safeParse({ accessToken: 't', environment: 'example.com' }).success).toBe(false);
  });

  it('sends the token as bearer, asks limit=100 and reads short pages on until an empty one', async () => {
    fake = await startFakeHaileyHr({ people: 45, maxLimit: 20 });
    const pages = await readAllPages(connect());
    expect(pages.flatMap((p) => p.employees)).toHaveLength(45);
    const asked = fake.log.find({ path: '/Company/Employee' }).map((e) => [e.query.get('limit'), e.query.get('offset')]);
    expect(asked).toEqual([
      ['100', '0'],
      ['100', '20'],
      ['100', '40'],
      ['100', '45'],
    ]);
    expect(pages.at(-1)).toMatchObject({ employees: [], nextCursor: null });
    const leavers = pages.flatMap((p) => p.employees).filter((e) => e.status === 'terminated');
    expect(leavers.length).toBe(9);
    for (const leaver of leavers) expect(leaver.leavingDate).toMatch(/^2025-/);
  });

  it('fails a page whose answer is not a list, never reading it as empty', async () => {
    fake = await startFakeHaileyHr({ people: 3 });
    fake.faults.add({ kind: 'answer', path: '/Company/Employee', response: { status: 200, body: { message: 'ok' } } });
    await expect(connect().fetchEmployeePage(null)).rejects.toBeInstanceOf(HrSystemResponseError);
  });

  it('asks for changes with updated_gte and lists only those', async () => {
    fake = await startFakeHaileyHr({ people: 10 });
    const since = new Date(Date.now() - 1000);
    const id = [...fake.state.employees.keys()][3];
    fake.state.editEmployee(id, { employmentEndDate: '2030-01-31' });
    const changed = (await readAllPages(connect(), since)).flatMap((p) => p.employees);
    expect(changed.map((e) => e.remoteId)).toEqual([id]);
    expect(changed[0]).toMatchObject({ leavingDate: '2030-01-31', status: 'active' });
    expect(fake.log.find({ path: '/Company/Employee' })[0].query.get('updated_gte')).toBe(since.toISOString());
  });

  it('refuses an expired token with Hailey HR’s reason, and a 403 with a hint at the account’s rights', async () => {
    fake = await startFakeHaileyHr({ people: 1 });
    await expect(connect('old').checkCredentials()).rejects.toThrow(new CredentialsRejectedError('Hailey HR refused the credentials: The access token is invalid or has expired.', 'Hailey HR'));
    fake.faults.add({ kind: 'answer', response: { status: 403, body: { title: 'Forbidden', status: 403 } } });
    await expect(connect().checkCredentials()).rejects.toThrow(/^Hailey HR refused the credentials: Forbidden \(the token has the rights of the account that generated it/);
  });

  it('offers the companies as legal entities and the custom fields seen on employees', async () => {
    fake = await startFakeHaileyHr({ people: 4 });
    expect(await connect().listLegalEntities()).toEqual(fake.state.companies.map((c) => ({ id: c.id, name: c.name })));
    expect(await connect().listAttributes()).toContainEqual({ key: 'customFields.shirtSize', label: 'shirtSize', type: 'string', custom: true });
  });
});
