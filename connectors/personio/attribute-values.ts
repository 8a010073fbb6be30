// Readers for Personio's wrapped attribute values ({label, value, type, universal_id}). A value of
// the wrong shape throws MalformedValueError so the whole record is reported as invalid instead of
// being synced with a silently missing field.
import { MalformedValueError, oneOf, readCalendarDate, required } from '../kit';
import type { AttributeValue } from '../types';
import type { PersonioWrappedValue } from './api-types';

type Attributes = Record<string, PersonioWrappedValue | undefined>;

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

/** Personio sends dates as `2014-11-09T00:00:00+01:00` (or plain `YYYY-MM-DD`): the day as written. */
export function readDate(attributes: Attributes, key: string): string | null {
  const value = rawValue(attributes, key);
  return required(readCalendarDate(value), key, value);
}

/** A value from a fixed list; anything else is read as unknown (null), never as a wrong value. */
export function readChoice<T extends string>(attributes: Attributes, key: string, allowed: readonly T[]): T | null {
  return oneOf(rawValue(attributes, key), allowed);
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
  if (typeof value === 'string') return wrapped.type === 'date' ? (readCalendarDate(value) ?? value) : value;
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
