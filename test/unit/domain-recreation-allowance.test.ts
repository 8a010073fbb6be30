import { hasSpouse, recreationAllowanceCents } from '../../domain/recreation-allowance';

describe('recreationAllowanceCents (Erholungsbeihilfe)', () => {
  it.each([
    ['single, no children', 'single', 0, 15_600, 0, 0, 15_600],
    ['married, two children', 'married', 2, 15_600, 10_400, 10_400, 36_400],
    ['registered partnership, one child', 'registered_partnership', 1, 15_600, 10_400, 5_200, 31_200],
    ['divorced, three children', 'divorced', 3, 15_600, 0, 15_600, 31_200],
    ['separated (no spouse amount)', 'separated', 0, 15_600, 0, 0, 15_600],
    ['widowed, one child', 'widowed', 1, 15_600, 0, 5_200, 20_800],
    ['unknown marital status and children', null, null, 15_600, 0, 0, 15_600],
  ] as const)('%s', (_case, maritalStatus, numberOfChildren, employeeCents, spouseCents, childrenCents, totalCents) => {
    expect(recreationAllowanceCents({ maritalStatus, numberOfChildren })).toEqual({ employeeCents, spouseCents, childrenCents, totalCents });
  });

  it('rejects an impossible number of children', () => {
    expect(() => recreationAllowanceCents({ maritalStatus: 'single', numberOfChildren: -1 })).toThrow(RangeError);
    expect(() => recreationAllowanceCents({ maritalStatus: 'single', numberOfChildren: 1.5 })).toThrow(RangeError);
  });

  it('counts a spouse only for marriage and registered partnership', () => {
    expect(hasSpouse('married')).toBe(true);
    expect(hasSpouse('registered_partnership')).toBe(true);
    expect(hasSpouse('single')).toBe(false);
    expect(hasSpouse(undefined)).toBe(false);
  });
});
