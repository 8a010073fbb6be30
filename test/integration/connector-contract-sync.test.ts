// The contract suite's full sync: every system the registry lists as available (each with its
// connectors/<id>/contract-fixture.ts, test/support/contract-fixtures.ts) is connected through the
// API and synced through the real Temporal workflow into PostgreSQL: a few dozen people, a malformed
// record, leavers and former staff, a mapped custom attribute, a throttled listing request; then a
// second sync that writes nothing, and no secret or e-mail in any workflow history.
import type { FastifyInstance } from 'fastify';
import type { ExpectedEmployee, RunningContractFake } from '../../connectors/kit/fake/contract';
import type { HrSystemDefinition } from '../../connectors/types';
import { bearer, createCompany } from '../support/api';
import { availableSystems, loadContractFixture } from '../support/contract-fixtures';
import type { TestDatabase } from '../support/database';
import { startProductUnderTest, stopProductUnderTest } from '../support/product-under-test';
import { allHistoriesText, waitForSyncRun } from '../support/sync-helpers';
import type { TestTemporal } from '../support/temporal';

interface CatalogEntry {
  id: string;
  status: string;
  credentials: { required?: string[] };
  fields: Array<{ key: string; offeredByHrSystem: boolean }>;
}

/** The month (YYYY-MM) now in the companies' default time zone. */
function currentMonth(timeZone = 'Europe/Berlin'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
}

describe('a full sync of each available HR system', () => {
  let database: TestDatabase;
  let temporal: TestTemporal;
  let app: FastifyInstance;

  beforeAll(async () => {
    ({ database, temporal, app } = await startProductUnderTest());
  });
  afterAll(async () => {
    await stopProductUnderTest({ app, temporal, database });
  });

  describe.each(availableSystems.map((s) => [s.name, s] as const))('%s', (name, system: HrSystemDefinition) => {
    let vendor: RunningContractFake;
    let company: { id: string; apiKey: string };
    let integrationId: string;
    let expected: ExpectedEmployee[];
    let imported: ExpectedEmployee[];
    const auth = () => bearer(company.apiKey);

    beforeAll(async () => {
      vendor = await loadContractFixture(system.id).start();
      company = await createCompany(app, `${name} Kunde GmbH`);
    });
    afterAll(async () => {
      if (integrationId) await app.inject({ method: 'DELETE', url: `/v1/integrations/${integrationId}`, headers: auth() });
      await vendor?.close();
    });

    it('is available in the catalog and connects: credentials checked live, custom attributes discovered and mapped', async () => {
      const catalog = (await app.inject({ method: 'GET', url: '/v1/hr-systems', headers: auth() })).json().items as CatalogEntry[];
      const catalogEntry = catalog.find((s) => s.id === system.id)!;
      expect(catalogEntry.status).toBe('available');
      expect(Object.keys(vendor.credentials)).toEqual(expect.arrayContaining(catalogEntry.credentials.required ?? []));

      const created = await app.inject({ method: 'POST', url: '/v1/integrations', headers: auth(), payload: { hrSystem: system.id } });
      expect(created.statusCode).toBe(201);
      integrationId = created.json().id;

      const refused = await app.inject({ method: 'PUT', url: `/v1/integrations/${integrationId}/credentials`, headers: auth(), payload: vendor.wrongCredentials });
      expect(refused.statusCode).toBe(422);
      // The admin reads who refused and the vendor's own reason.
      expect(refused.json().message).toContain(`${name} refused`);
      expect(refused.json().message).toMatch(vendor.refusalReason);

      const ok = await app.inject({ method: 'PUT', url: `/v1/integrations/${integrationId}/credentials`, headers: auth(), payload: vendor.credentials });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ credentialsEntered: true });
      const stored = await database.db.integration.findUniqueOrThrow({ where: { id: integrationId } });
      for (const secret of vendor.secrets()) {
        expect(ok.body).not.toContain(secret);
        expect(stored.credentialsCipher).not.toContain(secret);
      }

      const options = await app.inject({ method: 'GET', url: `/v1/integrations/${integrationId}/options`, headers: auth() });
      expect(options.statusCode).toBe(200);
      const attributes = options.json().attributes as Array<{ key: string; custom: boolean }>;
      for (const key of Object.values(vendor.mapping)) expect(attributes).toContainEqual(expect.objectContaining({ key, custom: true }));
      const entities = options.json().legalEntities as Array<{ id: string; name: string }>;
      expect(entities).toEqual(expect.arrayContaining(vendor.legalEntities()));

      // What the vendor offers, plus the fields that come from its custom attributes.
      const fields = [...new Set([...catalogEntry.fields.filter((f) => f.offeredByHrSystem).map((f) => f.key), ...Object.keys(vendor.mapping), 'leavingDate'])];
      const configured = await app.inject({ method: 'PATCH', url: `/v1/integrations/${integrationId}`, headers: auth(), payload: { fields, mapping: vendor.mapping } });
      expect(configured.statusCode).toBe(200);
      expect(configured.json().mapping).toEqual(vendor.mapping);
    });

    it('syncs everyone into PostgreSQL: leavers planned, former staff counted, the mapped value stored, the malformed record counted, a throttled request recovered', async () => {
      expected = vendor.expected();
      // Who left in a month that had ended before this first complete listing is former staff.
      const month = currentMonth();
      const former = expected.filter((p) => p.leavingDate !== null && p.leavingDate.slice(0, 7) < month);
      imported = expected.filter((p) => !former.includes(p));
      const throttled = vendor.faults.add({ kind: 'throttle', retryAfterSeconds: 1, path: vendor.listingPath });
      const res = await app.inject({ method: 'POST', url: `/v1/integrations/${integrationId}/activate`, headers: auth() });
      expect(res.statusCode).toBe(202);
      const run = await waitForSyncRun(database.db, res.json().syncRunId);

      expect(run).toMatchObject({
        status: 'SUCCEEDED',
        error: null,
        countRead: expected.length + vendor.malformedRecords,
        countInvalid: vendor.malformedRecords,
        countCreated: imported.length,
        countFormerEmployees: former.length,
        countFilteredOut: 0,
        countRemoved: 0,
      });
      // Only the skipped record is reported: no field the vendor offers came back empty for everyone,
      // and no value was misunderstood.
      expect(run.warnings).toEqual([`${vendor.malformedRecords} records from ${name} could not be read and were skipped.`]);
      expect(throttled.hits).toBe(1);
      const view = (await app.inject({ method: 'GET', url: `/v1/integrations/${integrationId}`, headers: auth() })).json();
      expect(view).toMatchObject({ status: 'ACTIVE', lastError: null });

      const rows = await database.db.employee.findMany({ where: { integrationId } });
      expect(rows).toHaveLength(imported.length);
      const byRemoteId = new Map(rows.map((r) => [r.remoteId, r]));
      for (const person of imported) {
        const row = byRemoteId.get(person.remoteId);
        expect(row).toMatchObject({ email: person.email, leavingDate: person.leavingDate, ...person.mapped });
        // Leavers are never missing: their lifecycle ends with the month of the leaving date.
        if (person.leavingDate) expect(row).toMatchObject({ status: 'LEAVING_PLANNED', lastWorkingMonth: person.leavingDate.slice(0, 7) });
        else expect(row?.status).toBe('ACTIVE');
      }
      for (const person of former) expect(byRemoteId.has(person.remoteId)).toBe(false);
      expect(former.length).toBeGreaterThan(0);
      expect(imported.filter((p) => p.leavingDate).length).toBeGreaterThan(0);
      expect(new Set(expected.map((p) => p.mapped.numberOfChildren)).size).toBeGreaterThan(2);
    });

    it('writes nothing on a second sync when nothing changed at the vendor', async () => {
      const res = await app.inject({ method: 'POST', url: `/v1/integrations/${integrationId}/sync`, headers: auth() });
      expect(res.statusCode).toBe(202);
      const run = await waitForSyncRun(database.db, res.json().syncRunId);
      // A complete listing finds everyone unchanged; a change listing (where the vendor has one) finds no one.
      const full = run.listing !== 'CHANGES';
      if (!full) expect(system.create(system.credentialsSchema.parse(vendor.credentials)).fetchChangedEmployeePage).toBeDefined();
      expect(run).toMatchObject({
        status: 'SUCCEEDED',
        countCreated: 0,
        countUpdated: 0,
        countUnchanged: full ? imported.length : 0,
        countInvalid: full ? vendor.malformedRecords : 0,
        countRemoved: 0,
      });
      expect(await database.db.employee.count({ where: { integrationId } })).toBe(imported.length);
    });

    it(`keeps the ${name} credentials and people's e-mails out of every workflow history`, async () => {
      const text = await allHistoriesText(temporal.client, `TaskQueue = "${temporal.taskQueue}"`);
      expect(text.length).toBeGreaterThan(1000);
      for (const secret of vendor.secrets()) expect(text).not.toContain(secret);
      for (const person of expected) expect(text).not.toContain(person.email);
    });
  });
});
