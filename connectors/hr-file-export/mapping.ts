// One row of a read export (domain/hr-file.ts) as the product's unified employee. Status comes from
// a status column where the export has one, else from the dates (leaving date passed → terminated,
// hire date ahead → onboarding); labels are read with the kit's German/English label readers.
import type { HrFileRow, HrFileReading } from '../../domain/hr-file';
import { employmentTypeFromLabel, genderFromLabel, invalidRecord, mapped, maritalStatusFromLabel, type MappedRecord } from '../kit';
import type { AttributeOption, HrStatus, RemoteEmployee } from '../types';

const STATUS_LABELS: Record<string, HrStatus> = {
  aktiv: 'active',
  active: 'active',
  beschäftigt: 'active',
  ruhend: 'leave',
  elternzeit: 'leave',
  leave: 'leave',
  inaktiv: 'inactive',
  inactive: 'inactive',
  ausgetreten: 'terminated',
  ausgeschieden: 'terminated',
  terminated: 'terminated',
  left: 'terminated',
  onboarding: 'onboarding',
  eintritt: 'onboarding',
};

function statusOf(row: HrFileRow, today: string): HrStatus {
  const label = row.fields.status?.trim().toLowerCase();
  if (label && STATUS_LABELS[label]) return STATUS_LABELS[label];
  const { leavingDate, hireDate } = row.fields;
  if (leavingDate && leavingDate < today) return 'terminated';
  if (hireDate && hireDate > today) return 'onboarding';
  return 'active';
}

/** German labels of the usual exports, read as the kit's English ones. */
const GERMAN: [RegExp, string][] = [
  [/vollzeit/i, 'full'],
  [/teilzeit/i, 'part'],
  [/werkstudent/i, 'student'],
  [/praktik|auszubild|azubi/i, 'intern'],
  [/minijob|geringfügig/i, 'mini'],
  [/freiberuf|freie?r? mitarbeit/i, 'contract'],
  [/^(männlich|mann)$/i, 'male'],
  [/^(w|weiblich|frau)$/i, 'female'],
  [/ledig/i, 'single'],
  [/lebenspartner/i, 'partner'],
  [/verheiratet/i, 'married'],
  [/geschieden/i, 'divorced'],
  [/verwitwet/i, 'widow'],
  [/getrennt/i, 'separated'],
];
const english = (label: string | null | undefined): string | null => (label ? (GERMAN.find(([re]) => re.test(label))?.[1] ?? label) : null);

export function mapHrFileRow(row: HrFileRow, today: string): MappedRecord {
  const f = row.fields;
  const id = f.employeeId ?? null;
  if (row.problems.length > 0 || !id) return invalidRecord(id, row.problems.map((p) => p.message).join(' ') || `Line ${row.line}: the employee id is empty.`);
  const legalEntityId = f.legalEntityId ?? f.legalEntityName ?? null;
  const employee: RemoteEmployee = {
    remoteId: id,
    firstName: f.firstName ?? null,
    lastName: f.lastName ?? null,
    email: f.email ?? null,
    status: statusOf(row, today),
    personnelNumber: f.personnelNumber ?? id,
    employmentType: employmentTypeFromLabel(english(f.employmentType)),
    hireDate: f.hireDate ?? null,
    leavingDate: f.leavingDate ?? null,
    gender: genderFromLabel(english(f.gender)),
    legalEntity: legalEntityId ? { id: legalEntityId, name: f.legalEntityName ?? legalEntityId } : null,
    maritalStatus: maritalStatusFromLabel(english(f.maritalStatus)),
    numberOfChildren: f.numberOfChildren && /^\d+$/.test(f.numberOfChildren) ? Number(f.numberOfChildren) : null,
    attributes: Object.fromEntries(Object.entries(row.values).map(([k, v]) => [k, v === '' ? null : v])),
  };
  return mapped(employee);
}

/** The header row: every column, those the connector reads itself marked not custom. */
export function attributesOf(reading: Pick<HrFileReading, 'header' | 'columns'>): AttributeOption[] {
  const mappedHeaders = new Map(Object.entries(reading.columns).map(([role, h]) => [h, role]));
  return [...new Set(reading.header)].filter((h) => h !== '').map((h) => {
    const role = mappedHeaders.get(h);
    return { key: h, label: h, type: role === 'hireDate' || role === 'leavingDate' ? 'date' : role === 'numberOfChildren' ? 'number' : 'string', custom: role === undefined || role === 'numberOfChildren' };
  });
}
