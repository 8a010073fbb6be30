// Monthly vouchers: an employee selects the voucher of a month and later redeems it. LEFT employees
// can still redeem vouchers of months before leaving but cannot select anything new.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { lockEmployee } from '../../infra/repositories/lifecycle-store';
import { canRedeemVoucher, canSelectVoucher } from '../../domain/benefit-rules';
import { currentMonth } from '../../domain/leaving-dates';
import { Prisma } from '../../generated/prisma/client';
import { companyOf } from '../auth';
import { presentVoucher } from '../benefit-presenters';
import type { AppDeps } from '../deps';
import { conflict, notFound } from '../errors';
import { selectVoucherBody, voucher } from '../schemas/benefits';
import { errorResponses, idParams } from '../schemas/common';
import { employeeOfCompany } from '../tenancy';

const isUniqueViolation = (err: unknown) => err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002';

export function voucherRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/employees/:id/vouchers',
      {
        schema: {
          tags: ['vouchers'],
          summary: 'Select the voucher of a month (not for a LEFT employee, nor after the last working month)',
          params: idParams,
          body: selectVoucherBody,
          response: { 201: voucher, 403: errorResponses[403], 409: errorResponses[409] },
        },
      },
      async (req, reply) => {
        const { companyId, timezone } = companyOf(req);
        const employee = await employeeOfCompany(deps.db, companyId, req.params.id);
        const { benefitId, month } = req.body;
        const thisMonth = currentMonth(deps.now?.() ?? new Date(), timezone);
        try {
          const created = await deps.db.$transaction(async (tx) => {
            // Under the row lock: a terminate-now or a leaving completion cannot interleave.
            const locked = await lockEmployee(tx, employee.id);
            if (!locked) throw notFound('The employee');
            const decision = canSelectVoucher(locked.status, month, locked.lastWorkingMonth);
            if (!decision.allowed) throw conflict(locked.status === 'LEFT' ? 'employee_left' : 'month_not_allowed', decision.reason, { status: locked.status });
            if (month < thisMonth) throw conflict('month_ended', `${month} has ended; vouchers can be selected from ${thisMonth} on.`);
            const b = await tx.benefit.findFirst({ where: { id: benefitId, employeeId: employee.id } });
            if (!b || b.type !== 'MONTHLY_VOUCHER') throw notFound('The voucher benefit');
            if (b.status !== 'ACTIVE') throw conflict('benefit_deactivated', 'This voucher benefit has been deactivated.');
            return tx.voucher.create({ data: { companyId, employeeId: employee.id, benefitId, month, amountCents: b.amountCents } });
          });
          return reply.code(201).send(presentVoucher(created));
        } catch (err) {
          if (isUniqueViolation(err)) throw conflict('voucher_exists', `The voucher of ${month} has already been selected.`);
          throw err;
        }
      },
    );

    app.post(
      '/vouchers/:id/redeem',
      {
        schema: {
          tags: ['vouchers'],
          summary: 'Redeem a selected voucher (a LEFT employee only for months before leaving)',
          params: idParams,
          response: { 200: voucher, 403: errorResponses[403], 409: errorResponses[409] },
        },
      },
      async (req) => {
        const { companyId } = companyOf(req);
        const found = await deps.db.voucher.findFirst({ where: { id: req.params.id, companyId }, include: { employee: { select: { status: true, lastWorkingMonth: true } } } });
        if (!found) throw notFound('The voucher');
        if (found.status === 'REDEEMED') throw conflict('already_redeemed', 'This voucher has already been redeemed.');
        const decision = canRedeemVoucher(found.employee.status, found.month, found.employee.lastWorkingMonth);
        if (!decision.allowed) throw conflict('redeem_not_allowed', decision.reason, { status: found.employee.status });
        const { count } = await deps.db.voucher.updateMany({ where: { id: found.id, status: 'SELECTED' }, data: { status: 'REDEEMED', redeemedAt: deps.now?.() ?? new Date() } });
        if (count === 0) throw conflict('already_redeemed', 'This voucher has already been redeemed.');
        return presentVoucher(await deps.db.voucher.findUniqueOrThrow({ where: { id: found.id } }));
      },
    );
  };
}
