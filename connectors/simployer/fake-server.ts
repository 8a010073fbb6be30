// A local Simployer (classic) Person API for tests, demos and benchmarks: `X-ApiKey`, GET /v1/person
// answering one JSON array of persons in the published shape (id, firstname, lastname, shortname,
// birthdate, gender { label, id }, nationality). Beyond the published shape, and said so in NOTES.md:
// an `email` and company fields holding the leaving date and the number of children, optional Link-header pages or a silently
// cut list with X-Total-Count (to exercise the connector's defensive reading), refusals and throttles
// in an assumed { statusCode, message } body.
import { fakePerson, FaultScript, isoDay, retryAfterHeader, RequestLog, router, serveVendorFake, type FakeRequest, type FakeResponse, type FaultDialect } from '../kit/fake';

export interface FakeSimployerOptions {
  apiKey?: string;
  /** Generated persons (deterministic, fictitious); every 5th has left, every 7th is leaving. */
  people?: number;
  /** Records without an id. */
  malformedRecords?: number;
  /** Serve pages of this size chained by `Link: <…>; rel="next"` (unpublished; default: one answer). */
  linkPageSize?: number;
  /** Serve only this many persons, with X-Total-Count telling the real number (a silently cut list). */
  truncateTo?: number;
  port?: number;
}

type Row = Record<string, unknown>;

export interface FakeSimployerState {
  readonly persons: Map<string, Row>;
  readonly log: RequestLog;
  readonly faults: FaultScript;
  addPerson(record: Row): string;
  editPerson(id: string, record: Row): void;
  /** As Simployer's personDeleted: the person is gone from the list. */
  deletePerson(id: string): void;
}

export interface RunningFakeSimployer {
  url: string;
  faults: FaultScript;
  log: RequestLog;
  close(): Promise<void>;
  state: FakeSimployerState;
}

export const FAKE_SIMPLOYER_API_KEY = 'fake-simployer-api-key';
/** The company field this fake keeps the leaving date in (Simployer publishes none). */
export const LEAVING_DATE_FIELD = 'endDate';
/** A company field holding the number of children (unpublished; offered as an attribute like any extra field). */
export const CHILDREN_FIELD = 'numberOfChildren';
export const INVALID_KEY_MESSAGE = 'Access denied due to invalid API key.';
const GENDERS = [
  { label: 'Mann', id: '6e000000-0000-4000-8000-000000000001' },
  { label: 'Kvinne', id: '6e000000-0000-4000-8000-000000000002' },
];

const personId = (n: number) => `5e000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function generatedPerson(n: number): Row {
  const { firstName, lastName, emailLocalPart, terminationDate } = fakePerson(n);
  return {
    id: personId(n),
    firstname: firstName,
    lastname: lastName,
    shortname: `${firstName.slice(0, 2)}${lastName.slice(0, 2)}`.toUpperCase(),
    birthdate: `${isoDay(Date.UTC(1970, 0, 1), (n * 331) % 12000)}T00:00:00Z`,
    gender: GENDERS[n % 2],
    nationality: n % 3 === 0 ? 'SE' : 'NO',
    email: `${emailLocalPart}@example.com`,
    [LEAVING_DATE_FIELD]: terminationDate,
    [CHILDREN_FIELD]: n % 4,
  };
}

export async function startFakeSimployer(options: FakeSimployerOptions = {}): Promise<RunningFakeSimployer> {
  const apiKey = options.apiKey ?? FAKE_SIMPLOYER_API_KEY;
  const persons = new Map<string, Row>();
  const rows: Row[] = [];
  const log = new RequestLog();
  const faults = new FaultScript();
  let lastN = 0;
  const add = (record: Row) => {
    persons.set(String(record.id), record);
    rows.push(record);
  };
  for (let n = 1; n <= (options.people ?? 20); n++) {
    add(generatedPerson(n));
    if (n === 1) for (let i = 0; i < (options.malformedRecords ?? 0); i++) rows.push({ firstname: 'Orphan', lastname: 'Record' });
    lastN = n;
  }

  const state: FakeSimployerState = {
    persons,
    log,
    faults,
    addPerson(record) {
      const id = personId(++lastN);
      add({ ...record, id });
      return id;
    },
    editPerson(id, record) {
      const person = persons.get(id);
      if (!person) throw new Error(`fake Simployer has no person ${id}`);
      Object.assign(person, record, { id });
    },
    deletePerson(id) {
      const person = persons.get(id);
      if (!person) throw new Error(`fake Simployer has no person ${id}`);
      persons.delete(id);
      rows.splice(rows.indexOf(person), 1);
    },
  };

  const failure = (status: number, message: string, headers: Record<string, string> = {}): FakeResponse => ({ status, headers, body: { statusCode: status, message } });
  const dialect: FaultDialect = {
    throttled: (retryAfterSeconds) => failure(429, `Rate limit is exceeded. Try again in ${retryAfterSeconds ?? 1} seconds.`, retryAfterHeader(retryAfterSeconds)),
    unavailable: (status) => failure(status, 'Service unavailable'),
  };
  const guard = (req: FakeRequest) => {
    const key = req.headers['x-apikey'];
    if (key === undefined) return failure(401, 'Access denied due to missing API key.');
    return key === apiKey ? undefined : failure(401, INVALID_KEY_MESSAGE);
  };

  function listPersons(req: FakeRequest): FakeResponse {
    if (options.truncateTo !== undefined) return { status: 200, headers: { 'x-total-count': String(rows.length) }, body: rows.slice(0, options.truncateTo) };
    if (options.linkPageSize === undefined) return { status: 200, body: rows };
    const page = Math.max(1, Number(req.url.searchParams.get('page') ?? '1') || 1);
    const size = options.linkPageSize;
    const more = page * size < rows.length;
    const headers: Record<string, string> = more ? { link: `</v1/person?page=${page + 1}>; rel="next"` } : {};
    return { status: 200, headers, body: rows.slice((page - 1) * size, page * size) };
  }

  const handle = router([['GET', '/v1/person', listPersons]], { guard, trimSlash: true, notFound: () => failure(404, 'Resource not found'), methodNotAllowed: () => failure(405, 'Method not allowed') });
  const listings = [{ path: '/v1/person', records: (body: unknown) => (Array.isArray(body) ? body : undefined) }];
  const server = await serveVendorFake({ handle, dialect, listings, faults, log, port: options.port });
  return { url: server.url, faults, log, close: () => server.close(), state };
}
