// What is particular to Deel (the contract suite covers the rest): three passes over GET /people
// (hiring_statuses[] onboarding, active, inactive: inactive people are listed only when asked for),
// the leaving date from completion_date or the ended employment's, the work e-mail among `emails`,
// { data, page } offset paging, Deel's error shape, and its 5 requests per rolling second without
// rate-limit headers.
import { CredentialsRejectedError, HrSystemResponseError } from '../../connectors/errors';
import { deel } from '../../connectors/deel/definition';
import { FAKE_DEEL_API_TOKEN, NUMBER_OF_CHILDREN_FIELD_ID, SHIRT_SIZE_FIELD_ID, startFakeDeel, type RunningFakeDeel } from '../../connectors/deel/fake-server';
import { customFieldKey, mapDeelPerson } from '../../connectors/deel/mapping';
import type { ConnectorContext } from '../../connectors/types';
import { readAllPages } from '../support/connector-pages';

const noWait: ConnectorContext = { sleep: async () => undefined };
const today = '2026-12-01';

describe('Deel person mapping', () => {
  const person = (fields: Record<string, unknown>) => ({ id: 'p1', first_name: 'Alex', last_name: 'Marlow', emails: [{ type: 'work', value: 'alex@example.com', primary: true }], ...fields });
  const map = (fields: Record<string, unknown>) => {
    const result = mapDeelPerson(person(fields), today);
    if (!result.ok) throw new Error(result.invalid.reason);
    return result.employee;
  };

  it('takes the leaving date from completion_date, else from the ended employments once none runs', () => {
    expect(map({ hiring_status: 'inactive', completion_date: '2026-03-31T00:00:00.000Z' })).toMatchObject({ leavingDate: '2026-03-31', status: 'terminated' });
    const ended = (completion_date: string) => ({ is_ended: true, completion_date });
    expect(map({ hiring_status: 'inactive', completion_date: null, employments: [ended('2024-01-31T00:00:00.000Z'), ended('2026-02-28T00:00:00.000Z')] })).toMatchObject({ leavingDate: '2026-02-28', status: 'terminated' });
    // A rehire: one employment ended, another runs → not leaving.
    expect(map({ hiring_status: 'active', employments: [ended('2024-01-31T00:00:00.000Z'), { is_ended: false, completion_date: null }] })).toMatchObject({ leavingDate: null, status: 'active' });
    expect(map({ hiring_status: 'inactive', employments: [] })).toMatchObject({ leavingDate: null, status: 'inactive' });
    // A planned departure: still active, with its date.
    expect(map({ hiring_status: 'active', completion_date: '2030-06-30T00:00:00.000Z' })).toMatchObject({ leavingDate: '2030-06-30', status: 'active' });
  });

  it('reads the work e-mail only, onboarding, start_date, contractors and the legal entity', () => {
    const emails = [{ type: 'personal', value: 'alex@mail.example.net' }, { type: 'work', value: 'old@example.com' }, { type: 'work', value: 'alex@example.com', primary: true }];
    expect(map({ emails, hiring_status: 'onboarding', start_date: '2030-01-04', hiring_type: 'contractor', client_legal_entity: { id: 'le1', name: 'Example GmbH' } })).toMatchObject({
      email: 'alex@example.com',
      status: 'onboarding',
      hireDate: '2030-01-04',
      employmentType: 'CONTRACTOR',
      legalEntity: { id: 'le1', name: 'Example GmbH' },
      personnelNumber: null,
    });
    expect(map({ emails: [{ type: 'personal', value: 'alex@mail.example.net' }], hiring_type: 'eor' })).toMatchObject({ email: null, employmentType: null, legalEntity: null });
    expect(map({ hiring_status: 'somethingNew', completion_date: '2025-01-15' }).status).toBe('terminated');
  });

  it('reports a completion date that is not a date, or a field of the wrong shape, as an invalid record', () => {
    expect(mapDeelPerson(person({ completion_date: 'soon' }), today)).toEqual({ ok: false, invalid: { remoteId: 'p1', reason: 'completion_date "soon" is not a date' } });
    expect(mapDeelPerson(person({ hiring_status: { value: 'active' } }), today)).toMatchObject({ ok: false, invalid: { remoteId: 'p1' } });
    expect(mapDeelPerson(person({ emails: 'alex@example.com' }), today)).toMatchObject({ ok: false, invalid: { remoteId: 'p1' } });
    expect(mapDeelPerson({ first_name: 'No id' }, today)).toMatchObject({ ok: false, invalid: { remoteId: null } });
  });
});

describe('Deel connector against the fake Deel', () => {
  let fake: RunningFakeDeel;
  afterEach(async () => fake?.close());
  const connect = (apiToken = FAKE_DEEL_API_TOKEN, context: ConnectorContext = noWait) => deel.create(deel.credentialsSchema.parse({ apiToken, baseUrl: fake.url }), context);

  it('lists onboarding, active and inactive people in three passes with limit=200, each to its last page', async () => {
    fake = await startFakeDeel({ people: 450, rateLimit: null });
    const id = fake.state.addPerson({ first_name: 'Nova', last_name: 'Example', emails: [{ type: 'work', value: 'nova@example.com', primary: true }], hiring_status: 'onboarding', start_date: '2031-01-05' });
    const leaver = [...fake.state.people.keys()][1];
    fake.state.offboardPerson(leaver, '2026-01-15', { onlyOnEmployment: true });
    const pages = await readAllPages(connect());
    const asked = fake.log.find({ path: '/rest/v2/people' }).map((e) => [e.query.getAll('hiring_statuses[]').join(','), e.query.get('limit'), e.query.get('offset')]);
    expect(asked).toEqual([
      ['onboarding', '200', '0'],
      ['active', '200', '0'],
      ['active', '200', '200'],
      ['inactive', '200', '0'],
    ]);
    expect(pages).toHaveLength(4);
    expect(pages.at(-1)!.nextCursor).toBeNull();
    const employees = pages.flatMap((p) => p.employees);
    expect(employees).toHaveLength(451);
    expect(new Set(employees.map((e) => e.remoteId)).size).toBe(451);
    expect(employees.find((e) => e.remoteId === id)).toMatchObject({ status: 'onboarding', hireDate: '2031-01-05', leavingDate: null });
    expect(employees.find((e) => e.remoteId === leaver)).toMatchObject({ status: 'terminated', leavingDate: '2026-01-15' });
    expect(employees.filter((e) => e.status === 'terminated').length).toBeGreaterThan(80);
  });

  it('goes on when Deel serves fewer than asked, and refuses an answer for another offset or another hiring status', async () => {
    fake = await startFakeDeel({ people: 45, maxLimit: 20, rateLimit: null });
    const pages = await readAllPages(connect());
    expect(pages.flatMap((p) => p.employees)).toHaveLength(45);
    expect(fake.log.find({ path: '/rest/v2/people' }).filter((e) => e.query.get('hiring_statuses[]') === 'active').map((e) => e.query.get('offset'))).toEqual(['0', '20']);

    fake.faults.add({ kind: 'answer', path: '/rest/v2/people', response: { status: 200, body: { data: [], page: { total_rows: 45, items_per_page: 20, offset: 0 } } }, after: 2 });
    const connector = connect();
    const first = await connector.fetchEmployeePage(null);
    const second = await connector.fetchEmployeePage(first.nextCursor);
    await expect(connector.fetchEmployeePage(second.nextCursor)).rejects.toBeInstanceOf(HrSystemResponseError);

    // An answer that ignored the filter (inactive asked, active people listed) fails the page.
    const active = [...fake.state.people.values()].find((p) => p.hiring_status === 'active')!;
    fake.faults.add({ kind: 'answer', path: '/rest/v2/people', response: { status: 200, body: { data: [active], page: { total_rows: 1, items_per_page: 200, offset: 0 } } } });
    await expect(connect().fetchEmployeePage('inactive:0')).rejects.toBeInstanceOf(HrSystemResponseError);
  });

  it('refuses a wrong token and a token without access with Deel’s reason', async () => {
    fake = await startFakeDeel({ people: 3, rateLimit: null });
    await expect(connect('nope').checkCredentials()).rejects.toThrow(new CredentialsRejectedError('Deel refused the credentials: Invalid token', 'Deel'));
    const forbidden = { request: { method: 'GET', url: '/rest/v2/people?limit=1', status: 403, api_req_id: 'x', docs: 'https://developer.deel.com', source: 'API', code: 'FORBIDDEN' }, errors: [{ message: 'Insufficient scope' }] };
    fake.faults.add({ kind: 'answer', response: { status: 403, body: forbidden } });
    const refused = await connect()
      .checkCredentials()
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CredentialsRejectedError);
    expect((refused as Error).message).toBe('Deel refused the credentials: Insufficient scope (the API token needs read access to people and organization data)');
  });

  it('throttles at 5 requests per rolling second with a bare 429, which the connector waits out', async () => {
    fake = await startFakeDeel({ people: 12, maxLimit: 5 });
    const waits: number[] = [];
    const realWait: ConnectorContext = { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, (waits.push(ms), ms))) };
    const employees = (await readAllPages(connect(FAKE_DEEL_API_TOKEN, realWait))).flatMap((p) => p.employees);
    expect(employees).toHaveLength(12);
    expect(employees.filter((e) => e.attributes[customFieldKey(NUMBER_OF_CHILDREN_FIELD_ID)] !== undefined)).toHaveLength(12);
    const throttled = fake.log.find({ status: 429 });
    expect(throttled.length).toBeGreaterThan(0);
    expect(waits.length).toBe(throttled.length);
    // Deel's 429 carries its error body and no rate-limit header at all.
    const answers = await Promise.all(Array.from({ length: 6 }, () => fetch(`${fake.url}/rest/v2/people?limit=1`, { headers: { authorization: `Bearer ${FAKE_DEEL_API_TOKEN}` } })));
    const refused = answers.find((r) => r.status === 429)!;
    for (const header of ['retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'ratelimit', 'ratelimit-reset']) expect(refused.headers.get(header)).toBeNull();
    expect(await refused.json()).toMatchObject({ request: { status: 429 }, errors: [{ message: expect.any(String) }] });
  });

  it('offers the custom fields, one created later too, and carries their values per person', async () => {
    fake = await startFakeDeel({ people: 4, rateLimit: null });
    const connector = connect();
    const before = await connector.listAttributes();
    expect(before).toContainEqual({ key: customFieldKey(SHIRT_SIZE_FIELD_ID), label: 'T-shirt size', type: 'list', custom: true });
    const fieldId = fake.state.addCustomField('Kinder', 'number');
    const firstId = [...fake.state.people.keys()][0];
    fake.state.setCustomValue(firstId, fieldId, 2);
    const after = await connector.listAttributes();
    expect(after.length).toBe(before.length + 1);
    expect(after).toContainEqual({ key: customFieldKey(fieldId), label: 'Kinder', type: 'number', custom: true });
    const employees = (await readAllPages(connector)).flatMap((p) => p.employees);
    const first = employees.find((e) => e.remoteId === firstId)!;
    expect(first.attributes[customFieldKey(fieldId)]).toBe(2);
    expect(first.attributes[customFieldKey(SHIRT_SIZE_FIELD_ID)]).toBe('M');
    expect(fake.log.count({ path: /^\/rest\/v2\/people\/[^/]+\/custom_fields$/ })).toBe(4);
    // A person whose custom fields cannot be read fails the page (never a person without values).
    fake.faults.add({ kind: 'answer', path: /\/custom_fields$/, response: { status: 200, body: { nope: true } }, after: 1 });
    await expect(readAllPages(connect())).rejects.toBeInstanceOf(HrSystemResponseError);
  });

  it('offers the legal entities and the standard attributes', async () => {
    fake = await startFakeDeel({ people: 3, rateLimit: null });
    const connector = connect();
    expect((await connector.listLegalEntities()).map((e) => e.name).sort()).toEqual(['Example GmbH', 'Example Inc', 'Example Ltd']);
    const attributes = await connector.listAttributes();
    expect(attributes).toContainEqual({ key: 'hiring_type', label: 'Hiring type', type: 'list', custom: false });
    const employees = (await readAllPages(connector)).flatMap((p) => p.employees);
    expect(employees).toHaveLength(3);
    expect(employees.every((e) => e.legalEntity !== null)).toBe(true);
  });
});
