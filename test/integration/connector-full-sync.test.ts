// Every available HR system (Personio has its own file), end to end: the setup flow through the HTTP
// API against the vendor's fake, then the first sync through the real workflow and worker into
// PostgreSQL, with one malformed record, leavers, a mapped custom attribute and a throttled request.
import type { FastifyInstance } from 'fastify';
import { bearer, createCompany } from '../support/api';
import type { TestDatabase } from '../support/database';
import { allHistoriesText, waitForSyncRun } from '../support/sync-helpers';
import type { TestTemporal } from '../support/temporal';
import { VENDOR_FIXTURES, type ExpectedEmployee, type RunningVendor, type VendorFixture } from '../support/vendor-fixtures';
import { startProductUnderTest, stopProductUnderTest } from '../support/product-under-test';

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

  describe.each(VENDOR_FIXTURES.map((f) => [f.name, f] as const))('%s', (_name, fixture: VendorFixture) => {
    let vendor: RunningVendor;
    let company: { id: string; apiKey: string };
    let integrationId: string;
    let catalogEntry: CatalogEntry;
    let expected: ExpectedEmployee[];
    let imported: ExpectedEmployee[];
    const auth = () => bearer(company.apiKey);

    beforeAll(async () => {
      vendor = await fixture.start();
      company = await createCompany(app, `${fixture.name} Kunde GmbH`);
    });
    afterAll(async () => {
      if (integrationId) await app.inject({ method: 'DELETE', url: `/v1/integrations/${integrationId}`, headers: auth() });
      await vendor?.close();
    });

    it('is available in the catalog and connects: credentials checked live, custom attributes discovered and mapped', async () => {
      const catalog = (await app.inject({ method: 'GET', url: '/v1/hr-systems', headers: auth() })).json().items as CatalogEntry[];
      catalogEntry = catalog.find((s) => s.id === fixture.hrSystem)!;
      expect(catalogEntry.status).toBe('available');
      expect(Object.keys(vendor.credentials)).toEqual(expect.arrayContaining(catalogEntry.credentials.required ?? []));

      const created = await app.inject({ method: 'POST', url: '/v1/integrations', headers: auth(), payload: { hrSystem: fixture.hrSystem } });
      expect(created.statusCode).toBe(201);
      integrationId = created.json().id;

      const refused = await app.inject({ method: 'PUT', url: `/v1/integrations/${integrationId}/credentials`, headers: auth(), payload: vendor.wrongCredentials });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().message).toContain(`${fixture.name} refused`);

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
      const throttled = vendor.throttleOneListingRequest();
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
      expect(run.warnings).toEqual([`${vendor.malformedRecords} records from ${fixture.name} could not be read and were skipped.`]);
      expect(throttled()).toBe(true);
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
      expect(former.length).toBeGreaterThan(0);
      expect(imported.filter((p) => p.leavingDate).length).toBeGreaterThan(0);
      expect(new Set(expected.map((p) => p.mapped.numberOfChildren)).size).toBeGreaterThan(2);
    });

    it('writes nothing on a second sync when nothing changed at the vendor', async () => {
      const res = await app.inject({ method: 'POST', url: `/v1/integrations/${integrationId}/sync`, headers: auth() });
      expect(res.statusCode).toBe(202);
      const run = await waitForSyncRun(database.db, res.json().syncRunId);
      expect(run).toMatchObject({ status: 'SUCCEEDED', countCreated: 0, countUpdated: 0, countUnchanged: imported.length, countInvalid: vendor.malformedRecords, countRemoved: 0 });
    });

    it(`keeps the ${fixture.name} credentials and people's e-mails out of every workflow history`, async () => {
      const text = await allHistoriesText(temporal.client, `TaskQueue = "${temporal.taskQueue}"`);
      expect(text.length).toBeGreaterThan(1000);
      for (const secret of vendor.secrets()) expect(text).not.toContain(secret);
      for (const person of expected) expect(text).not.toContain(person.email);
    });
  });
});
