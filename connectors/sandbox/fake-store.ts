// The sandbox company's employees in memory, in id order, with keyset paging (a cursor names the
// last id served, so adding or deleting employees between pages never skips anyone).
import type { SandboxEmployee, SandboxStatus } from './api-types';
import { SANDBOX_LEGAL_ENTITIES, generateSandboxEmployee, sandboxEmployeeId, type SandboxEmployeeRow } from './fake-data';
import type { CreateEmployeeInput, UpdateEmployeeInput } from './request-schemas';

export class SandboxInputError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409,
  ) {
    super(message);
  }
}

export interface SandboxStoreOptions {
  seed: number;
  employeeCount: number;
  referenceDate: string;
  /** Today's date, for statuses and default hire dates. */
  today: () => string;
}

export class SandboxStore {
  private readonly rows = new Map<number, SandboxEmployeeRow>();
  /** Numeric ids in ascending order. */
  private readonly ids: number[] = [];
  private nextNumber: number;

  constructor(private readonly options: SandboxStoreOptions) {
    for (let n = 1; n <= options.employeeCount; n++) {
      this.rows.set(n, generateSandboxEmployee(options.seed, n, options.referenceDate));
      this.ids.push(n);
    }
    this.nextNumber = options.employeeCount + 1;
  }

  get size(): number {
    return this.ids.length;
  }

  /** Up to `limit` employees with a number greater than `after`; `last` tells where to continue. */
  page(after: number, limit: number): { employees: SandboxEmployee[]; hasMore: boolean; last: number | null } {
    const start = firstIndexAbove(this.ids, after);
    const slice = this.ids.slice(start, start + limit);
    return {
      employees: slice.map((n) => this.present(this.rows.get(n)!)),
      hasMore: start + limit < this.ids.length,
      last: slice.length ? slice[slice.length - 1] : null,
    };
  }

  get(id: string): SandboxEmployee {
    return this.present(this.row(id));
  }

  add(input: CreateEmployeeInput): SandboxEmployee {
    this.assertEmailFree(input.email, null);
    this.assertLegalEntity(input.legal_entity_id);
    const n = this.nextNumber++;
    const employmentType = input.employment_type ?? 'full_time';
    const row: SandboxEmployeeRow = {
      id: sandboxEmployeeId(n),
      personnel_number: input.personnel_number ?? `SB-${String(n).padStart(5, '0')}`,
      first_name: input.first_name,
      last_name: input.last_name,
      email: input.email,
      gender: input.gender ?? null,
      employment_type: employmentType,
      weekly_hours: input.weekly_hours ?? (employmentType === 'full_time' || employmentType === 'intern' ? 40 : 20),
      hire_date: input.hire_date ?? this.options.today(),
      leaving_date: null,
      legal_entity_id: input.legal_entity_id ?? SANDBOX_LEGAL_ENTITIES[0].id,
      marital_status: input.marital_status ?? null,
      department: input.department ?? 'Operations',
      custom_fields: { children: null, cost_center: null, ...input.custom_fields },
      updated_at: new Date().toISOString(),
    };
    this.rows.set(n, row);
    this.ids.push(n);
    return this.present(row);
  }

  update(id: string, changes: UpdateEmployeeInput): SandboxEmployee {
    const current = this.row(id);
    if (changes.email !== undefined) this.assertEmailFree(changes.email, current.id);
    this.assertLegalEntity(changes.legal_entity_id);
    const next: SandboxEmployeeRow = {
      ...current,
      ...changes,
      custom_fields: { ...current.custom_fields, ...changes.custom_fields },
      updated_at: new Date().toISOString(),
    };
    if (next.leaving_date !== null && next.leaving_date < next.hire_date) {
      throw new SandboxInputError('leaving_date cannot be before hire_date', 400);
    }
    this.rows.set(numberOf(id)!, next);
    return this.present(next);
  }

  terminate(id: string, leavingDate: string): SandboxEmployee {
    return this.update(id, { leaving_date: leavingDate });
  }

  remove(id: string): void {
    this.row(id);
    const n = numberOf(id)!;
    this.rows.delete(n);
    this.ids.splice(this.ids.indexOf(n), 1);
  }

  private row(id: string): SandboxEmployeeRow {
    const n = numberOf(id);
    const row = n === null ? undefined : this.rows.get(n);
    if (!row) throw new SandboxInputError(`No employee with id ${id}`, 404);
    return row;
  }

  private present(row: SandboxEmployeeRow): SandboxEmployee {
    const { legal_entity_id, ...rest } = row;
    const entity = SANDBOX_LEGAL_ENTITIES.find((e) => e.id === legal_entity_id) ?? SANDBOX_LEGAL_ENTITIES[0];
    return { ...rest, status: statusOn(row, this.options.today()), legal_entity: { id: entity.id, name: entity.name } };
  }

  private assertEmailFree(email: string, ownId: string | null): void {
    const taken = [...this.rows.values()].some((r) => r.id !== ownId && r.email.toLowerCase() === email.toLowerCase());
    if (taken) throw new SandboxInputError(`Another employee already uses ${email}`, 409);
  }

  private assertLegalEntity(id: string | undefined): void {
    if (id !== undefined && !SANDBOX_LEGAL_ENTITIES.some((e) => e.id === id)) {
      throw new SandboxInputError(`Unknown legal_entity_id ${id}; see GET /api/legal-entities`, 400);
    }
  }
}

function statusOn(row: SandboxEmployeeRow, today: string): SandboxStatus {
  if (row.leaving_date !== null && row.leaving_date < today) return 'terminated';
  return row.hire_date > today ? 'onboarding' : 'active';
}

function numberOf(id: string): number | null {
  const match = /^emp_(\d+)$/.exec(id);
  return match ? Number(match[1]) : null;
}

function firstIndexAbove(sorted: number[], after: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
