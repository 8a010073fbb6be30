import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { companyOf } from '../auth';
import type { AppDeps } from '../deps';
import { decodeIdCursor, pageOf } from '../pagination';
import { presentEmployee, presentInvite } from '../presenters';
import { errorResponses, idParams, listOf, listQuery } from '../schemas/common';
import { employee, invite } from '../schemas/employee';
import { employeeOfCompany } from '../tenancy';
import { fastOkSerializer } from '../fast-serializer';
import { poolOf } from '../../infra/prisma';
import { readEmployeePage } from '../../infra/repositories/employee-pages';

export function employeeRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/employees',
      {
        schema: {
          tags: ['employees'],
          summary: "The company's employees, filtered by status, paginated with a cursor",
          querystring: listQuery.extend({ status: z.enum(['ACTIVE', 'LEAVING_PLANNED', 'LEFT']).optional() }),
          response: { 200: listOf(employee, listQuery), 403: errorResponses[403] },
        },
        serializerCompiler: fastOkSerializer,
      },
      async (req) => {
        const { companyId } = companyOf(req);
        const after = decodeIdCursor(req.query.cursor);
        const rows = await readEmployeePage(poolOf(deps.db), { companyId, status: req.query.status, afterId: after, take: req.query.limit + 1 });
        const page = pageOf(rows, req.query.limit, (r) => r.id);
        return { items: page.items.map(presentEmployee), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/employees/:id',
      { schema: { tags: ['employees'], summary: 'One employee', params: idParams, response: { 200: employee, 403: errorResponses[403] } } },
      async (req) => {
        const { companyId } = companyOf(req);
        return presentEmployee(await employeeOfCompany(deps.db, companyId, req.params.id));
      },
    );

    app.get(
      '/invites',
      { schema: { tags: ['employees'], summary: "Invitations to the benefits app created for the company's employees", querystring: listQuery, response: { 200: listOf(invite, listQuery), 403: errorResponses[403] } } },
      async (req) => {
        const { companyId } = companyOf(req);
        const after = decodeIdCursor(req.query.cursor);
        const rows = await deps.db.invite.findMany({ where: { companyId, ...(after ? { id: { gt: after } } : {}) }, orderBy: { id: 'asc' }, take: req.query.limit + 1 });
        const page = pageOf(rows, req.query.limit, (r) => r.id);
        return { items: page.items.map(presentInvite), nextCursor: page.nextCursor };
      },
    );
  };
}
