// Small readers every mapping needs: blanks, ids, enums, and readable validation messages.
import type { z } from 'zod';
import { MalformedValueError } from './result';

/** Trimmed text, or null for undefined, null and blank strings. */
export function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** Any scalar as text (numbers and booleans too); null for blanks and non-scalars. */
export function textOf(value: unknown): string | null {
  if (typeof value === 'string') return blankToNull(value);
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
}

/** A vendor record as a field map, or null when it is not a JSON object (an array, a string, null). */
export function asFields(record: unknown): Record<string, unknown> | null {
  return typeof record === 'object' && record !== null && !Array.isArray(record) ? (record as Record<string, unknown>) : null;
}

/** The id of a record (string or number, not blank) as text, or null. */
export function rawId(record: unknown, key = 'id'): string | null {
  const id = record && typeof record === 'object' ? (record as Record<string, unknown>)[key] : undefined;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  return typeof id === 'string' && id.trim() !== '' ? id : null;
}

/** A value from a fixed list; anything else is read as unknown (null), never as a wrong value. */
export function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | null {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

/** A vendor value looked up in a table; null for blanks, MalformedValueError ("x is not one of a, b") for others. */
export function lookup<K extends string, V>(table: Readonly<Record<K, V>>, value: unknown, field: string): V | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string' && Object.prototype.hasOwnProperty.call(table, value)) return table[value as K];
  throw new MalformedValueError(notOneOf(field, value, Object.keys(table)));
}

export function notOneOf(field: string, value: unknown, allowed: readonly string[]): string {
  return `${field} "${String(value)}" is not one of ${allowed.join(', ')}`;
}

/** zod issues as one readable line: "employeeHireDate: is not a date-time; id: …". */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'record'}: ${issue.message}`).join('; ');
}
