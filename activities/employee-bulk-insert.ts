// Inserts a batch of new employee rows with one statement of column arrays (INSERT … SELECT FROM
// unnest($1::uuid[], $2::text[], …)): a fixed ~20 parameters however many rows, instead of Prisma's
// createMany, which builds and compiles one parameter per cell (~10,000 for a batch of 500) and was
// the largest CPU cost of a first sync (bench/README.md).
import type { Prisma } from '../generated/prisma/client';

type EmployeeRow = Prisma.EmployeeCreateManyInput;

/** Column and PostgreSQL array type of every employee field a sync may write on insert. */
const COLUMNS: { [K in keyof EmployeeRow]?: readonly [column: string, sqlType: string] } = {
  id: ['id', 'uuid'],
  companyId: ['company_id', 'uuid'],
  integrationId: ['integration_id', 'uuid'],
  remoteId: ['remote_id', 'text'],
  status: ['status', '"EmployeeStatus"'],
  hrStatus: ['hr_status', 'text'],
  firstName: ['first_name', 'text'],
  lastName: ['last_name', 'text'],
  email: ['email', 'text'],
  personnelNumber: ['personnel_number', 'text'],
  employmentType: ['employment_type', 'text'],
  hireDate: ['hire_date', 'text'],
  leavingDate: ['leaving_date', 'text'],
  leavingDateSource: ['leaving_date_source', 'text'],
  lastWorkingMonth: ['last_working_month', 'text'],
  benefitsEndAt: ['benefits_end_at', 'timestamptz'],
  gender: ['gender', 'text'],
  legalEntityId: ['legal_entity_id', 'text'],
  legalEntityName: ['legal_entity_name', 'text'],
  maritalStatus: ['marital_status', 'text'],
  numberOfChildren: ['number_of_children', 'int'],
  contentHash: ['content_hash', 'text'],
  removedAt: ['removed_at', 'timestamptz'],
  leftAt: ['left_at', 'timestamptz'],
  invitedAt: ['invited_at', 'timestamptz'],
  leavingHandoffPending: ['leaving_handoff_pending', 'boolean'],
  leavingHandoffVersion: ['leaving_handoff_version', 'int'],
};

/** Inserts `rows` (all with the same fields, every one of them in COLUMNS) in one statement. */
export async function insertEmployeeRows(tx: Prisma.TransactionClient, rows: readonly EmployeeRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const fields = Object.keys(rows[0]!) as (keyof EmployeeRow)[];
  const specs = fields.map((field) => {
    const spec = COLUMNS[field];
    // A new employee field must be added above, or it would silently not be stored.
    if (!spec) throw new Error(`insertEmployeeRows: no column for employee field "${String(field)}"; add it to COLUMNS`);
    return spec;
  });
  const arrays = fields.map((field) => rows.map((row) => row[field] ?? null));
  const columns = specs.map(([column]) => `"${column}"`).join(', ');
  const unnest = specs.map(([, sqlType], i) => `$${i + 1}::${sqlType}[]`).join(', ');
  return tx.$executeRawUnsafe(`INSERT INTO "employees" (${columns}) SELECT * FROM unnest(${unnest})`, ...arrays);
}
