// One page of a company's employees in id order, as one prepared statement on the Prisma client's
// own pool (infra/prisma.ts poolOf): the API's busiest read, where Prisma's per-query work cost five
// times the query itself. The index (company_id[, status], id) serves both orders.
import type pg from 'pg';
import type { Employee } from '../../generated/prisma/client';

/**
 * The columns the API presents (api/presenters.ts presentEmployee), under their Prisma names; the
 * instants come as ISO 8601 strings made by PostgreSQL, which spares parsing them into Dates only to
 * format them again (a tenth of the page's CPU).
 */
export type EmployeeRow = Pick<
  Employee,
  | 'id' | 'integrationId' | 'remoteId' | 'firstName' | 'lastName' | 'email' | 'status' | 'personnelNumber' | 'employmentType' | 'hireDate'
  | 'leavingDate' | 'lastWorkingMonth' | 'gender' | 'legalEntityId' | 'legalEntityName' | 'maritalStatus' | 'numberOfChildren'
> & { invitedAt: string | null; createdAt: string; updatedAt: string };

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const COLUMNS = `id, integration_id AS "integrationId", remote_id AS "remoteId", first_name AS "firstName", last_name AS "lastName", email, status,
  personnel_number AS "personnelNumber", employment_type AS "employmentType", hire_date AS "hireDate", leaving_date AS "leavingDate",
  last_working_month AS "lastWorkingMonth", gender, legal_entity_id AS "legalEntityId", legal_entity_name AS "legalEntityName",
  marital_status AS "maritalStatus", number_of_children AS "numberOfChildren",
  ${iso('invited_at')} AS "invitedAt", ${iso('created_at')} AS "createdAt", ${iso('updated_at')} AS "updatedAt"`;

export interface EmployeePageQuery {
  companyId: string;
  status?: Employee['status'];
  /** The last id of the previous page (exclusive). */
  afterId?: string;
  /** Rows to read: the page size plus one, to tell whether another page follows. */
  take: number;
}

export async function readEmployeePage(pool: pg.Pool, q: EmployeePageQuery): Promise<EmployeeRow[]> {
  const values: unknown[] = [q.companyId];
  const where = ['company_id = $1'];
  if (q.status) where.push(`status = $${values.push(q.status)}::"EmployeeStatus"`);
  if (q.afterId) where.push(`id > $${values.push(q.afterId)}`);
  const text = `SELECT ${COLUMNS} FROM employees WHERE ${where.join(' AND ')} ORDER BY id LIMIT $${values.push(q.take)}`;
  // Named: each of the four shapes is parsed and planned once per connection.
  const name = `employee-page${q.status ? '-status' : ''}${q.afterId ? '-after' : ''}`;
  const result = await pool.query<EmployeeRow>({ name, text, values });
  return result.rows;
}
