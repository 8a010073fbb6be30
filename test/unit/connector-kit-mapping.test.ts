import { z } from 'zod';
import {
  asFields,
  blankToNull,
  describeIssues,
  invalidRecord,
  lookup,
  MalformedValueError,
  mapOrInvalid,
  mapRecords,
  mapped,
  oneOf,
  orNull,
  rawId,
  readCalendarDate,
  readEpochMillisDate,
  readPlainDate,
  readUtcDate,
  required,
} from '../../connectors/kit';

describe('connector kit: dates', () => {
  it('reads the calendar day as written, ISO date-times included (never shifted to UTC)', () => {
    expect(readCalendarDate('2014-11-09')).toBe('2014-11-09');
    expect(readCalendarDate('2014-11-09T00:00:00+01:00')).toBe('2014-11-09');
    expect(readCalendarDate('2014-11-09T23:30:00-05:00')).toBe('2014-11-09');
  });

  it("reads vendors' blanks and open ends as no date", () => {
    for (const blank of [undefined, null, '', '  ', '0000-00-00', '9999-12-31', '9999-12-31T00:00:00Z']) expect(readCalendarDate(blank)).toBeNull();
    expect(readUtcDate('9999-12-31T23:59:59Z')).toBeNull();
    expect(readEpochMillisDate(Date.UTC(9999, 11, 31))).toBeNull();
  });

  it('tells a value that is not a date (undefined) from none (null)', () => {
    for (const bad of ['2024-02-30', '2024-13-01', 'next monday', 20240101, {}]) expect(readCalendarDate(bad)).toBeUndefined();
    expect(readPlainDate('2024-02-01T00:00:00Z')).toBeUndefined();
    expect(readPlainDate('2024-02-01')).toBe('2024-02-01');
    expect(orNull(readCalendarDate('garbage'))).toBeNull();
    expect(() => required(readCalendarDate('garbage'), 'hire_date', 'garbage')).toThrow(new MalformedValueError('hire_date "garbage" is not a date'));
  });

  it('reads instants as their UTC day', () => {
    expect(readUtcDate('2024-09-30T23:59:59Z')).toBe('2024-09-30');
    expect(readUtcDate('2024-10-01T01:00:00+02:00')).toBe('2024-09-30');
    expect(readUtcDate('2024-09-30T25:00:00Z')).toBeUndefined();
  });

  it('reads epoch milliseconds, SAP /Date(…)/ included', () => {
    expect(readEpochMillisDate(Date.UTC(2024, 0, 31))).toBe('2024-01-31');
    expect(readEpochMillisDate(String(Date.UTC(2024, 0, 31)))).toBe('2024-01-31');
    expect(readEpochMillisDate(`/Date(${Date.UTC(2024, 0, 31)})/`)).toBe('2024-01-31');
    expect(readEpochMillisDate(`/Date(${Date.UTC(2024, 0, 31)}+0100)/`)).toBe('2024-01-31');
    expect(readEpochMillisDate('')).toBeNull();
    expect(readEpochMillisDate('yesterday')).toBeUndefined();
  });
});

describe('connector kit: values and results', () => {
  it('reads a record as a field map only when it is a JSON object', () => {
    expect(asFields({ id: 7 })).toEqual({ id: 7 });
    for (const notARecord of [null, undefined, [], [{ id: 7 }], 'id=7', 7]) expect(asFields(notARecord)).toBeNull();
  });

  it('reads blanks, ids and enums', () => {
    expect(blankToNull('  Ada ')).toBe('Ada');
    expect(blankToNull('   ')).toBeNull();
    expect(blankToNull(undefined)).toBeNull();
    expect(rawId({ id: 7 })).toBe('7');
    expect(rawId({ id: 'u1' })).toBe('u1');
    expect(rawId({ id: ' ' })).toBeNull();
    expect(rawId(null)).toBeNull();
    expect(oneOf('male', ['male', 'female'] as const)).toBe('male');
    expect(oneOf('robot', ['male', 'female'] as const)).toBeNull();
    expect(lookup({ full_time: 'FULL_TIME', part_time: 'PART_TIME' }, 'part_time', 'employment_type')).toBe('PART_TIME');
    expect(lookup({ full_time: 'FULL_TIME' }, '', 'employment_type')).toBeNull();
    expect(() => lookup({ full_time: 'FULL_TIME', part_time: 'PART_TIME' }, 'casual', 'employment_type')).toThrow('employment_type "casual" is not one of full_time, part_time');
  });

  it('describes zod issues readably', () => {
    const parsed = z.object({ id: z.string(), dates: z.object({ hire: z.string() }) }).safeParse({ id: 1, dates: {} });
    expect(parsed.success).toBe(false);
    expect(describeIssues(parsed.error!)).toMatch(/^id: .+; dates\.hire: .+$/);
  });

  it('builds a page from mapped and invalid records, one bad value invalidating only its record', () => {
    const page = mapRecords([1, 2, 3], (n) =>
      n === 2 ? invalidRecord('2', 'broken') : mapOrInvalid(String(n), () => {
        if (n === 3) throw new MalformedValueError('hire_date "x" is not a date');
        return { remoteId: String(n), attributes: {} };
      }),
    );
    expect(page).toEqual({
      employees: [{ remoteId: '1', attributes: {} }],
      invalid: [
        { remoteId: '2', reason: 'broken' },
        { remoteId: '3', reason: 'hire_date "x" is not a date' },
      ],
    });
    expect(mapped({ remoteId: 'a', attributes: {} })).toEqual({ ok: true, employee: { remoteId: 'a', attributes: {} } });
  });
});
