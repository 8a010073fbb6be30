// Who counts as former staff at the first sync: left in a month that had ended before the
// integration's first complete listing, in the company's time zone.
import { isFormerEmployee } from '../../domain/former-employees';

const firstListing = new Date('2026-11-15T09:00:00Z');
const berlin = 'Europe/Berlin';
const person = (leavingDate: string | null, hireDate: string | null = '2019-04-01', hrStatus: 'active' | 'inactive' = 'inactive') => ({ leavingDate, hireDate, hrStatus });

describe('former employees at the first sync', () => {
  it('someone who left in June 2024 is former staff', () => {
    expect(isFormerEmployee(person('2024-06-30'), firstListing, berlin)).toBe(true);
  });

  it('someone who left last month is former staff: that month had ended', () => {
    expect(isFormerEmployee(person('2026-10-31'), firstListing, berlin)).toBe(true);
  });

  it('someone leaving in the month of the first listing, or later, is a leaver, not former staff', () => {
    expect(isFormerEmployee(person('2026-11-01'), firstListing, berlin)).toBe(false);
    expect(isFormerEmployee(person('2026-11-30', '2019-04-01', 'active'), firstListing, berlin)).toBe(false);
    expect(isFormerEmployee(person('2027-02-28', '2019-04-01', 'active'), firstListing, berlin)).toBe(false);
  });

  it('without a leaving date, or with one that cannot be read, the person is imported', () => {
    expect(isFormerEmployee(person(null, '2019-04-01', 'active'), firstListing, berlin)).toBe(false);
    expect(isFormerEmployee(person('31.06.2024'), firstListing, berlin)).toBe(false);
  });

  it('a rehire (hired again after the old leaving date) is imported as usual', () => {
    expect(isFormerEmployee(person('2024-06-30', '2025-03-01', 'active'), firstListing, berlin)).toBe(false);
  });

  it('reads the month in the company time zone: just after midnight on 1 December in Berlin, November has ended', () => {
    const berlinDecember = new Date('2026-11-30T23:30:00Z'); // 00:30 on 1 December in Berlin
    expect(isFormerEmployee(person('2026-11-20'), berlinDecember, berlin)).toBe(true);
    expect(isFormerEmployee(person('2026-11-20'), berlinDecember, 'UTC')).toBe(false);
  });
});
