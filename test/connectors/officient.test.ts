// What is particular to Officient (the contract suite covers the rest): page numbers from 0 with
// include_archived=1 over { data, total_record_count }, a detail request per listed person with a
// bounded concurrency, one unreadable detail making one invalid record, archived people as leavers,
// civil_state / dependent_children / custom fields, and Officient's { status_code, reason_phrase } refusals.
import { CredentialsRejectedError } from '../../connectors/errors';
import { DETAIL_CONCURRENCY, mapBounded } from '../../connectors/officient/connector';
import { officient } from '../../connectors/officient/definition';
import { ALLERGIES_FIELD_ID, FAKE_OFFICIENT_ACCESS_TOKEN, SHIRT_SIZE_FIELD_ID, startFakeOfficient, type RunningFakeOfficient } from '../../connectors/officient/fake-server';
import { customFieldKey, mapOfficientPerson } from '../../connectors/officient/mapping';
import type { ConnectorContext } from '../../connectors/types';
import { readAllPages } from '../support/connector-pages';

const noWait: ConnectorContext = { sleep: async () => undefined };
const today = '2026-12-01';

describe('Officient person mapping', () => {
  const listed = (fields: Record<string, unknown> = {}) => ({ id: 264, name: 'Alex Marlow', email: 'alex@example.com', role_name: 'Chemist', archived: 0, ...fields });
  const detail = (fields: Record<string, unknown> = {}) => ({
    id: 264,
    first_name: 'Alex',
    last_name: 'Marlow',
    email: 'alex@example.com',
    employment: { first_employment_date: '2019-08-12', last_employment_date: null },
    ...fields,
  });
  const map = (entry: Record<string, unknown>, data: Record<string, unknown>) => {
    const result = mapOfficientPerson(listed(entry), detail(data), today);
    if (!result.ok) throw new Error(result.invalid.reason);
    return result.employee;
  };

  it('reads hire and leaving dates from employment; archived people have left', () => {
    expect(map({}, {})).toMatchObject({ remoteId: '264', hireDate: '2019-08-12', leavingDate: null, status: 'active' });
    expect(map({ archived: 1 }, { employment: { first_employment_date: '2019-08-12', last_employment_date: '2026-03-31' } })).toMatchObject({ leavingDate: '2026-03-31', status: 'terminated' });
    expect(map({ archived: 1 }, { employment: { first_employment_date: '2019-08-12', last_employment_date: null } })).toMatchObject({ leavingDate: null, status: 'inactive' });
    // Not archived yet, but the last employment date has passed.
    expect(map({}, { employment: { first_employment_date: '2019-08-12', last_employment_date: '2026-03-31' } })).toMatchObject({ status: 'terminated' });
    // A planned departure and a future start.
    expect(map({}, { employment: { first_employment_date: '2019-08-12', last_employment_date: '2030-06-30' } })).toMatchObject({ leavingDate: '2030-06-30', status: 'active' });
    expect(map({}, { employment: { first_employment_date: '2030-01-04', last_employment_date: null } })).toMatchObject({ status: 'onboarding' });
  });

  it('reports a leaving date that is not a date, a wrong shape or a detail of someone else as an invalid record', () => {
    expect(mapOfficientPerson(listed(), detail({ employment: { last_employment_date: 'soon' } }), today)).toMatchObject({ ok: false, invalid: { remoteId: '264' } });
    expect(mapOfficientPerson(listed(), detail({ employment: 'x' }), today)).toMatchObject({ ok: false, invalid: { remoteId: '264' } });
    expect(mapOfficientPerson(listed(), detail({ id: 265 }), today)).toMatchObject({ ok: false, invalid: { remoteId: '264' } });
    expect(mapOfficientPerson({ name: 'No id' }, undefined, today)).toMatchObject({ ok: false, invalid: { remoteId: null } });
  });

  it('reads civil_state, dependent_children, the payroll number, gender and custom fields', () => {
    const e = map(
      {},
      {
        civil_state: 'widow',
        dependent_children: 2,
        dependent_disabled_children: 1,
        linked_payroll_employee_number: 'OF-1',
        gender: 'female',
        team: { id: 4, name: 'R&D team' },
        custom_fields: [
          { custom_field_id: 109, custom_field_name: 'Allergies', type: 'email', value: 'Soy', value_name: null },
          { custom_field_id: 158, custom_field_name: 'Right handed', type: 'select_option', value: '215', value_name: 'yes' },
          { custom_field_id: 160, custom_field_name: 'Children', type: 'int', value: '3', value_name: null },
        ],
        national_number: '90.12.12-001.61',
        bank_account_iban: 'BE00 0000 0000 0000',
      },
    );
    expect(e).toMatchObject({ maritalStatus: 'widowed', numberOfChildren: 2, personnelNumber: 'OF-1', gender: 'female', employmentType: null, legalEntity: null });
    expect(e.attributes).toMatchObject({ 'team.name': 'R&D team', 'current_role.name': 'Chemist', dependent_disabled_children: 1, [customFieldKey(109)]: 'Soy', [customFieldKey(158)]: 'yes', [customFieldKey(160)]: 3 });
    // Identity and bank data are never carried.
    expect(Object.keys(e.attributes)).not.toEqual(expect.arrayContaining(['national_number']));
    expect(Object.keys(e.attributes)).not.toEqual(expect.arrayContaining(['bank_account_iban']));
    expect(map({}, { civil_state: 'cohabitant' }).maritalStatus).toBe('registered_partnership');
    expect(map({}, { civil_state: 'something else', dependent_children: -1 })).toMatchObject({ maritalStatus: null, numberOfChildren: null });
    expect(map({}, { linked_payroll_employee_number: '' }).personnelNumber).toBeNull();
  });
});

describe('Officient connector against the fake', () => {
  let fake: RunningFakeOfficient;
  const connect = (accessToken = FAKE_OFFICIENT_ACCESS_TOKEN) => officient.create({ accessToken, baseUrl: fake.url }, noWait);
  afterEach(async () => fake?.close());

  it('pages from 0 with include_archived=1 until the pages cover total_record_count, reading each person’s detail', async () => {
    fake = await startFakeOfficient({ people: 65 });
    const pages = await readAllPages(connect());
    expect(pages.map((p) => p.employees.length)).toEqual([30, 30, 5]);
    const lists = fake.log.find({ path: '/1.0/people/list' });
    expect(lists.map((r) => [r.query.get('page'), r.query.get('include_archived')])).toEqual([
      ['0', '1'],
      ['1', '1'],
      ['2', '1'],
    ]);
    expect(fake.log.find({ path: /^\/1\.0\/people\/\d+\/detail$/ })).toHaveLength(65);
    // Archived people (leavers) are listed, with their last employment date.
    const archived = [...fake.state.people].filter(([, p]) => p.archived === 1).map(([id]) => id);
    expect(archived.length).toBeGreaterThan(0);
    const byId = new Map(pages.flatMap((p) => p.employees).map((e) => [e.remoteId, e]));
    for (const id of archived) expect(byId.get(id)).toMatchObject({ status: 'terminated', leavingDate: expect.any(String) });
  });

  it('ends at an exact multiple of 30 without asking for an empty page', async () => {
    fake = await startFakeOfficient({ people: 60 });
    const pages = await readAllPages(connect());
    expect(pages).toHaveLength(2);
    expect(fake.log.count({ path: '/1.0/people/list' })).toBe(2);
  });

  it('goes on after a short page while total_record_count says more, and ends at a short page without a count', async () => {
    fake = await startFakeOfficient({ people: 45 });
    const short = { status: 200, body: { data: [{ id: 1001, name: 'x', archived: 0 }], total_record_count: 45 } };
    fake.faults.add({ kind: 'answer', path: '/1.0/people/list', response: short });
    const pages = await readAllPages(connect());
    expect(pages.map((p) => p.employees.length)).toEqual([1, 15]);
    fake.faults.add({ kind: 'answer', path: '/1.0/people/list', response: { status: 200, body: { data: [{ id: 1001, name: 'x', archived: 0 }] } } });
    expect((await connect().fetchEmployeePage(null)).nextCursor).toBeNull();
    // An answer without a data array fails the page; it is never read as an empty listing.
    fake.faults.add({ kind: 'answer', path: '/1.0/people/list', response: { status: 200, body: { total_record_count: 45 } } });
    await expect(connect().fetchEmployeePage(null)).rejects.toThrow('Officient answered the people list in an unexpected form');
  });

  it('the fake hides archived people without include_archived, as Officient does', async () => {
    fake = await startFakeOfficient({ people: 10 });
    const res = await fetch(`${fake.url}/1.0/people/list?page=0`, { headers: { authorization: `Bearer ${FAKE_OFFICIENT_ACCESS_TOKEN}` } });
    const body = (await res.json()) as { data: { archived: number }[]; total_record_count: number };
    expect(body.data.every((p) => p.archived === 0)).toBe(true);
    expect(body.total_record_count).toBeLessThan(10);
  });

  it('makes one invalid record of a person whose detail cannot be read, and retries a throttled detail', async () => {
    fake = await startFakeOfficient({ people: 12 });
    fake.faults.add({ kind: 'answer', path: '/1.0/people/1003/detail', response: { status: 400, body: { status_code: 400, reason_phrase: 'Employee not found or you have no access.' } } });
    const throttled = fake.faults.add({ kind: 'throttle', path: '/1.0/people/1005/detail', retryAfterSeconds: 1 });
    const [page] = await readAllPages(connect());
    expect(page.employees).toHaveLength(11);
    expect(page.invalid).toEqual([{ remoteId: '1003', reason: expect.stringContaining('Employee not found or you have no access.') }]);
    expect(throttled.hits).toBe(1);
    expect(page.employees.find((e) => e.remoteId === '1005')).toBeDefined();
  });

  it('offers Officient’s standard fields and the people custom fields, not other objects’ fields', async () => {
    fake = await startFakeOfficient({ people: 3 });
    const attributes = await connect().listAttributes();
    expect(attributes).toContainEqual({ key: customFieldKey(SHIRT_SIZE_FIELD_ID), label: 'T-shirt size', type: 'list', custom: true });
    expect(attributes).toContainEqual({ key: customFieldKey(ALLERGIES_FIELD_ID), label: 'Allergies', type: 'string', custom: true });
    expect(attributes.find((a) => a.key === customFieldKey(201))).toBeUndefined();
    expect(attributes).toContainEqual(expect.objectContaining({ key: 'dependent_children', custom: false }));
    const [page] = await readAllPages(connect());
    expect(page.employees[0].attributes[customFieldKey(SHIRT_SIZE_FIELD_ID)]).toMatch(/^[SML]$/);
  });

  it('refuses a wrong token with Officient’s reason, and a 403 saying the token may not read people', async () => {
    fake = await startFakeOfficient({ people: 1 });
    await expect(connect('wrong').checkCredentials()).rejects.toThrow(new CredentialsRejectedError('Officient refused the credentials: Invalid access token', 'Officient'));
    fake.faults.add({ kind: 'answer', path: '/1.0/people/list', response: { status: 403, body: { status_code: 403, reason_phrase: 'Forbidden' } } });
    await expect(connect().checkCredentials()).rejects.toThrow('Officient refused the credentials: Forbidden (the access token may not read people)');
  });

  it('keeps at most DETAIL_CONCURRENCY detail requests in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const out = await mapBounded(
      Array.from({ length: 30 }, (_, i) => i),
      DETAIL_CONCURRENCY,
      async (i) => {
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 2));
        inFlight--;
        return i * 2;
      },
    );
    expect(most).toBe(DETAIL_CONCURRENCY);
    expect(out).toEqual(Array.from({ length: 30 }, (_, i) => i * 2));
  });
});
