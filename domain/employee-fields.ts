// The unified employee fields the product can sync, as shown in the setup flow (step 2).
// Required fields cannot be deselected; only selected fields are ever stored.

export const EMPLOYEE_FIELD_KEYS = [
  'firstName',
  'lastName',
  'email',
  'status',
  'personnelNumber',
  'employmentType',
  'hireDate',
  'leavingDate',
  'gender',
  'legalEntity',
  'maritalStatus',
  'numberOfChildren',
] as const;

export type EmployeeFieldKey = (typeof EMPLOYEE_FIELD_KEYS)[number];

export interface EmployeeFieldDefinition {
  key: EmployeeFieldKey;
  area: 'Personal' | 'Contact' | 'Employment' | 'Family';
  required: boolean;
  description: string;
}

export const EMPLOYEE_FIELDS: readonly EmployeeFieldDefinition[] = [
  { key: 'firstName', area: 'Personal', required: true, description: 'First name, shown in the benefits app' },
  { key: 'lastName', area: 'Personal', required: true, description: 'Last name, shown in the benefits app' },
  { key: 'email', area: 'Contact', required: true, description: 'Work e-mail, used for the app invitation and to re-link employees after a reconnect' },
  { key: 'status', area: 'Employment', required: true, description: 'Employment status in the HR system' },
  { key: 'leavingDate', area: 'Employment', required: true, description: 'Termination date; starts the leaving lifecycle' },
  { key: 'hireDate', area: 'Employment', required: false, description: 'Hire date; a new hire date after a leave is a rehire' },
  { key: 'personnelNumber', area: 'Employment', required: false, description: 'Personnel number for payroll exports' },
  { key: 'employmentType', area: 'Employment', required: false, description: 'Full-time, part-time, … (filters, allowances)' },
  { key: 'legalEntity', area: 'Employment', required: false, description: 'Legal entity / company of the group (filters)' },
  { key: 'gender', area: 'Personal', required: false, description: 'Gender' },
  { key: 'maritalStatus', area: 'Family', required: false, description: 'Marital status (recreation allowance for a spouse)' },
  { key: 'numberOfChildren', area: 'Family', required: false, description: 'Number of children (recreation allowance per child)' },
];

/** Product fields whose HR attribute the admin may have to choose in the mapping step. */
export const MAPPABLE_FIELDS = ['numberOfChildren', 'maritalStatus', 'personnelNumber', 'employmentType'] as const;
export type MappableField = (typeof MAPPABLE_FIELDS)[number];

export const REQUIRED_FIELD_KEYS: readonly EmployeeFieldKey[] = EMPLOYEE_FIELDS.filter((f) => f.required).map((f) => f.key);
export const DEFAULT_FIELD_SELECTION: readonly EmployeeFieldKey[] = EMPLOYEE_FIELDS.map((f) => f.key);
