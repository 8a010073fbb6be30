// A local Humaans for tests, demos and benchmarks, answering like the public REST API under /api:
// bearer access tokens (refusals Feathers-style: { name, message, code, className }), offset paging
// with $limit (default 100, capped at 250) and $skip, answers in { total, limit, skip, data }, the
// people list with every status (active, newHire, offboarded), custom fields and custom values.
// Throttling and outages come from the fault script (Humaans publishes no rate limit: see NOTES.md).
import { bearerToken, fakePerson, FaultScript, intParam, isoDay, retryAfterHeader, RequestLog, serveVendorFake, type FakeRequest, type FakeResponse, type FaultDialect } from '../kit/fake';

export interface FakeHumaansOptions {
  accessToken?: string;
  /** Generated people (deterministic, fictitious); every 5th has left, every 7th is leaving. */
  people?: number;
  /** People records without an id, placed among the first page's people. */
  malformedRecords?: number;
  /**
   * The most served per page (default 250, Humaans' cap). Lower it to see a connector cope with a
   * server that serves fewer than asked (the answer's `limit` says so).
   */
  maxLimit?: number;
  port?: number;
}

type Row = Record<string, unknown>;

export interface FakeHumaansState {
  /** Person id → person record (as GET /people lists it). */
  readonly people: Map<string, Row>;
  readonly log: RequestLog;
  readonly faults: FaultScript;
  addPerson(record: Row): string;
  editPerson(id: string, record: Row): void;
  /** Offboards someone as Humaans does: an end date, a last working day, and the status once it passed. */
  offboardPerson(id: string, employmentEndDate: string | null, lastWorkingDay?: string | null): void;
  /** Creates a custom field as an admin would in Humaans; returns its id. */
  addCustomField(name: string, type?: string): string;
  setCustomValue(personId: string, customFieldId: string, value: unknown): void;
  customValue(personId: string, customFieldId: string): unknown;
  throttleNext(count: number, retryAfterSeconds?: number): void;
}

export interface RunningFakeHumaans {
  url: string;
  faults: FaultScript;
  log: RequestLog;
  close(): Promise<void>;
  state: FakeHumaansState;
}

export const FAKE_HUMAANS_ACCESS_TOKEN = 'fake-humaans-access-token';
export const NUMBER_OF_CHILDREN_FIELD_ID = 'cf0NumberOfChildren';
export const SHIRT_SIZE_FIELD_ID = 'cf0ShirtSize';
export const FAKE_HUMAANS_COMPANY_ID = 'co0ExampleLtd';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 250;

/** A Humaans-looking id (they are opaque 24-character strings). */
function personId(n: number): string {
  return `pe${String(n).padStart(22, '0')}`;
}

/** Deterministic fictitious person `n` (1-based) in Humaans' field shapes. */
function generatedPerson(n: number): Row {
  const { firstName, lastName, emailLocalPart, terminated, leaving, hireDate, terminationDate } = fakePerson(n);
  // Every 10th person (a leaver) has only a last working day recorded, no employment end date.
  const onlyLastWorkingDay = terminated && n % 10 === 0;
  const newHire = !terminated && !leaving && n % 11 === 4;
  const start = newHire ? '2030-01-04' : hireDate;
  return {
    id: personId(n),
    companyId: FAKE_HUMAANS_COMPANY_ID,
    firstName,
    middleName: null,
    lastName,
    preferredName: n % 6 === 0 ? firstName.slice(0, 3) : null,
    email: `${emailLocalPart}@example.com`,
    personalEmail: `${emailLocalPart}@mail.example.net`,
    gender: n % 9 === 0 ? 'non-binary' : n % 2 === 0 ? 'female' : 'male',
    birthday: isoDay(Date.UTC(1970, 0, 1), (n * 331) % 12000),
    employeeId: `HU-${1000 + n}`,
    employmentStartDate: start,
    firstWorkingDay: start,
    employmentEndDate: onlyLastWorkingDay ? null : terminationDate,
    lastWorkingDay: terminationDate,
    leavingReason: terminated ? (n % 2 === 0 ? 'resigned' : 'contract_ended') : leaving ? 'resigned' : null,
    leavingNote: null,
    contractType: n % 13 === 6 ? 'Contractor' : n % 3 === 0 ? 'Part-time' : 'Full-time',
    workingDays: ['monday', 'tuesday', 'wednesday', 'thursday', n % 3 === 0 ? null : 'friday'].filter(Boolean).map((day) => ({ day })),
    status: terminated ? 'offboarded' : newHire ? 'newHire' : 'active',
    nationality: 'DE',
    createdAt: `${hireDate}T08:00:00.000Z`,
    updatedAt: '2026-01-01T08:00:00.000Z',
  };
}

/** Humaans' (Feathers') error answer. */
function error(code: number, name: string, className: string, message: string): FakeResponse {
  return { status: code, body: { name, message, code, className } };
}

export async function startFakeHumaans(options: FakeHumaansOptions = {}): Promise<RunningFakeHumaans> {
  const accessToken = options.accessToken ?? FAKE_HUMAANS_ACCESS_TOKEN;
  const maxLimit = Math.min(MAX_LIMIT, options.maxLimit ?? MAX_LIMIT);
  const people = new Map<string, Row>();
  /** Listing order (creation order); malformed records have no id and live only here. */
  const rows: Row[] = [];
  const customFields: Row[] = [
    { id: NUMBER_OF_CHILDREN_FIELD_ID, companyId: FAKE_HUMAANS_COMPANY_ID, name: 'Number of children', section: 'personal', type: 'number', config: null },
    { id: SHIRT_SIZE_FIELD_ID, companyId: FAKE_HUMAANS_COMPANY_ID, name: 'T-shirt size', section: 'personal', type: 'select', config: { choices: ['S', 'M', 'L'] } },
  ];
  /** personId → customFieldId → value. */
  const customValues = new Map<string, Map<string, unknown>>();
  const log = new RequestLog();
  const faults = new FaultScript();
  let lastN = 0;

  const add = (record: Row) => {
    people.set(String(record.id), record);
    rows.push(record);
  };
  for (let n = 1; n <= (options.people ?? 20); n++) {
    add(generatedPerson(n));
    customValues.set(personId(n), new Map<string, unknown>([[NUMBER_OF_CHILDREN_FIELD_ID, n % 4], [SHIRT_SIZE_FIELD_ID, ['S', 'M', 'L'][n % 3]]]));
    if (n === 1) for (let i = 0; i < (options.malformedRecords ?? 0); i++) rows.push({ firstName: 'Orphan', lastName: 'Record', status: 'active' });
    lastN = n;
  }

  const state: FakeHumaansState = {
    people,
    log,
    faults,
    addPerson(record) {
      const id = personId(++lastN);
      add({ companyId: FAKE_HUMAANS_COMPANY_ID, status: 'active', employmentEndDate: null, lastWorkingDay: null, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(), ...record, id });
      return id;
    },
    editPerson(id, record) {
      const person = people.get(id);
      if (!person) throw new Error(`fake Humaans has no person ${id}`);
      Object.assign(person, record, { id, updatedAt: new Date().toISOString() });
    },
    offboardPerson(id, employmentEndDate, lastWorkingDay = employmentEndDate) {
      const end = employmentEndDate ?? lastWorkingDay;
      const passed = end !== null && end < new Date().toISOString().slice(0, 10);
      state.editPerson(id, { employmentEndDate, lastWorkingDay, ...(passed ? { status: 'offboarded' } : {}) });
    },
    addCustomField(name, type = 'text') {
      const id = `cf${String(customFields.length + 1).padStart(22, '0')}`;
      customFields.push({ id, companyId: FAKE_HUMAANS_COMPANY_ID, name, section: 'personal', type, config: null });
      return id;
    },
    setCustomValue(pid, fieldId, value) {
      if (!customValues.has(pid)) customValues.set(pid, new Map());
      customValues.get(pid)!.set(fieldId, value);
    },
    customValue(pid, fieldId) {
      return customValues.get(pid)?.get(fieldId);
    },
    throttleNext(count, retryAfterSeconds) {
      faults.replace('throttleNext', count, { kind: 'throttle', retryAfterSeconds });
    },
  };

  // No rate limit is published; a throttle is answered 429 (Retry-After when the script gives one).
  const dialect: FaultDialect = {
    throttled: (seconds) => ({ ...error(429, 'TooManyRequests', 'too-many-requests', 'Too many requests'), headers: retryAfterHeader(seconds) }),
    unavailable: (status) => error(status, status === 503 ? 'Unavailable' : 'GeneralError', status === 503 ? 'unavailable' : 'general-error', 'Service unavailable'),
  };

  const handle = (req: FakeRequest): FakeResponse => {
    const header = req.headers.authorization;
    if (header === undefined) return error(401, 'NotAuthenticated', 'not-authenticated', 'No access token provided');
    if (bearerToken(header) !== accessToken) return error(401, 'NotAuthenticated', 'not-authenticated', 'Invalid access token');
    const path = req.url.pathname.replace(/\/+$/, '');
    if (req.method !== 'GET') return error(405, 'MethodNotAllowed', 'method-not-allowed', `Method ${req.method} is not supported by this fake`);
    const query = req.url.searchParams;
    switch (path) {
      case '/api/people':
        return paged(rows, query);
      case '/api/custom-fields':
        return paged(customFields, query);
      case '/api/custom-values':
        return paged(valueRows().filter((r) => matches(r, query, ['personId', 'customFieldId'])), query);
      default:
        return error(404, 'NotFound', 'not-found', `Page not found: ${path}`);
    }
  };

  function valueRows(): Row[] {
    const out: Row[] = [];
    for (const [pid, values] of customValues) {
      for (const [fieldId, value] of values) {
        if (value === null || value === undefined) continue;
        out.push({ id: `cv-${fieldId}-${pid}`, personId: pid, customFieldId: fieldId, resourceId: null, value, createdAt: '2026-01-01T08:00:00.000Z', updatedAt: '2026-01-01T08:00:00.000Z' });
      }
    }
    return out;
  }

  /** Paged answer: { total, limit, skip, data }; $limit default 100, capped, $skip from 0. */
  function paged(items: readonly Row[], query: URLSearchParams): FakeResponse {
    const askedLimit = intParam(query.get('$limit'), DEFAULT_LIMIT);
    const skip = intParam(query.get('$skip'), 0);
    if (askedLimit === null) return error(400, 'BadRequest', 'bad-request', 'Invalid query parameter $limit');
    if (skip === null) return error(400, 'BadRequest', 'bad-request', 'Invalid query parameter $skip');
    const limit = Math.min(askedLimit, maxLimit);
    return { status: 200, body: { total: items.length, limit, skip, data: items.slice(skip, skip + limit) } };
  }

  const listings = [{ path: '/api/people', records: (body: unknown) => (body as { data?: unknown[] } | undefined)?.data }];
  const server = await serveVendorFake({ handle, dialect, listings, faults, log, port: options.port });
  return { url: server.url, faults, log, close: () => server.close(), state };
}

/** Simple equality filters (field=value) on the given fields, as the API accepts them. */
function matches(row: Row, query: URLSearchParams, fields: readonly string[]): boolean {
  return fields.every((f) => !query.has(f) || String(row[f]) === query.get(f));
}
