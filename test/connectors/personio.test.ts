// Contract tests of the Personio connector against the local Personio fake.
import { CredentialsRejectedError, HrSystemResponseError } from '../../connectors/errors';
import { createPersonioConnector } from '../../connectors/personio/definition';
import { FAKE_PERSONIO_CLIENT_ID, FAKE_PERSONIO_CLIENT_SECRET, startFakePersonio, type FakePersonioOptions, type RunningFakePersonio } from '../../connectors/personio/fake-server';
import { mapPersonioEmployee } from '../../connectors/personio/mapping';
import { findHrSystem } from '../../connectors/registry';
import type { EmployeePage, HrConnector, RemoteEmployee } from '../../connectors/types';

const REFERENCE_DATE = '2025-06-15';
const fast = { sleep: async () => undefined };

let fake: RunningFakePersonio | null = null;

async function startFake(options: FakePersonioOptions = {}): Promise<RunningFakePersonio> {
  fake = await startFakePersonio({ referenceDate: REFERENCE_DATE, ...options });
  return fake;
}

function connectorFor(server: RunningFakePersonio, extra: { clientSecret?: string; fullTimeWeeklyHours?: number; pageSize?: number; sleep?: (ms: number) => Promise<void> } = {}): HrConnector {
  return createPersonioConnector(
    {
      clientId: FAKE_PERSONIO_CLIENT_ID,
      clientSecret: extra.clientSecret ?? FAKE_PERSONIO_CLIENT_SECRET,
      baseUrl: server.url,
      fullTimeWeeklyHours: extra.fullTimeWeeklyHours ?? 40,
    },
    { sleep: extra.sleep ?? fast.sleep },
    { pageSize: extra.pageSize },
  );
}

async function readAll(connector: HrConnector): Promise<{ pages: EmployeePage[]; employees: RemoteEmployee[] }> {
  const pages: EmployeePage[] = [];
  let cursor: string | null = null;
  do {
    const page = await connector.fetchEmployeePage(cursor);
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor !== null && pages.length < 1000);
  return { pages, employees: pages.flatMap((p) => p.employees) };
}

afterEach(async () => {
  await fake?.close();
  fake = null;
});

describe('Personio connector', () => {
  it('is in the catalog with the client secret marked secret', () => {
    const definition = findHrSystem('personio');
    expect(definition).toMatchObject({ name: 'Personio', status: 'available', secretKeys: ['clientSecret'] });
    expect(definition!.credentialsSchema.parse({ clientId: 'a', clientSecret: 'b' })).toEqual({ clientId: 'a', clientSecret: 'b', fullTimeWeeklyHours: 40 });
    expect(definition!.credentialsSchema.safeParse({ clientId: 'a', clientSecret: 'b', baseUrl: 'not a url' }).success).toBe(false);
  });

  it('lists every employee over pages of at most 100, even when 500 are asked for', async () => {
    const server = await startFake({ employeeCount: 250 });
    const { pages, employees } = await readAll(connectorFor(server, { pageSize: 500 }));

    expect(pages.map((p) => p.employees.length)).toEqual([100, 100, 50]);
    expect(server.state.employeeLimitsAsked).toEqual([500, 500, 500]);
    expect(new Set(employees.map((e) => e.remoteId)).size).toBe(250);
    expect(employees.map((e) => e.remoteId)).toEqual(server.state.listEmployees().map((e) => String(e.id)));
  });

  it('maps Personio’s fields into the unified ones', async () => {
    const server = await startFake({ employeeCount: 3 });
    const [first] = server.state.listEmployees();
    server.state.editEmployee(first.id, { weeklyWorkingHours: 38.5, hireDate: '2020-07-01', gender: 'diverse', subcompanyId: 7033, employmentType: 'external' });

    const page = await connectorFor(server).fetchEmployeePage(null);
    expect(page.employees[0]).toMatchObject({
      remoteId: String(first.id),
      firstName: first.firstName,
      lastName: first.lastName,
      email: first.email,
      hireDate: '2020-07-01', // sent as 2020-07-01T00:00:00+02:00: the calendar day must not shift
      gender: 'diverse',
      employmentType: 'PART_TIME', // 38.5 h < 40 h; "external" says nothing about hours
      legalEntity: { id: '7033', name: 'Nordwind Austria GmbH' },
    });
    expect(page.employees[0].attributes).toMatchObject({ employment_type: 'external', subcompany: 'Nordwind Austria GmbH', weekly_working_hours: '38.5' });

    const lowerThreshold = await connectorFor(server, { fullTimeWeeklyHours: 38 }).fetchEmployeePage(null);
    expect(lowerThreshold.employees[0].employmentType).toBe('FULL_TIME');
  });

  it('sees a custom attribute created after setup on the next attribute re-sync', async () => {
    const server = await startFake({ employeeCount: 2 });
    const connector = connectorFor(server);
    expect((await connector.listAttributes()).map((a) => a.key)).not.toContain('dynamic_2001');
    server.state.addCustomAttribute({ key: 'dynamic_2001', label: 'Children (tax card)', type: 'decimal' });
    expect(await connector.listAttributes()).toContainEqual({ key: 'dynamic_2001', label: 'Children (tax card)', type: 'number', custom: true });
  });

  it('counts a malformed record as invalid without failing the page or the listing', async () => {
    const server = await startFake({ employeeCount: 150, malformedRecordAt: [5] });
    server.state.injectMalformedRecord(120, 'bad-date');
    const { pages, employees } = await readAll(connectorFor(server));

    expect(pages[0].invalid).toEqual([{ remoteId: null, reason: 'employee record without a valid id' }]);
    expect(pages[0].employees).toHaveLength(99);
    expect(pages[1].invalid).toEqual([{ remoteId: expect.any(String), reason: expect.stringContaining('termination_date') }]);
    expect(employees).toHaveLength(150);
  });

  it('refuses, naming Personio, when the secret was rotated and re-authentication fails', async () => {
    const server = await startFake({ employeeCount: 10 });
    const connector = connectorFor(server);
    await connector.fetchEmployeePage(null);
    server.state.setClientSecret('rotated-secret');
    server.state.expireTokens();
    await expect(connector.fetchEmployeePage(null)).rejects.toThrow(CredentialsRejectedError);
  });

  it('reflects additions, edits, terminations and removals on the next listing', async () => {
    const server = await startFake({ employeeCount: 30 });
    const [a, b, c] = server.state.listEmployees();
    const hired = server.state.addEmployee({ firstName: 'Greta', lastName: 'Neu', email: 'greta.neu@nordwind-demo.example' });
    server.state.editEmployee(a.id, { lastName: 'Umbenannt' });
    server.state.terminateEmployee(b.id, '2025-07-31');
    server.state.removeEmployee(c.id);

    const { employees } = await readAll(connectorFor(server));
    const byId = new Map(employees.map((e) => [e.remoteId, e]));
    expect(employees).toHaveLength(30);
    expect(byId.get(String(hired.id))).toMatchObject({ firstName: 'Greta', lastName: 'Neu', status: 'active' });
    expect(byId.get(String(a.id))?.lastName).toBe('Umbenannt');
    expect(byId.get(String(b.id))?.leavingDate).toBe('2025-07-31');
    expect(byId.has(String(c.id))).toBe(false);
  });

  it('lists only the employees changed since an instant, in one request when they fit a page', async () => {
    const server = await startFake({ employeeCount: 300 });
    const connector = connectorFor(server);
    await connector.checkCredentials();
    const before = new Date(Date.now() - 1000);
    const [a, b] = server.state.listEmployees();
    server.state.editEmployee(a.id, { lastName: 'Umbenannt' });
    server.state.terminateEmployee(b.id, '2025-07-31');
    const hired = server.state.addEmployee({ firstName: 'Greta', lastName: 'Neu', email: 'greta.neu@nordwind-demo.example' });
    const requestsBefore = server.state.requestCounts.employees;

    const page = await connector.fetchChangedEmployeePage!(before, null);

    expect(server.state.requestCounts.employees - requestsBefore).toBe(1);
    expect(page.nextCursor).toBeNull();
    expect(page.employees.map((e) => e.remoteId)).toEqual([a.id, b.id, hired.id].map(String));
    expect(page.employees[0]!.lastName).toBe('Umbenannt');
    expect(page.employees[1]!.leavingDate).toBe('2025-07-31');
    // Nothing changed since now: an empty answer, still one request.
    expect((await connector.fetchChangedEmployeePage!(new Date(Date.now() + 1000), null)).employees).toEqual([]);
  });

  it('pages change listings at 50 by default and 100 at most, as Personio does', async () => {
    const server = await startFake({ employeeCount: 130 });
    const token = ((await (await fetch(`${server.url}/v1/auth`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client_id: FAKE_PERSONIO_CLIENT_ID, client_secret: FAKE_PERSONIO_CLIENT_SECRET }) })).json()) as { data: { token: string } }).data.token;
    const list = async (query: string) => (await (await fetch(`${server.url}/v1/company/employees?${query}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { data: unknown[]; metadata: { total_elements: number; total_pages: number } };
    const fromLongAgo = 'updated_since=2020-01-01T00:00:00';
    expect((await list(fromLongAgo)).data).toHaveLength(50);
    expect((await list(`${fromLongAgo}&limit=500`)).data).toHaveLength(100);
    const last = await list(`${fromLongAgo}&limit=100&offset=100`);
    expect(last.data).toHaveLength(30);
    expect(last.metadata).toMatchObject({ total_elements: 130, total_pages: 2 });
  });

  it('fails loudly instead of reading an unexpected answer as an empty listing', async () => {
    const server = await startFake({ employeeCount: 10, failNextRequests: [{ status: 200, body: { success: true } }] });
    await expect(connectorFor(server).fetchEmployeePage(null)).rejects.toBeInstanceOf(HrSystemResponseError);
  });

  it('serves any page of a 100,000-employee company quickly', async () => {
    const server = await startFake({ employeeCount: 100_000 });
    const connector = connectorFor(server);
    await connector.checkCredentials();
    const started = Date.now();
    const page = await connector.fetchEmployeePage('99950');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(page.employees.map((e) => e.remoteId)).toHaveLength(50);
    expect(page.nextCursor).toBeNull();
  });
});

describe('Personio record mapping', () => {
  const wrap = (value: unknown, type = 'standard') => ({ label: 'x', value, type, universal_id: null });

  it('keeps a record whose optional fields are empty', () => {
    const result = mapPersonioEmployee({ type: 'Employee', attributes: { id: wrap(7, 'integer'), termination_date: wrap(null, 'date') } }, { fullTimeWeeklyHours: 40 });
    expect(result).toMatchObject({ ok: true, employee: { remoteId: '7', leavingDate: null, employmentType: null, legalEntity: null } });
  });

  it('rejects a record whose leaving date cannot be read rather than dropping the date', () => {
    const result = mapPersonioEmployee({ attributes: { id: wrap(7, 'integer'), termination_date: wrap('31.12.2025', 'date') } }, { fullTimeWeeklyHours: 40 });
    expect(result).toEqual({ ok: false, invalid: { remoteId: '7', reason: 'termination_date "31.12.2025" is not a date' } });
  });

  it('reads weekly hours written with a decimal comma', () => {
    const result = mapPersonioEmployee({ attributes: { id: wrap(7, 'integer'), weekly_working_hours: wrap('39,5') } }, { fullTimeWeeklyHours: 39.5 });
    expect(result).toMatchObject({ ok: true, employee: { employmentType: 'FULL_TIME' } });
  });
});
