// The setup flow and the sync, end to end through the HTTP API, on real PostgreSQL and a real
// Temporal dev server, against the Personio fake.
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { CHILDREN_ATTRIBUTE, FAKE_SUBCOMPANIES } from '../../connectors/personio/fake-data';
import { FAKE_PERSONIO_CLIENT_ID, FAKE_PERSONIO_CLIENT_SECRET, startFakePersonio, type RunningFakePersonio } from '../../connectors/personio/fake-server';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { currentMonth } from '../../domain/leaving-dates';
import { integrationSyncScheduleId } from '../../contracts/integration-sync';
import { leavingWorkflowId } from '../../contracts/leaving-lifecycle';
import { CompanyIdKey, HrSystemKey, IntegrationIdKey, LastWorkingMonthKey } from '../../contracts/search-attributes';
import { bearer, createCompany } from '../support/api';
import type { TestDatabase } from '../support/database';
import { allHistoriesText, waitForIdleIntegration, waitForLeavingHandoff, waitForSyncRun } from '../support/sync-helpers';
import type { TestTemporal } from '../support/temporal';
import { startProductUnderTest, stopProductUnderTest } from '../support/product-under-test';

describe('connecting Personio and keeping employees in sync', () => {
  let database: TestDatabase;
  let temporal: TestTemporal;
  let app: FastifyInstance;
  let personio: RunningFakePersonio;
  let company: { id: string; apiKey: string };
  let integrationId: string;
  const auth = () => bearer(company.apiKey);
  const keptEntity = FAKE_SUBCOMPANIES[0]!;

  beforeAll(async () => {
    ({ database, temporal, app } = await startProductUnderTest());
    personio = await startFakePersonio({ employeeCount: 180, seed: 11 });
    company = await createCompany(app, 'Nordwind Demo GmbH');
  });
  afterAll(async () => {
    await stopProductUnderTest({ app, temporal, database });
    await personio.close();
  });

  const credentials = () => ({ clientId: FAKE_PERSONIO_CLIENT_ID, clientSecret: FAKE_PERSONIO_CLIENT_SECRET, baseUrl: personio.url });

  async function syncNow(listing: 'AUTO' | 'FULL' = 'AUTO'): Promise<string> {
    const res = await app.inject({ method: 'POST', url: `/v1/integrations/${integrationId}/sync?listing=${listing}`, headers: auth() });
    expect(res.statusCode).toBe(202);
    return res.json().syncRunId;
  }

  it('lists the whole catalog available, with each system’s credentials, fields and notes', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/hr-systems', headers: auth() });
    const items = res.json().items as Array<{ id: string; status: string; credentials: { properties: Record<string, unknown>; required?: string[] }; fields: Array<{ key: string; required: boolean }> }>;
    expect(items.length).toBeGreaterThanOrEqual(40);
    const p = items.find((s) => s.id === 'personio')!;
    expect(p.status).toBe('available');
    expect(p.credentials.required).toEqual(expect.arrayContaining(['clientId', 'clientSecret']));
    expect(p.fields.find((f) => f.key === 'email')?.required).toBe(true);
    expect(items.find((s) => s.id === 'workday')?.status).toBe('available');
    expect(items.filter((s) => s.status === 'planned').map((s) => s.id)).toEqual([]);
    // What the admin reads before connecting: every available system says what was checked against the
    // vendor's description and what was not (Hailey HR and Charlie publish none: nothing verified, said so).
    const notes = res.json().items as Array<{ id: string; status: string; notes: { verified: string[]; unverified: string[] } }>;
    expect(notes.filter((s) => s.status === 'available' && s.notes.verified.length + s.notes.unverified.length === 0).map((s) => s.id)).toEqual([]);
    expect(notes.filter((s) => s.status === 'available' && s.notes.verified.length === 0).map((s) => s.id).sort()).toEqual(['charlie', 'hailey-hr']);
    expect(notes.filter((s) => s.status === 'planned' && s.notes.verified.length + s.notes.unverified.length > 0).map((s) => s.id)).toEqual([]);
  });

  it('walks the setup flow: draft, refused and malformed credentials, options, configuration', async () => {
    const created = await app.inject({ method: 'POST', url: '/v1/integrations', headers: auth(), payload: { hrSystem: 'personio' } });
    expect(created.statusCode).toBe(201);
    integrationId = created.json().id;
    expect(created.json()).toMatchObject({ status: 'DRAFT', credentialsEntered: false });

    const second = await app.inject({ method: 'POST', url: '/v1/integrations', headers: auth(), payload: { hrSystem: 'sandbox' } });
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toContain(integrationId);

    const early = await app.inject({ method: 'POST', url: `/v1/integrations/${integrationId}/activate`, headers: auth() });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toMatch(/credentials/);

    const malformed = await app.inject({ method: 'PUT', url: `/v1/integrations/${integrationId}/credentials`, headers: auth(), payload: { clientId: 'x' } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().message).toMatch(/clientSecret/);

    const refused = await app.inject({ method: 'PUT', url: `/v1/integrations/${integrationId}/credentials`, headers: auth(), payload: { ...credentials(), clientSecret: 'wrong-secret' } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toMatch(/Personio refused the credentials/);

    const ok = await app.inject({ method: 'PUT', url: `/v1/integrations/${integrationId}/credentials`, headers: auth(), payload: credentials() });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).not.toContain(FAKE_PERSONIO_CLIENT_SECRET);
    const stored = await database.db.integration.findUniqueOrThrow({ where: { id: integrationId } });
    expect(stored.credentialsCipher).not.toContain(FAKE_PERSONIO_CLIENT_SECRET);

    const options = await app.inject({ method: 'GET', url: `/v1/integrations/${integrationId}/options`, headers: auth() });
    expect(options.json().attributes).toContainEqual(expect.objectContaining({ key: CHILDREN_ATTRIBUTE, custom: true }));
    expect(options.json().legalEntities).toContainEqual({ id: String(keptEntity.id), name: keptEntity.name });

    const badMapping = await app.inject({ method: 'PATCH', url: `/v1/integrations/${integrationId}`, headers: auth(), payload: { mapping: { numberOfChildren: 'dynamic_9999' } } });
    expect(badMapping.statusCode).toBe(400);
    expect(badMapping.json().message).toMatch(/dynamic_9999/);
    const requiredGone = await app.inject({ method: 'PATCH', url: `/v1/integrations/${integrationId}`, headers: auth(), payload: { fields: ['firstName', 'lastName', 'status', 'leavingDate'] } });
    expect(requiredGone.statusCode).toBe(400);
    expect(requiredGone.json().message).toMatch(/email/);
    const tooOften = await app.inject({ method: 'PATCH', url: `/v1/integrations/${integrationId}`, headers: auth(), payload: { syncIntervalMinutes: 5 } });
    expect(tooOften.statusCode).toBe(400);

    const configured = await app.inject({
      method: 'PATCH',
      url: `/v1/integrations/${integrationId}`,
      headers: auth(),
      payload: {
        fields: ['firstName', 'lastName', 'email', 'status', 'leavingDate', 'hireDate', 'legalEntity', 'numberOfChildren', 'employmentType'],
        mapping: { numberOfChildren: CHILDREN_ATTRIBUTE },
        filters: { legalEntityIds: [String(keptEntity.id)] },
        autoInvite: true,
      },
    });
    expect(configured.statusCode).toBe(200);
    expect(configured.json()).toMatchObject({ mapping: { numberOfChildren: CHILDREN_ATTRIBUTE }, autoInvite: true });
  });

  it('hides the integration from another company', async () => {
    const other = await createCompany(app, 'Other AG');
    const res = await app.inject({ method: 'GET', url: `/v1/integrations/${integrationId}`, headers: bearer(other.apiKey) });
    expect(res.statusCode).toBe(404);
    const sync = await app.inject({ method: 'POST', url: `/v1/integrations/${integrationId}/sync`, headers: bearer(other.apiKey) });
    expect(sync.statusCode).toBe(404);
  });

  it('activates: Schedule created, first sync creates only the filtered employees with the selected fields', async () => {
    const res = await app.inject({ method: 'POST', url: `/v1/integrations/${integrationId}/activate`, headers: auth() });
    expect(res.statusCode).toBe(202);
    const run = await waitForSyncRun(database.db, res.json().syncRunId);
    expect(run).toMatchObject({ status: 'SUCCEEDED', trigger: 'ACTIVATION', countRead: 180 });

    const schedule = await temporal.client.schedule.getHandle(integrationSyncScheduleId(integrationId)).describe();
    expect(schedule.action.type).toBe('startWorkflow');

    const inEntityListed = personio.state.listEmployees().filter((e) => e.subcompanyId === keptEntity.id);
    // Who had left in a month ended before this first listing is former staff: counted, not imported.
    const month = currentMonth(new Date(), 'Europe/Berlin');
    const inEntity = inEntityListed.filter((e) => !(e.terminationDate && e.terminationDate.slice(0, 7) < month));
    expect(run.countFormerEmployees).toBe(inEntityListed.length - inEntity.length);
    expect(run.countFormerEmployees).toBeGreaterThan(0);
    expect(run.countCreated).toBe(inEntity.length);
    expect(run.countFilteredOut).toBe(180 - inEntityListed.length);
    const employees = await database.db.employee.findMany({ where: { integrationId } });
    expect(employees).toHaveLength(inEntity.length);
    expect(employees.every((e) => e.legalEntityId === String(keptEntity.id))).toBe(true);
    expect(employees.every((e) => e.gender === null && e.maritalStatus === null)).toBe(true); // not selected
    const sample = inEntity.find((e) => e.custom[CHILDREN_ATTRIBUTE] !== undefined && e.custom[CHILDREN_ATTRIBUTE] !== null)!;
    const synced = employees.find((e) => e.remoteId === String(sample.id))!;
    expect(synced.numberOfChildren).toBe(Number(sample.custom[CHILDREN_ATTRIBUTE]));

    const leavers = employees.filter((e) => e.leavingDate);
    expect(leavers.length).toBeGreaterThan(0);
    expect(leavers.every((e) => e.status === 'LEAVING_PLANNED' && /^\d{4}-\d{2}$/.test(e.lastWorkingMonth ?? ''))).toBe(true);
    // After the listing, the company's handoff starts one lifecycle per leaver, waiting for its deadline.
    expect(await waitForLeavingHandoff(database.db, temporal.client, company.id)).toMatchObject({ started: leavers.length, updated: 0, refused: 0 });
    for (const leaver of leavers) {
      const lifecycle = await temporal.client.workflow.getHandle(leavingWorkflowId(leaver.id)).describe();
      expect(lifecycle.status.name).toBe('RUNNING');
      expect(lifecycle.typedSearchAttributes.get(LastWorkingMonthKey)).toBe(leaver.lastWorkingMonth);
      expect(await temporal.client.workflow.getHandle(leavingWorkflowId(leaver.id)).query('lifecycleState')).toEqual({ state: 'LEAVING_PLANNED', benefitsEndAt: leaver.benefitsEndAt!.toISOString(), lastWorkingMonth: leaver.lastWorkingMonth });
    }

    const view = (await app.inject({ method: 'GET', url: `/v1/integrations/${integrationId}`, headers: auth() })).json();
    expect(view.status).toBe('ACTIVE');
    expect(view.lastSync.counts.created).toBe(inEntity.length);
    expect(view.nextScheduledSyncAt).not.toBeNull();
    expect(Date.parse(view.lastCompleteListingAt)).toBeLessThanOrEqual(Date.parse(view.lastSync.finishedAt));
  });

  it('keeps one Schedule per integration, findable by its ids, following the configured interval', async () => {
    const handle = temporal.client.schedule.getHandle(integrationSyncScheduleId(integrationId));
    const described = await handle.describe();
    expect(described.typedSearchAttributes.get(IntegrationIdKey)).toBe(integrationId);
    expect(described.typedSearchAttributes.get(CompanyIdKey)).toBe(company.id);
    expect(described.typedSearchAttributes.get(HrSystemKey)).toBe('personio');
    expect(described.policies.overlap).toBe(ScheduleOverlapPolicy.SKIP);
    expect(described.policies.catchupWindow).toBeLessThanOrEqual(4 * 3600_000);
    expect(described.spec.intervals?.[0]?.every).toBe(240 * 60_000);

    const res = await app.inject({ method: 'PATCH', url: `/v1/integrations/${integrationId}`, headers: auth(), payload: { syncIntervalMinutes: 60 } });
    expect(res.statusCode).toBe(200);
    expect((await handle.describe()).spec.intervals?.[0]?.every).toBe(60 * 60_000);
  });

  it('invites each new employee exactly once, also when the sync activity is retried', async () => {
    const invites = await database.db.invite.findMany({ where: { companyId: company.id } });
    const invitable = await database.db.employee.count({ where: { integrationId, email: { not: null }, status: { not: 'LEFT' } } });
    expect(invites.length).toBeGreaterThan(0);
    expect(invites.length).toBeLessThanOrEqual(invitable);
    expect(new Set(invites.map((i) => i.employeeId)).size).toBe(invites.length);
    expect(temporal.mailer.sent).toHaveLength(invites.length);

    // A retry of the whole listing (e.g. after a worker crash) must not invite anybody again.
    const before = invites.length;
    await waitForSyncRun(database.db, await syncNow());
    await waitForSyncRun(database.db, await syncNow());
    expect(await database.db.invite.count({ where: { companyId: company.id } })).toBe(before);
    expect(temporal.mailer.sent).toHaveLength(before);
    const listed = await app.inject({ method: 'GET', url: '/v1/invites?limit=100', headers: auth() });
    expect(listed.json().items.length).toBe(Math.min(100, before));
  });

  it('writes nothing when nothing changed: one request for the changes, or a complete listing on request', async () => {
    const before = await database.db.employee.findMany({ where: { integrationId }, select: { id: true, updatedAt: true } });
    const requests = personio.state.requestCounts.employees;
    const changes = await waitForSyncRun(database.db, await syncNow());
    expect(changes).toMatchObject({ status: 'SUCCEEDED', listing: 'CHANGES', countRead: 0, countCreated: 0, countUpdated: 0, countRemoved: 0 });
    expect(personio.state.requestCounts.employees - requests).toBe(1);

    const full = await waitForSyncRun(database.db, await syncNow('FULL'));
    expect(full).toMatchObject({ status: 'SUCCEEDED', listing: 'FULL', countRead: 180, countCreated: 0, countUpdated: 0, countUnchanged: before.length, countRemoved: 0 });
    const after = await database.db.employee.findMany({ where: { integrationId }, select: { id: true, updatedAt: true } });
    expect(after).toEqual(expect.arrayContaining(before));
    const view = (await app.inject({ method: 'GET', url: `/v1/integrations/${integrationId}/syncs?limit=2`, headers: auth() })).json();
    expect(view.items.map((r: { listing: string }) => r.listing)).toEqual(['FULL', 'CHANGES']);
    const unknown = await app.inject({ method: 'POST', url: `/v1/integrations/${integrationId}/sync?listing=SOMETIMES`, headers: auth() });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toMatch(/listing/);
  });

  it('applies edits, hires and leaving dates on the next sync', async () => {
    const inEntity = personio.state.listEmployees().filter((e) => e.subcompanyId === keptEntity.id && !e.terminationDate && e.status === 'active');
    const edited = inEntity[0]!;
    const leaving = inEntity[1]!;
    personio.state.editEmployee(edited.id, { lastName: 'Renamed' });
    const leavingDate = personio.state.daysFromReference(40);
    personio.state.terminateEmployee(leaving.id, leavingDate);
    const hire = personio.state.addEmployee({ subcompanyId: keptEntity.id, firstName: 'Neu', lastName: 'Hire', email: 'neu.hire@nordwind.example', status: 'active', terminationDate: null });

    // A change listing: only the three changed employees are read.
    const run = await waitForSyncRun(database.db, await syncNow());
    expect(run).toMatchObject({ status: 'SUCCEEDED', listing: 'CHANGES', countRead: 3, countCreated: 1, countUpdated: 2 });
    const byRemote = async (id: number) => database.db.employee.findUniqueOrThrow({ where: { integrationId_remoteId: { integrationId, remoteId: String(id) } } });
    expect((await byRemote(edited.id)).lastName).toBe('Renamed');
    const leaver = await byRemote(leaving.id);
    expect(leaver).toMatchObject({ status: 'LEAVING_PLANNED', leavingDate, lastWorkingMonth: leavingDate.slice(0, 7) });
    expect(await waitForLeavingHandoff(database.db, temporal.client, company.id)).toMatchObject({ started: 1, updated: 0 });
    expect((await temporal.client.workflow.getHandle(leavingWorkflowId(leaver.id)).describe()).status.name).toBe('RUNNING');
    expect((await byRemote(hire.id)).status).toBe('ACTIVE');
    expect(await database.db.invite.count({ where: { employee: { remoteId: String(hire.id), integrationId } } })).toBe(1);
  });

  it('reads a change listing to its last page: 131 renames and a hire, more than a page holds, all applied', async () => {
    const everyone = personio.state.listEmployees().slice(0, 131);
    for (const e of everyone) personio.state.editEmployee(e.id, { lastName: `Renamed-${e.id}` });
    const hire = personio.state.addEmployee({ subcompanyId: keptEntity.id, firstName: 'Zweite', lastName: 'Neue', email: 'zweite.neue@nordwind.example', status: 'active', terminationDate: null });
    const requests = personio.state.requestCounts.employees;

    const run = await waitForSyncRun(database.db, await syncNow());

    // 131 + 1, and the earlier test's changes still inside the 5-minute overlap: two pages of 100.
    expect(run).toMatchObject({ status: 'SUCCEEDED', listing: 'CHANGES' });
    expect(run.countRead).toBeGreaterThanOrEqual(132);
    expect(personio.state.requestCounts.employees - requests).toBe(2);
    const stored = await database.db.employee.findMany({ where: { integrationId, remoteId: { in: everyone.map((e) => String(e.id)) } }, select: { remoteId: true, lastName: true } });
    // Every renamed employee that passes the filter carries the new name; none is left behind.
    expect(stored.length).toBe(run.countUpdated);
    expect(stored.every((e) => e.lastName === `Renamed-${e.remoteId}`)).toBe(true);
    expect(await database.db.employee.count({ where: { integrationId, remoteId: String(hire.id) } })).toBe(1);
  });

  it('never runs two syncs at once: concurrent requests coalesce into at most one follow-up', async () => {
    personio.state.listingDelayMs = 300; // a slow vendor: the first sync is still running when the others arrive
    const t0 = new Date();
    const first = await syncNow();
    await new Promise((r) => setTimeout(r, 200));
    const ids = [first, ...(await Promise.all([syncNow(), syncNow(), syncNow()]))];
    const runsSinceStart = () => database.db.syncRun.findMany({ where: { integrationId, startedAt: { gte: t0 } }, orderBy: { startedAt: 'asc' } });
    // The follow-up starts after the first run finishes; wait until it has finished too.
    for (let waited = 0; ; waited += 100) {
      const current = await runsSinceStart();
      if (current.some((r) => !ids.includes(r.id) && r.status !== 'RUNNING') && !current.some((r) => r.status === 'RUNNING')) break;
      if (waited > 30_000) throw new Error('the follow-up sync never finished');
      await new Promise((r) => setTimeout(r, 100));
    }
    await waitForIdleIntegration(database.db, integrationId);
    personio.state.listingDelayMs = 0;
    const runs = await runsSinceStart();
    const requested = runs.filter((r) => ids.includes(r.id));
    const executed = runs.filter((r) => r.status !== 'SKIPPED');
    const skipped = requested.filter((r) => r.status === 'SKIPPED');
    expect(skipped.length).toBe(3);
    // Skipped requests produce one follow-up, not one run each.
    const followUps = executed.filter((r) => !ids.includes(r.id));
    expect(followUps).toHaveLength(1);
    for (let i = 1; i < executed.length; i++) {
      expect(executed[i]!.startedAt.getTime()).toBeGreaterThanOrEqual(executed[i - 1]!.finishedAt!.getTime());
    }
  });

  it('a complete listing asked for while a sync runs: the follow-up lists everyone, the last complete listing stays shown until then', async () => {
    const view = async () => (await app.inject({ method: 'GET', url: `/v1/integrations/${integrationId}`, headers: auth() })).json();
    const lastComplete = (await view()).lastCompleteListingAt as string;
    personio.state.listingDelayMs = 300; // the change listing below is still running when the request arrives
    const t0 = new Date();
    const first = await syncNow();
    // Once the first run has decided its listing (a change listing), ask for a complete one.
    for (let waited = 0; !(await database.db.syncRun.findUnique({ where: { id: first } }))?.listing; waited += 20) {
      if (waited > 30_000) throw new Error('the first sync never decided its listing');
      await new Promise((r) => setTimeout(r, 20));
    }
    const requested = await syncNow('FULL');
    expect((await view()).lastCompleteListingAt).toBe(lastComplete);
    for (let waited = 0; (await database.db.syncRun.count({ where: { integrationId, startedAt: { gte: t0 } } })) < 3; waited += 100) {
      if (waited > 30_000) throw new Error('no follow-up sync');
      await new Promise((r) => setTimeout(r, 100));
    }
    await waitForIdleIntegration(database.db, integrationId);
    personio.state.listingDelayMs = 0;

    const runs = await database.db.syncRun.findMany({ where: { integrationId, startedAt: { gte: t0 } }, orderBy: { startedAt: 'asc' } });
    expect(runs.map((r) => [r.id === first ? 'first' : r.id === requested ? 'requested' : 'follow-up', r.status, r.listing])).toEqual([
      ['first', 'SUCCEEDED', 'CHANGES'],
      ['requested', 'SKIPPED', null],
      ['follow-up', 'SUCCEEDED', 'FULL'],
    ]);
    expect(runs[2]!.countRead).toBe(personio.state.listEmployees().length);
    expect(Date.parse((await view()).lastCompleteListingAt)).toBeGreaterThan(Date.parse(lastComplete));
    // Answered: the next sync lists changes again.
    expect(await waitForSyncRun(database.db, await syncNow())).toMatchObject({ listing: 'CHANGES' });
  });

  it('holds back a mass removal for review and applies it after confirmation', async () => {
    const stored = await database.db.employee.findMany({ where: { integrationId, removedAt: null, status: { not: 'LEFT' } } });
    const toRemove = stored.slice(0, Math.ceil(stored.length * 0.3));
    for (const e of toRemove) personio.state.removeEmployee(Number(e.remoteId));
    // A change listing cannot see removals; nothing is removed by it.
    expect(await waitForSyncRun(database.db, await syncNow())).toMatchObject({ status: 'SUCCEEDED', listing: 'CHANGES', countRemoved: 0 });

    const run = await waitForSyncRun(database.db, await syncNow('FULL'));
    expect(run.status).toBe('NEEDS_REVIEW');
    expect(run.warnings.join(' ')).toMatch(new RegExp(`${toRemove.length} of \\d+ active employees are missing`));
    expect(await database.db.employee.count({ where: { integrationId, removedAt: { not: null } } })).toBe(0);

    const confirmed = await app.inject({ method: 'POST', url: `/v1/integrations/${integrationId}/syncs/${run.id}/confirm`, headers: auth() });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().counts.removed).toBe(toRemove.length);
    const removed = await database.db.employee.findMany({ where: { integrationId, removedAt: { not: null } } });
    expect(removed).toHaveLength(toRemove.length);
    expect(removed.every((e) => e.status === 'LEAVING_PLANNED' || e.status === 'LEFT')).toBe(true);

    const history = await app.inject({ method: 'GET', url: `/v1/integrations/${integrationId}/syncs?limit=2`, headers: auth() });
    expect(history.json().items[0].id).toBe(run.id);
    expect(history.json().nextCursor).not.toBeNull();
    const nextPage = await app.inject({ method: 'GET', url: `/v1/integrations/${integrationId}/syncs?limit=2&cursor=${history.json().nextCursor}`, headers: auth() });
    expect(nextPage.json().items[0].id).not.toBe(run.id);
    // An employee-list cursor (a bare id) or a broken instant is not a cursor of this list.
    for (const other of [crypto.randomUUID(), `9999-99-99T|${crypto.randomUUID()}`]) {
      const res = await app.inject({ method: 'GET', url: `/v1/integrations/${integrationId}/syncs?cursor=${Buffer.from(other).toString('base64url')}`, headers: auth() });
      expect([res.statusCode, res.json().error]).toEqual([400, 'invalid_cursor']);
    }

    // One run; confirming again answers the same; a run with nothing held back cannot be confirmed.
    const one = await app.inject({ method: 'GET', url: `/v1/integrations/${integrationId}/syncs/${run.id}`, headers: auth() });
    expect(one.json()).toMatchObject({ id: run.id, status: 'NEEDS_REVIEW', listing: 'FULL', counts: { removed: toRemove.length } });
    const again = await app.inject({ method: 'POST', url: `/v1/integrations/${integrationId}/syncs/${run.id}/confirm`, headers: auth() });
    expect([again.statusCode, again.json().counts.removed]).toEqual([200, toRemove.length]);
    const succeeded = await database.db.syncRun.findFirstOrThrow({ where: { integrationId, status: 'SUCCEEDED' } });
    const nothing = await app.inject({ method: 'POST', url: `/v1/integrations/${integrationId}/syncs/${succeeded.id}/confirm`, headers: auth() });
    expect([nothing.statusCode, nothing.json().error]).toEqual([409, 'nothing_to_confirm']);
    const malformed = await app.inject({ method: 'GET', url: `/v1/integrations/${integrationId}/syncs/not-a-uuid`, headers: auth() });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().message).toMatch(/syncRunId/);
  });

  it('warns when a selected field is empty for everyone (silent partial data)', async () => {
    for (const e of personio.state.listEmployees()) personio.state.editEmployee(e.id, { hireDate: null as never });
    // "Empty for everyone" is judged on a complete listing only.
    const run = await waitForSyncRun(database.db, await syncNow('FULL'));
    expect(run.warnings.join('\n')).toMatch(/"hireDate".*empty for all/);
    const view = (await app.inject({ method: 'GET', url: `/v1/integrations/${integrationId}`, headers: auth() })).json();
    expect(view.lastSync.warnings.join('\n')).toMatch(/hireDate/);
  });

  it('marks the integration ERROR with a readable reason when Personio refuses the credentials', async () => {
    personio.state.setClientSecret('rotated-secret');
    personio.state.expireTokens();
    const run = await waitForSyncRun(database.db, await syncNow());
    expect(run.status).toBe('FAILED');
    expect(run.error).toMatch(/Personio refused the credentials/);
    const view = (await app.inject({ method: 'GET', url: `/v1/integrations/${integrationId}`, headers: auth() })).json();
    expect(view).toMatchObject({ status: 'ERROR' });
    expect(view.lastError).toMatch(/Personio refused the credentials/);
    personio.state.setClientSecret(FAKE_PERSONIO_CLIENT_SECRET);
    const fixed = await app.inject({ method: 'PUT', url: `/v1/integrations/${integrationId}/credentials`, headers: auth(), payload: credentials() });
    expect(fixed.json().status).toBe('ACTIVE');
  });

  it('keeps credentials and e-mails out of every workflow history', async () => {
    const text = await allHistoriesText(temporal.client, `TaskQueue = "${temporal.taskQueue}"`);
    expect(text.length).toBeGreaterThan(1000);
    expect(text).not.toContain(FAKE_PERSONIO_CLIENT_SECRET);
    const emails = (await database.db.employee.findMany({ where: { integrationId }, select: { email: true, lastName: true } })).filter((e) => e.email);
    for (const e of emails) expect(text).not.toContain(e.email!);
    expect(text).not.toContain('Renamed');
  });

  it('disconnects: Schedule deleted, credentials erased, employees kept', async () => {
    const count = await database.db.employee.count({ where: { integrationId } });
    const res = await app.inject({ method: 'DELETE', url: `/v1/integrations/${integrationId}`, headers: auth() });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'DISCONNECTED', credentialsEntered: false, nextScheduledSyncAt: null });
    await expect(temporal.client.schedule.getHandle(integrationSyncScheduleId(integrationId)).describe()).rejects.toThrow();
    expect(await database.db.employee.count({ where: { integrationId } })).toBe(count);
    const after = await app.inject({ method: 'POST', url: `/v1/integrations/${integrationId}/sync`, headers: auth() });
    expect(after.statusCode).toBe(409);
  });

  it('re-links existing employees on a reconnect instead of duplicating them', async () => {
    const before = await database.db.employee.findMany({ where: { companyId: company.id }, select: { id: true, remoteId: true } });
    const again = await app.inject({ method: 'POST', url: '/v1/integrations', headers: auth(), payload: { hrSystem: 'personio' } });
    expect(again.statusCode).toBe(201);
    const newId = again.json().id as string;
    await app.inject({ method: 'PUT', url: `/v1/integrations/${newId}/credentials`, headers: auth(), payload: credentials() });
    const activated = await app.inject({ method: 'POST', url: `/v1/integrations/${newId}/activate`, headers: auth() });
    const run = await waitForSyncRun(database.db, activated.json().syncRunId);
    expect(run.status).toBe('SUCCEEDED');
    const after = await database.db.employee.findMany({ where: { companyId: company.id }, select: { id: true, remoteId: true, integrationId: true } });
    const listed = new Set(personio.state.listEmployees().map((e) => String(e.id)));
    const stillListed = before.filter((e) => listed.has(e.remoteId));
    expect(stillListed.length).toBeGreaterThan(0);
    const afterById = new Map(after.map((e) => [e.id, e]));
    // Everyone listed again is the same row as before, now linked to the new integration.
    for (const e of stillListed) expect(afterById.get(e.id)?.integrationId).toBe(newId);
    expect(new Set(after.map((e) => e.remoteId)).size).toBe(after.length);
    expect(run.countCreated).toBe(after.length - before.length);
    await app.inject({ method: 'DELETE', url: `/v1/integrations/${newId}`, headers: auth() });
  });
});
