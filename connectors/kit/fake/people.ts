// Deterministic, invented people for vendor fakes: person n (1-based) always looks the same, and
// every vendor renders the same life cycle in its own field shapes. Names are combinations from
// short lists; they describe no real person.

export const FAKE_FIRST_NAMES = ['Alex', 'Sam', 'Robin', 'Kim', 'Jordan', 'Charlie', 'Taylor', 'Morgan', 'Jamie', 'Riley', 'Avery', 'Quinn'];
export const FAKE_LAST_NAMES = ['Fieldstone', 'Marlow', 'Quillby', 'Tannenhof', 'Oakridge', 'Brightwater', 'Ellingsen', 'Harrowgate', 'Lindqvist', 'Pemberly'];

export interface FakePerson {
  n: number;
  firstName: string;
  lastName: string;
  /** first.last.n, lower case: append the vendor's domain. */
  emailLocalPart: string;
  /** Every 5th person has left (in 2025). */
  terminated: boolean;
  /** Every 7th (n % 7 === 3) of the others is leaving (2030-06-30). */
  leaving: boolean;
  hireDate: string;
  terminationDate: string | null;
}

export function isoDay(base: number, days: number): string {
  return new Date(base + days * 86_400_000).toISOString().slice(0, 10);
}

export function fakePerson(n: number): FakePerson {
  const terminated = n % 5 === 0;
  const leaving = !terminated && n % 7 === 3;
  const firstName = FAKE_FIRST_NAMES[n % FAKE_FIRST_NAMES.length];
  const lastName = FAKE_LAST_NAMES[(n * 7) % FAKE_LAST_NAMES.length];
  return {
    n,
    firstName,
    lastName,
    emailLocalPart: `${firstName}.${lastName}.${n}`.toLowerCase(),
    terminated,
    leaving,
    hireDate: isoDay(Date.UTC(2012, 0, 1), (n * 97) % 4300),
    terminationDate: terminated ? `2025-${String((n % 12) + 1).padStart(2, '0')}-15` : leaving ? '2030-06-30' : null,
  };
}
