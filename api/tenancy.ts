// Tenant-scoped lookups: another company's ids answer 404, exactly like ids that do not exist.
import type { Db } from '../infra/prisma';
import { notFound } from './errors';

export async function integrationOfCompany(db: Db, companyId: string, integrationId: string) {
  const integration = await db.integration.findFirst({ where: { id: integrationId, companyId } });
  if (!integration) throw notFound('The integration');
  return integration;
}

export async function employeeOfCompany(db: Db, companyId: string, employeeId: string) {
  const employee = await db.employee.findFirst({ where: { id: employeeId, companyId } });
  if (!employee) throw notFound('The employee');
  return employee;
}
