// Contract tests of the Sandbox HR system: its connector against its server, and the management
// endpoints a demo uses to show changes flowing into the next sync.
import { CredentialsRejectedError } from '../../connectors/errors';
import { findHrSystem } from '../../connectors/registry';
import { SANDBOX_DEMO_API_KEY } from '../../connectors/sandbox/api-types';
import { startSandboxHrServer, type RunningSandboxHrServer } from '../../connectors/sandbox/fake-server';
import type { EmployeePage, HrConnector, RemoteEmployee } from '../../connectors/types';

const TODAY = '2025-06-15';
let server: RunningSandboxHrServer | null = null;

async function start(employeeCount = 60): Promise<RunningSandboxHrServer> {
  server = await startSandboxHrServer({ port: 0, employeeCount, referenceDate: TODAY });
  return server;
}

function connectorFor(running: RunningSandboxHrServer, apiKey = SANDBOX_DEMO_API_KEY): HrConnector {
  return findHrSystem('sandbox')!.create({ apiKey, baseUrl: running.url }, { sleep: async () => undefined });
}

async function readAll(connector: HrConnector): Promise<{ pages: EmployeePage[]; employees: RemoteEmployee[] }> {
  const pages: EmployeePage[] = [];
  let cursor: string | null = null;
  do {
    const page = await connector.fetchEmployeePage(cursor);
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor !== null && pages.length < 100);
  return { pages, employees: pages.flatMap((p) => p.employees) };
}

async function call(running: RunningSandboxHrServer, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${running.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${SANDBOX_DEMO_API_KEY}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

afterEach(async () => {
  await server?.close();
  server = null;
});

describe('Sandbox HR system connector', () => {
  it('is in the catalog under its own name', () => {
    expect(findHrSystem('sandbox')).toMatchObject({ name: 'Sandbox HR system', status: 'available', secretKeys: ['apiKey'] });
  });

  it('refuses any other key and tells which key works', async () => {
    const running = await start(5);
    const check = connectorFor(running, 'my-guess').checkCredentials();
    await expect(check).rejects.toBeInstanceOf(CredentialsRejectedError);
    await expect(check).rejects.toThrow(`Sandbox HR system refused the credentials: Unknown API key. The sandbox accepts the demo key "${SANDBOX_DEMO_API_KEY}".`);
  });

  it('judges statuses on its day: past leavers terminated, planned ones active, future hires onboarding', async () => {
    const running = await start(250);
    const { employees } = await readAll(connectorFor(running));
    const pastLeavers = employees.filter((e) => e.leavingDate != null && e.leavingDate < TODAY);
    const plannedLeavers = employees.filter((e) => e.leavingDate != null && e.leavingDate >= TODAY);
    expect(pastLeavers.length).toBeGreaterThan(0);
    expect(pastLeavers.every((e) => e.status === 'terminated')).toBe(true);
    expect(plannedLeavers.length).toBeGreaterThan(0);
    expect(plannedLeavers.every((e) => e.status === 'active')).toBe(true);
    expect(employees.some((e) => e.status === 'onboarding' && e.hireDate! > TODAY)).toBe(true);
  });

  it('shows every case even in a tiny company: full- and part-time, past and future leavers', async () => {
    const running = await start(5);
    const { employees } = await readAll(connectorFor(running));
    expect(employees.map((e) => e.employmentType)).toEqual(expect.arrayContaining(['FULL_TIME', 'PART_TIME']));
    expect(employees.map((e) => e.status)).toEqual(expect.arrayContaining(['active', 'terminated', 'onboarding']));
    expect(employees.some((e) => e.status === 'active' && e.leavingDate !== null)).toBe(true);
  });

  it('generates the same company for the same seed and day', async () => {
    const running = await start(40);
    const first = await readAll(connectorFor(running));
    const again = await startSandboxHrServer({ employeeCount: 40, referenceDate: TODAY });
    try {
      const second = await readAll(connectorFor(again));
      expect(second.employees).toEqual(first.employees);
    } finally {
      await again.close();
    }
  });

  it('lists the children attribute as custom and marital status as standard, with values on employees', async () => {
    const running = await start(30);
    const connector = connectorFor(running);
    const attributes = await connector.listAttributes();
    expect(attributes).toContainEqual({ key: 'children', label: 'Number of children', type: 'number', custom: true });
    expect(attributes).toContainEqual({ key: 'marital_status', label: 'Marital status', type: 'list', custom: false });

    const { employees } = await readAll(connector);
    expect(employees.some((e) => typeof e.attributes.children === 'number')).toBe(true);
    expect(employees.every((e) => e.numberOfChildren === null)).toBe(true); // comes through the admin's mapping
    expect(employees.some((e) => e.maritalStatus !== null && e.attributes.marital_status === e.maritalStatus)).toBe(true);
  });

  it('lists several legal entities, the ones employees belong to', async () => {
    const running = await start(60);
    const connector = connectorFor(running);
    const entities = await connector.listLegalEntities();
    expect(entities.length).toBeGreaterThanOrEqual(3);
    const { employees } = await readAll(connector);
    const ids = new Set(entities.map((e) => e.id));
    expect(employees.every((e) => e.legalEntity && ids.has(e.legalEntity.id))).toBe(true);
    expect(new Set(employees.map((e) => e.legalEntity!.id)).size).toBeGreaterThan(1);
  });

  it('shows additions, edits, terminations and deletions in the next listing', async () => {
    const running = await start(10);
    const connector = connectorFor(running);
    const before = (await readAll(connector)).employees;
    const [edited, leaving, deleted] = before.filter((e) => e.status === 'active' && e.leavingDate === null);

    const added = await call(running, 'POST', '/api/employees', {
      first_name: 'Wanda',
      last_name: 'Neuling',
      email: 'wanda.neuling@sandbox-demo.example',
      employment_type: 'part_time',
      legal_entity_id: 'le_at',
      custom_fields: { children: 2 },
    });
    expect(added.status).toBe(201);
    expect((await call(running, 'PATCH', `/api/employees/${edited.remoteId}`, { last_name: 'Verheiratet', marital_status: 'married' })).status).toBe(200);
    expect((await call(running, 'POST', `/api/employees/${leaving.remoteId}/terminate`, { leavingDate: '2025-08-31' })).status).toBe(200);
    expect((await call(running, 'DELETE', `/api/employees/${deleted.remoteId}`)).status).toBe(204);

    const after = new Map((await readAll(connector)).employees.map((e) => [e.remoteId, e]));
    expect(after.size).toBe(10);
    expect(after.get(added.body.id)).toMatchObject({
      firstName: 'Wanda',
      employmentType: 'PART_TIME',
      hireDate: TODAY,
      status: 'active',
      legalEntity: { id: 'le_at', name: 'Sandbox Demo Austria GmbH' },
      attributes: expect.objectContaining({ children: 2 }),
    });
    expect(after.get(edited.remoteId)).toMatchObject({ lastName: 'Verheiratet', maritalStatus: 'married' });
    expect(after.get(leaving.remoteId)).toMatchObject({ leavingDate: '2025-08-31', status: 'active' });
    expect(after.has(deleted.remoteId)).toBe(false);
  });

  it('withdraws a planned leaving date and marks a past one as terminated', async () => {
    const running = await start(10);
    const connector = connectorFor(running);
    const [employee] = (await readAll(connector)).employees.filter((e) => e.status === 'active' && e.leavingDate === null);

    await call(running, 'POST', `/api/employees/${employee.remoteId}/terminate`, { leaving_date: '2025-06-01' });
    let seen = (await readAll(connector)).employees.find((e) => e.remoteId === employee.remoteId);
    expect(seen).toMatchObject({ status: 'terminated', leavingDate: '2025-06-01' });

    await call(running, 'PATCH', `/api/employees/${employee.remoteId}`, { leaving_date: null });
    seen = (await readAll(connector)).employees.find((e) => e.remoteId === employee.remoteId);
    expect(seen).toMatchObject({ status: 'active', leavingDate: null });
  });

  it('answers bad management requests with a reason instead of changing data', async () => {
    const running = await start(3);
    const missingName = await call(running, 'POST', '/api/employees', { email: 'x@sandbox-demo.example' });
    expect(missingName.status).toBe(400);
    expect(missingName.body.error.message).toContain('first_name');
    expect((await call(running, 'POST', '/api/employees/emp_0001/terminate', { leaving_date: 'soon' })).status).toBe(400);
    expect((await call(running, 'PATCH', '/api/employees/emp_9999', { last_name: 'X' })).status).toBe(404);
    expect((await call(running, 'PATCH', '/api/employees/emp_0001', { legal_entity_id: 'le_nowhere' })).status).toBe(400);
    const existing = await call(running, 'GET', '/api/employees/emp_0002');
    expect((await call(running, 'POST', '/api/employees', { first_name: 'A', last_name: 'B', email: existing.body.email })).status).toBe(409);
    expect(running.store.size).toBe(3);
  });

  it('never skips an employee when one is deleted between two pages', async () => {
    const running = await start(150);
    const connector = connectorFor(running);
    const first = await connector.fetchEmployeePage(null);
    await call(running, 'DELETE', `/api/employees/${first.employees[0].remoteId}`);
    const second = await connector.fetchEmployeePage(first.nextCursor);
    expect(second.employees).toHaveLength(50);
    expect(second.employees[0].remoteId).toBe('emp_0101');
  });
});
