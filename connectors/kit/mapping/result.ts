// The one result type of a connector's record mapping: a mapped employee, or the record reported as
// invalid (counted on the sync run, never fatal), and the page built from such results.
import type { InvalidRemoteRecord, RemoteEmployee } from '../../types';

export type MappedRecord = { ok: true; employee: RemoteEmployee } | { ok: false; invalid: InvalidRemoteRecord };

export function mapped(employee: RemoteEmployee): MappedRecord {
  return { ok: true, employee };
}

export function invalidRecord(remoteId: string | null, reason: string): MappedRecord {
  return { ok: false, invalid: { remoteId, reason } };
}

/** Maps every record of a page on its own, so one bad record cannot fail the page. */
export function mapRecords<T>(records: readonly T[], map: (record: T) => MappedRecord): { employees: RemoteEmployee[]; invalid: InvalidRemoteRecord[] } {
  const employees: RemoteEmployee[] = [];
  const invalid: InvalidRemoteRecord[] = [];
  for (const record of records) {
    const result = map(record);
    if (result.ok) employees.push(result.employee);
    else invalid.push(result.invalid);
  }
  return { employees, invalid };
}

/** Thrown inside a record mapping for a value of the wrong shape; `mapOrInvalid` reports it. */
export class MalformedValueError extends Error {}

/** Runs a mapping that throws MalformedValueError for bad values, reporting those as invalid records. */
export function mapOrInvalid(remoteId: string, map: () => RemoteEmployee): MappedRecord {
  try {
    return mapped(map());
  } catch (err) {
    if (err instanceof MalformedValueError) return invalidRecord(remoteId, err.message);
    throw err;
  }
}
