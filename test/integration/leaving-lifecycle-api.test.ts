// The benefit, voucher and lifecycle routes end to end on the dev server: tenancy (404), validation
// (400), the rules (409) and update-with-start into the real server.
import type { FastifyInstance } from 'fastify';
import { currentMonth, nextMonth } from '../../domain/leaving-dates';
import { withdrawLeavingIfRunning } from '../../infra/leaving-lifecycle-client';
import { leavingWorkflowId } from '../../contracts/leaving-lifecycle';
import { bearer, createCompany } from '../support/api';
import type { TestDatabase } from '../support/database';
import { seedEmployee } from '../support/lifecycle-fixtures';
import type { TestTemporal } from '../support/temporal';
import { startProductUnderTest, stopProductUnderTest } from '../support/product-under-test';

describe('benefit, voucher and lifecycle API (dev server)', () => {
  let database: TestDatabase;
  let temporal: TestTemporal;
  let app: FastifyInstance;
  let acme: { id: string; apiKey: string };
  let other: { id: string; apiKey: string };
  let acmeIntegrationId: string;

  beforeAll(async () => {
    ({ database, temporal, app } = await startProductUnderTest());
    acme = await createCompany(app, 'Acme GmbH');
    other = await createCompany(app, 'Other AG');
    acmeIntegrationId = (await database.db.integration.create({ data: { companyId: acme.id, hrSystem: 'sandbox', status: 'ACTIVE', selectedFields: [] } })).id;
  });
  afterAll(async () => {
    await stopProductUnderTest({ app, temporal, database });
  });

  const employee = (fields: Parameters<typeof seedEmployee>[2] = { benefits: [] }) => seedEmployee(database.db, { companyId: acme.id, integrationId: acmeIntegrationId }, fields);
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, key = acme.apiKey) =>
    app.inject({ method, url, headers: bearer(key), ...(payload === undefined ? {} : { payload: payload as object }) });
  const thisMonth = () => currentMonth(new Date(), 'Europe/Berlin');

  describe('benefits', () => {
    it('configures each type with its amount, lists and deactivates them', async () => {
      const e = await employee();
      const voucher = await call('POST', `/v1/employees/${e.employeeId}/benefits`, { type: 'MONTHLY_VOUCHER' });
      expect(voucher.statusCode).toBe(201);
      expect(voucher.json()).toMatchObject({ type: 'MONTHLY_VOUCHER', status: 'ACTIVE', amountCents: 5000, recreationAllowance: null, endedAt: null });
      const internet = await call('POST', `/v1/employees/${e.employeeId}/benefits`, { type: 'INTERNET_ALLOWANCE' });
      expect(internet.json()).toMatchObject({ type: 'INTERNET_ALLOWANCE', amountCents: 5000 });
      const duplicate = await call('POST', `/v1/employees/${e.employeeId}/benefits`, { type: 'INTERNET_ALLOWANCE', amountCents: 2500 });
      expect(duplicate.statusCode).toBe(409);
      expect(duplicate.json()).toMatchObject({ error: 'benefit_exists', details: { benefitId: internet.json().id } });

      const list = await call('GET', `/v1/employees/${e.employeeId}/benefits`);
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((b: { type: string }) => b.type)).toEqual(['MONTHLY_VOUCHER', 'INTERNET_ALLOWANCE']);

      const removed = await call('DELETE', `/v1/employees/${e.employeeId}/benefits/${internet.json().id}`);
      expect(removed.statusCode).toBe(200);
      expect(removed.json()).toMatchObject({ status: 'DEACTIVATED', endedAt: expect.any(String) });
      const again = await call('DELETE', `/v1/employees/${e.employeeId}/benefits/${internet.json().id}`);
      expect(again.json().endedAt).toBe(removed.json().endedAt); // idempotent: the first end date stays
      const custom = await call('POST', `/v1/employees/${e.employeeId}/benefits`, { type: 'INTERNET_ALLOWANCE', amountCents: 2500 });
      expect(custom.json()).toMatchObject({ amountCents: 2500, status: 'ACTIVE' });
    });

    it.each([
      [null, null, 15_600],
      ['single', 0, 15_600],
      ['divorced', 1, 20_800],
      ['married', 0, 26_000],
      ['registered_partnership', 1, 31_200],
      ['married', 3, 41_600],
    ])('recreation allowance for marital status %s and %s children: %i cents a year', async (maritalStatus, numberOfChildren, expected) => {
      const e = await employee({ maritalStatus, numberOfChildren, benefits: [] });
      const res = await call('POST', `/v1/employees/${e.employeeId}/benefits`, { type: 'RECREATION_ALLOWANCE' });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ amountCents: expected, recreationAllowance: { employeeCents: 15_600, totalCents: expected } });
    });

    it('the recreation allowance follows a change of marital status and children from the HR sync', async () => {
      const e = await employee({ maritalStatus: 'single', numberOfChildren: 0, benefits: [] });
      const created = await call('POST', `/v1/employees/${e.employeeId}/benefits`, { type: 'RECREATION_ALLOWANCE' });
      expect(created.json().amountCents).toBe(15_600);
      await database.db.employee.update({ where: { id: e.employeeId }, data: { maritalStatus: 'married', numberOfChildren: 2 } });
      const list = await call('GET', `/v1/employees/${e.employeeId}/benefits`);
      expect(list.json().items[0]).toMatchObject({ amountCents: 36_400, recreationAllowance: { employeeCents: 15_600, spouseCents: 10_400, childrenCents: 10_400, totalCents: 36_400 } });
    });

    it('answers 400 for bad bodies and ids', async () => {
      const e = await employee();
      const cases: [string, string, unknown][] = [
        ['POST', `/v1/employees/${e.employeeId}/benefits`, { type: 'GYM' }],
        ['POST', `/v1/employees/${e.employeeId}/benefits`, {}],
        ['POST', `/v1/employees/${e.employeeId}/benefits`, { type: 'MONTHLY_VOUCHER', amountCents: -5 }],
        ['POST', `/v1/employees/${e.employeeId}/benefits`, { type: 'MONTHLY_VOUCHER', amountCents: 12.5 }],
        ['POST', `/v1/employees/not-a-uuid/benefits`, { type: 'MONTHLY_VOUCHER' }],
        ['POST', `/v1/employees/${e.employeeId}/vouchers`, { benefitId: 'x', month: '2026-01' }],
        ['POST', `/v1/employees/${e.employeeId}/vouchers`, { benefitId: e.employeeId, month: '2026-13' }],
        ['PUT', `/v1/employees/${e.employeeId}/leaving-date`, { leavingDate: '31.12.2026' }],
        ['PUT', `/v1/employees/${e.employeeId}/leaving-date`, {}],
        ['PUT', `/v1/employees/${e.employeeId}/leaving-date`, { leavingDate: '2026-02-30' }],
        ['DELETE', `/v1/employees/${e.employeeId}?confirm=yes`, undefined],
      ];
      for (const [method, url, payload] of cases) {
        const res = await call(method as 'POST', url, payload);
        expect([method, url, res.statusCode]).toEqual([method, url, 400]);
        expect(res.json()).toMatchObject({ error: expect.any(String), message: expect.any(String) });
      }
      const computed = await call('POST', `/v1/employees/${e.employeeId}/benefits`, { type: 'RECREATION_ALLOWANCE', amountCents: 100 });
      expect(computed.json()).toMatchObject({ error: 'amount_is_computed' });
    });
  });

  describe('tenancy', () => {
    it("answers 404 for another company's employees, benefits and vouchers on every route", async () => {
      const e = await employee({ benefits: ['MONTHLY_VOUCHER'] });
      const selected = await call('POST', `/v1/employees/${e.employeeId}/vouchers`, { benefitId: e.benefitIds[0], month: thisMonth() });
      expect(selected.statusCode).toBe(201);
      const voucherId = selected.json().id;
      const routes: [string, string, unknown][] = [
        ['POST', `/v1/employees/${e.employeeId}/benefits`, { type: 'MONTHLY_VOUCHER' }],
        ['GET', `/v1/employees/${e.employeeId}/benefits`, undefined],
        ['DELETE', `/v1/employees/${e.employeeId}/benefits/${e.benefitIds[0]}`, undefined],
        ['POST', `/v1/employees/${e.employeeId}/vouchers`, { benefitId: e.benefitIds[0], month: nextMonth(thisMonth()) }],
        ['POST', `/v1/vouchers/${voucherId}/redeem`, undefined],
        ['POST', `/v1/employees/${e.employeeId}/terminate-now`, undefined],
        ['PUT', `/v1/employees/${e.employeeId}/leaving-date`, { leavingDate: `${nextMonth(thisMonth())}-15` }],
        ['DELETE', `/v1/employees/${e.employeeId}?confirm=true`, undefined],
      ];
      for (const [method, url, payload] of routes) {
        const res = await call(method as 'POST', url, payload, other.apiKey);
        expect([method, url, res.statusCode]).toEqual([method, url, 404]);
        expect(res.json().error).toBe('not_found');
      }
      // Nothing happened to the employee.
      const row = await database.db.employee.findUniqueOrThrow({ where: { id: e.employeeId }, include: { benefits: true, vouchers: true } });
      expect([row.status, row.benefits.length, row.vouchers[0]!.status]).toEqual(['ACTIVE', 1, 'SELECTED']);
      // A benefit id of another employee of the same company is 404 too.
      const colleague = await employee();
      const foreign = await call('DELETE', `/v1/employees/${colleague.employeeId}/benefits/${e.benefitIds[0]}`);
      expect(foreign.statusCode).toBe(404);
    });

    it('rejects the operator key and a missing key', async () => {
      const e = await employee();
      expect((await app.inject({ method: 'GET', url: `/v1/employees/${e.employeeId}/benefits` })).statusCode).toBe(401);
      expect((await call('GET', `/v1/employees/${e.employeeId}/benefits`, undefined, 'op_test_operator_key_0123456789')).statusCode).toBe(403);
    });
  });

  describe('vouchers', () => {
    it('selects a voucher of a month once, refuses ended months and non-voucher benefits, redeems once', async () => {
      const e = await employee({ benefits: ['MONTHLY_VOUCHER', 'INTERNET_ALLOWANCE'] });
      const [voucherBenefit, internet] = e.benefitIds as [string, string];
      const ok = await call('POST', `/v1/employees/${e.employeeId}/vouchers`, { benefitId: voucherBenefit, month: thisMonth() });
      expect(ok.statusCode).toBe(201);
      expect(ok.json()).toMatchObject({ benefitId: voucherBenefit, month: thisMonth(), amountCents: 5000, status: 'SELECTED', redeemedAt: null });
      expect((await call('POST', `/v1/employees/${e.employeeId}/vouchers`, { benefitId: voucherBenefit, month: thisMonth() })).json()).toMatchObject({ error: 'voucher_exists' });
      expect((await call('POST', `/v1/employees/${e.employeeId}/vouchers`, { benefitId: voucherBenefit, month: '2020-01' })).json()).toMatchObject({ error: 'month_ended' });
      expect((await call('POST', `/v1/employees/${e.employeeId}/vouchers`, { benefitId: internet, month: thisMonth() })).statusCode).toBe(404);

      const redeemed = await call('POST', `/v1/vouchers/${ok.json().id}/redeem`);
      expect(redeemed.statusCode).toBe(200);
      expect(redeemed.json()).toMatchObject({ status: 'REDEEMED', redeemedAt: expect.any(String) });
      expect((await call('POST', `/v1/vouchers/${ok.json().id}/redeem`)).json()).toMatchObject({ error: 'already_redeemed' });

      await call('DELETE', `/v1/employees/${e.employeeId}/benefits/${voucherBenefit}`);
      const deactivated = await call('POST', `/v1/employees/${e.employeeId}/vouchers`, { benefitId: voucherBenefit, month: nextMonth(thisMonth()) });
      expect(deactivated.json()).toMatchObject({ error: 'benefit_deactivated' });
    });
  });

  describe('lifecycle actions through update-with-start', () => {
    it('a leaving date starts one lifecycle, a second reaches the same one, null withdraws it', async () => {
      const e = await employee({ benefits: ['MONTHLY_VOUCHER'] });
      const month = nextMonth(thisMonth());
      const planned = await call('PUT', `/v1/employees/${e.employeeId}/leaving-date`, { leavingDate: `${month}-10` });
      expect(planned.statusCode).toBe(200);
      expect(planned.json()).toMatchObject({ status: 'LEAVING_PLANNED', leavingDate: `${month}-10`, lastWorkingMonth: month, benefitsEndAt: expect.any(String), leftAt: null });
      const handle = temporal.client.workflow.getHandle(leavingWorkflowId(e.employeeId));
      const { runId } = await handle.describe();

      const later = nextMonth(month);
      const moved = await call('PUT', `/v1/employees/${e.employeeId}/leaving-date`, { leavingDate: `${later}-01` });
      expect(moved.json()).toMatchObject({ lastWorkingMonth: later });
      expect((await handle.describe()).runId).toBe(runId);
      const fromApi = await call('GET', `/v1/employees/${e.employeeId}`);
      expect(fromApi.json()).toMatchObject({ status: 'LEAVING_PLANNED', leavingDate: `${later}-01`, lastWorkingMonth: later });

      expect((await call('POST', `/v1/employees/${e.employeeId}/benefits`, { type: 'INTERNET_ALLOWANCE' })).statusCode).toBe(409);

      const withdrawn = await call('PUT', `/v1/employees/${e.employeeId}/leaving-date`, { leavingDate: null });
      expect(withdrawn.json()).toMatchObject({ status: 'ACTIVE', leavingDate: null, lastWorkingMonth: null, benefitsEndAt: null });
      expect(await handle.result()).toEqual({ state: 'WITHDRAWN', deactivatedBenefits: 0 });
      expect(await withdrawLeavingIfRunning(temporal.client, e.employeeId)).toBeNull(); // a closed lifecycle is not withdrawn twice
      // Withdrawing again with nothing running is harmless.
      expect((await call('PUT', `/v1/employees/${e.employeeId}/leaving-date`, { leavingDate: null })).statusCode).toBe(200);
    });

    it('terminate-now: 409 with the reason while a voucher is selected this month, otherwise LEFT at once', async () => {
      const blocked = await employee({ benefits: ['MONTHLY_VOUCHER'] });
      await call('POST', `/v1/employees/${blocked.employeeId}/vouchers`, { benefitId: blocked.benefitIds[0], month: thisMonth() });
      const refused = await call('POST', `/v1/employees/${blocked.employeeId}/terminate-now`);
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ error: 'termination_not_allowed', message: expect.stringContaining('voucher') });

      const free = await employee({ benefits: ['MONTHLY_VOUCHER', 'INTERNET_ALLOWANCE'] });
      const done = await call('POST', `/v1/employees/${free.employeeId}/terminate-now`);
      expect(done.statusCode).toBe(200);
      expect(done.json()).toMatchObject({ status: 'LEFT', deactivatedBenefits: 2, leftAt: expect.any(String), lastWorkingMonth: thisMonth() });
      const benefits = await call('GET', `/v1/employees/${free.employeeId}/benefits`);
      expect(benefits.json().items.every((b: { status: string }) => b.status === 'DEACTIVATED')).toBe(true);
      expect((await call('PUT', `/v1/employees/${free.employeeId}/leaving-date`, { leavingDate: `${nextMonth(thisMonth())}-01` })).statusCode).toBe(409);
    });

    it('deletion: 409 with the number of unreachable vouchers, then gone with an audit entry', async () => {
      const e = await employee({ benefits: ['MONTHLY_VOUCHER'] });
      await call('POST', `/v1/employees/${e.employeeId}/vouchers`, { benefitId: e.benefitIds[0], month: thisMonth() });
      await call('POST', `/v1/employees/${e.employeeId}/vouchers`, { benefitId: e.benefitIds[0], month: nextMonth(thisMonth()) });
      const warn = await call('DELETE', `/v1/employees/${e.employeeId}`);
      expect(warn.statusCode).toBe(409);
      expect(warn.json()).toMatchObject({ error: 'confirmation_required', details: { unreachableVouchers: 2 } });
      const done = await call('DELETE', `/v1/employees/${e.employeeId}?confirm=true`);
      expect(done.statusCode).toBe(200);
      expect(done.json()).toMatchObject({ deleted: true, unreachableVouchers: 2, auditEntryId: expect.any(String) });
      expect((await call('GET', `/v1/employees/${e.employeeId}`)).statusCode).toBe(404);
      const audit = await database.db.auditEntry.findUniqueOrThrow({ where: { id: done.json().auditEntryId } });
      expect(audit).toMatchObject({ companyId: acme.id, action: 'employee.deleted', subjectId: e.employeeId, details: { benefits: 1, vouchers: 2, unreachableVouchers: 2, lifecycleEnded: false } });
    });
  });

  it('documents the new routes in OpenAPI', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    for (const path of ['/v1/employees/{id}/benefits', '/v1/employees/{id}/benefits/{benefitId}', '/v1/employees/{id}/vouchers', '/v1/vouchers/{id}/redeem', '/v1/employees/{id}/terminate-now', '/v1/employees/{id}/leaving-date']) {
      expect(Object.keys(spec.paths)).toContain(path);
    }
    expect(spec.paths['/v1/employees/{id}'].delete).toBeDefined();
  });
});
