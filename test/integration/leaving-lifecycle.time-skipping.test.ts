// The leaving lifecycle against Temporal's time-skipping test server: months pass in seconds, and the
// database is checked a second before and at the deadline, in the company's time zone.
import { handOffPendingLeavers, pendingLeavingHandoffOnUpdate } from '../../activities/leaving-handoff';
import { decideLeavingChange } from '../../domain/leaving-transition';
import { currentMonth, dateOf, monthStartInstant, nextMonth } from '../../domain/leaving-dates';
import { leavingWorkflowId } from '../../contracts/leaving-lifecycle';
import type { LeavingLifecycleResult } from '../../contracts/leaving-lifecycle';
import { bearer } from '../support/api';
import { seedEmployee } from '../support/lifecycle-fixtures';
import { seedCompanyWithKey, startTimeSkippingHarness } from '../support/lifecycle-harness';
import pino from 'pino';

type Harness = Awaited<ReturnType<typeof startTimeSkippingHarness>>;

describe('leaving lifecycle (time-skipping server)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startTimeSkippingHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  // ---- helpers -------------------------------------------------------------------------------

  async function company(timezone = 'Europe/Berlin') {
    return seedCompanyWithKey(h.db, timezone);
  }

  async function employeeOf(c: { companyId: string; integrationId: string }, fields: Parameters<typeof seedEmployee>[2] = {}) {
    return seedEmployee(h.db, c, fields);
  }

  async function putLeavingDate(c: { apiKey: string }, employeeId: string, leavingDate: string | null) {
    await h.syncClock();
    return h.app.inject({ method: 'PUT', url: `/v1/employees/${employeeId}/leaving-date`, headers: bearer(c.apiKey), payload: { leavingDate } });
  }

  async function sleepUntil(instantMs: number) {
    const remaining = instantMs - (await h.env.currentTimeMs());
    if (remaining > 0) await h.env.sleep(remaining);
    await h.syncClock();
  }

  const handle = (employeeId: string) => h.client.workflow.getHandle(leavingWorkflowId(employeeId));

  async function stateOf(employeeId: string) {
    const e = await h.db.employee.findUniqueOrThrow({ where: { id: employeeId }, include: { benefits: { orderBy: { createdAt: 'asc' } } } });
    return { status: e.status, lastWorkingMonth: e.lastWorkingMonth, benefitsEndAt: e.benefitsEndAt?.toISOString() ?? null, leftAt: e.leftAt?.toISOString() ?? null, benefits: e.benefits };
  }

  /** The database is untouched one second before the deadline and switched off exactly at it. */
  async function expectDeactivatedExactlyAt(employeeId: string, deadlineIso: string, benefitCount = 2) {
    const deadline = Date.parse(deadlineIso);
    await sleepUntil(deadline - 1000);
    const before = await stateOf(employeeId);
    expect(before.status).toBe('LEAVING_PLANNED');
    expect(before.benefits.map((b) => b.status)).toEqual(Array(benefitCount).fill('ACTIVE'));

    await sleepUntil(deadline);
    const result = (await handle(employeeId).result()) as LeavingLifecycleResult;
    expect(result).toEqual({ state: 'LEFT', deactivatedBenefits: benefitCount });
    const after = await stateOf(employeeId);
    expect(after.status).toBe('LEFT');
    expect(after.leftAt).toBe(deadlineIso);
    for (const b of after.benefits) {
      expect(b.status).toBe('DEACTIVATED');
      expect(b.endedAt?.toISOString()).toBe(deadlineIso);
    }
  }

  /** The first month from now on (inclusive) that is `mm` ('03', '12'…), in `timeZone`. */
  async function nextOccurrenceOf(mm: string, timeZone: string): Promise<string> {
    let month = currentMonth(await h.syncClock(), timeZone);
    while (month.slice(5) !== mm) month = nextMonth(month);
    return month;
  }

  function lastDayOf(month: string): string {
    const [y, m] = month.split('-').map(Number) as [number, number];
    return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
  }

  // ---- month ends in the company's time zone ------------------------------------------------

  it('a mid-month leaving date ends benefits at the first instant of the next month, not a second earlier', async () => {
    const c = await company('Europe/Berlin');
    const e = await employeeOf(c);
    const month = nextMonth(currentMonth(await h.syncClock(), 'Europe/Berlin'));
    const res = await putLeavingDate(c, e.employeeId, `${month}-15`);
    expect(res.statusCode).toBe(200);
    const deadline = monthStartInstant(nextMonth(month), 'Europe/Berlin').toISOString();
    expect(res.json()).toMatchObject({ status: 'LEAVING_PLANNED', leavingDate: `${month}-15`, lastWorkingMonth: month, benefitsEndAt: deadline });
    // Midnight on the 1st in Berlin; a millisecond earlier is still the last working month.
    expect(dateOf(new Date(deadline), 'Europe/Berlin')).toBe(`${nextMonth(month)}-01`);
    expect(dateOf(new Date(Date.parse(deadline) - 1), 'Europe/Berlin')).toBe(lastDayOf(month));
    const described = await handle(e.employeeId).describe();
    expect(described.typedSearchAttributes.getAll().map((p) => [p.key.name, p.value])).toEqual(
      expect.arrayContaining([
        ['CompanyId', c.companyId],
        ['EmployeeId', e.employeeId],
        ['IntegrationId', c.integrationId],
        ['LifecycleState', 'LEAVING_PLANNED'],
        ['LastWorkingMonth', month],
      ]),
    );
    await expectDeactivatedExactlyAt(e.employeeId, deadline);
  });

  it('a leaving date on the last day of a month ends benefits at midnight that night', async () => {
    const c = await company('Europe/Berlin');
    const e = await employeeOf(c);
    const month = nextMonth(currentMonth(await h.syncClock(), 'Europe/Berlin'));
    const res = await putLeavingDate(c, e.employeeId, lastDayOf(month));
    expect(res.json()).toMatchObject({ lastWorkingMonth: month });
    await expectDeactivatedExactlyAt(e.employeeId, monthStartInstant(nextMonth(month), 'Europe/Berlin').toISOString());
  });

  it('December → January: benefits end at New Year midnight in Berlin (23:00 UTC on 31 December)', async () => {
    const c = await company('Europe/Berlin');
    const e = await employeeOf(c);
    const december = await nextOccurrenceOf('12', 'Europe/Berlin');
    const res = await putLeavingDate(c, e.employeeId, `${december}-20`);
    const year = december.slice(0, 4);
    expect(res.json()).toMatchObject({ lastWorkingMonth: december, benefitsEndAt: `${year}-12-31T23:00:00.000Z` });
    await expectDeactivatedExactlyAt(e.employeeId, `${year}-12-31T23:00:00.000Z`);
  });

  it('a month with a DST change: March in Berlin ends in summer time (22:00 UTC)', async () => {
    const c = await company('Europe/Berlin');
    const e = await employeeOf(c);
    const march = await nextOccurrenceOf('03', 'Europe/Berlin');
    const res = await putLeavingDate(c, e.employeeId, `${march}-10`);
    const expected = `${march}-31T22:00:00.000Z`;
    expect(res.json()).toMatchObject({ lastWorkingMonth: march, benefitsEndAt: expected });
    await expectDeactivatedExactlyAt(e.employeeId, expected);
  });

  it('a month with a DST change in a company west of UTC: November in New York ends at 05:00 UTC', async () => {
    const c = await company('America/New_York');
    const e = await employeeOf(c);
    const november = await nextOccurrenceOf('11', 'America/New_York');
    const res = await putLeavingDate(c, e.employeeId, `${november}-05`);
    const expected = `${november.slice(0, 4)}-12-01T05:00:00.000Z`;
    expect(res.json()).toMatchObject({ lastWorkingMonth: november, benefitsEndAt: expected });
    await expectDeactivatedExactlyAt(e.employeeId, expected);
  });

  it('late entry: a leaving date in a month that has already ended takes effect at the end of the current month', async () => {
    const c = await company('Europe/Berlin');
    const e = await employeeOf(c);
    const now = await h.syncClock();
    const current = currentMonth(now, 'Europe/Berlin');
    const lastMonthDate = dateOf(new Date(monthStartInstant(current, 'Europe/Berlin').getTime() - 10 * 86_400_000), 'Europe/Berlin');
    const res = await putLeavingDate(c, e.employeeId, lastMonthDate);
    const deadline = monthStartInstant(nextMonth(current), 'Europe/Berlin').toISOString();
    expect(res.json()).toMatchObject({ status: 'LEAVING_PLANNED', leavingDate: lastMonthDate, lastWorkingMonth: current, benefitsEndAt: deadline });
    await expectDeactivatedExactlyAt(e.employeeId, deadline);
  });

  // ---- changes while waiting ------------------------------------------------------------------

  it('a leaving date moved later: the old deadline passes without effect, the new one applies', async () => {
    const c = await company();
    const e = await employeeOf(c);
    const first = nextMonth(currentMonth(await h.syncClock(), 'Europe/Berlin'));
    const later = nextMonth(nextMonth(first));
    await putLeavingDate(c, e.employeeId, `${first}-10`);
    const moved = await putLeavingDate(c, e.employeeId, `${later}-10`);
    const newDeadline = monthStartInstant(nextMonth(later), 'Europe/Berlin').toISOString();
    expect(moved.json()).toMatchObject({ status: 'LEAVING_PLANNED', lastWorkingMonth: later, benefitsEndAt: newDeadline });

    await sleepUntil(monthStartInstant(nextMonth(first), 'Europe/Berlin').getTime() + 60_000);
    expect((await stateOf(e.employeeId)).status).toBe('LEAVING_PLANNED');
    expect((await handle(e.employeeId).describe()).status.name).toBe('RUNNING');
    await expectDeactivatedExactlyAt(e.employeeId, newDeadline);
  });

  it('a leaving date moved earlier: benefits end at the earlier month end', async () => {
    const c = await company();
    const e = await employeeOf(c);
    const soon = nextMonth(currentMonth(await h.syncClock(), 'Europe/Berlin'));
    const far = nextMonth(nextMonth(nextMonth(soon)));
    await putLeavingDate(c, e.employeeId, `${far}-20`);
    const moved = await putLeavingDate(c, e.employeeId, `${soon}-03`);
    const deadline = monthStartInstant(nextMonth(soon), 'Europe/Berlin').toISOString();
    expect(moved.json()).toMatchObject({ lastWorkingMonth: soon, benefitsEndAt: deadline });
    await expectDeactivatedExactlyAt(e.employeeId, deadline);
  });

  it('a withdrawn leaving date returns the employee to ACTIVE with benefits untouched and ends the lifecycle', async () => {
    const c = await company();
    const e = await employeeOf(c);
    const month = nextMonth(currentMonth(await h.syncClock(), 'Europe/Berlin'));
    await putLeavingDate(c, e.employeeId, `${month}-15`);
    const res = await putLeavingDate(c, e.employeeId, null);
    expect(res.json()).toMatchObject({ status: 'ACTIVE', leavingDate: null, lastWorkingMonth: null, benefitsEndAt: null });
    expect(await handle(e.employeeId).result()).toEqual({ state: 'WITHDRAWN', deactivatedBenefits: 0 });

    await sleepUntil(monthStartInstant(nextMonth(month), 'Europe/Berlin').getTime() + 60_000);
    const after = await stateOf(e.employeeId);
    expect(after.status).toBe('ACTIVE');
    expect(after.benefits.map((b) => [b.status, b.endedAt])).toEqual([
      ['ACTIVE', null],
      ['ACTIVE', null],
    ]);
  });

  const drainDeps = () => ({ db: h.db, temporal: h.client, taskQueue: h.taskQueue, logger: pino({ level: 'silent' }) }) as never;
  /** What the sync does: write the leaving change and mark it pending for the company's handoff. */
  async function syncWritesLeaving(employeeId: string, data: Record<string, unknown>) {
    await h.db.employee.update({ where: { id: employeeId }, data: { ...data, ...pendingLeavingHandoffOnUpdate } });
  }
  const planned = (month: string) => ({ status: 'LEAVING_PLANNED' as const, lastWorkingMonth: month, benefitsEndAt: monthStartInstant(nextMonth(month), 'Europe/Berlin') });
  const noChange = { started: 0, updated: 0, withdrawn: 0, unchanged: 0, refused: 0 };

  it('rehire (HR status active with a newer hire date) withdraws the planned leaving through the sync handoff', async () => {
    const c = await company();
    const e = await employeeOf(c);
    const month = nextMonth(currentMonth(await h.syncClock(), 'Europe/Berlin'));
    // The sync planned the leaving from the HR data; the handoff hands it over.
    const deadline = monthStartInstant(nextMonth(month), 'Europe/Berlin').toISOString();
    await syncWritesLeaving(e.employeeId, { leavingDate: `${month}-15`, ...planned(month) });
    expect(await handOffPendingLeavers(drainDeps(), { companyId: c.companyId })).toEqual({ counts: { ...noChange, started: 1 }, more: false });
    expect(await handOffPendingLeavers(drainDeps(), { companyId: c.companyId })).toEqual({ counts: noChange, more: false }); // drained: nothing pending
    expect(await handle(e.employeeId).query('lifecycleState')).toEqual({ state: 'LEAVING_PLANNED', benefitsEndAt: deadline, lastWorkingMonth: month });

    // Next sync: HR says active again with a new hire date; the old leaving date precedes it.
    const newHireDate = `${nextMonth(month)}-01`;
    const decision = decideLeavingChange({
      previous: { status: 'LEAVING_PLANNED', leavingDate: `${month}-15`, hireDate: '2020-01-01' },
      incoming: { leavingDate: `${month}-15`, hireDate: newHireDate, hrStatus: 'active' },
    });
    expect(decision).toBe('withdraw');
    await syncWritesLeaving(e.employeeId, { hireDate: newHireDate, status: 'ACTIVE', lastWorkingMonth: null, benefitsEndAt: null });
    expect(await handOffPendingLeavers(drainDeps(), { companyId: c.companyId })).toEqual({ counts: { ...noChange, withdrawn: 1 }, more: false });
    expect(await handle(e.employeeId).result()).toEqual({ state: 'WITHDRAWN', deactivatedBenefits: 0 });
    // A withdraw handed over again (a retried batch) finds nothing running and does nothing.
    await syncWritesLeaving(e.employeeId, {});
    expect(await handOffPendingLeavers(drainDeps(), { companyId: c.companyId })).toEqual({ counts: { ...noChange, unchanged: 1 }, more: false });

    await sleepUntil(Date.parse(deadline) + 60_000);
    const after = await stateOf(e.employeeId);
    expect(after.status).toBe('ACTIVE');
    expect(after.benefits.every((b) => b.status === 'ACTIVE')).toBe(true);
  });

  it('the sync handoff starts once, reschedules a running lifecycle, and keeps a change written meanwhile pending', async () => {
    const c = await company();
    const employees = await Promise.all([employeeOf(c), employeeOf(c), employeeOf(c)]);
    const month = nextMonth(currentMonth(await h.syncClock(), 'Europe/Berlin'));
    for (const e of employees) await syncWritesLeaving(e.employeeId, planned(month));
    // Drained in rounds of two: the first says more may remain.
    expect(await handOffPendingLeavers(drainDeps(), { companyId: c.companyId, limit: 2 })).toEqual({ counts: { ...noChange, started: 2 }, more: true });
    expect(await handOffPendingLeavers(drainDeps(), { companyId: c.companyId, limit: 2 })).toEqual({ counts: { ...noChange, started: 1 }, more: false });
    const firstRun = (await handle(employees[0]!.employeeId).describe()).runId;

    // The next sync moves one leaving a month later and marks another again without a change.
    const later = nextMonth(month);
    await syncWritesLeaving(employees[0]!.employeeId, planned(later));
    await syncWritesLeaving(employees[1]!.employeeId, {});
    expect(await handOffPendingLeavers(drainDeps(), { companyId: c.companyId })).toEqual({ counts: { ...noChange, updated: 1, unchanged: 1 }, more: false });
    expect((await stateOf(employees[0]!.employeeId)).lastWorkingMonth).toBe(later);
    // Still the one workflow run it started, now waiting for the later deadline.
    const described = await handle(employees[0]!.employeeId).describe();
    expect([described.runId, described.status.name]).toEqual([firstRun, 'RUNNING']);
    expect(await handle(employees[0]!.employeeId).query('lifecycleState')).toMatchObject({ lastWorkingMonth: later });
    // The database was not written by the lifecycle for a plan the sync had recorded.
    const pending = await h.db.employee.count({ where: { companyId: c.companyId, leavingHandoffPending: true } });
    expect(pending).toBe(0);
    for (const e of employees) await handle(e.employeeId).terminate('test cleanup');
  });

  it('a plan recorded by a sync whose deadline passed before the handoff ends the benefits at once', async () => {
    const c = await company();
    const e = await employeeOf(c);
    const now = await h.syncClock();
    const thisMonth = currentMonth(now, 'Europe/Berlin');
    // The row says LEAVING_PLANNED with a deadline already behind us (the handoff ran late).
    const deadline = monthStartInstant(thisMonth, 'Europe/Berlin');
    await syncWritesLeaving(e.employeeId, { status: 'LEAVING_PLANNED', lastWorkingMonth: thisMonth, benefitsEndAt: deadline });
    expect((await handOffPendingLeavers(drainDeps(), { companyId: c.companyId })).counts.started).toBe(1);
    expect(await handle(e.employeeId).result()).toEqual({ state: 'LEFT', deactivatedBenefits: 2 });
    expect((await stateOf(e.employeeId)).status).toBe('LEFT');
  });

  // ---- immediate termination, deletion, benefit and voucher rules ----------------------------

  it('terminate-now without a voucher for the current month deactivates everything now and sets LEFT', async () => {
    const c = await company();
    const e = await employeeOf(c);
    const month = nextMonth(currentMonth(await h.syncClock(), 'Europe/Berlin'));
    await putLeavingDate(c, e.employeeId, `${month}-15`);
    const before = await h.env.currentTimeMs();
    const res = await h.app.inject({ method: 'POST', url: `/v1/employees/${e.employeeId}/terminate-now`, headers: bearer(c.apiKey) });
    const after = await h.env.currentTimeMs();
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ status: 'LEFT', deactivatedBenefits: 2 });
    expect(Date.parse(body.leftAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(body.leftAt)).toBeLessThanOrEqual(after);
    const state = await stateOf(e.employeeId);
    expect(state.benefits.map((b) => [b.status, b.endedAt?.toISOString()])).toEqual([
      ['DEACTIVATED', body.leftAt],
      ['DEACTIVATED', body.leftAt],
    ]);
    expect(await handle(e.employeeId).result()).toEqual({ state: 'TERMINATED', deactivatedBenefits: 2 });
    // Once LEFT, a second request is refused from the database.
    const again = await h.app.inject({ method: 'POST', url: `/v1/employees/${e.employeeId}/terminate-now`, headers: bearer(c.apiKey) });
    expect(again.statusCode).toBe(409);
  });

  it('terminate-now is refused (409 with the reason) while a voucher is selected for the current month', async () => {
    const c = await company();
    const e = await employeeOf(c, { benefits: ['MONTHLY_VOUCHER'] });
    const current = currentMonth(await h.syncClock(), 'Europe/Berlin');
    const selected = await h.app.inject({ method: 'POST', url: `/v1/employees/${e.employeeId}/vouchers`, headers: bearer(c.apiKey), payload: { benefitId: e.benefitIds[0], month: current } });
    expect(selected.statusCode).toBe(201);

    const res = await h.app.inject({ method: 'POST', url: `/v1/employees/${e.employeeId}/terminate-now`, headers: bearer(c.apiKey) });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'termination_not_allowed', message: expect.stringMatching(/voucher has already been selected for the current month/) });
    const state = await stateOf(e.employeeId);
    expect(state.status).toBe('ACTIVE');
    expect(state.benefits[0]!.status).toBe('ACTIVE');
    // The lifecycle started only for this request has nothing to wait for.
    expect(await handle(e.employeeId).result()).toEqual({ state: 'ABANDONED', deactivatedBenefits: 0 });

    // Leaving at the end of the month instead still works.
    await putLeavingDate(c, e.employeeId, `${current}-28`);
    await expectDeactivatedExactlyAt(e.employeeId, monthStartInstant(nextMonth(current), 'Europe/Berlin').toISOString(), 1);
  });

  it('deletion ends the running lifecycle, removes the personal data and keeps an anonymised audit entry', async () => {
    const c = await company();
    const e = await employeeOf(c, { benefits: ['MONTHLY_VOUCHER'] });
    const current = currentMonth(await h.syncClock(), 'Europe/Berlin');
    await h.app.inject({ method: 'POST', url: `/v1/employees/${e.employeeId}/vouchers`, headers: bearer(c.apiKey), payload: { benefitId: e.benefitIds[0], month: current } });
    const month = nextMonth(current);
    await putLeavingDate(c, e.employeeId, `${month}-15`);

    const warn = await h.app.inject({ method: 'DELETE', url: `/v1/employees/${e.employeeId}`, headers: bearer(c.apiKey) });
    expect(warn.statusCode).toBe(409);
    expect(warn.json()).toMatchObject({ error: 'confirmation_required', details: { unreachableVouchers: 1 }, message: expect.stringContaining('1 unredeemed voucher') });
    expect(await h.db.employee.count({ where: { id: e.employeeId } })).toBe(1);

    const res = await h.app.inject({ method: 'DELETE', url: `/v1/employees/${e.employeeId}?confirm=true`, headers: bearer(c.apiKey) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ deleted: true, unreachableVouchers: 1 });
    expect((await handle(e.employeeId).describe()).status.name).toBe('TERMINATED');
    expect(await h.db.employee.count({ where: { id: e.employeeId } })).toBe(0);
    expect(await h.db.benefit.count({ where: { employeeId: e.employeeId } })).toBe(0);
    expect(await h.db.voucher.count({ where: { employeeId: e.employeeId } })).toBe(0);
    const audit = await h.db.auditEntry.findMany({ where: { companyId: c.companyId } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'employee.deleted', subjectId: e.employeeId, details: { benefits: 1, vouchers: 1, unreachableVouchers: 1, lifecycleEnded: true } });
    expect(JSON.stringify(audit[0])).not.toMatch(/Erika|Mustermann|example\.com/);

    // The deadline passes without anything happening; the employee is gone for the API too.
    await sleepUntil(monthStartInstant(nextMonth(month), 'Europe/Berlin').getTime() + 60_000);
    const gone = await h.app.inject({ method: 'GET', url: `/v1/employees/${e.employeeId}/benefits`, headers: bearer(c.apiKey) });
    expect(gone.statusCode).toBe(404);
  });

  it('no new benefit once LEAVING_PLANNED (409 with the reason), nor once LEFT', async () => {
    const c = await company();
    const e = await employeeOf(c, { benefits: ['MONTHLY_VOUCHER'] });
    const ok = await h.app.inject({ method: 'POST', url: `/v1/employees/${e.employeeId}/benefits`, headers: bearer(c.apiKey), payload: { type: 'INTERNET_ALLOWANCE', amountCents: 3000 } });
    expect(ok.statusCode).toBe(201);
    const month = nextMonth(currentMonth(await h.syncClock(), 'Europe/Berlin'));
    await putLeavingDate(c, e.employeeId, `${month}-15`);

    const leaving = await h.app.inject({ method: 'POST', url: `/v1/employees/${e.employeeId}/benefits`, headers: bearer(c.apiKey), payload: { type: 'RECREATION_ALLOWANCE' } });
    expect(leaving.statusCode).toBe(409);
    expect(leaving.json()).toEqual({ error: 'employee_leaving', message: 'The employee is leaving; no new benefit can be configured.', details: { status: 'LEAVING_PLANNED' } });

    await expectDeactivatedExactlyAt(e.employeeId, monthStartInstant(nextMonth(month), 'Europe/Berlin').toISOString(), 2);
    const left = await h.app.inject({ method: 'POST', url: `/v1/employees/${e.employeeId}/benefits`, headers: bearer(c.apiKey), payload: { type: 'MONTHLY_VOUCHER' } });
    expect(left.statusCode).toBe(409);
    expect(left.json()).toMatchObject({ error: 'employee_left', message: expect.stringMatching(/has left/) });
  });

  it('a LEFT employee redeems a voucher of the last working month but cannot select a new one', async () => {
    const c = await company();
    const e = await employeeOf(c, { benefits: ['MONTHLY_VOUCHER'] });
    const month = nextMonth(currentMonth(await h.syncClock(), 'Europe/Berlin'));
    await putLeavingDate(c, e.employeeId, `${month}-15`);
    // While leaving: up to and including the last working month, not after.
    const select = (m: string) => h.app.inject({ method: 'POST', url: `/v1/employees/${e.employeeId}/vouchers`, headers: bearer(c.apiKey), payload: { benefitId: e.benefitIds[0], month: m } });
    const old = await select(month);
    expect(old.statusCode).toBe(201);
    expect(old.json()).toMatchObject({ month, amountCents: 5000, status: 'SELECTED' });
    const afterLeaving = await select(nextMonth(month));
    expect(afterLeaving.statusCode).toBe(409);

    await expectDeactivatedExactlyAt(e.employeeId, monthStartInstant(nextMonth(month), 'Europe/Berlin').toISOString(), 1);

    const blocked = await select(nextMonth(month));
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json()).toMatchObject({ error: 'employee_left', message: 'The employee has left; nothing new can be selected.' });
    const redeemed = await h.app.inject({ method: 'POST', url: `/v1/vouchers/${old.json().id}/redeem`, headers: bearer(c.apiKey) });
    expect(redeemed.statusCode).toBe(200);
    expect(redeemed.json()).toMatchObject({ status: 'REDEEMED' });
    const twice = await h.app.inject({ method: 'POST', url: `/v1/vouchers/${old.json().id}/redeem`, headers: bearer(c.apiKey) });
    expect(twice.statusCode).toBe(409);
  });
});
