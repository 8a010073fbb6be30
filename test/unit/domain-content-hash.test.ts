import { canonicalJson, contentHash, withContentHash } from '../../domain/content-hash';
import type { SyncedEmployee } from '../../domain/employee-mapping';

const employee: SyncedEmployee = {
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
  maritalStatus: 'married',
  numberOfChildren: 2,
  hrStatus: 'active',
};

describe('contentHash', () => {
  it('is a versioned sha256 hex digest', () => {
    expect(contentHash(employee)).toMatch(/^v1:[0-9a-f]{64}$/);
  });

  it('does not depend on key order, nested objects included', () => {
    const reordered = Object.fromEntries(Object.entries(employee).reverse()) as unknown as SyncedEmployee;
    reordered.legalEntity = { name: 'Example GmbH', id: 'le-1' };
    expect(contentHash(reordered)).toBe(contentHash(employee));
  });

  it('changes when any single field changes', () => {
    const base = contentHash(employee);
    const variants: Partial<SyncedEmployee>[] = [
      { firstName: 'Janna' },
      { email: 'Jana.Schulze@example.com' },
      { leavingDate: '2026-06-30' },
      { numberOfChildren: 3 },
      { legalEntity: { id: 'le-2', name: 'Example GmbH' } },
      { legalEntity: null },
      { hrStatus: 'terminated' },
      { remoteId: '1002' },
    ];
    const hashes = variants.map((v) => contentHash({ ...employee, ...v }));
    for (const h of hashes) expect(h).not.toBe(base);
    expect(new Set(hashes).size).toBe(variants.length);
  });

  it('treats null and absent alike, and ignores an attached contentHash', () => {
    const { leavingDate: _omit, ...withoutLeavingDate } = employee;
    expect(contentHash(withoutLeavingDate as SyncedEmployee)).toBe(contentHash(employee));
    const incoming = withContentHash(employee);
    expect(incoming.contentHash).toBe(contentHash(employee));
    expect(contentHash(incoming)).toBe(contentHash(employee));
  });
});

describe('canonicalJson', () => {
  it('sorts keys, keeps array order, writes -0 as 0', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: -0, c: 'x' }] })).toBe('{"a":[2,{"c":"x","d":0}],"b":1}');
  });

  it('rejects values JSON cannot represent faithfully', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ a: () => 1 })).toThrow(TypeError);
  });
});
