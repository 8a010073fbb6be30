// Benefits configured per employee. A new benefit needs an ACTIVE employee (checked under the
// employee's row lock, so it cannot slip in while the lifecycle marks the employee as leaving).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { lockEmployee } from '../../infra/repositories/lifecycle-store';
import { canConfigureBenefit } from '../../domain/benefit-rules';
import { companyOf } from '../auth';
import { benefitAmountCents } from '../benefit-amounts';
import { presentBenefit } from '../benefit-presenters';
import type { AppDeps } from '../deps';
import { conflict, notFound } from '../errors';
import { benefit, benefitParams, createBenefitBody } from '../schemas/benefits';
import { errorResponses, idParams } from '../schemas/common';
import { employeeOfCompany } from '../tenancy';

export function benefitRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/employees/:id/benefits',
      {
        schema: {
          tags: ['benefits'],
          summary: 'Configure a benefit for an ACTIVE employee (409 once the employee is leaving or has left)',
          params: idParams,
          body: createBenefitBody,
          response: { 201: benefit, 403: errorResponses[403], 409: errorResponses[409] },
        },
      },
      async (req, reply) => {
        const { companyId } = companyOf(req);
        const employee = await employeeOfCompany(deps.db, companyId, req.params.id);
        const amountCents = benefitAmountCents(req.body.type, req.body.amountCents, employee);
        const created = await deps.db.$transaction(async (tx) => {
          const locked = await lockEmployee(tx, employee.id);
          if (!locked) throw notFound('The employee');
          const decision = canConfigureBenefit(locked.status);
          if (!decision.allowed) throw conflict(locked.status === 'LEFT' ? 'employee_left' : 'employee_leaving', decision.reason, { status: locked.status });
          const existing = await tx.benefit.findFirst({ where: { employeeId: employee.id, type: req.body.type, status: 'ACTIVE' }, select: { id: true } });
          if (existing) throw conflict('benefit_exists', `The employee already has an active ${req.body.type} benefit.`, { benefitId: existing.id });
          return tx.benefit.create({ data: { companyId, employeeId: employee.id, type: req.body.type, amountCents } });
        });
        return reply.code(201).send(presentBenefit(created, employee));
      },
    );

    app.get(
      '/employees/:id/benefits',
      {
        schema: {
          tags: ['benefits'],
          summary: "The employee's benefits, active and deactivated",
          params: idParams,
          response: { 200: z.object({ items: z.array(benefit) }), 403: errorResponses[403] },
        },
      },
      async (req) => {
        const { companyId } = companyOf(req);
        const employee = await employeeOfCompany(deps.db, companyId, req.params.id);
        const rows = await deps.db.benefit.findMany({ where: { employeeId: employee.id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
        return { items: rows.map((b) => presentBenefit(b, employee)) };
      },
    );

    app.delete(
      '/employees/:id/benefits/:benefitId',
      {
        schema: {
          tags: ['benefits'],
          summary: 'Deactivate a benefit now (idempotent)',
          params: benefitParams,
          response: { 200: benefit, 403: errorResponses[403] },
        },
      },
      async (req) => {
        const { companyId } = companyOf(req);
        const employee = await employeeOfCompany(deps.db, companyId, req.params.id);
        const now = deps.now?.() ?? new Date();
        // Only an active benefit is touched: its first end date stays.
        await deps.db.benefit.updateMany({ where: { id: req.params.benefitId, employeeId: employee.id, status: 'ACTIVE' }, data: { status: 'DEACTIVATED', endedAt: now } });
        const row = await deps.db.benefit.findFirst({ where: { id: req.params.benefitId, employeeId: employee.id } });
        if (!row) throw notFound('The benefit');
        return presentBenefit(row, employee);
      },
    );
  };
}
