// A local CharlieHR for tests, demos and benchmarks, answering like the API v1 as client code uses
// it (NOTES.md): `Authorization: Token token=<client id>:<client secret>`, answers in
// { success, data, meta: { next_url } } with next_url a query string ("?page=2") or, optionally, a
// path under /api/v1, team members with an end_date where they left (an assumption: CharlieHR does
// not describe leavers), note types and per-member notes as custom data.
import { fakePerson, FaultScript, intParam, isoDay, retryAfterHeader, RequestLog, router, serveVendorFake, type FakeRequest, type FakeResponse, type FaultDialect } from '../kit/fake';

export interface FakeCharlieOptions {
  clientId?: string;
  clientSecret?: string;
  /** Generated team members (deterministic, fictitious); every 5th has left, every 7th is leaving. */
  people?: number;
  /** Records without an id, on the first page. */
  malformedRecords?: number;
  /** Team members per page (default 25). */
  perPage?: number;
  /** How next_url is written: "?page=2" (default) or "/team_members/?page=2". */
  nextUrlStyle?: 'query' | 'path';
  port?: number;
}

type Row = Record<string, unknown>;

export interface FakeCharlieState {
  readonly teamMembers: Map<string, Row>;
  readonly log: RequestLog;
  readonly faults: FaultScript;
  addTeamMember(record: Row): string;
  editTeamMember(id: string, record: Row): void;
  /** Sets the content of a team member's note of this type (null removes it). */
  setNote(id: string, noteTypeId: string, content: string | number | null): void;
  note(id: string, noteTypeId: string): string | number | null;
  /** Creates a note type as an admin would in CharlieHR; returns its id. */
  addNoteType(name: string, type?: 'Text' | 'Number' | 'Checklist'): string;
}

export interface RunningFakeCharlie {
  url: string;
  faults: FaultScript;
  log: RequestLog;
  close(): Promise<void>;
  state: FakeCharlieState;
}

export const FAKE_CHARLIE_CLIENT_ID = 'fake-charlie-client-id';
export const FAKE_CHARLIE_CLIENT_SECRET = 'fake-charlie-client-secret';
export const NUMBER_OF_CHILDREN_NOTE_TYPE = 'a1b2c3d4-0000-4000-8000-000000000001';
export const INVALID_CREDENTIALS_MESSAGE = 'Invalid API credentials';

const memberId = (n: number) => `7e000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function generatedMember(n: number): Row {
  const { firstName, lastName, emailLocalPart, hireDate, terminationDate } = fakePerson(n);
  return {
    id: memberId(n),
    first_name: firstName,
    last_name: lastName,
    display_name: `${firstName} ${lastName}`,
    email: `${emailLocalPart}@example.com`,
    date_of_birth: isoDay(Date.UTC(1970, 0, 1), (n * 331) % 12000),
    start_date: hireDate,
    end_date: terminationDate,
    office: n % 2 === 0 ? 'London' : 'Manchester',
    manager: null,
    teams: [['Delivery', 'Finance', 'People'][n % 3]],
    profile_picture: null,
  };
}

export async function startFakeCharlie(options: FakeCharlieOptions = {}): Promise<RunningFakeCharlie> {
  const token = `Token token=${options.clientId ?? FAKE_CHARLIE_CLIENT_ID}:${options.clientSecret ?? FAKE_CHARLIE_CLIENT_SECRET}`;
  const perPage = options.perPage ?? 25;
  const teamMembers = new Map<string, Row>();
  const rows: Row[] = [];
  const noteTypes: Row[] = [
    { id: NUMBER_OF_CHILDREN_NOTE_TYPE, name: 'Number of children', type: 'Number' },
    { id: 'a1b2c3d4-0000-4000-8000-000000000002', name: 'T-shirt size', type: 'Text' },
  ];
  /** member id → note type id → content. */
  const notes = new Map<string, Map<string, string | number>>();
  const log = new RequestLog();
  const faults = new FaultScript();
  let lastN = 0;
  const add = (record: Row) => {
    teamMembers.set(String(record.id), record);
    rows.push(record);
  };
  for (let n = 1; n <= (options.people ?? 20); n++) {
    add(generatedMember(n));
    notes.set(memberId(n), new Map<string, string | number>([[NUMBER_OF_CHILDREN_NOTE_TYPE, n % 4]]));
    if (n === 1) for (let i = 0; i < (options.malformedRecords ?? 0); i++) rows.push({ first_name: 'Orphan', last_name: 'Record' });
    lastN = n;
  }

  const state: FakeCharlieState = {
    teamMembers,
    log,
    faults,
    addTeamMember(record) {
      const id = memberId(++lastN);
      add({ end_date: null, ...record, id });
      return id;
    },
    editTeamMember(id, record) {
      const member = teamMembers.get(id);
      if (!member) throw new Error(`fake CharlieHR has no team member ${id}`);
      Object.assign(member, record, { id });
    },
    setNote(id, noteTypeId, content) {
      if (!notes.has(id)) notes.set(id, new Map());
      if (content === null) notes.get(id)!.delete(noteTypeId);
      else notes.get(id)!.set(noteTypeId, content);
    },
    note: (id, noteTypeId) => notes.get(id)?.get(noteTypeId) ?? null,
    addNoteType(name, type = 'Text') {
      const id = `a1b2c3d4-0000-4000-8000-${String(noteTypes.length + 1).padStart(12, '0')}`;
      noteTypes.push({ id, name, type });
      return id;
    },
  };

  const failure = (status: number, message: string, headers: Record<string, string> = {}): FakeResponse => ({ status, headers, body: { success: false, message } });
  const dialect: FaultDialect = {
    throttled: (retryAfterSeconds) => failure(429, 'Too many requests', retryAfterHeader(retryAfterSeconds)),
    unavailable: (status) => failure(status, status === 503 ? 'Service unavailable' : 'Internal server error'),
  };
  const guard = (req: FakeRequest) => {
    const header = req.headers.authorization;
    if (header === undefined) return failure(401, 'Authorization header missing');
    return header === token ? undefined : failure(401, INVALID_CREDENTIALS_MESSAGE);
  };

  /** One page of a list; next_url null on the last page. */
  function paged(req: FakeRequest, items: readonly unknown[], listPath: string): FakeResponse {
    const page = intParam(req.url.searchParams.get('page'), 1);
    if (page === null || page < 1) return failure(400, 'page must be a positive integer');
    const data = items.slice((page - 1) * perPage, page * perPage);
    const more = page * perPage < items.length;
    const next = more ? (options.nextUrlStyle === 'path' ? `${listPath}?page=${page + 1}` : `?page=${page + 1}`) : null;
    return { status: 200, body: { success: true, data, meta: { next_url: next } } };
  }

  const handle = router(
    [
      ['GET', '/api/v1/team_members/', (req) => paged(req, rows, '/team_members/')],
      ['GET', '/api/v1/team_member_note_types/', (req) => paged(req, noteTypes, '/team_member_note_types/')],
      [
        'GET',
        /^\/api\/v1\/team_members\/([^/]+)\/notes\/?$/,
        (req, id) => {
          const memberNotes = teamMembers.has(decodeURIComponent(id)) ? notes.get(decodeURIComponent(id)) : undefined;
          if (!teamMembers.has(decodeURIComponent(id))) return failure(404, 'Team member not found');
          const list = [...(memberNotes ?? new Map())].map(([typeId, content], i) => ({ id: `${id}-note-${i}`, team_member_note_type_id: typeId, content }));
          return paged(req, list, `/team_members/${id}/notes`);
        },
      ],
    ],
    { guard, notFound: () => failure(404, 'Not found'), methodNotAllowed: () => failure(405, 'Method not allowed') },
  );

  const listings = [{ path: '/api/v1/team_members/', records: (body: unknown) => (body as { data?: unknown[] } | undefined)?.data }];
  const server = await serveVendorFake({ handle, dialect, listings, faults, log, port: options.port });
  return { url: server.url, faults, log, close: () => server.close(), state };
}
