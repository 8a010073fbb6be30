// What is particular to CharlieHR (the contract suite covers the rest): the
// `Token token=<client id>:<client secret>` header, meta.next_url in both forms (a query string or a
// path under /api/v1), `success: false` answers, the defensive reading of leavers (only an end_date
// that is sent), and notes as custom data.
import { CredentialsRejectedError, HrSystemResponseError } from '../../connectors/errors';
import { resolveNextUrl } from '../../connectors/charlie/connector';
import { charlie } from '../../connectors/charlie/definition';
import { FAKE_CHARLIE_CLIENT_ID, FAKE_CHARLIE_CLIENT_SECRET, NUMBER_OF_CHILDREN_NOTE_TYPE, startFakeCharlie, type RunningFakeCharlie } from '../../connectors/charlie/fake-server';
import { mapCharlieTeamMember, noteKey } from '../../connectors/charlie/mapping';
import type { ConnectorContext } from '../../connectors/types';
import { readAllPages } from '../support/connector-pages';

const noWait: ConnectorContext = { sleep: async () => undefined };
const today = '2026-12-01';

describe('CharlieHR team member mapping', () => {
  const map = (fields: Record<string, unknown>) => {
    const result = mapCharlieTeamMember({ id: 't1', first_name: 'Alex', last_name: 'Marlow', email: 'alex@example.com', ...fields }, new Map(), today);
    if (!result.ok) throw new Error(result.invalid.reason);
    return result.employee;
  };

  it('reads a leaving date only from an end_date that is sent, never from a missing field', () => {
    expect(map({ start_date: '2020-01-06', end_date: '2026-03-31' })).toMatchObject({ status: 'terminated', leavingDate: '2026-03-31', hireDate: '2020-01-06' });
    expect(map({ end_date: '2030-06-30' })).toMatchObject({ status: 'active', leavingDate: '2030-06-30' });
    expect(map({})).toMatchObject({ status: 'active', leavingDate: null, legalEntity: null });
  });

  it('reports an end date that is not a date, or a field of the wrong shape, as an invalid record', () => {
    expect(mapCharlieTeamMember({ id: 't1', end_date: 'last week' }, new Map(), today)).toEqual({ ok: false, invalid: { remoteId: 't1', reason: 'end_date "last week" is not a date' } });
    expect(mapCharlieTeamMember({ id: 't1', email: ['a@example.com'] }, new Map(), today)).toMatchObject({ ok: false });
    expect(mapCharlieTeamMember({ first_name: 'No id' }, new Map(), today)).toMatchObject({ ok: false, invalid: { remoteId: null } });
  });

  it('resolves next_url as a query string, a path under the base, a path under the host, or a URL', () => {
    const base = 'https://charliehr.com/api/v1';
    expect(resolveNextUrl('?page=2', base, '/team_members/')).toBe('https://charliehr.com/api/v1/team_members/?page=2');
    expect(resolveNextUrl('/team_members/?page=2', base, '/team_members/')).toBe('https://charliehr.com/api/v1/team_members/?page=2');
    expect(resolveNextUrl('/api/v1/team_members/?page=2', base, '/team_members/')).toBe('https://charliehr.com/api/v1/team_members/?page=2');
    expect(resolveNextUrl('https://charliehr.com/api/v1/team_members/?page=2', base, '/team_members/')).toBe('https://charliehr.com/api/v1/team_members/?page=2');
    expect(resolveNextUrl(null, base, '/team_members/')).toBeNull();
    expect(resolveNextUrl('', base, '/team_members/')).toBeNull();
  });
});

describe('CharlieHR connector against the fake CharlieHR', () => {
  let fake: RunningFakeCharlie;
  afterEach(async () => fake?.close());
  const connect = (clientSecret = FAKE_CHARLIE_CLIENT_SECRET) =>
    charlie.create(charlie.credentialsSchema.parse({ clientId: FAKE_CHARLIE_CLIENT_ID, clientSecret, baseUrl: fake.url }), noWait);

  it.each(['query', 'path'] as const)('follows meta.next_url written as a %s to the last page', async (nextUrlStyle) => {
    fake = await startFakeCharlie({ people: 30, perPage: 10, nextUrlStyle });
    const pages = await readAllPages(connect());
    expect(pages.map((p) => p.employees.length)).toEqual([10, 10, 10]);
    expect(fake.log.find({ path: '/api/v1/team_members/' }).map((e) => e.query.get('page'))).toEqual([null, '2', '3']);
  });

  it('sends the Token header with client id and secret, and shows CharlieHR’s refusal', async () => {
    fake = await startFakeCharlie({ people: 1 });
    await expect(connect().checkCredentials()).resolves.toBeUndefined();
    await expect(connect('wrong').checkCredentials()).rejects.toThrow(new CredentialsRejectedError('Charlie refused the credentials: Invalid API credentials', 'Charlie'));
    expect(charlie.credentialsSchema.safeParse({ clientId: 'id:with-colon', clientSecret: 's' }).success).toBe(false);
  });

  it('fails a page answered with success: false or without data, never reading it as empty', async () => {
    fake = await startFakeCharlie({ people: 3 });
    fake.faults.add({ kind: 'answer', path: '/api/v1/team_members/', response: { status: 200, body: { success: false, data: [], message: 'Something went wrong' } } });
    await expect(connect().fetchEmployeePage(null)).rejects.toBeInstanceOf(HrSystemResponseError);
    fake.faults.add({ kind: 'answer', path: '/api/v1/team_members/', response: { status: 404, body: { success: false, message: 'Not found' } } });
    await expect(connect().fetchEmployeePage(null)).rejects.toThrow('Charlie answered 404 for the team member list: Not found');
  });

  it('refuses a next_url pointing at another host', async () => {
    fake = await startFakeCharlie({ people: 3 });
    fake.faults.add({ kind: 'answer', path: '/api/v1/team_members/', response: { status: 200, body: { success: true, data: [], meta: { next_url: 'https://elsewhere.example/api/v1/team_members/?page=2' } } } });
    await expect(connect().fetchEmployeePage(null)).rejects.toThrow(/outside/);
  });

  it('offers note types as attributes and carries each team member’s notes, a new note type too', async () => {
    fake = await startFakeCharlie({ people: 4 });
    const connector = connect();
    const before = await connector.listAttributes();
    expect(before).toContainEqual({ key: noteKey(NUMBER_OF_CHILDREN_NOTE_TYPE), label: 'Number of children', type: 'number', custom: true });
    const typeId = fake.state.addNoteType('Kinder', 'Number');
    const first = [...fake.state.teamMembers.keys()][0];
    fake.state.setNote(first, typeId, 3);
    expect((await connector.listAttributes()).length).toBe(before.length + 1);
    const employees = (await readAllPages(connector)).flatMap((p) => p.employees);
    expect(employees.find((e) => e.remoteId === first)!.attributes).toMatchObject({ [noteKey(typeId)]: 3, [noteKey(NUMBER_OF_CHILDREN_NOTE_TYPE)]: 1 });
    expect(fake.log.count({ path: /\/notes$/ })).toBe(4);
  });

  it('reads no notes when the company has no note types', async () => {
    fake = await startFakeCharlie({ people: 3 });
    fake.faults.add({ kind: 'answer', path: '/api/v1/team_member_note_types/', response: { status: 200, body: { success: true, data: [], meta: { next_url: null } } } });
    expect((await readAllPages(connect())).flatMap((p) => p.employees)).toHaveLength(3);
    expect(fake.log.count({ path: /\/notes$/ })).toBe(0);
  });
});
