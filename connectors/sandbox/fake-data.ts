// Deterministic starting data of the sandbox company: the same seed and reference date give the
// same employees. Dates are placed around the reference date (default today) so a demo always has
// past leavers, planned leavers and future hires. Names are generated, not real people.
import type { SandboxAttribute, SandboxCustomValue, SandboxEmployee, SandboxEmploymentType, SandboxLegalEntity } from './api-types';
import { SANDBOX_GENDERS, SANDBOX_MARITAL_STATUSES } from './api-types';

/** A stored employee: what the API serves minus what is derived (status, legal entity name). */
export type SandboxEmployeeRow = Omit<SandboxEmployee, 'status' | 'legal_entity'> & { legal_entity_id: string };

export const SANDBOX_LEGAL_ENTITIES: readonly SandboxLegalEntity[] = [
  { id: 'le_de', name: 'Sandbox Demo GmbH', country: 'DE' },
  { id: 'le_services', name: 'Sandbox Demo Services GmbH', country: 'DE' },
  { id: 'le_at', name: 'Sandbox Demo Austria GmbH', country: 'AT' },
  { id: 'le_ch', name: 'Sandbox Demo Schweiz AG', country: 'CH' },
];

export const SANDBOX_ATTRIBUTES: readonly SandboxAttribute[] = [
  { key: 'personnel_number', label: 'Personnel number', type: 'string', custom: false },
  { key: 'first_name', label: 'First name', type: 'string', custom: false },
  { key: 'last_name', label: 'Last name', type: 'string', custom: false },
  { key: 'email', label: 'Work e-mail', type: 'string', custom: false },
  { key: 'gender', label: 'Gender', type: 'list', custom: false, options: [...SANDBOX_GENDERS] },
  { key: 'status', label: 'Status', type: 'list', custom: false, options: ['onboarding', 'active', 'terminated'] },
  { key: 'employment_type', label: 'Employment type', type: 'list', custom: false, options: ['full_time', 'part_time', 'working_student', 'mini_job', 'intern'] },
  { key: 'weekly_hours', label: 'Weekly hours', type: 'number', custom: false },
  { key: 'hire_date', label: 'Hire date', type: 'date', custom: false },
  { key: 'leaving_date', label: 'Leaving date', type: 'date', custom: false },
  { key: 'legal_entity', label: 'Legal entity', type: 'list', custom: false, options: SANDBOX_LEGAL_ENTITIES.map((e) => e.name) },
  { key: 'marital_status', label: 'Marital status', type: 'list', custom: false, options: [...SANDBOX_MARITAL_STATUSES] },
  { key: 'department', label: 'Department', type: 'string', custom: false },
  { key: 'children', label: 'Number of children', type: 'number', custom: true },
  { key: 'cost_center', label: 'Cost center', type: 'string', custom: true },
];

const FIRST_NAMES = ['Alma', 'Bruno', 'Carla', 'Dario', 'Edda', 'Fritz', 'Greta', 'Hugo', 'Ilse', 'Jakob', 'Kira', 'Linus', 'Maja', 'Nils', 'Olga', 'Pia', 'Quentin', 'Rosa', 'Sven', 'Tilda'];
const LAST_NAMES = ['Apfelbaum', 'Birkenfeld', 'Dachs', 'Eichhorn', 'Fuchs', 'Hase', 'Igel', 'Kiefer', 'Lerche', 'Marder', 'Nachtigall', 'Otter', 'Pappel', 'Rabe', 'Specht', 'Tanne', 'Ulme', 'Wiesel'];
const DEPARTMENTS = ['Engineering', 'Operations', 'Sales', 'Finance', 'People'];
const COST_CENTERS = ['CC-100', 'CC-200', 'CC-300'];

/** Fixed life cycles for the first employees, so even a tiny sandbox shows every case. */
const FIRST_LIFECYCLES = [50, 50, 0, 12, 18] as const; // active, active, left, leaving, onboarding
const FIRST_EMPLOYMENT = [10, 70] as const; // full-time, part-time

function hash(seed: number, index: number, salt: number): number {
  let h = Math.imul(seed ^ 0x5bd1e995, 0x85ebca6b) ^ Math.imul(index + 0x1b873593, 0xc2b2ae35) ^ Math.imul(salt + 7, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

export function sandboxEmployeeId(n: number): string {
  return `emp_${String(n).padStart(4, '0')}`;
}

function employment(roll: number): { type: SandboxEmploymentType; hours: number } {
  if (roll < 65) return { type: 'full_time', hours: 40 };
  if (roll < 85) return { type: 'part_time', hours: [20, 25, 30][roll % 3] };
  if (roll < 93) return { type: 'working_student', hours: 20 };
  if (roll < 97) return { type: 'mini_job', hours: 10 };
  return { type: 'intern', hours: 40 };
}

/** Employee number n (1-based) of the sandbox company. */
export function generateSandboxEmployee(seed: number, n: number, referenceDate: string): SandboxEmployeeRow {
  const r = (salt: number) => hash(seed, n, salt);
  const lifecycle = FIRST_LIFECYCLES[n - 1] ?? r(1) % 100;
  let hireDate = addDays(referenceDate, -(60 + (r(2) % 3000)));
  let leavingDate: string | null = null;
  if (lifecycle < 10) {
    leavingDate = addDays(referenceDate, -(5 + (r(3) % 400)));
    hireDate = addDays(leavingDate, -(90 + (r(2) % 2000)));
  } else if (lifecycle < 17) {
    leavingDate = addDays(referenceDate, 15 + (r(3) % 90));
  } else if (lifecycle < 21) {
    hireDate = addDays(referenceDate, 7 + (r(3) % 60));
  }
  const job = employment(FIRST_EMPLOYMENT[n - 1] ?? r(4) % 100);
  const firstName = FIRST_NAMES[r(5) % FIRST_NAMES.length];
  const lastName = LAST_NAMES[r(6) % LAST_NAMES.length];
  const maritalStatus = SANDBOX_MARITAL_STATUSES[r(7) % SANDBOX_MARITAL_STATUSES.length];
  const customFields: Record<string, SandboxCustomValue> = {
    children: r(8) % 8 === 0 ? null : r(9) % 4,
    cost_center: COST_CENTERS[r(10) % COST_CENTERS.length],
  };
  return {
    id: sandboxEmployeeId(n),
    personnel_number: `SB-${String(n).padStart(5, '0')}`,
    first_name: firstName,
    last_name: lastName,
    email: `${firstName}.${lastName}.${n}@sandbox-demo.example`.toLowerCase(),
    gender: SANDBOX_GENDERS[r(11) % SANDBOX_GENDERS.length],
    employment_type: job.type,
    weekly_hours: job.hours,
    hire_date: hireDate,
    leaving_date: leavingDate,
    legal_entity_id: SANDBOX_LEGAL_ENTITIES[r(12) % SANDBOX_LEGAL_ENTITIES.length].id,
    marital_status: maritalStatus,
    department: DEPARTMENTS[r(13) % DEPARTMENTS.length],
    custom_fields: customFields,
    updated_at: `${addDays(referenceDate, -(r(14) % 30))}T08:00:00Z`,
  };
}
