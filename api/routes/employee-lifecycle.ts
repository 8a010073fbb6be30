// Admin actions on an employee's lifecycle: a leaving date, immediate termination, deletion. Leaving
// dates and terminations go through the employee's lifecycle workflow (update-with-start), which
// writes the database before it answers; the responses are read back from the database.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as store from '../../infra/repositories/lifecycle-store';
import { isIsoDate, planLeaving } from '../../domain/leaving-dates';
import { planOrRescheduleLeaving, terminateLeavingNow, updateRefusal, withdrawLeavingIfRunning } from '../../infra/leaving-lifecycle-client';
import { companyOf } from '../auth';
import { presentLifecycleStatus } from '../benefit-presenters';
import type { AppDeps } from '../deps';
import { deleteEmployeePermanently, unredeemedVoucherCount } from '../employee-deletion';
import { badRequest, conflict } from '../errors';
import { deleteEmployeeQuery, employeeDeleted, leavingDateBody, lifecycleStatus, terminatedNow } from '../schemas/benefits';
import { errorResponses, idParams } from '../schemas/common';
import { temporalCalls } from '../temporal-calls';
import { employeeOfCompany } from '../tenancy';

export function employeeLifecycleRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const target = { client: deps.temporal, taskQueue: deps.config.TEMPORAL_TASK_QUEUE };
  // Deadline until Temporal accepts; with it unreachable, 503 before the database is touched.
  const temporal = temporalCalls(deps.temporal);
  const now = () => deps.now?.() ?? new Date();

  /** Runs a lifecycle update; a refusal by the workflow becomes a 409 with its reason. */
  async function viaLifecycle<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      const refusal = updateRefusal(err);
      if (refusal !== null) throw conflict('lifecycle_refused', refusal);
      throw err;
    }
  }

  return async (app) => {
    app.put(
      '/employees/:id/leaving-date',
      {
        schema: {
          tags: ['lifecycle'],
          summary: 'Enter, move or withdraw (null) the leaving date; benefits end at the end of its month (never retroactively)',
          params: idParams,
          body: leavingDateBody,
          response: { 200: lifecycleStatus, 403: errorResponses[403], 409: errorResponses[409] },
        },
      },
      async (req) => {
        const { companyId, timezone } = companyOf(req);
        const employee = await employeeOfCompany(deps.db, companyId, req.params.id);
        if (employee.status === 'LEFT') throw conflict('employee_left', 'The employee has already left; the leaving date can no longer change.');
        const { leavingDate } = req.body;
        const ids = { employeeId: employee.id, companyId, integrationId: employee.integrationId };
        if (leavingDate === null) {
          if (employee.status === 'LEAVING_PLANNED') {
            const withdrawn = await viaLifecycle(() => withdrawLeavingIfRunning(deps.temporal, employee.id, temporal));
            // No lifecycle running (never started, or lost): the database alone holds the plan.
            if (!withdrawn) await store.withdrawLeaving(deps.db, employee.id);
          }
        } else {
          if (!isIsoDate(leavingDate)) throw badRequest('invalid_request', 'Invalid body.leavingDate: not a calendar date.');
          const plan = planLeaving({ leavingDate, firstSeenAt: now(), timeZone: timezone });
          await viaLifecycle(() => planOrRescheduleLeaving(target, ids, { benefitsEndAt: plan.benefitsEndAt, lastWorkingMonth: plan.lastWorkingMonth }, temporal));
        }
        const updated = await deps.db.employee.update({ where: { id: employee.id }, data: { leavingDate, leavingDateSource: leavingDate === null ? null : 'ADMIN' } });
        return presentLifecycleStatus(updated);
      },
    );

    app.post(
      '/employees/:id/terminate-now',
      {
        schema: {
          tags: ['lifecycle'],
          summary: 'Immediate termination: deactivates every benefit now (409 while a voucher is selected for the current month)',
          params: idParams,
          response: { 200: terminatedNow, 403: errorResponses[403], 409: errorResponses[409] },
        },
      },
      async (req) => {
        const { companyId } = companyOf(req);
        const employee = await employeeOfCompany(deps.db, companyId, req.params.id);
        if (employee.status === 'LEFT') throw conflict('employee_left', 'The employee has already left.');
        const result = await viaLifecycle(() => terminateLeavingNow(target, { employeeId: employee.id, companyId, integrationId: employee.integrationId }, temporal));
        if (!result.terminated) throw conflict('termination_not_allowed', result.reason);
        const updated = await deps.db.employee.findUniqueOrThrow({ where: { id: employee.id } });
        return { ...presentLifecycleStatus(updated), deactivatedBenefits: result.deactivatedBenefits };
      },
    );

    app.delete(
      '/employees/:id',
      {
        schema: {
          tags: ['lifecycle'],
          summary: "Delete the employee's personal data for good (needs ?confirm=true; without it, 409 says how many vouchers become unreachable)",
          params: idParams,
          querystring: deleteEmployeeQuery,
          response: { 200: employeeDeleted, 403: errorResponses[403], 409: errorResponses[409] },
        },
      },
      async (req) => {
        const { companyId } = companyOf(req);
        const employee = await employeeOfCompany(deps.db, companyId, req.params.id);
        if (req.query.confirm !== 'true') {
          const unreachableVouchers = await unredeemedVoucherCount(deps.db, employee.id);
          throw conflict(
            'confirmation_required',
            `Deleting this employee removes their personal data for good and makes ${unreachableVouchers} unredeemed voucher(s) unreachable. Repeat with ?confirm=true to delete.`,
            { unreachableVouchers },
          );
        }
        const result = await deleteEmployeePermanently(deps.db, temporal, companyId, employee.id);
        return { deleted: true as const, ...result };
      },
    );
  };
}
