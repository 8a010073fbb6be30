// What an admin decided is not undone by the next sync: a deleted employee is not imported again,
// and a leaving date the admin entered stays until the HR system has one of its own.
import type { FastifyInstance } from 'fastify';
import { FAKE_PERSONIO_CLIENT_ID, FAKE_PERSONIO_CLIENT_SECRET, startFakePersonio, type RunningFakePersonio } from '../../connectors/personio/fake-server';
import { bearer, createCompany } from '../support/api';
import type { TestDatabase } from '../support/database';
import { waitForSyncRun } from '../support/sync-helpers';
import type { TestTemporal } from '../support/temporal';
import { startProductUnderTest, stopProductUnderTest } from '../support/product-under-test';

describe('admin changes and the sync', () => {
  let database: TestDatabase;
  let temporal: TestTemporal;
  let app: FastifyInstance;
  let personio: RunningFakePersonio;
  let key: string;
  let integrationId: string;

  beforeAll(async () => {
    ({ database, temporal, app } = await startProductUnderTest());
    personio = await startFakePersonio({ employeeCount: 40, seed: 21 });
    key = (await createCompany(app, 'Admin AG')).apiKey;
    integrationId = (await app.inject({ method: 'POST', url: '/v1/integrations', headers: bearer(key), payload: { hrSystem: 'personio' } })).json().id;
    await app.inject({ method: 'PUT', url: `/v1/integrations/${integrationId}/credentials`, headers: bearer(key), payload: { clientId: FAKE_PERSONIO_CLIENT_ID, clientSecret: FAKE_PERSONIO_CLIENT_SECRET, baseUrl: personio.url } });
    const activated = await app.inject({ method: 'POST', url: `/v1/integrations/${integrationId}/activate`, headers: bearer(key) });
    await waitForSyncRun(database.db, activated.json().syncRunId);
  });
  afterAll(async () => {
    await stopProductUnderTest({ app, temporal, database });
    await personio.close();
  });

  // Complete listings: the deleted employee must be listed again for the test to mean anything.
  const sync = async () => waitForSyncRun(database.db, (await app.inject({ method: 'POST', url: `/v1/integrations/${integrationId}/sync?listing=FULL`, headers: bearer(key) })).json().syncRunId);
  const activeWithoutDate = () => database.db.employee.findMany({ where: { integrationId, status: 'ACTIVE', leavingDate: null } });

  it('does not import an employee again after the admin deleted them for good', async () => {
    const [victim] = await activeWithoutDate();
    const res = await app.inject({ method: 'DELETE', url: `/v1/employees/${victim!.id}?confirm=true`, headers: bearer(key) });
    expect(res.statusCode).toBeLessThan(300);
    const run = await sync();
    expect(run.status).toBe('SUCCEEDED');
    expect(await database.db.employee.count({ where: { integrationId, remoteId: victim!.remoteId } })).toBe(0);
    expect(run.warnings.join(' ')).toMatch(/1 employees deleted by an admin are still listed by Personio/);
    expect(run.countRemoved).toBe(0);
    const audit = await database.db.auditEntry.findFirstOrThrow({ where: { subjectId: victim!.id } });
    expect(JSON.stringify(audit)).not.toContain(victim!.email!);
  });

  it("keeps the admin's leaving date when the HR system has none, and lets the HR system's date win", async () => {
    const [person] = await activeWithoutDate();
    const adminDate = personio.state.daysFromReference(45);
    const set = await app.inject({ method: 'PUT', url: `/v1/employees/${person!.id}/leaving-date`, headers: bearer(key), payload: { leavingDate: adminDate } });
    expect(set.statusCode).toBe(200);

    // Something else about the person changes in the HR system: the row is rewritten by the sync.
    personio.state.editEmployee(Number(person!.remoteId), { lastName: 'Umbenannt' });
    const run = await sync();
    expect(run.countUpdated).toBeGreaterThanOrEqual(1);
    const kept = await database.db.employee.findUniqueOrThrow({ where: { id: person!.id } });
    expect(kept).toMatchObject({ lastName: 'Umbenannt', leavingDate: adminDate, status: 'LEAVING_PLANNED', lastWorkingMonth: adminDate.slice(0, 7) });

    const hrDate = personio.state.daysFromReference(75);
    personio.state.terminateEmployee(Number(person!.remoteId), hrDate);
    await sync();
    const hrWins = await database.db.employee.findUniqueOrThrow({ where: { id: person!.id } });
    expect(hrWins).toMatchObject({ leavingDate: hrDate, leavingDateSource: 'HR', status: 'LEAVING_PLANNED', lastWorkingMonth: hrDate.slice(0, 7) });
  });
});
