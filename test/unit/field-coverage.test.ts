import { FieldCoverage } from '../../activities/field-coverage';
import type { SyncedEmployee } from '../../domain/employee-mapping';
import { syncedEmployee } from '../support/synced-employee';

const person = (overrides: Partial<SyncedEmployee>): SyncedEmployee => syncedEmployee(overrides.remoteId ?? '1', overrides);

describe('silent partial data warnings', () => {
  it('names a selected field that was empty for every employee', () => {
    const coverage = new FieldCoverage(['firstName', 'email', 'numberOfChildren', 'leavingDate']);
    coverage.add(person({}));
    coverage.add(person({ remoteId: '2' }));
    const warnings = coverage.warnings('Personio');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/"numberOfChildren".*empty for all 2 synced employees.*Personio/);
  });

  it('accepts an empty leaving date for everyone, unless the HR system lists leavers without dates', () => {
    const fine = new FieldCoverage(['leavingDate']);
    fine.add(person({}));
    expect(fine.warnings('HiBob')).toEqual([]);

    const suspicious = new FieldCoverage(['leavingDate']);
    suspicious.add(person({}));
    suspicious.add(person({ remoteId: '2', hrStatus: 'terminated' }));
    expect(suspicious.warnings('HiBob').join(' ')).toMatch(/1 employees are inactive or terminated in HiBob but none has a leaving date/);
  });

  it('says nothing when no employee was synced', () => {
    expect(new FieldCoverage(['firstName']).warnings('X')).toEqual([]);
  });
});
