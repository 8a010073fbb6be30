// One synced employee as the mapping step yields it, for the pure sync tests: every unified field
// present, values derived from the HR id so several of them stay distinct.
import type { SyncedEmployee } from '../../domain/employee-mapping';

export function syncedEmployee(remoteId: string, overrides: Partial<SyncedEmployee> = {}): SyncedEmployee {
  return {
    remoteId,
    firstName: `First${remoteId}`,
    lastName: `Last${remoteId}`,
    email: `person.${remoteId}@example.com`,
    status: 'active',
    personnelNumber: null,
    employmentType: 'FULL_TIME',
    hireDate: '2020-01-01',
    leavingDate: null,
    gender: null,
    legalEntity: null,
    maritalStatus: null,
    numberOfChildren: null,
    hrStatus: 'active',
    ...overrides,
  };
}
