// Readers for Personio's wrapped attribute values ({label, value, type, universal_id}). A value of
// the wrong shape throws MalformedValueError so the whole record is reported as invalid instead of
// being synced with a silently missing field.
import type { AttributeValue } from '../types';
import type { PersonioWrappedValue } from './api-types';

export class MalformedValueError extends Error {}

type Attributes = Record<string, PersonioWrappedValue | undefined>;

const DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})/;

function rawValue(attributes: Attributes, key: string): unknown {
  const wrapped = attributes[key];
  return wrapped && typeof wrapped === 'object' ? wrapped.value : undefined;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

export function readText(attributes: Attributes, key: string): string | null {
  const value = rawValue(attributes, key);
  if (isBlank(value)) return null;
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number') return String(value);
  throw new MalformedValueError(`${key} is not text`);
}

/**
 * Personio sends dates as `2014-11-09T00:00:00+01:00` (or plain `YYYY-MM-DD`). The calendar day is
 * the one written there, in the company's zone: converting to UTC would move it to the day before.
 */
export function toCalendarDate(value: string): string | null {
  const match = DATE_PREFIX.exec(value);
  if (!match) return null;
  const [, y, m, d] = match;
  const check = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return check.getUTCMonth() === Number(m) - 1 && check.getUTCDate() === Number(d) ? `${y}-${m}-${d}` : null;
}

export function readDate(attributes: Attributes, key: string): string | null {
  const value = rawValue(attributes, key);
  if (isBlank(value)) return null;
  const date = typeof value === 'string' ? toCalendarDate(value) : null;
  if (date === null) throw new MalformedValueError(`${key} "${String(value)}" is not a date`);
  return date;
}

/** A value from a fixed list; anything else is read as unknown (null), never as a wrong value. */
export function readChoice<T extends string>(attributes: Attributes, key: string, allowed: readonly T[]): T | null {
  const value = rawValue(attributes, key);
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

/** Personio sends weekly hours as a string ('40', sometimes '38,5'); numbers are accepted too. */
export function readHours(attributes: Attributes, key: string): number | null {
  const value = rawValue(attributes, key);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const hours = Number(value.trim().replace(',', '.'));
  return Number.isFinite(hours) ? hours : null;
}

/** Reads a reference such as `subcompany`: `{type:'Subcompany', attributes:{id, name}}`. */
export function readNamedReference(attributes: Attributes, key: string): { id: string; name: string } | null {
  const value = rawValue(attributes, key);
  if (isBlank(value)) return null;
  const inner = (value as { attributes?: { id?: unknown; name?: unknown } }).attributes;
  const id = inner?.id;
  const name = inner?.name;
  if ((typeof id === 'number' || (typeof id === 'string' && id !== '')) && typeof name === 'string') {
    return { id: String(id), name };
  }
  throw new MalformedValueError(`${key} is not a reference with id and name`);
}

/**
 * One attribute as a plain value for mapping and filters: references become their name (office,
 * department, subcompany), lists of references a comma-separated list of names, the supervisor
 * their id, dates a calendar date. Shapes that have no sensible plain form are left out (undefined).
 */
export function flattenAttribute(wrapped: PersonioWrappedValue): AttributeValue | undefined {
  const value = wrapped.value;
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return wrapped.type === 'date' ? (toCalendarDate(value) ?? value) : value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) {
    const names = value.map(referenceName).filter((n): n is string => n !== null);
    return names.length ? names.join(', ') : null;
  }
  if (typeof value === 'object') return referenceName(value) ?? nestedEmployeeId(value) ?? undefined;
  return undefined;
}

function referenceName(value: unknown): string | null {
  if (typeof value === 'string') return value;
  const name = (value as { attributes?: { name?: unknown } } | null)?.attributes?.name;
  return typeof name === 'string' ? name : null;
}

function nestedEmployeeId(value: object): number | string | null {
  const id = (value as { attributes?: { id?: { value?: unknown } } }).attributes?.id?.value;
  return typeof id === 'number' || typeof id === 'string' ? id : null;
}
