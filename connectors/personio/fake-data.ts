// Deterministic fake Personio employees: employee n is a pure function of (seed, n, reference
// date), so 100,000 employees cost nothing until a page of them is read. Names are generated
// from lists of common given and family names; they describe no real person.

export type FakeGender = 'male' | 'female' | 'diverse';
export type FakeStatus = 'onboarding' | 'active' | 'leave' | 'inactive';

export interface FakePersonioEmployee {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  gender: FakeGender;
  status: FakeStatus;
  position: string;
  employmentType: 'internal' | 'external';
  weeklyWorkingHours: number;
  hireDate: string;
  terminationDate: string | null;
  terminationType: string | null;
  terminationReason: string | null;
  subcompanyId: number | null;
  departmentId: number;
  officeId: number;
  createdAt: string;
  lastModifiedAt: string;
  /** Values of custom attributes, keyed dynamic_<id>. */
  custom: Record<string, string | number | null>;
}

export interface NamedEntity {
  id: number;
  name: string;
}

export const FAKE_SUBCOMPANIES: readonly NamedEntity[] = [
  { id: 7031, name: 'Nordwind Demo GmbH' },
  { id: 7032, name: 'Nordwind Services GmbH' },
  { id: 7033, name: 'Nordwind Austria GmbH' },
];
export const FAKE_DEPARTMENTS: readonly NamedEntity[] = [
  { id: 281501, name: 'Engineering' },
  { id: 281502, name: 'Customer Support' },
  { id: 281503, name: 'Sales' },
  { id: 281504, name: 'Finance' },
  { id: 281505, name: 'People' },
];
export const FAKE_OFFICES: readonly NamedEntity[] = [
  { id: 131001, name: 'Munich' },
  { id: 131002, name: 'Berlin' },
  { id: 131003, name: 'Vienna' },
];

/** Custom attributes of the fake company, as Personio lists them (keys dynamic_<id>). */
export const CHILDREN_ATTRIBUTE = 'dynamic_1001';
export const MARITAL_STATUS_ATTRIBUTE = 'dynamic_1002';
export const EMPLOYEE_NUMBER_ATTRIBUTE = 'dynamic_1003';
export const MARITAL_STATUS_OPTIONS = ['single', 'married', 'divorced', 'widowed', 'registered partnership'] as const;

/** Generated employees get ids FIRST_FAKE_ID, FIRST_FAKE_ID + 1, … in listing order. */
export const FIRST_FAKE_ID = 10_001;

const FIRST_NAMES = ['Anna', 'Lukas', 'Marie', 'Felix', 'Sophie', 'Jonas', 'Lea', 'Paul', 'Emma', 'Noah', 'Mia', 'Elias', 'Hannah', 'Ben', 'Lina', 'Finn', 'Clara', 'Leon', 'Ida', 'Theo'];
const LAST_NAMES = ['Muster', 'Beispiel', 'Sommer', 'Winter', 'Berg', 'Brunnen', 'Feld', 'Wald', 'Stein', 'Lindner', 'Hofmann', 'Acker', 'Falk', 'Graf', 'Kranich', 'Vogt', 'Seidel', 'Roth', 'Brandt', 'Kessler'];
const POSITIONS = ['Software Engineer', 'Support Agent', 'Account Executive', 'Accountant', 'HR Generalist', 'Team Lead', 'Product Manager'];
const GENDERS: readonly FakeGender[] = ['female', 'male', 'female', 'male', 'diverse'];
const PART_TIME_HOURS = [20, 24, 30, 32];

/** A 32-bit hash of (seed, index, salt): stable across runs and cheap. */
function hash(seed: number, index: number, salt: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 0x632be5ab, 0xc2b2ae35) ^ Math.imul(salt + 1, 0x27d4eb2f);
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

/** Employee number `index` (0-based) of a company generated from `seed`, dated around `referenceDate`. */
export function generateFakeEmployee(seed: number, index: number, referenceDate: string): FakePersonioEmployee {
  const r = (salt: number) => hash(seed, index, salt);
  const id = FIRST_FAKE_ID + index;
  const firstName = FIRST_NAMES[r(1) % FIRST_NAMES.length];
  const lastName = LAST_NAMES[r(2) % LAST_NAMES.length];
  const lifecycle = r(3) % 100;

  // Roughly: 8 % left in the past, 4 % leaving in the future, 3 % onboarding, 3 % on leave.
  let status: FakeStatus = 'active';
  let hireDate = addDays(referenceDate, -(30 + (r(4) % 4000)));
  let terminationDate: string | null = null;
  if (lifecycle < 8) {
    status = 'inactive';
    terminationDate = addDays(referenceDate, -(1 + (r(5) % 700)));
    hireDate = addDays(terminationDate, -(60 + (r(4) % 3000)));
  } else if (lifecycle < 12) {
    terminationDate = addDays(referenceDate, 10 + (r(5) % 120));
  } else if (lifecycle < 15) {
    status = 'onboarding';
    hireDate = addDays(referenceDate, 5 + (r(4) % 90));
  } else if (lifecycle < 18) {
    status = 'leave';
  }

  const partTime = r(6) % 100 < 25;
  const hasChildrenValue = r(7) % 10 !== 0; // some employees never filled the custom field in
  return {
    id,
    firstName,
    lastName,
    email: `${firstName}.${lastName}.${id}@nordwind-demo.example`.toLowerCase(),
    gender: GENDERS[r(8) % GENDERS.length],
    status,
    position: POSITIONS[r(9) % POSITIONS.length],
    employmentType: r(10) % 100 < 5 ? 'external' : 'internal',
    weeklyWorkingHours: partTime ? PART_TIME_HOURS[r(11) % PART_TIME_HOURS.length] : 40,
    hireDate,
    terminationDate,
    terminationType: terminationDate ? 'employee' : null,
    terminationReason: terminationDate ? 'New job' : null,
    subcompanyId: r(12) % 50 === 0 ? null : FAKE_SUBCOMPANIES[r(13) % FAKE_SUBCOMPANIES.length].id,
    departmentId: FAKE_DEPARTMENTS[r(14) % FAKE_DEPARTMENTS.length].id,
    officeId: FAKE_OFFICES[r(15) % FAKE_OFFICES.length].id,
    createdAt: `${hireDate < referenceDate ? hireDate : addDays(referenceDate, -20)}T09:00:00+01:00`,
    // Before the reference date: generated data is never "changed since" a sync of today.
    lastModifiedAt: `${addDays(referenceDate, -1 - (r(16) % 30))}T12:00:00+01:00`,
    custom: {
      [CHILDREN_ATTRIBUTE]: hasChildrenValue ? r(17) % 4 : null,
      [MARITAL_STATUS_ATTRIBUTE]: MARITAL_STATUS_OPTIONS[r(18) % MARITAL_STATUS_OPTIONS.length],
      [EMPLOYEE_NUMBER_ATTRIBUTE]: `NW-${String(id).padStart(6, '0')}`,
    },
  };
}
