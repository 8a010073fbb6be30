// Dates from vendors to the unified `YYYY-MM-DD`. Vendors write "no date" in their own ways
// (BambooHR `0000-00-00`, SAP and others `9999-12-31` for an open end), send ISO date-times where a
// calendar day is meant, or epoch milliseconds (SAP's /Date(…)/).
import { MalformedValueError } from './result';

/** Values that mean "no date". */
export const NO_DATE_VALUES: ReadonlySet<string> = new Set(['0000-00-00', '9999-12-31']);

const DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})/;

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function validDay(y: string, m: string, d: string): string | null {
  const check = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return check.getUTCFullYear() === Number(y) && check.getUTCMonth() === Number(m) - 1 && check.getUTCDate() === Number(d) ? `${y}-${m}-${d}` : null;
}

/**
 * The calendar day written at the start of a date or ISO date-time (`2014-11-09T00:00:00+01:00` is
 * the 9th, as written in the company's zone: converting to UTC would move it to the 8th).
 * null: blank or a "no date" value. undefined: not a date.
 */
export function readCalendarDate(value: unknown): string | null | undefined {
  if (isBlank(value)) return null;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const match = DATE_PREFIX.exec(text);
  if (!match) return undefined;
  const day = `${match[1]}-${match[2]}-${match[3]}`;
  if (NO_DATE_VALUES.has(day)) return null;
  return validDay(match[1], match[2], match[3]) ?? undefined;
}

/** Exactly `YYYY-MM-DD` (no time part), null for blanks / "no date"; undefined otherwise. */
export function readPlainDate(value: unknown): string | null | undefined {
  if (typeof value === 'string' && value.trim().length !== 10 && !isBlank(value)) return undefined;
  return readCalendarDate(value);
}

/**
 * The UTC day of an instant (Microsoft Graph's DateTimeOffset `2024-09-30T23:59:59Z`), for fields
 * that are instants rather than calendar days. null for blanks; undefined when not a date-time.
 */
export function readUtcDate(value: unknown): string | null | undefined {
  if (isBlank(value)) return null;
  if (typeof value !== 'string' || !DATE_PREFIX.test(value.trim())) return undefined;
  if (NO_DATE_VALUES.has(value.trim().slice(0, 10))) return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : new Date(at).toISOString().slice(0, 10);
}

/** The UTC day of epoch milliseconds (number, digits, or SAP's `/Date(1700000000000)/`). */
export function readEpochMillisDate(value: unknown): string | null | undefined {
  if (isBlank(value)) return null;
  const text = typeof value === 'string' ? (/^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(value.trim())?.[1] ?? value.trim()) : value;
  const ms = typeof text === 'number' ? text : typeof text === 'string' && /^-?\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(ms)) return undefined;
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return undefined;
  const day = date.toISOString().slice(0, 10);
  return NO_DATE_VALUES.has(day) ? null : day;
}

/** A reader's result where a value that is not a date counts as none (lenient vendors). */
export function orNull(date: string | null | undefined): string | null {
  return date ?? null;
}

/** A reader's result where a value that is not a date makes the record invalid. */
export function required(date: string | null | undefined, field: string, value: unknown): string | null {
  if (date === undefined) throw new MalformedValueError(`${field} "${String(value)}" is not a date`);
  return date;
}
