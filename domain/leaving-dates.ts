// Date arithmetic of the leaving lifecycle, in the company's IANA time zone. Pure: every instant is a
// parameter (never Date.now()), calendar maths uses Intl only, so the result does not depend on the
// process's time zone. Workflows receive the resulting UTC instant (see TEMPORAL-NOTES.md).

export const DEFAULT_TIME_ZONE = 'Europe/Berlin';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Calendar month 'YYYY-MM'. */
export type YearMonth = string;
/** Calendar date 'YYYY-MM-DD'. */
export type IsoDate = string;

/** True for a real calendar date written 'YYYY-MM-DD' (2026-02-30 is not). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** True for 'YYYY-MM' with a month 01..12. */
export function isYearMonth(value: unknown): value is YearMonth {
  if (typeof value !== 'string') return false;
  const m = ISO_MONTH.exec(value);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function parseYearMonth(value: string): { year: number; month: number } {
  if (!isYearMonth(value)) throw new RangeError(`Not a month (YYYY-MM): ${JSON.stringify(value)}`);
  return { year: Number(value.slice(0, 4)), month: Number(value.slice(5, 7)) };
}

/** The month after `month` ('2026-12' → '2027-01'). */
export function nextMonth(month: YearMonth): YearMonth {
  const { year, month: m } = parseYearMonth(month);
  return m === 12 ? `${pad(year + 1, 4)}-01` : `${pad(year, 4)}-${pad(m + 1)}`;
}

/** Zones already found valid: building an Intl.DateTimeFormat costs far more than the date maths (a sync checks one per leaver). */
const knownTimeZones = new Set<string>();

/** True when `tz` is an IANA time-zone name the runtime knows ('Europe/Berlin', 'UTC'; not '+01:00'). */
export function isValidTimeZone(tz: unknown): tz is string {
  if (typeof tz !== 'string' || tz.length === 0 || /^[+-]/.test(tz)) return false;
  if (knownTimeZones.has(tz)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    knownTimeZones.add(tz);
    return true;
  } catch {
    return false;
  }
}

function assertTimeZone(tz: string): void {
  if (!isValidTimeZone(tz)) throw new RangeError(`Unknown time zone: ${JSON.stringify(tz)}`);
}

function assertInstant(d: Date, what: string): void {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new RangeError(`${what} is not a valid instant`);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(instantMs: number, tz: string): WallClock {
  const parts: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(new Date(instantMs))) parts[p.type] = p.value;
  const yearOfEra = Number(parts.year);
  const bc = parts.era === 'BC' || parts.era === 'B';
  return {
    year: bc ? 1 - yearOfEra : yearOfEra,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The zone's wall clock at `instantMs`, read as if it were UTC (ms, sub-second part kept). */
function wallClockMs(instantMs: number, tz: string): number {
  const w = wallClock(instantMs, tz);
  const utc = new Date(0);
  utc.setUTCFullYear(w.year, w.month - 1, w.day);
  utc.setUTCHours(w.hour, w.minute, w.second, 0);
  return utc.getTime() + (((instantMs % 1000) + 1000) % 1000);
}

/** UTC offset of `tz` at `instantMs` in ms (Berlin in summer: +7_200_000). */
function offsetMs(instantMs: number, tz: string): number {
  return wallClockMs(instantMs, tz) - instantMs;
}

/**
 * The first instant of calendar day year-month-day in `tz`. Usually local midnight; where midnight
 * is skipped by a DST change (e.g. America/Santiago in September) the day starts at the transition;
 * where midnight occurs twice, the earlier one.
 */
export function startOfDayInZone(year: number, month: number, day: number, tz: string): Date {
  assertTimeZone(tz);
  const midnight = new Date(0);
  midnight.setUTCFullYear(year, month - 1, day); // not Date.UTC: it maps years 0..99 to 19xx
  const localMs = midnight.getTime();
  // Offsets in force around that wall-clock time (covers a transition within a day either side).
  const offsets = new Set([localMs - DAY_MS, localMs, localMs + DAY_MS].map((t) => offsetMs(t, tz)));
  const candidates = [...offsets].map((o) => localMs - o).filter((t) => wallClockMs(t, tz) === localMs);
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  // Midnight does not exist: the day begins at the transition. Binary-search the first instant whose
  // wall clock is at or after local midnight (the wall clock is increasing across a forward jump).
  let lo = localMs - 15 * 3_600_000; // wall clock still before midnight (offsets are ≤ +14h)
  let hi = localMs + 13 * 3_600_000; // wall clock already after midnight (offsets are ≥ −12h)
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallClockMs(mid, tz) >= localMs) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/** Calendar date 'YYYY-MM-DD' of `instant` in `timeZone`. */
export function dateOf(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): IsoDate {
  assertInstant(instant, 'instant');
  assertTimeZone(timeZone);
  const w = wallClock(instant.getTime(), timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** Calendar month 'YYYY-MM' of `instant` in `timeZone`. */
export function monthOf(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): YearMonth {
  return dateOf(instant, timeZone).slice(0, 7);
}

/** The calendar month that `now` falls in, in `timeZone`. */
export function currentMonth(now: Date, timeZone: string = DEFAULT_TIME_ZONE): YearMonth {
  return monthOf(now, timeZone);
}

/** Midnight at the start of `month` in `timeZone`, as a UTC instant. */
export function monthStartInstant(month: YearMonth, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const { year, month: m } = parseYearMonth(month);
  return startOfDayInZone(year, m, 1, timeZone);
}

/**
 * The last working month: the month of the leaving date, but never a month that had already ended
 * at `firstSeenAt` in `timeZone` (termination is never retroactive: late entry → the current month).
 */
export function lastWorkingMonth(leavingDate: IsoDate, firstSeenAt: Date, timeZone: string = DEFAULT_TIME_ZONE): YearMonth {
  if (!isIsoDate(leavingDate)) throw new RangeError('leavingDate is not a calendar date (YYYY-MM-DD)');
  const leavingMonth = leavingDate.slice(0, 7);
  const current = currentMonth(firstSeenAt, timeZone);
  return leavingMonth < current ? current : leavingMonth;
}

/**
 * When benefits end for `lastWorkingMonth`: midnight at the start of the following month in
 * `timeZone`, as a UTC instant (Europe/Berlin '2026-10' → 2026-10-31T23:00:00Z).
 */
export function benefitsEndInstant(lastWorkingMonth: YearMonth, timeZone: string = DEFAULT_TIME_ZONE): Date {
  // A sync plans thousands of leavings over a handful of months: each (month, zone) is worked out once.
  const key = `${lastWorkingMonth} ${timeZone}`;
  let instantMs = monthEnds.get(key);
  if (instantMs === undefined) {
    instantMs = monthStartInstant(nextMonth(lastWorkingMonth), timeZone).getTime();
    if (monthEnds.size >= MONTH_END_CACHE_SIZE) monthEnds.clear();
    monthEnds.set(key, instantMs);
  }
  return new Date(instantMs);
}
const MONTH_END_CACHE_SIZE = 10_000;
const monthEnds = new Map<string, number>();

export interface LeavingPlan {
  lastWorkingMonth: YearMonth;
  /** ISO-8601 UTC instant at which benefits are deactivated and the employee becomes LEFT. */
  benefitsEndAt: string;
  /** The leaving date's month had already ended when the date was first seen. */
  lateEntry: boolean;
}

export function planLeaving(input: { leavingDate: IsoDate; firstSeenAt: Date; timeZone?: string }): LeavingPlan {
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const month = lastWorkingMonth(input.leavingDate, input.firstSeenAt, timeZone);
  return {
    lastWorkingMonth: month,
    benefitsEndAt: benefitsEndInstant(month, timeZone).toISOString(),
    lateEntry: month !== input.leavingDate.slice(0, 7),
  };
}
