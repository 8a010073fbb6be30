// HR file export: the columns an export has (roles) and the usual header names per HR system
// (presets). Sources in connectors/hr-file-export/NOTES.md: Perbility Helix from the vendor's
// (perbit) standard employee data layout; Mirus: nothing published was found, so its preset is the
// generic one (German names first).

export const HR_FILE_ROLES = [
  'employeeId',
  'firstName',
  'lastName',
  'email',
  'hireDate',
  'leavingDate',
  'status',
  'personnelNumber',
  'employmentType',
  'gender',
  'maritalStatus',
  'legalEntityId',
  'legalEntityName',
  'numberOfChildren',
] as const;
export type HrFileRole = (typeof HR_FILE_ROLES)[number];

/** Without these a file is refused: an export without leaving dates turns every leaver into a disappearance. */
export const HR_FILE_REQUIRED_ROLES: readonly HrFileRole[] = ['employeeId', 'firstName', 'lastName', 'email', 'leavingDate'];

export const ROLE_LABELS: Record<HrFileRole, string> = {
  employeeId: 'employee id',
  firstName: 'first name',
  lastName: 'last name',
  email: 'work e-mail',
  hireDate: 'hire date',
  leavingDate: 'leaving date',
  status: 'status',
  personnelNumber: 'personnel number',
  employmentType: 'employment type',
  gender: 'gender',
  maritalStatus: 'marital status',
  legalEntityId: 'legal entity id',
  legalEntityName: 'legal entity name',
  numberOfChildren: 'number of children',
};

export const HR_FILE_PRESET_IDS = ['generic', 'perbility-helix', 'mirus'] as const;
export type HrFilePresetId = (typeof HR_FILE_PRESET_IDS)[number];

export interface HrFilePreset {
  id: HrFilePresetId;
  /** Header names tried for each role, in order (compared without case, spaces, dashes, underscores). */
  columns: Record<HrFileRole, readonly string[]>;
}

/** German first (the customers' exports), then English. */
const GENERIC: Record<HrFileRole, readonly string[]> = {
  employeeId: ['Mitarbeiter-ID', 'Mitarbeiternummer', 'Personalnummer', 'Personal-Nr.', 'Pers.-Nr.', 'ID', 'Employee ID', 'Employee number'],
  firstName: ['Vorname', 'First name', 'Given name'],
  lastName: ['Nachname', 'Name', 'Familienname', 'Last name', 'Surname', 'Family name'],
  email: ['E-Mail', 'E-Mail geschäftlich', 'E-Mail Büro', 'E-Mail-Adresse', 'Email', 'Work email', 'Business email'],
  hireDate: ['Eintrittsdatum', 'Eintritt', 'Hire date', 'Start date'],
  leavingDate: ['Austrittsdatum', 'Austritt', 'Leaving date', 'Termination date', 'End date'],
  status: ['Status', 'Beschäftigungsstatus', 'Employment status'],
  personnelNumber: ['Personalnummer', 'Personal-Nr.', 'Pers.-Nr.', 'Personnel number'],
  employmentType: ['Beschäftigungsart', 'Beschäftigungsverhältnis', 'Anstellungsart', 'Employment type'],
  gender: ['Geschlecht', 'Gender'],
  maritalStatus: ['Familienstand', 'Marital status'],
  legalEntityId: ['Mandantnummer', 'Mandant-Nr.', 'Gesellschaft-ID', 'Firmennummer', 'Legal entity ID', 'Company ID'],
  legalEntityName: ['Mandant', 'Gesellschaft', 'Firma', 'Unternehmen', 'Legal entity', 'Company'],
  numberOfChildren: ['Anzahl Kinder', 'Kinderanzahl', 'Kinder', 'Number of children', 'Children'],
};

/** Helix exports ahead of the generic names (Personalnummer is the id there, Name the last name). */
const PERBILITY_HELIX: Record<HrFileRole, readonly string[]> = {
  ...GENERIC,
  employeeId: ['Personalnummer', ...GENERIC.employeeId],
  lastName: ['Name', ...GENERIC.lastName],
  email: ['E-Mail Büro', ...GENERIC.email],
  legalEntityId: ['Mandantnummer', ...GENERIC.legalEntityId],
};

export const HR_FILE_PRESETS: Record<HrFilePresetId, HrFilePreset> = {
  generic: { id: 'generic', columns: GENERIC },
  'perbility-helix': { id: 'perbility-helix', columns: PERBILITY_HELIX },
  mirus: { id: 'mirus', columns: GENERIC },
};

/** Header names compare without case, surrounding quotes, spaces, dots, dashes and underscores. */
export function normaliseHeader(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s._\-"']+/g, '');
}
