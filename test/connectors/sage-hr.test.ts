// What is particular to Sage HR (the contract suite covers the rest): the two lists walked in one
// listing (active, then terminated), leavers and planned leavers on either list, the meta envelope
// checks, per-employee custom fields, the subdomain credential and Sage HR's refusal reasons.
import { CredentialsRejectedError, HrSystemResponseError } from '../../connectors/errors';
import { parseCursor } from '../../connectors/sage-hr/connector';
import { sageHr, sageHrCredentials } from '../../connectors/sage-hr/definition';
import { FAKE_SAGE_HR_API_KEY, HOBBY_FIELD_ID, LANGUAGES_FIELD_ID, NUMBER_OF_CHILDREN_FIELD_ID, startFakeSageHr, type RunningFakeSageHr } from '../../connectors/sage-hr/fake-server';
import { customFieldKey, customFieldType, mapSageHrEmployee } from '../../connectors/sage-hr/mapping';
import type { ConnectorContext } from '../../connectors/types';
import { readAllPages } from '../support/connector-pages';

const noWait: ConnectorContext = { sleep: async () => undefined };
const today = '2026-12-01';

describe('Sage HR employee mapping', () => {
  const employee = (fields: Record<string, unknown>) => ({ id: 19, first_name: 'John', last_name: 'Doe', email: 'john@example.com', ...fields });
  const map = (fields: Record<string, unknown>, list: 'active' | 'terminated' = 'active') => {
    const result = mapSageHrEmployee(employee(fields), list, new Map(), today);
    if (!result.ok) throw new Error(result.invalid.reason);
    return result.employee;
  };

  it('reads leavers from either list: the terminated list, and an active record carrying a termination date', () => {
    expect(map({ termination_date: '2025-05-28' }, 'terminated')).toMatchObject({ remoteId: '19', leavingDate: '2025-05-28', status: 'terminated' });
    // Listed as terminated with a date still ahead: a planned leaver, employed until then.
    expect(map({ termination_date: '2030-06-30' }, 'terminated')).toMatchObject({ leavingDate: '2030-06-30', status: 'active' });
    expect(map({ termination_date: '2030-06-30' })).toMatchObject({ leavingDate: '2030-06-30', status: 'active' });
    expect(map({ termination_date: '2026-11-30' })).toMatchObject({ leavingDate: '2026-11-30', status: 'terminated' });
    // On the terminated list without a date: left, date unknown.
    expect(map({ termination_date: null }, 'terminated')).toMatchObject({ leavingDate: null, status: 'terminated' });
    expect(map({})).toMatchObject({ leavingDate: null, status: 'active' });
  });

  it('reads employment_status, gender, employee_number and employment_start_date', () => {
    expect(map({ employment_status: 'Full-time', gender: 'Male', employee_number: 'A01', employment_start_date: '2014-08-25' })).toMatchObject({
      employmentType: 'FULL_TIME',
      gender: 'male',
      personnelNumber: 'A01',
      hireDate: '2014-08-25',
      legalEntity: null,
    });
    expect(map({ employment_status: 'Part-time' }).employmentType).toBe('PART_TIME');
    expect(map({ employment_status: null, gender: null })).toMatchObject({ employmentType: null, gender: null });
    expect(map({ team: 'Sage HR', team_id: 1 }, 'terminated').attributes).toMatchObject({ team: 'Sage HR', team_id: 1, sage_hr_list: 'terminated' });
  });

  it('reports a termination date that is not a date, or a record without id, as invalid', () => {
    expect(mapSageHrEmployee(employee({ termination_date: 'soon' }), 'terminated', new Map(), today)).toEqual({ ok: false, invalid: { remoteId: '19', reason: 'termination_date "soon" is not a date' } });
    expect(mapSageHrEmployee({ first_name: 'No id' }, 'active', new Map(), today)).toMatchObject({ ok: false, invalid: { remoteId: null } });
    expect(mapSageHrEmployee(employee({ email: { work: 'x' } }), 'active', new Map(), today)).toMatchObject({ ok: false, invalid: { remoteId: '19' } });
  });

  it('reads custom field types by name', () => {
    expect(customFieldType('CustomDropdownField')).toBe('list');
    expect(customFieldType('CustomTags')).toBe('list');
    expect(customFieldType('CustomDateField')).toBe('date');
    expect(customFieldType('CustomTextField')).toBe('string');
    expect(customFieldType(undefined)).toBe('string');
  });
});

describe('Sage HR credentials and cursor', () => {
  it('takes the subdomain, also as pasted with .sage.hr', () => {
    expect(sageHrCredentials.parse({ subdomain: 'Acme', apiKey: 'k' }).subdomain).toBe('acme');
    expect(sageHrCredentials.parse({ subdomain: 'https://acme.sage.hr/', apiKey: 'k' }).subdomain).toBe('acme');
    expect(sageHrCredentials.safeParse({ subdomain: 'acme corp', apiKey: 'k' }).success).toBe(false);
    expect(sageHrCredentials.safeParse({ subdomain: 'acme', apiKey: ' ' }).success).toBe(false);
  });

  it('walks the active list, then the terminated list', () => {
    expect(parseCursor(null)).toEqual({ list: 'active', page: 1 });
    expect(parseCursor('terminated:3')).toEqual({ list: 'terminated', page: 3 });
    expect(() => parseCursor('3')).toThrow(/Not a Sage HR listing cursor/);
    expect(() => parseCursor('terminated:0')).toThrow();
  });
});

describe('Sage HR connector against the fake Sage HR', () => {
  let fake: RunningFakeSageHr;
  const connect = (apiKey = FAKE_SAGE_HR_API_KEY) => sageHr.create(sageHr.credentialsSchema.parse({ subdomain: 'example', apiKey, baseUrl: fake.url }), noWait);

  beforeEach(async () => {
    fake = await startFakeSageHr({ people: 45, perPage: 10 });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('sends the key as X-Auth-Token and pages /employees, then /terminated-employees, by page number only', async () => {
    const pages = await readAllPages(connect());
    const active = fake.log.find({ path: '/api/employees' });
    const terminated = fake.log.find({ path: '/api/terminated-employees' });
    expect(active.map((e) => e.query.get('page'))).toEqual(['1', '2', '3', '4']);
    expect(terminated.map((e) => e.query.get('page'))).toEqual(['1', '2']);
    for (const entry of [...active, ...terminated]) expect(entry.query.has('per_page')).toBe(false);
    expect(pages.map((p) => p.nextCursor)).toEqual(['active:2', 'active:3', 'active:4', 'terminated:1', 'terminated:2', null]);
    const ids = pages.flatMap((p) => p.employees.map((e) => e.remoteId));
    expect(new Set(ids).size).toBe(45);
  });

  it('keeps a leaver who moves to the terminated list, and one terminated ahead of time on the active list', async () => {
    fake.state.terminateEmployee('1', '2026-01-31', true);
    fake.state.terminateEmployee('2', '2031-03-31', false);
    const employees = new Map((await readAllPages(connect())).flatMap((p) => p.employees).map((e) => [e.remoteId, e]));
    expect(employees.get('1')).toMatchObject({ status: 'terminated', leavingDate: '2026-01-31', attributes: expect.objectContaining({ sage_hr_list: 'terminated' }) });
    expect(employees.get('2')).toMatchObject({ status: 'active', leavingDate: '2031-03-31', attributes: expect.objectContaining({ sage_hr_list: 'active' }) });
  });

  it('reads every employee’s custom fields: values, tag lists joined, offered as attributes from one employee', async () => {
    fake.state.setCustomValue('3', NUMBER_OF_CHILDREN_FIELD_ID, '2');
    const connector = connect();
    const attributes = await connector.listAttributes();
    expect(attributes).toEqual(expect.arrayContaining([
      { key: customFieldKey(String(NUMBER_OF_CHILDREN_FIELD_ID)), label: 'Number of children', type: 'list', custom: true },
      { key: customFieldKey(String(LANGUAGES_FIELD_ID)), label: 'Languages', type: 'list', custom: true },
      { key: customFieldKey(String(HOBBY_FIELD_ID)), label: 'Hobby', type: 'string', custom: true },
    ]));
    expect(fake.log.count({ path: /\/custom-fields$/ })).toBe(1);
    const employees = new Map((await readAllPages(connector)).flatMap((p) => p.employees).map((e) => [e.remoteId, e]));
    expect(employees.get('3')!.attributes).toMatchObject({ [customFieldKey(String(NUMBER_OF_CHILDREN_FIELD_ID))]: '2', [customFieldKey(String(LANGUAGES_FIELD_ID))]: 'English' });
    expect(employees.get('4')!.attributes[customFieldKey(String(LANGUAGES_FIELD_ID))]).toBe('English, German');
    // One custom-fields request per employee of the listing (plus the one for the attributes).
    expect(fake.log.count({ path: /\/custom-fields$/ })).toBe(46);
  });

  it('refuses a wrong key with Sage HR’s reason, and says to check the subdomain on a 404', async () => {
    const refused = await connect('wrong-key').checkCredentials().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CredentialsRejectedError);
    expect((refused as Error).message).toBe('Sage HR refused the credentials: Invalid API token');
    fake.faults.add({ kind: 'answer', path: '/api/employees', response: { status: 403, body: null } });
    const forbidden = await connect().checkCredentials().catch((e: unknown) => e);
    expect((forbidden as Error).message).toMatch(/^Sage HR refused the credentials: the API key is not valid/);
    fake.faults.add({ kind: 'answer', path: '/api/employees', response: { status: 404, body: { error_code: 'not_found', errors: [] } } });
    const missing = await connect().checkCredentials().catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(HrSystemResponseError);
    expect((missing as Error).message).toMatch(/check the Sage HR subdomain/);
  });

  it('refuses pages whose meta contradicts the page asked for, never ending the listing early', async () => {
    const answer = (meta: unknown) => ({ status: 200, body: { data: [{ id: 1, email: 'a@example.com' }], meta } });
    fake.faults.add({ kind: 'answer', path: '/api/employees', response: answer({ current_page: 2, next_page: 3, total_pages: 3 }) });
    await expect(connect().fetchEmployeePage(null)).rejects.toThrow(/unexpected form/);
    fake.faults.add({ kind: 'answer', path: '/api/employees', response: answer({ current_page: 1, next_page: null, total_pages: 3 }) });
    await expect(connect().fetchEmployeePage(null)).rejects.toThrow(/unexpected form/);
    fake.faults.add({ kind: 'answer', path: '/api/employees', response: answer({ current_page: 1, next_page: 5 }) });
    await expect(connect().fetchEmployeePage(null)).rejects.toThrow(/unexpected form/);
    fake.faults.add({ kind: 'answer', path: '/api/employees', response: { status: 200, body: { meta: {} } } });
    await expect(connect().fetchEmployeePage(null)).rejects.toThrow(/unexpected form/);
    // Without meta, a page is never taken as the last unless it is empty.
    fake.faults.add({ kind: 'answer', path: '/api/employees', response: { status: 200, body: { data: [{ id: 1 }] } } });
    expect((await connect().fetchEmployeePage(null)).nextCursor).toBe('active:2');
    fake.faults.add({ kind: 'answer', path: '/api/employees', response: { status: 200, body: { data: [], meta: null } } });
    expect((await connect().fetchEmployeePage('active:7')).nextCursor).toBe('terminated:1');
  });

  it('reads a 404 on one employee’s custom fields as none, and retries a throttled one', async () => {
    fake.faults.add({ kind: 'answer', path: '/api/employees/1/custom-fields', response: { status: 404, body: { error_code: 'not_found', errors: [] } } });
    fake.faults.add({ kind: 'throttle', path: '/api/employees/2/custom-fields', retryAfterSeconds: 1 });
    const page = await connect().fetchEmployeePage(null);
    const byId = new Map(page.employees.map((e) => [e.remoteId, e]));
    expect(byId.get('1')!.attributes[customFieldKey(String(NUMBER_OF_CHILDREN_FIELD_ID))]).toBeUndefined();
    expect(byId.get('2')!.attributes[customFieldKey(String(NUMBER_OF_CHILDREN_FIELD_ID))]).toBe('2');
  });
});
