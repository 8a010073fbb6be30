// Readers for company-defined list labels ("Full-Time", "Married", "F") into unified values, where a
// vendor keeps those as free lists (BambooHR, HiBob): the usual entries in English.
import type { EmploymentType, Gender, MaritalStatus } from '../../types';

export function employmentTypeFromLabel(value: string | null): EmploymentType | null {
  if (!value) return null;
  const v = value.toLowerCase();
  if (v.includes('full')) return 'FULL_TIME';
  if (v.includes('part')) return 'PART_TIME';
  if (v.includes('student')) return 'WORKING_STUDENT';
  if (v.includes('intern') || v.includes('trainee') || v.includes('apprentic')) return 'INTERN';
  if (v.includes('mini')) return 'MINI_JOB';
  if (v.includes('contract') || v.includes('freelanc')) return 'CONTRACTOR';
  return 'OTHER';
}

/** "M"/"Male", "F"/"Female"; any other entry is read as diverse. */
export function genderFromLabel(value: string | null): Gender | null {
  if (!value) return null;
  if (/^m(ale)?$/i.test(value)) return 'male';
  if (/^f(emale)?$/i.test(value)) return 'female';
  return 'diverse';
}

export function maritalStatusFromLabel(value: string | null): MaritalStatus | null {
  if (!value) return null;
  const v = value.toLowerCase();
  if (v.includes('single')) return 'single';
  if (v.includes('partner') || v.includes('common law') || v.includes('civil union')) return 'registered_partnership';
  if (v.includes('married')) return 'married';
  if (v.includes('divorced')) return 'divorced';
  if (v.includes('widow')) return 'widowed';
  if (v.includes('separated')) return 'separated';
  return null;
}
