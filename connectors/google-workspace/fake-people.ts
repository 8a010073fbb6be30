// Deterministic, invented Directory API users for the Google Workspace fake: person n always looks
// the same for the same reference date, and thousands cost only a loop.

export type GoogleUserRecord = Record<string, unknown> & { id: string; primaryEmail: string };

const GIVEN_NAMES = ['Alma', 'Bruno', 'Cleo', 'Dario', 'Edda', 'Fritz', 'Gesa', 'Henrik', 'Ilse', 'Jakob', 'Karla', 'Linus', 'Maren', 'Nils', 'Ortrud', 'Piet'];
const SURNAMES = ['Albers', 'Bauer', 'Claasen', 'Dreher', 'Eckert', 'Fink', 'Gruber', 'Haas', 'Iske', 'Jost', 'Kuhn', 'Lang', 'Mertens', 'Noll', 'Oster'];
const COMPANIES = ['Contoso Benefits GmbH', 'Contoso Benefits Schweiz AG', 'Litware Services SE'];
const EMPLOYEE_TYPES = ['Full-time', 'Full-time', 'Part-time', 'Working student', 'Contractor'];
const DEPARTMENTS = ['Engineering', 'Sales', 'Finance', 'People', 'Operations'];
const GENDERS = ['female', 'male', 'other', 'unknown'];
const MARITAL_STATUSES = ['single', 'married', 'divorced'];

export const FAKE_GOOGLE_DOMAIN = 'contoso-benefits.test';
export const FAKE_CUSTOMER_ID = 'C03f4k3x1';
/** The custom schema every generated person carries (defined in the fake's schemas.list). */
export const EMPLOYMENT_SCHEMA = 'Employment';

export function fakeGoogleUserId(n: number): string {
  return String(100000000000000000000n + BigInt(n)); // 21 digits, like Google's numeric ids
}

/**
 * Person n (1-based). Every 10th person has a leaving date in Employment.leavingDate: every 20th
 * left 30 days before the reference date (every 40th is archived, the others suspended); the rest
 * of them leave 60 days after it and are still active.
 */
export function fakeGoogleUser(n: number, referenceDate: string, domain = FAKE_GOOGLE_DOMAIN): GoogleUserRecord {
  const given = GIVEN_NAMES[n % GIVEN_NAMES.length];
  const family = SURNAMES[(n * 7 + Math.floor(n / GIVEN_NAMES.length)) % SURNAMES.length];
  const left = n % 20 === 0;
  const archived = n % 40 === 0;
  const leavingDate = left ? shiftDays(referenceDate, -30) : n % 10 === 0 ? shiftDays(referenceDate, 60) : undefined;
  const department = DEPARTMENTS[n % DEPARTMENTS.length];
  return {
    kind: 'admin#directory#user',
    id: fakeGoogleUserId(n),
    etag: `"fake-etag-${n}"`,
    primaryEmail: `${given}.${family}.${n}@${domain}`.toLowerCase(),
    name: { givenName: given, familyName: family, fullName: `${given} ${family}` },
    isAdmin: false,
    isDelegatedAdmin: false,
    suspended: left && !archived,
    ...(left && !archived ? { suspensionReason: 'ADMIN' } : {}),
    archived,
    orgUnitPath: n % 5 === 4 ? '/Contractors' : '/Employees',
    customerId: FAKE_CUSTOMER_ID,
    creationTime: `${shiftDays('2016-01-04', (n * 37) % 3000)}T08:00:00.000Z`,
    externalIds: [{ value: `E${String(n).padStart(5, '0')}`, type: 'organization' }],
    organizations: [
      {
        name: COMPANIES[n % COMPANIES.length],
        title: `${department} specialist`,
        department,
        costCenter: `CC-${200 + (n % 7)}`,
        description: EMPLOYEE_TYPES[n % EMPLOYEE_TYPES.length],
        primary: true,
        customType: '',
      },
    ],
    ...(n % 5 === 0 ? {} : { gender: { type: GENDERS[n % GENDERS.length] } }),
    customSchemas: {
      [EMPLOYMENT_SCHEMA]: {
        hireDate: shiftDays('2016-01-04', (n * 37) % 3000),
        ...(leavingDate ? { leavingDate } : {}),
        numberOfChildren: String(n % 4),
        maritalStatus: MARITAL_STATUSES[n % MARITAL_STATUSES.length],
        languages: n % 2 ? [{ value: 'German' }, { value: 'English', type: 'work' }] : [{ value: 'German' }],
      },
    },
  };
}

/** The Employment schema as schemas.list returns it. */
export function employmentSchema(customerId = FAKE_CUSTOMER_ID) {
  const field = (fieldName: string, fieldType: string, displayName: string, multiValued = false) => ({
    kind: 'admin#directory#schema#fieldspec',
    fieldId: `fld-${fieldName}`,
    etag: `"fld-${fieldName}"`,
    fieldType,
    fieldName,
    displayName,
    multiValued,
    readAccessType: 'ADMINS_AND_SELF',
    indexed: true,
  });
  return {
    kind: 'admin#directory#schema',
    schemaId: `sch-${customerId}-employment`,
    etag: '"sch-employment"',
    schemaName: EMPLOYMENT_SCHEMA,
    displayName: 'Employment',
    fields: [
      field('hireDate', 'DATE', 'Hire date'),
      field('leavingDate', 'DATE', 'Leaving date'),
      field('numberOfChildren', 'INT64', 'Number of children'),
      field('maritalStatus', 'STRING', 'Marital status'),
      field('languages', 'STRING', 'Languages', true),
    ],
  };
}

export function shiftDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
