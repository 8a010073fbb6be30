import {
  DEFAULT_TIME_ZONE,
  benefitsEndInstant,
  currentMonth,
  dateOf,
  isIsoDate,
  isValidTimeZone,
  isYearMonth,
  lastWorkingMonth,
  monthOf,
  nextMonth,
  planLeaving,
  startOfDayInZone,
} from '../../domain/leaving-dates';

const iso = (d: Date) => d.toISOString();

describe('benefitsEndInstant: midnight at the start of the next month in the zone, as UTC', () => {
  it.each([
    // Europe/Berlin: CEST (+2) from 2026-03-29 to 2026-10-25, CET (+1) otherwise
    ['Europe/Berlin', '2026-10', '2026-10-31T23:00:00.000Z'], // month with the switch back to CET
    ['Europe/Berlin', '2026-03', '2026-03-31T22:00:00.000Z'], // month with the switch to CEST
    ['Europe/Berlin', '2026-12', '2026-12-31T23:00:00.000Z'], // year end
    ['Europe/Berlin', '2026-06', '2026-06-30T22:00:00.000Z'],
    ['Europe/Berlin', '2026-02', '2026-02-28T23:00:00.000Z'],
    ['Europe/Berlin', '2028-02', '2028-02-29T23:00:00.000Z'], // leap year
    // America/New_York (behind UTC): EDT −4 until 2026-11-01 02:00, EST −5 after
    ['America/New_York', '2026-10', '2026-11-01T04:00:00.000Z'],
    ['America/New_York', '2026-02', '2026-03-01T05:00:00.000Z'],
    ['America/New_York', '2026-12', '2027-01-01T05:00:00.000Z'],
    // Asia/Kolkata: +5:30, no DST
    ['Asia/Kolkata', '2026-03', '2026-03-31T18:30:00.000Z'],
    ['Asia/Kolkata', '2026-12', '2026-12-31T18:30:00.000Z'],
    // Pacific/Auckland (ahead, southern DST): NZDT +13 until 2026-04-05, NZST +12, NZDT again from 2026-09-27
    ['Pacific/Auckland', '2026-03', '2026-03-31T11:00:00.000Z'],
    ['Pacific/Auckland', '2026-04', '2026-04-30T12:00:00.000Z'],
    ['Pacific/Auckland', '2026-09', '2026-09-30T11:00:00.000Z'],
    ['Pacific/Auckland', '2026-12', '2026-12-31T11:00:00.000Z'],
    ['UTC', '2026-12', '2027-01-01T00:00:00.000Z'],
  ])('%s %s → %s', (tz, month, expected) => {
    expect(iso(benefitsEndInstant(month, tz))).toBe(expected);
  });

  it('defaults to Europe/Berlin', () => {
    expect(DEFAULT_TIME_ZONE).toBe('Europe/Berlin');
    expect(iso(benefitsEndInstant('2026-10'))).toBe('2026-10-31T23:00:00.000Z');
  });

  it('does not depend on the process time zone', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      expect(iso(benefitsEndInstant('2026-03', 'Europe/Berlin'))).toBe('2026-03-31T22:00:00.000Z');
      expect(monthOf(new Date('2026-02-28T23:30:00Z'), 'UTC')).toBe('2026-02');
      process.env.TZ = 'America/Los_Angeles';
      expect(iso(benefitsEndInstant('2026-10', 'Europe/Berlin'))).toBe('2026-10-31T23:00:00.000Z');
      expect(monthOf(new Date('2026-02-28T23:30:00Z'), 'Europe/Berlin')).toBe('2026-03');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('rejects a malformed month or an unknown zone', () => {
    expect(() => benefitsEndInstant('2026-13', 'Europe/Berlin')).toThrow(RangeError);
    expect(() => benefitsEndInstant('2026-1', 'Europe/Berlin')).toThrow(RangeError);
    expect(() => benefitsEndInstant('2026-10', 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('startOfDayInZone where midnight is skipped or repeated', () => {
  it('starts the day at the DST jump when midnight does not exist (America/Santiago, 2026-09-06)', () => {
    const start = startOfDayInZone(2026, 9, 6, 'America/Santiago');
    expect(iso(start)).toBe('2026-09-06T04:00:00.000Z'); // 01:00 −03, right after 23:59:59 −04
    expect(dateOf(start, 'America/Santiago')).toBe('2026-09-06');
    expect(dateOf(new Date(start.getTime() - 1), 'America/Santiago')).toBe('2026-09-05');
    expect(iso(startOfDayInZone(2026, 9, 7, 'America/Santiago'))).toBe('2026-09-07T03:00:00.000Z');
  });

  it('takes the first of two midnights (America/Havana, 2026-11-01) and the jump when skipped (2026-03-08)', () => {
    expect(iso(startOfDayInZone(2026, 11, 1, 'America/Havana'))).toBe('2026-11-01T04:00:00.000Z');
    expect(iso(startOfDayInZone(2026, 3, 8, 'America/Havana'))).toBe('2026-03-08T05:00:00.000Z');
  });
});

describe('lastWorkingMonth', () => {
  it('is the month of the leaving date when that month has not ended', () => {
    expect(lastWorkingMonth('2026-06-15', new Date('2026-05-10T08:00:00Z'), 'Europe/Berlin')).toBe('2026-06');
    expect(lastWorkingMonth('2026-05-20', new Date('2026-05-10T08:00:00Z'), 'Europe/Berlin')).toBe('2026-05');
    // a leaving date earlier in the current month is not late
    expect(lastWorkingMonth('2026-05-02', new Date('2026-05-31T21:00:00Z'), 'Europe/Berlin')).toBe('2026-05');
  });

  it('keeps the whole month for a leaving date on the 1st', () => {
    expect(lastWorkingMonth('2026-07-01', new Date('2026-06-01T10:00:00Z'), 'Europe/Berlin')).toBe('2026-07');
  });

  it('uses the current month for a late entry (never retroactive)', () => {
    expect(lastWorkingMonth('2026-01-15', new Date('2026-03-10T09:00:00Z'), 'Europe/Berlin')).toBe('2026-03');
    // Dec → Jan
    expect(lastWorkingMonth('2026-12-20', new Date('2027-01-02T09:00:00Z'), 'Europe/Berlin')).toBe('2027-01');
  });

  it('judges "already ended" in the company zone, not in UTC', () => {
    // 2026-02-28T23:30Z is 2026-03-01 00:30 in Berlin but still February in UTC
    const seen = new Date('2026-02-28T23:30:00Z');
    expect(lastWorkingMonth('2026-02-28', seen, 'Europe/Berlin')).toBe('2026-03');
    expect(lastWorkingMonth('2026-02-28', seen, 'UTC')).toBe('2026-02');
    // one second before Berlin midnight it is still February there
    expect(lastWorkingMonth('2026-02-28', new Date('2026-02-28T22:59:59Z'), 'Europe/Berlin')).toBe('2026-02');
  });

  it('handles zones behind and ahead of UTC', () => {
    // 2026-03-01T03:00Z is still 2026-02-28 22:00 in New York
    expect(lastWorkingMonth('2026-02-20', new Date('2026-03-01T03:00:00Z'), 'America/New_York')).toBe('2026-02');
    expect(lastWorkingMonth('2026-02-20', new Date('2026-03-01T03:00:00Z'), 'Europe/Berlin')).toBe('2026-03');
    // 2026-02-28T12:00Z is already 2026-03-01 01:00 in Auckland
    expect(lastWorkingMonth('2026-02-20', new Date('2026-02-28T12:00:00Z'), 'Pacific/Auckland')).toBe('2026-03');
    expect(lastWorkingMonth('2026-02-20', new Date('2026-02-28T10:59:59Z'), 'Pacific/Auckland')).toBe('2026-02');
  });

  it('rejects a leaving date that is not a calendar date', () => {
    expect(() => lastWorkingMonth('2026-02-30', new Date('2026-01-01T00:00:00Z'), 'Europe/Berlin')).toThrow(RangeError);
    expect(() => lastWorkingMonth('30.06.2026', new Date('2026-01-01T00:00:00Z'), 'Europe/Berlin')).toThrow(RangeError);
    expect(() => lastWorkingMonth('2026-06-30', new Date('invalid'), 'Europe/Berlin')).toThrow(RangeError);
  });
});

describe('planLeaving', () => {
  it('plans a regular departure', () => {
    expect(planLeaving({ leavingDate: '2026-10-15', firstSeenAt: new Date('2026-09-01T07:00:00Z') })).toEqual({
      lastWorkingMonth: '2026-10',
      benefitsEndAt: '2026-10-31T23:00:00.000Z',
      lateEntry: false,
    });
  });

  it('plans a leaving date on the last day of the month and one on the 1st', () => {
    expect(planLeaving({ leavingDate: '2026-01-31', firstSeenAt: new Date('2026-01-20T07:00:00Z'), timeZone: 'Europe/Berlin' })).toEqual({
      lastWorkingMonth: '2026-01',
      benefitsEndAt: '2026-01-31T23:00:00.000Z',
      lateEntry: false,
    });
    expect(planLeaving({ leavingDate: '2026-04-01', firstSeenAt: new Date('2026-03-20T07:00:00Z'), timeZone: 'Europe/Berlin' })).toEqual({
      lastWorkingMonth: '2026-04',
      benefitsEndAt: '2026-04-30T22:00:00.000Z',
      lateEntry: false,
    });
  });

  it('plans a late entry at the end of the current month and says so', () => {
    expect(planLeaving({ leavingDate: '2026-01-15', firstSeenAt: new Date('2026-02-28T23:30:00Z'), timeZone: 'Europe/Berlin' })).toEqual({
      lastWorkingMonth: '2026-03',
      benefitsEndAt: '2026-03-31T22:00:00.000Z',
      lateEntry: true,
    });
  });

  it('plans a December departure into the next year, in a zone behind UTC', () => {
    expect(planLeaving({ leavingDate: '2026-12-31', firstSeenAt: new Date('2026-12-01T12:00:00Z'), timeZone: 'America/New_York' })).toEqual({
      lastWorkingMonth: '2026-12',
      benefitsEndAt: '2027-01-01T05:00:00.000Z',
      lateEntry: false,
    });
  });
});

describe('month helpers', () => {
  it('monthOf / currentMonth read the month in the zone', () => {
    const newYearsEveUtc = new Date('2026-12-31T23:30:00Z');
    expect(monthOf(newYearsEveUtc, 'Europe/Berlin')).toBe('2027-01');
    expect(monthOf(newYearsEveUtc, 'UTC')).toBe('2026-12');
    expect(currentMonth(newYearsEveUtc, 'America/New_York')).toBe('2026-12');
    expect(currentMonth(new Date('2026-06-30T18:30:00Z'), 'Asia/Kolkata')).toBe('2026-07');
    expect(currentMonth(new Date('2026-06-30T18:29:59Z'), 'Asia/Kolkata')).toBe('2026-06');
    expect(dateOf(new Date('2026-10-31T23:00:00Z'), 'Europe/Berlin')).toBe('2026-11-01');
  });

  it('nextMonth rolls over the year', () => {
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(nextMonth('2026-01')).toBe('2026-02');
  });

  it('validates zones, dates and months', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Europe/Atlantis')).toBe(false);
    expect(isValidTimeZone('+01:00')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone(undefined)).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-04-31')).toBe(false);
    expect(isIsoDate('2026-4-30')).toBe(false);
    expect(isYearMonth('2026-00')).toBe(false);
    expect(isYearMonth('2026-12')).toBe(true);
  });
});
