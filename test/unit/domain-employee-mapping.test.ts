import type { RemoteEmployee } from '../../connectors/types';
import { DEFAULT_FIELD_SELECTION, EMPLOYEE_FIELD_KEYS, type EmployeeFieldKey } from '../../domain/employee-fields';
import {
  coerceNumberOfChildren,
  mapRemoteEmployee,
  normalizeEmploymentType,
  normalizeMaritalStatus,
  type MappingConfig,
  type MappingResult,
} from '../../domain/employee-mapping';

function remote(overrides: Partial<RemoteEmployee> = {}): RemoteEmployee {
  return {
    remoteId: '1001',
    firstName: 'Jana',
    lastName: 'Schulze',
    email: 'jana.schulze@example.com',
    status: 'active',
    personnelNumber: 'P-1001',
    employmentType: 'FULL_TIME',
    hireDate: '2021-04-01',
    leavingDate: null,
    gender: 'female',
    legalEntity: { id: 'le-1', name: 'Example GmbH' },
    maritalStatus: 'single',
    numberOfChildren: 0,
    attributes: {},
    ...overrides,
  };
}

const all: MappingConfig = { selectedFields: DEFAULT_FIELD_SELECTION, mapping: {} };

function ok(result: MappingResult) {
  if (!result.ok) throw new Error(`expected ok, got: ${result.reason}`);
  return result;
}
function failed(result: MappingResult): string {
  if (result.ok) throw new Error('expected a rejected record');
  return result.reason;
}

describe('mapRemoteEmployee', () => {
  it('maps a complete record 1:1 with every field and hrStatus', () => {
    const { employee, warnings } = ok(mapRemoteEmployee(remote(), all));
    expect(employee).toEqual({
      remoteId: '1001',
      firstName: 'Jana',
      lastName: 'Schulze',
      email: 'jana.schulze@example.com',
      status: 'active',
      personnelNumber: 'P-1001',
      employmentType: 'FULL_TIME',
      hireDate: '2021-04-01',
      leavingDate: null,
      gender: 'female',
      legalEntity: { id: 'le-1', name: 'Example GmbH' },
      maritalStatus: 'single',
      numberOfChildren: 0,
      hrStatus: 'active',
    });
    expect(Object.keys(employee).sort()).toEqual([...EMPLOYEE_FIELD_KEYS, 'remoteId', 'hrStatus'].sort());
    expect(warnings).toEqual([]);
  });

  it('stores null for fields that are not selected, but always keeps required ones', () => {
    const { employee } = ok(mapRemoteEmployee(remote({ maritalStatus: 'married', numberOfChildren: 2 }), { selectedFields: ['firstName'], mapping: { numberOfChildren: 'kids' } }));
    for (const key of ['personnelNumber', 'employmentType', 'hireDate', 'gender', 'legalEntity', 'maritalStatus', 'numberOfChildren'] as EmployeeFieldKey[]) {
      expect(employee[key]).toBeNull();
    }
    expect(employee.firstName).toBe('Jana');
    expect(employee.lastName).toBe('Schulze');
    expect(employee.email).toBe('jana.schulze@example.com');
    expect(employee.status).toBe('active');
  });

  it('does not reject a record for a malformed field that is not selected', () => {
    const result = mapRemoteEmployee(remote({ hireDate: 'yesterday' }), { selectedFields: ['firstName'], mapping: {} });
    expect(ok(result).employee.hireDate).toBeNull();
    expect(failed(mapRemoteEmployee(remote({ hireDate: 'yesterday' }), all))).toMatch(/hireDate/);
  });

  it('takes the number of children from the mapped custom attribute, coercing a numeric string', () => {
    const { employee } = ok(mapRemoteEmployee(remote({ numberOfChildren: null, attributes: { dynamic_7: ' 3 ' } }), { ...all, mapping: { numberOfChildren: 'dynamic_7' } }));
    expect(employee.numberOfChildren).toBe(3);
  });

  it('lets a mapped attribute override the vendor field, and falls back when the attribute is empty', () => {
    const config: MappingConfig = { ...all, mapping: { maritalStatus: 'dynamic_2', numberOfChildren: 'kids' } };
    const overridden = ok(mapRemoteEmployee(remote({ maritalStatus: 'single', numberOfChildren: 0, attributes: { dynamic_2: 'Verheiratet', kids: 2 } }), config));
    expect(overridden.employee.maritalStatus).toBe('married');
    expect(overridden.employee.numberOfChildren).toBe(2);
    const fallback = ok(mapRemoteEmployee(remote({ maritalStatus: 'divorced', numberOfChildren: 1, attributes: { dynamic_2: null, kids: '' } }), config));
    expect(fallback.employee.maritalStatus).toBe('divorced');
    expect(fallback.employee.numberOfChildren).toBe(1);
    const absent = ok(mapRemoteEmployee(remote({ maritalStatus: 'widowed', attributes: {} }), config));
    expect(absent.employee.maritalStatus).toBe('widowed');
  });

  it('maps a personnel number given as a number to text', () => {
    const { employee } = ok(mapRemoteEmployee(remote({ personnelNumber: null, attributes: { emp_no: 4711 } }), { ...all, mapping: { personnelNumber: 'emp_no' } }));
    expect(employee.personnelNumber).toBe('4711');
  });

  it('normalises a mapped employment type word', () => {
    const { employee } = ok(mapRemoteEmployee(remote({ employmentType: null, attributes: { contract: 'Teilzeit' } }), { ...all, mapping: { employmentType: 'contract' } }));
    expect(employee.employmentType).toBe('PART_TIME');
  });

  it('stores an unreadable mapped value as null with a warning that names the field, not the value', () => {
    const result = ok(mapRemoteEmployee(remote({ numberOfChildren: null, maritalStatus: null, attributes: { kids: 'drei', fam: 'es ist kompliziert' } }), { ...all, mapping: { numberOfChildren: 'kids', maritalStatus: 'fam' } }));
    expect(result.employee.numberOfChildren).toBeNull();
    expect(result.employee.maritalStatus).toBeNull();
    expect(result.warnings.map((w) => w.field).sort()).toEqual(['maritalStatus', 'numberOfChildren']);
    const text = JSON.stringify(result.warnings);
    expect(text).not.toContain('drei');
    expect(text).not.toContain('kompliziert');
  });

  it('rejects an invalid e-mail with a reason naming the field and no personal value', () => {
    const reason = failed(mapRemoteEmployee(remote({ email: 'jana.schulze@' }), all));
    expect(reason).toBe('email is not a valid e-mail address');
    expect(reason).not.toContain('jana');
  });

  it('rejects impossible dates, empty names and an empty remote id, naming each field', () => {
    expect(failed(mapRemoteEmployee(remote({ hireDate: '2026-02-30' }), all))).toBe('hireDate is not a date (YYYY-MM-DD)');
    expect(failed(mapRemoteEmployee(remote({ leavingDate: '31.12.2026' }), all))).toBe('leavingDate is not a date (YYYY-MM-DD)');
    expect(failed(mapRemoteEmployee(remote({ leavingDate: '2026-12-31T00:00:00Z' }), all))).toMatch(/^leavingDate /);
    expect(failed(mapRemoteEmployee(remote({ firstName: '   ' }), all))).toBe('firstName must not be empty');
    expect(failed(mapRemoteEmployee(remote({ remoteId: '' }), all))).toBe('remoteId is missing');
    const several = failed(mapRemoteEmployee(remote({ lastName: '', email: 'x', hireDate: '2026-13-01' }), all));
    expect(several.split('; ').map((p) => p.split(' ')[0])).toEqual(['lastName', 'email', 'hireDate']);
    expect(several).not.toContain('2026-13-01');
  });

  it('accepts absent names, e-mail and dates as null, and an empty e-mail as absent', () => {
    const { employee } = ok(mapRemoteEmployee(remote({ firstName: null, lastName: undefined, email: '', hireDate: null, leavingDate: '' }), all));
    expect(employee.firstName).toBeNull();
    expect(employee.lastName).toBeNull();
    expect(employee.email).toBeNull();
    expect(employee.leavingDate).toBeNull();
  });

  it('trims text values', () => {
    const { employee } = ok(mapRemoteEmployee(remote({ firstName: ' Jana ', email: ' jana.schulze@example.com ' }), all));
    expect(employee.firstName).toBe('Jana');
    expect(employee.email).toBe('jana.schulze@example.com');
  });

  it('rejects an HR status or gender the connector should not have produced', () => {
    expect(failed(mapRemoteEmployee(remote({ status: 'retired' as never }), all))).toBe('status is not a known HR status; hrStatus is not a known HR status');
    const gender = ok(mapRemoteEmployee(remote({ gender: 'weiblich' as never }), all));
    expect(gender.employee.gender).toBe('female');
  });
});

describe('coercions', () => {
  it.each([
    [2, 2],
    ['2', 2],
    [' 4 ', 4],
    ['2.0', 2],
    [0, 0],
    ['0', 0],
  ])('number of children %p → %p', (raw, expected) => {
    expect(coerceNumberOfChildren(raw)).toEqual({ value: expected });
  });

  it.each([[-1], [1.5], ['1.5'], ['zwei'], ['-2'], [true], [99], ['1e1']])('number of children %p → null with a problem', (raw) => {
    const result = coerceNumberOfChildren(raw);
    expect(result.value).toBeNull();
    expect(result.problem).toBeDefined();
  });

  it('number of children: absent or blank → null without a problem', () => {
    expect(coerceNumberOfChildren(null)).toEqual({ value: null });
    expect(coerceNumberOfChildren('  ')).toEqual({ value: null });
  });

  it.each([
    ['married', 'married'],
    ['Married', 'married'],
    ['verheiratet', 'married'],
    ['single', 'single'],
    ['ledig', 'single'],
    ['Registered partnership', 'registered_partnership'],
    ['registered_partnership', 'registered_partnership'],
    ['eingetragene Lebenspartnerschaft', 'registered_partnership'],
    ['Eingetragene  Lebenspartnerschaft', 'registered_partnership'],
    ['geschieden', 'divorced'],
    ['verwitwet', 'widowed'],
    ['dauernd getrennt lebend', 'separated'],
    ['Mariée', 'married'],
  ])('marital status %p → %p', (raw, expected) => {
    expect(normalizeMaritalStatus(raw)).toEqual({ value: expected });
  });

  it('marital status: an unknown word → null with a problem', () => {
    expect(normalizeMaritalStatus('complicated')).toEqual({ value: null, problem: 'is not a recognised marital status' });
    expect(normalizeMaritalStatus(3).value).toBeNull();
  });

  it.each([
    ['full-time', 'FULL_TIME'],
    ['Full-Time', 'FULL_TIME'],
    ['FULL_TIME', 'FULL_TIME'],
    ['Vollzeit', 'FULL_TIME'],
    ['part-time', 'PART_TIME'],
    ['Teilzeit', 'PART_TIME'],
    ['Werkstudent', 'WORKING_STUDENT'],
    ['Praktikant', 'INTERN'],
    ['Minijob', 'MINI_JOB'],
    ['geringfügig beschäftigt', 'MINI_JOB'],
    ['freelancer', 'CONTRACTOR'],
    ['external', 'CONTRACTOR'],
  ])('employment type %p → %p', (raw, expected) => {
    expect(normalizeEmploymentType(raw)).toEqual({ value: expected });
  });

  it('employment type: an unknown word → OTHER with a problem', () => {
    expect(normalizeEmploymentType('Schichtdienst')).toEqual({ value: 'OTHER', problem: 'is not a recognised employment type' });
  });
});
