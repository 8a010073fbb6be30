// What is particular to Remote (the contract suite covers the rest): the two listing passes (Remote's
// list hides deleted employments), page_size=100 over { data: { employments, current_page,
// total_pages } }, leaving dates from GET /v1/offboardings (read once per listing, confidential ones
// included, withdrawn ones ignored), statuses, the API token as an alternative to client credentials,
// the token request (Basic client authentication), and Remote's refusal reasons.
import { CredentialsRejectedError, HrSystemResponseError } from '../../connectors/errors';
import { remote } from '../../connectors/remote/definition';
import { FAKE_REMOTE_API_TOKEN, FAKE_REMOTE_CLIENT_ID, FAKE_REMOTE_CLIENT_SECRET, NUMBER_OF_CHILDREN_FIELD_ID, startFakeRemote, type RunningFakeRemote } from '../../connectors/remote/fake-server';
import { customFieldKey, leavingDateOf, mapRemoteEmployment, pickOffboarding, statusOf } from '../../connectors/remote/mapping';
import type { ConnectorContext } from '../../connectors/types';
import { readAllPages } from '../support/connector-pages';

const noWait: ConnectorContext = { sleep: async () => undefined };
const today = '2026-12-01';

describe('Remote employment mapping', () => {
  const parts = (listed: Record<string, unknown>, details: Record<string, unknown> | null = null, offboarding: Record<string, unknown> | null = null) => ({
    listed: { id: 'e1', full_name: 'Alex Van Marlow', personal_email: 'alex@mail.example.net', status: 'active', type: 'employee', ...listed },
    details,
    offboarding,
    customValues: new Map(),
    companies: new Map([['co1', 'Example GmbH']]),
  });
  const map = (...args: Parameters<typeof parts>) => {
    const result = mapRemoteEmployment(parts(...args), today);
    if (!result.ok) throw new Error(result.invalid.reason);
    return result.employee;
  };

  it('takes names and the work e-mail from the details, the login e-mail and a split full name otherwise', () => {
    expect(map({}, { company_id: 'co1', basic_information: { name: 'Alex Van Marlow', work_email: 'alex@example.com', provisional_start_date: '2021-03-01' } })).toMatchObject({
      firstName: 'Alex Van',
      lastName: 'Marlow',
      email: 'alex@example.com',
      hireDate: '2021-03-01',
      legalEntity: { id: 'co1', name: 'Example GmbH' },
    });
    expect(map({ full_name: 'Cher' })).toMatchObject({ firstName: 'Cher', lastName: null, email: 'alex@mail.example.net', legalEntity: null });
  });

  it('reads statuses: set-up ones as onboarding, archived and deleted as terminated with a leaving date', () => {
    expect(statusOf('invited', 'employee_self_enrollment', null, today)).toBe('onboarding');
    expect(statusOf('archived', 'offboarded', '2025-03-15', today)).toBe('terminated');
    expect(statusOf('deleted', null, null, today)).toBe('inactive');
    expect(statusOf('active', 'onboarded', '2030-06-30', today)).toBe('active');
    expect(statusOf('somethingNew', null, '2025-01-15', today)).toBe('terminated');
    expect(statusOf('somethingNew', null, null, today)).toBeNull();
    expect(map({ type: 'contractor' }).employmentType).toBe('CONTRACTOR');
    expect(map({ type: 'employee' }).employmentType).toBeNull();
  });

  it('takes the leaving date from the termination date, else the proposed date, and never from a canceled offboarding', () => {
    expect(leavingDateOf({ termination_date: '2025-03-15', proposed_termination_date: '2025-03-01' })).toBe('2025-03-15');
    expect(leavingDateOf({ termination_date: null, proposed_termination_date: '2030-06-30' })).toBe('2030-06-30');
    expect(leavingDateOf({ type: 'resignation', termination_date: null, proposed_last_working_day: '2030-01-31' })).toBe('2030-01-31');
    expect(pickOffboarding([{ status: 'canceled', proposed_termination_date: '2026-01-31' }])).toBeNull();
    expect(pickOffboarding([{ id: 'a', status: 'in_review', submitted_at: '2026-02-01' }, { id: 'b', status: 'done', submitted_at: '2025-01-01' }])).toMatchObject({ id: 'b' });
  });

  it('reports a leaving date that is not a date, and a record without an id, as invalid records', () => {
    expect(mapRemoteEmployment(parts({}, null, { termination_date: 'soon' }), today)).toEqual({ ok: false, invalid: { remoteId: 'e1', reason: 'termination_date "soon" is not a date' } });
    expect(mapRemoteEmployment({ ...parts({}), listed: { full_name: 'No Id' } }, today)).toMatchObject({ ok: false, invalid: { remoteId: null } });
    expect(mapRemoteEmployment(parts({ status: { value: 'active' } }), today)).toMatchObject({ ok: false, invalid: { remoteId: 'e1' } });
  });
});

describe('Remote connector against the fake Remote', () => {
  let fake: RunningFakeRemote;
  afterEach(async () => fake?.close());
  const clientCredentials = (clientSecret = FAKE_REMOTE_CLIENT_SECRET) => remote.create(remote.credentialsSchema.parse({ clientId: FAKE_REMOTE_CLIENT_ID, clientSecret, baseUrl: fake.url }), noWait);
  const withToken = (apiToken = FAKE_REMOTE_API_TOKEN) => remote.create(remote.credentialsSchema.parse({ apiToken, baseUrl: fake.url }), noWait);

  it('needs either an API token or a client id and secret', () => {
    expect(remote.credentialsSchema.safeParse({ clientId: 'x' }).success).toBe(false);
    expect(remote.credentialsSchema.safeParse({ apiToken: 'ra_live_x' }).success).toBe(true);
    expect(remote.credentialsSchema.safeParse({ clientId: 'x', clientSecret: 'y' }).success).toBe(true);
  });

  it('pages with page_size=100, then lists the deleted employments, and reads the offboardings once', async () => {
    fake = await startFakeRemote({ people: 130 });
    const pages = await readAllPages(withToken());
    expect(fake.log.find({ path: '/v1/employments' }).map((e) => [e.query.get('page'), e.query.get('page_size'), e.query.get('status')])).toEqual([
      ['1', '100', null],
      ['2', '100', null],
      ['1', '100', 'deleted'],
    ]);
    expect(pages.map((p) => p.nextCursor)).toEqual(['all:2', 'deleted:1', null]);
    const employees = pages.flatMap((p) => p.employees);
    expect(employees).toHaveLength(130);
    const deleted = [...fake.state.employments.values()].filter((e) => e.status === 'deleted').map((e) => e.id);
    expect(deleted.length).toBeGreaterThan(0);
    for (const id of deleted) expect(employees.find((e) => e.remoteId === id)).toMatchObject({ status: 'terminated', leavingDate: expect.any(String) });
    // One pass over the offboardings per listing, confidential ones asked for.
    const offboardingReads = fake.log.find({ path: '/v1/offboardings' });
    expect(offboardingReads.length).toBeGreaterThan(0);
    expect(offboardingReads.every((e) => e.query.get('include_confidential') === 'true' && e.query.get('employment_id') === null)).toBe(true);
    expect(new Set(offboardingReads.map((e) => e.query.get('page'))).size).toBe(offboardingReads.length);
    // A confidential leaver has their date; a withdrawn termination leaves someone active.
    const confidential = fake.state.offboardings.find((o) => o.confidential === true && o.status === 'done')!;
    expect(employees.find((e) => e.remoteId === confidential.employment_id)).toMatchObject({ status: 'terminated', leavingDate: confidential.termination_date });
    const withdrawn = fake.state.offboardings.find((o) => o.status === 'canceled')!;
    expect(employees.find((e) => e.remoteId === withdrawn.employment_id)).toMatchObject({ leavingDate: null });
  });

  it('follows a new offboarding and a new hire at the next listing', async () => {
    fake = await startFakeRemote({ people: 6 });
    const connector = withToken();
    const first = (await readAllPages(connector)).flatMap((p) => p.employees);
    const someone = first.find((e) => e.status === 'active' && e.leavingDate === null)!;
    fake.state.offboard(someone.remoteId, { type: 'resignation', status: 'submitted', proposed_last_working_day: '2031-01-31', confidential: true });
    const hire = fake.state.addEmployment({ full_name: 'Nova Example', personal_email: 'nova@mail.example.net', status: 'invited', provisional_start_date: '2031-02-01', basic_information: { name: 'Nova Example', email: 'nova@mail.example.net', provisional_start_date: '2031-02-01' } });
    const second = (await readAllPages(connector)).flatMap((p) => p.employees);
    expect(second.find((e) => e.remoteId === someone.remoteId)).toMatchObject({ leavingDate: '2031-01-31', status: 'active' });
    expect(second.find((e) => e.remoteId === hire)).toMatchObject({ status: 'onboarding', hireDate: '2031-02-01', firstName: 'Nova', lastName: 'Example' });
  });

  it('refuses an answer for another page than asked', async () => {
    fake = await startFakeRemote({ people: 30, maxPageSize: 10 });
    fake.faults.add({ kind: 'answer', path: '/v1/employments', after: 1, response: { status: 200, body: { data: { employments: [], current_page: 1, total_pages: 3, total_count: 30 } } } });
    const connector = withToken();
    const first = await connector.fetchEmployeePage(null);
    expect(first.nextCursor).toBe('all:2');
    await expect(connector.fetchEmployeePage(first.nextCursor)).rejects.toBeInstanceOf(HrSystemResponseError);
  });

  it('asks for a token with Basic client authentication and grant_type=client_credentials', async () => {
    fake = await startFakeRemote({ people: 2 });
    await clientCredentials().checkCredentials();
    expect(fake.log.count({ path: '/auth/oauth2/token', status: 200 })).toBe(1);
    expect(fake.state.tokens.issuedCount).toBe(1);
  });

  it('refuses a wrong API token, a wrong client secret and a token without read access with Remote’s reason', async () => {
    fake = await startFakeRemote({ people: 2 });
    await expect(withToken('ra_test_revoked').checkCredentials()).rejects.toThrow(
      new CredentialsRejectedError('Remote refused the credentials: Unauthorized (check the API token; ra_test_ tokens work only in the sandbox, ra_live_ tokens only in production)', 'Remote'),
    );
    const wrongSecret = await clientCredentials('nope')
      .checkCredentials()
      .catch((e: unknown) => e);
    expect(wrongSecret).toBeInstanceOf(CredentialsRejectedError);
    expect((wrongSecret as Error).message).toMatch(/^Remote refused the credentials: Unauthorized \(check the client id and client secret/);
    fake.faults.add({ kind: 'answer', path: '/v1/employments', response: { status: 403, body: { message: 'Forbidden' } } });
    const forbidden = await withToken()
      .checkCredentials()
      .catch((e: unknown) => e);
    expect(forbidden).toBeInstanceOf(CredentialsRejectedError);
    expect((forbidden as Error).message).toContain('employment.read');
  });

  it('offers custom fields, one created later too, and the companies as legal entities', async () => {
    fake = await startFakeRemote({ people: 4 });
    const connector = withToken();
    const before = await connector.listAttributes();
    expect(before).toContainEqual(expect.objectContaining({ key: customFieldKey(NUMBER_OF_CHILDREN_FIELD_ID), type: 'number', custom: true }));
    const fieldId = fake.state.addCustomField('Kinder', 'integer');
    const firstId = [...fake.state.employments.keys()][0];
    fake.state.setCustomValue(firstId, fieldId, 2);
    const after = await connector.listAttributes();
    expect(after.length).toBe(before.length + 1);
    const page = await connector.fetchEmployeePage(null);
    expect(page.employees.find((e) => e.remoteId === firstId)!.attributes[customFieldKey(fieldId)]).toBe(2);
    expect((await connector.listLegalEntities()).map((c) => c.name).sort()).toEqual(['Example GmbH', 'Example Ltd']);
    expect(page.employees.every((e) => e.legalEntity !== null && e.legalEntity !== undefined)).toBe(true);
  });
});
