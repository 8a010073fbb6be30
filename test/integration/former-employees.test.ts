// Former staff at the first sync: people who left in a month that had ended before the
// integration's first complete listing are counted, not imported (no employee, no invite, no
// lifecycle). A rehire is imported as usual; a known employee's late leaving date keeps the
// late-entry rule (end of the current month).
import type { FastifyInstance } from 'fastify';
import { FAKE_PERSONIO_CLIENT_ID, FAKE_PERSONIO_CLIENT_SECRET, startFakePersonio, type RunningFakePersonio } from '../../connectors/personio/fake-server';
import { currentMonth, monthStartInstant } from '../../domain/leaving-dates';
import { leavingWorkflowId } from '../../contracts/leaving-lifecycle';
import { bearer, createCompany } from '../support/api';
import type { TestDatabase } from '../support/database';
import { startProductUnderTest, stopProductUnderTest } from '../support/product-under-test';
import { waitForLeavingHandoff, waitForSyncRun } from '../support/sync-helpers';
import type { TestTemporal } from '../support/temporal';

const BERLIN = 'Europe/Berlin';

/** A date in the month before the current one (Berlin): a month that has ended. */
function dayInPreviousMonth(): string {
  const previousMonthStart = new Date(monthStartInstant(currentMonth(new Date(), BERLIN), BERLIN).getTime() - 10 * 86_400_000);
  return previousMonthStart.toISOString().slice(0, 10);
}

describe('former employees at the first sync', () => {
  let database: TestDatabase;
  let temporal: TestTemporal;
  let app: FastifyInstance;
  let personio: RunningFakePersonio;
  let company: { id: string; apiKey: string };
  const auth = () => bearer(company.apiKey);

  beforeAll(async () => {
    ({ database, temporal, app } = await startProductUnderTest());
    personio = await startFakePersonio({ employeeCount: 3, seed: 4 });
    for (const e of personio.state.listEmployees()) personio.state.removeEmployee(e.id);
    company = await createCompany(app, 'Altbestand GmbH');
  });
  afterAll(async () => {
    await stopProductUnderTest({ app, temporal, database });
    await personio.close();
  });

  it('counts people who left before the first complete listing and imports only the others', async () => {
    const leftLongAgo = personio.state.addEmployee({ firstName: 'Ehemalig', lastName: 'Juni', email: 'ehemalig.juni@altbestand.example', status: 'inactive', hireDate: '2019-04-01', terminationDate: '2024-06-30' });
    const leftLastMonth = personio.state.addEmployee({ firstName: 'Ehemalig', lastName: 'Vormonat', email: 'ehemalig.vormonat@altbestand.example', status: 'inactive', hireDate: '2020-01-01', terminationDate: dayInPreviousMonth() });
    const rehired = personio.state.addEmployee({ firstName: 'Wieder', lastName: 'Da', email: 'wieder.da@altbestand.example', status: 'active', hireDate: '2025-03-01', terminationDate: '2024-06-30' });
    const staying = personio.state.addEmployee({ firstName: 'Bleibt', lastName: 'Hier', email: 'bleibt.hier@altbestand.example', status: 'active', hireDate: '2021-05-01', terminationDate: null });

    const integration = (await app.inject({ method: 'POST', url: '/v1/integrations', headers: auth(), payload: { hrSystem: 'personio' } })).json();
    const credentials = { clientId: FAKE_PERSONIO_CLIENT_ID, clientSecret: FAKE_PERSONIO_CLIENT_SECRET, baseUrl: personio.url };
    expect((await app.inject({ method: 'PUT', url: `/v1/integrations/${integration.id}/credentials`, headers: auth(), payload: credentials })).statusCode).toBe(200);
    expect((await app.inject({ method: 'PATCH', url: `/v1/integrations/${integration.id}`, headers: auth(), payload: { autoInvite: true } })).statusCode).toBe(200);
    const activated = await app.inject({ method: 'POST', url: `/v1/integrations/${integration.id}/activate`, headers: auth() });
    const run = await waitForSyncRun(database.db, activated.json().syncRunId);

    expect(run).toMatchObject({ status: 'SUCCEEDED', countRead: 4, countCreated: 2, countFormerEmployees: 2 });
    const shown = (await app.inject({ method: 'GET', url: `/v1/integrations/${integration.id}/syncs/${run.id}`, headers: auth() })).json();
    expect(shown.counts).toMatchObject({ read: 4, created: 2, formerEmployees: 2 });

    const stored = await database.db.employee.findMany({ where: { integrationId: integration.id }, orderBy: { remoteId: 'asc' } });
    expect(stored.map((e) => [e.remoteId, e.status])).toEqual(
      [
        [String(rehired.id), 'ACTIVE'],
        [String(staying.id), 'ACTIVE'],
      ].sort(),
    );
    expect(stored.some((e) => [String(leftLongAgo.id), String(leftLastMonth.id)].includes(e.remoteId!))).toBe(false);
    // Invited: the two current employees only. No leaving handoff, so no lifecycle either.
    expect((await database.db.invite.findMany({ where: { companyId: company.id } })).map((i) => i.email).sort()).toEqual(['bleibt.hier@altbestand.example', 'wieder.da@altbestand.example']);
    expect(await database.db.employee.count({ where: { companyId: company.id, leavingHandoffPending: true } })).toBe(0);

    // Next syncs: a known employee's termination in an ended month is a late entry (current month);
    // a newly listed person who had left before the first listing is still former staff.
    const lateDate = dayInPreviousMonth();
    personio.state.terminateEmployee(staying.id, lateDate);
    personio.state.addEmployee({ firstName: 'Spät', lastName: 'Gefunden', email: 'spaet.gefunden@altbestand.example', status: 'inactive', hireDate: '2018-02-01', terminationDate: '2023-12-31' });
    const next = await waitForSyncRun(database.db, (await app.inject({ method: 'POST', url: `/v1/integrations/${integration.id}/sync`, headers: auth() })).json().syncRunId);
    // The change listing reads from 5 minutes before the first one began: the two former employees
    // added then are listed (and counted, not imported) again, with the newly found one.
    expect(next).toMatchObject({ status: 'SUCCEEDED', listing: 'CHANGES', countCreated: 0, countUpdated: 1, countFormerEmployees: 3 });
    const late = await database.db.employee.findUniqueOrThrow({ where: { integrationId_remoteId: { integrationId: integration.id, remoteId: String(staying.id) } } });
    expect(late).toMatchObject({ status: 'LEAVING_PLANNED', leavingDate: lateDate, lastWorkingMonth: currentMonth(new Date(), BERLIN) });
    expect(await waitForLeavingHandoff(database.db, temporal.client, company.id)).toMatchObject({ started: 1 });
    expect((await temporal.client.workflow.getHandle(leavingWorkflowId(late.id)).describe()).status.name).toBe('RUNNING');
    expect(await database.db.employee.count({ where: { integrationId: integration.id } })).toBe(2);
  });
});
