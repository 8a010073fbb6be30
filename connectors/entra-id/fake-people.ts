// Deterministic, invented Graph users for the Entra ID fake: person n always looks the same for the
// same reference date, and thousands cost only a loop. Names are combinations from short lists.

export type GraphUserRecord = Record<string, unknown> & { id: string };

const GIVEN_NAMES = ['Anna', 'Ben', 'Clara', 'David', 'Eva', 'Felix', 'Greta', 'Hannes', 'Ida', 'Jonas', 'Kira', 'Lukas', 'Mira', 'Noah', 'Olga', 'Paul'];
const SURNAMES = ['Ahrens', 'Brandt', 'Conrad', 'Dietz', 'Engel', 'Fuchs', 'Gerber', 'Hahn', 'Imhof', 'Jansen', 'Krause', 'Lorenz', 'Moser', 'Nagel', 'Ott'];
const COMPANIES = ['Northwind Benefits GmbH', 'Northwind Benefits Austria GmbH', 'Fabrikam Services AG'];
const EMPLOYEE_TYPES = ['Employee', 'Employee', 'Employee', 'Part-time', 'Contractor', 'Intern'];
const DEPARTMENTS = ['Engineering', 'Sales', 'Finance', 'People', 'Operations'];
const MARITAL_STATUSES = ['single', 'married', 'divorced'];

export const FAKE_TENANT_DOMAIN = 'northwind-benefits.test';
/** App id of the (fake) HR provisioning app owning the directory extensions. */
export const FAKE_EXTENSION_APP_ID = '0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0';
export const fakeExtensionName = (name: string) => `extension_${FAKE_EXTENSION_APP_ID.replace(/-/g, '')}_${name}`;

export function fakeUserId(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/**
 * Person n (1-based). Every 10th person has a leave date: every 20th left 30 days before the reference
 * date (account disabled), the others leave 60 days after it (account still enabled).
 */
export function fakeGraphUser(n: number, referenceDate: string): GraphUserRecord {
  const given = GIVEN_NAMES[n % GIVEN_NAMES.length];
  const surname = SURNAMES[(n * 7 + Math.floor(n / GIVEN_NAMES.length)) % SURNAMES.length];
  const email = `${given}.${surname}.${n}@${FAKE_TENANT_DOMAIN}`.toLowerCase();
  const leftAlready = n % 20 === 0;
  const leavesSoon = n % 10 === 0 && !leftAlready;
  return {
    id: fakeUserId(n),
    displayName: `${given} ${surname}`,
    givenName: given,
    surname,
    mail: email,
    userPrincipalName: email,
    accountEnabled: !leftAlready,
    employeeId: `E${String(n).padStart(5, '0')}`,
    employeeType: EMPLOYEE_TYPES[n % EMPLOYEE_TYPES.length],
    employeeHireDate: `${shiftDays('2016-01-04', (n * 37) % 3000)}T00:00:00Z`,
    employeeLeaveDateTime: leftAlready ? `${shiftDays(referenceDate, -30)}T23:59:59Z` : leavesSoon ? `${shiftDays(referenceDate, 60)}T23:59:59Z` : null,
    companyName: COMPANIES[n % COMPANIES.length],
    department: DEPARTMENTS[n % DEPARTMENTS.length],
    jobTitle: `${DEPARTMENTS[n % DEPARTMENTS.length]} specialist`,
    officeLocation: `Building ${(n % 4) + 1}`,
    usageLocation: n % 3 === 1 ? 'AT' : 'DE',
    employeeOrgData: { division: n % 2 ? 'Group' : 'Retail', costCenter: `CC-${100 + (n % 7)}` },
    onPremisesExtensionAttributes: onPremisesAttributes({ extensionAttribute1: `Site ${(n % 4) + 1}` }),
    [fakeExtensionName('numberOfChildren')]: n % 4,
    [fakeExtensionName('maritalStatus')]: MARITAL_STATUSES[n % MARITAL_STATUSES.length],
  };
}

export function onPremisesAttributes(values: Record<string, string | null> = {}): Record<string, string | null> {
  const all: Record<string, string | null> = {};
  for (let i = 1; i <= 15; i++) all[`extensionAttribute${i}`] = values[`extensionAttribute${i}`] ?? null;
  return all;
}

export function shiftDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
