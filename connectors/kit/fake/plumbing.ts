// What every vendor fake's start function repeats: the state's request counters, scheduled
// throttles, the running fake's shape, where a listing keeps its records, and request bodies.
import type { FakeRequest, FakeResponse } from '../../fake-http-server';
import { FaultScript, type FaultStep } from './faults';
import { RequestLog } from './request-log';
import { serveVendorFake, type ListingShape, type VendorFakeOptions } from './serve';

export interface FakeCounters {
  readonly requestCount: number;
  /** Every request and its answer; the per-request fault script. */
  readonly log: RequestLog;
  readonly faults: FaultScript;
}

/** A fake's state: the counters (of a new log and fault script unless given), plus the vendor's data and helpers. */
export function withCounters<State extends FakeCounters>(rest: Omit<State, keyof FakeCounters>, log = new RequestLog(), faults = new FaultScript()): State {
  const counted: FakeCounters = {
    get requestCount() {
      return log.total;
    },
    log,
    faults,
  };
  return Object.assign(counted, rest) as State;
}

/** Options of the fakes whose people are generated into a map. */
export interface GeneratedFakeOptions {
  /** Generated people (deterministic, fictitious); every 5th has left, every 7th is leaving. */
  employees?: number;
  /** Listing records without an id (no connector can read them). */
  malformedRecords?: number;
  port?: number;
}

/** The state of a fake whose people live in a map: the edits tests and demos make. */
export interface FakeEmployees<Values> extends FakeCounters {
  readonly employees: Map<string, Values>;
  addEmployee(values: Values): string;
  editEmployee(id: string, values: Values): void;
  terminateEmployee(id: string, terminationDate: string): void;
  /** Creates a custom field as an admin would in the vendor's UI; returns its key. */
  addCustomField(name: string, type?: string): string;
}

export interface RunningFake<State> {
  url: string;
  faults: FaultScript;
  log: RequestLog;
  close(): Promise<void>;
  state: State;
}

/** Options of the fakes whose people are generated from a seed (Personio, the sandbox). */
export interface SeededFakeOptions {
  port?: number;
  seed?: number;
  employeeCount?: number;
  /** Dates are generated around this day (YYYY-MM-DD); default today, so "future" stays future. */
  referenceDate?: string;
}

/** A dialect's expired-token fault: every issued token expires now, and the vendor's 401 answers. */
export const expireAndRefuse = (expire: () => void, refusal: () => FakeResponse) => (): FakeResponse => {
  expire();
  return refusal();
};

/** Serves a fake whose state holds the log and fault script. */
export async function serveFake<State extends Pick<FakeCounters, 'log' | 'faults'>>(state: State, options: Omit<VendorFakeOptions, 'faults' | 'log'>): Promise<RunningFake<State>> {
  const { url, close } = await serveVendorFake({ ...options, faults: state.faults, log: state.log });
  return { url, faults: state.faults, log: state.log, close, state };
}

/** Throttles request n (1-based, all endpoints counted) for each n: the (n-1)th after the start. */
export function scheduleThrottles(faults: FaultScript, requestNumbers: number[] = [], step: Omit<FaultStep & { kind: 'throttle' }, 'kind'> = {}): void {
  for (const n of requestNumbers) faults.add({ kind: 'throttle', ...step, after: n - 1 });
}

/** A listing whose answer body keeps its records under `key`. */
export const listingAt = (path: string | RegExp, key: string): ListingShape => ({ path, records: (body) => (body as Record<string, unknown[]> | undefined)?.[key] });

/** The request body as JSON (through `read`, inside the same guard), or undefined when unreadable. */
export function parseJson<T = unknown>(text: string, read: (json: unknown) => T = (json) => json as T): { value: T } | undefined {
  try {
    return { value: read(JSON.parse(text)) };
  } catch {
    return undefined;
  }
}

/** Fields of the query, overlaid by a JSON or form body (token endpoints accept all three). */
export function requestFields(req: FakeRequest): Record<string, unknown> {
  const fields: Record<string, unknown> = Object.fromEntries(req.url.searchParams);
  const type = String(req.headers['content-type'] ?? '');
  // an unreadable JSON body simply carries no fields
  if (type.includes('application/json')) return { ...fields, ...parseJson<Record<string, unknown>>(req.body || '{}')?.value };
  if (type.includes('application/x-www-form-urlencoded')) return { ...fields, ...Object.fromEntries(new URLSearchParams(req.body)) };
  return fields;
}
