// A fingerprint of the synced values: a sync that reads an unchanged employee writes nothing.
import { createHash } from 'node:crypto';
import type { SyncedEmployee } from './employee-mapping';

/** Bump when the canonical form changes on purpose (every row then counts as changed once). */
export const CONTENT_HASH_VERSION = 'v1';

/**
 * Deterministic JSON: object keys sorted; members that are null or undefined dropped (absent = null,
 * so a new nullable field does not change existing hashes until it gets a value); -0 written as 0;
 * Dates as ISO strings. Non-finite numbers and other types are rejected.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
      return JSON.stringify(Object.is(value, -0) ? 0 : value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined && obj[k] !== null)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot encode a ${typeof value}`);
  }
}

/**
 * sha256 (hex) of the canonical form of the synced employee, prefixed with the hash version. A
 * `contentHash` member (an IncomingEmployee passed back in) is not part of the content.
 */
export function contentHash(employee: SyncedEmployee): string {
  const { contentHash: _previous, ...content } = employee as SyncedEmployee & { contentHash?: unknown };
  return `${CONTENT_HASH_VERSION}:${createHash('sha256').update(canonicalJson(content)).digest('hex')}`;
}

/** The employee with its content hash attached, as reconciliation expects it. */
export function withContentHash(employee: SyncedEmployee): SyncedEmployee & { contentHash: string } {
  return { ...employee, contentHash: contentHash(employee) };
}
