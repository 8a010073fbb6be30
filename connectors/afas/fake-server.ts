// A local AFAS Profit for tests, demos and benchmarks, answering like the REST API under
// /ProfitRestServices: `Authorization: AfasToken <base64 of the token XML>` (an unknown token gets
// Profit's empty 401; a GetConnector outside the token's App Connector a 401 with Profit's error
// body; an IP restriction a 403), GET /connectors/<id> with skip/take (default 0/100, -1/-1 for all,
// other negative values a 500 "An unexpected error has occurred."), orderbyfieldids (without it
// the row order changes between requests, as AFAS warns), filterfieldids/filtervalues/operatortypes
// (`,` AND, `;` OR), a query string over 2049 characters a 404, GET /metainfo/get/<id> and GET
// /MetaInfo. Rows have the layout NOTES.md recommends. AFAS publishes no rate limit (fair use,
// blocked GetConnectors); the fault script's throttles answer 429 with Retry-After (assumed).
import { fakePerson, FaultScript, isoDay, RequestLog, retryAfterHeader, router, serveVendorFake, type FakeRequest, type FakeResponse, type FaultDialect, type Guard } from '../kit/fake';
import { AFAS_DEFAULT_FIELDS } from './mapping';

export interface FakeAfasOptions {
  /** The token XML as the App Connector shows it. */
  token?: string;
  /** Generated employees (deterministic, fictitious); every 5th has left, every 7th is leaving. */
  employees?: number;
  /** Rows without an employee id, placed among the first rows. */
  malformedRecords?: number;
  getConnector?: string;
  port?: number;
}

type Row = Record<string, unknown>;

export interface FakeAfasState {
  /** Employee id → row (as the GetConnector lists it). */
  readonly employees: Map<string, Row>;
  readonly employers: readonly { id: string; name: string }[];
  readonly log: RequestLog;
  readonly faults: FaultScript;
  /** GetConnector ids the token's App Connector may use. */
  readonly allowedConnectors: Set<string>;
  addEmployee(row: Row): string;
  editEmployee(id: string, row: Row): void;
  /** Ends the employment as Profit shows it: an end date on the row. */
  endEmployment(id: string, endDate: string): void;
  /** Adds a field to the GetConnector (as an admin would in Profit); returns its id. */
  addField(id: string, label: string, dataType?: string): string;
  /** The App Connector's IP restriction refuses every request from now on (403). */
  restrictIp(on: boolean): void;
}

export interface RunningFakeAfas {
  url: string;
  faults: FaultScript;
  log: RequestLog;
  close(): Promise<void>;
  state: FakeAfasState;
}

export const FAKE_AFAS_TOKEN = '<token><version>1</version><data>4F3A9C1D2B7E48E6A1C05D9B3E7F2A610C4B8D2E6F1A3C5B7D9E0F2A4C6B8D0E</data></token>';
export const FAKE_AFAS_GET_CONNECTOR = 'Benefits_Employees';
export const NUMBER_OF_CHILDREN_FIELD = 'Aantal_kinderen';
export const FAKE_AFAS_EMPLOYERS = [
  { id: '01', name: 'Voorbeeld Holding B.V.' },
  { id: '02', name: 'Voorbeeld Services B.V.' },
  { id: '03', name: 'Voorbeeld GmbH' },
] as const;

const F = AFAS_DEFAULT_FIELDS;
const MAX_QUERY_LENGTH = 2049;

/** The GetConnector's fields as GET /metainfo/get/<id> lists them. */
function metaField(id: string, label: string, dataType: string, n: number): Row {
  const length = dataType === 'date' ? 10 : dataType === 'int' ? 9 : dataType === 'boolean' ? 1 : 80;
  return { id, fieldId: `U${String(n).padStart(3, '0')}`, dataType, label, length, controlType: dataType === 'date' ? 4 : dataType === 'boolean' ? 3 : 1, decimals: 0, decimalsFieldId: '' };
}

const BASE_FIELDS: [string, string, string][] = [
  [F.employeeId, 'Medewerker', 'string'],
  [F.firstName, 'Roepnaam', 'string'],
  [F.lastName, 'Achternaam', 'string'],
  [F.email, 'E-mail werk', 'string'],
  [F.hireDate, 'Datum in dienst', 'date'],
  [F.leavingDate, 'Datum uit dienst', 'date'],
  [F.employerId, 'Werkgever', 'string'],
  [F.employerName, 'Naam werkgever', 'string'],
  [F.gender, 'Geslacht', 'string'],
  [F.maritalStatus, 'Burgerlijke staat', 'string'],
  [F.employmentType, 'Soort dienstverband', 'string'],
  ['Blocked', 'Geblokkeerd', 'boolean'],
  [NUMBER_OF_CHILDREN_FIELD, 'Aantal kinderen', 'int'],
  ['ModifiedDate', 'Gewijzigd op', 'date'],
];

/** AFAS date-times: midnight with a Z that means Amsterdam time. */
const dateTime = (day: string | null): string | null => (day === null ? null : `${day}T00:00:00Z`);

/** Deterministic fictitious employee `n` (1-based) in the recommended layout. */
function generatedRow(n: number): Row {
  const { firstName, lastName, emailLocalPart, terminated, hireDate, terminationDate } = fakePerson(n);
  const onboarding = !terminated && n % 11 === 4;
  const employer = FAKE_AFAS_EMPLOYERS[n % FAKE_AFAS_EMPLOYERS.length];
  return {
    [F.employeeId]: String(1000 + n).padStart(9, '0'),
    [F.firstName]: firstName,
    [F.lastName]: lastName,
    // Leavers keep their work address in Profit.
    [F.email]: `${emailLocalPart}@example.nl`,
    [F.hireDate]: dateTime(onboarding ? '2030-01-06' : hireDate),
    [F.leavingDate]: dateTime(terminationDate),
    [F.employerId]: employer.id,
    [F.employerName]: employer.name,
    [F.gender]: ['M', 'V', 'O', 'X'][n % 4],
    [F.maritalStatus]: ['Ongehuwd', 'Gehuwd', 'Geregistreerd partnerschap', 'Gescheiden'][n % 4],
    [F.employmentType]: ['Voltijd', 'Deeltijd', 'Oproepkracht'][n % 3],
    Blocked: false,
    [NUMBER_OF_CHILDREN_FIELD]: n % 6 === 0 ? null : n % 4,
    ModifiedDate: dateTime(isoDay(Date.UTC(2025, 0, 1), n % 300)),
  };
}

type Operator = (value: unknown, wanted: string) => boolean;

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const compare = (v: unknown, wanted: string) => {
  const a = text(v);
  const n = Number(a);
  const m = Number(wanted);
  return a !== '' && Number.isFinite(n) && Number.isFinite(m) && wanted !== '' ? n - m : a.localeCompare(wanted);
};
/** Profit's operatortypes 1–14 (15, the quick filter, reads as "contains"). */
const OPERATORS: Record<number, Operator> = {
  1: (v, w) => text(v) === w,
  2: (v, w) => text(v) !== '' && compare(v, w) >= 0,
  3: (v, w) => text(v) !== '' && compare(v, w) <= 0,
  4: (v, w) => text(v) !== '' && compare(v, w) > 0,
  5: (v, w) => text(v) !== '' && compare(v, w) < 0,
  6: (v, w) => text(v).toLowerCase().includes(w.toLowerCase()),
  7: (v, w) => text(v) !== w,
  8: (v) => text(v) === '',
  9: (v) => text(v) !== '',
  10: (v, w) => text(v).toLowerCase().startsWith(w.toLowerCase()),
  11: (v, w) => !text(v).toLowerCase().includes(w.toLowerCase()),
  12: (v, w) => !text(v).toLowerCase().startsWith(w.toLowerCase()),
  13: (v, w) => text(v).toLowerCase().endsWith(w.toLowerCase()),
  14: (v, w) => !text(v).toLowerCase().endsWith(w.toLowerCase()),
  15: (v, w) => text(v).toLowerCase().includes(w.toLowerCase()),
};

export async function startFakeAfas(options: FakeAfasOptions = {}): Promise<RunningFakeAfas> {
  const token = options.token ?? FAKE_AFAS_TOKEN;
  const getConnector = options.getConnector ?? FAKE_AFAS_GET_CONNECTOR;
  const authorization = `AfasToken ${Buffer.from(token, 'utf8').toString('base64')}`;
  const employees = new Map<string, Row>();
  /** Listing order (creation order); malformed rows have no id and live only here. */
  const rows: Row[] = [];
  const fields = BASE_FIELDS.map(([id, label, type], i) => metaField(id, label, type, i + 1));
  const log = new RequestLog();
  const faults = new FaultScript();
  const allowedConnectors = new Set([getConnector]);
  let ipRestricted = false;
  let requestNumber = 0;
  let lastN = 0;

  const add = (row: Row) => {
    employees.set(String(row[F.employeeId]), row);
    rows.push(row);
  };
  for (let n = 1; n <= (options.employees ?? 20); n++) {
    add(generatedRow(n));
    if (n === 2) for (let i = 0; i < (options.malformedRecords ?? 0); i++) rows.push({ ...generatedRow(9000 + i), [F.employeeId]: null });
    lastN = n;
  }

  const state: FakeAfasState = {
    employees,
    employers: FAKE_AFAS_EMPLOYERS,
    log,
    faults,
    allowedConnectors,
    addEmployee(row) {
      const id = String(1000 + ++lastN).padStart(9, '0');
      add({ ...Object.fromEntries(fields.map((f) => [String(f.id), null])), ...row, [F.employeeId]: id });
      return id;
    },
    editEmployee(id, row) {
      const existing = employees.get(id);
      if (!existing) throw new Error(`fake AFAS has no employee ${id}`);
      Object.assign(existing, row, { [F.employeeId]: id, ModifiedDate: dateTime(new Date().toISOString().slice(0, 10)) });
    },
    endEmployment(id, endDate) {
      state.editEmployee(id, { [F.leavingDate]: dateTime(endDate) });
    },
    addField(id, label, dataType = 'string') {
      fields.push(metaField(id, label, dataType, fields.length + 1));
      for (const row of rows) row[id] ??= null;
      return id;
    },
    restrictIp(on) {
      ipRestricted = on;
    },
  };

  /** Profit's error body for 4xx/5xx answers with content. */
  const profitError = (status: number, externalMessage: string, errorNumber = -2147180999): FakeResponse => ({
    status,
    body: { externalMessage, errorNumber, profitLogReference: (++requestNumber).toString(16).toUpperCase().padStart(32, '0') },
  });
  // Profit answers an unknown token and an IP restriction with an empty body.
  const empty = (status: number): FakeResponse => ({ status, headers: { 'content-type': 'application/xml; charset=utf-8' }, body: '' });
  const notAuthorized = () => profitError(401, 'GetConnector not supported for this app or the user is not authorized', -2147024891);

  const dialect: FaultDialect = {
    throttled: (seconds) => ({ ...profitError(429, 'Too many requests'), headers: retryAfterHeader(seconds) }),
    unavailable: (status) =>
      status === 503
        ? { status, body: { error: { code: '503', message: 'Service temporarily unavailable due to scheduled maintenance. Please check afasstatus.nl for details.' } } }
        : profitError(status, 'An unexpected error has occurred.'),
  };

  const guard: Guard = (req) => {
    if (req.headers.authorization !== authorization) return empty(401);
    if (ipRestricted) return empty(403);
    if (req.url.search.length > MAX_QUERY_LENGTH) return empty(404);
    return undefined;
  };

  function filtered(query: URLSearchParams): Row[] | FakeResponse {
    const ids = query.get('filterfieldids');
    if (ids === null || ids === '') return rows;
    const values = (query.get('filtervalues') ?? '').split(';');
    const operators = (query.get('operatortypes') ?? '').split(';');
    const groups = ids.split(';').map((group, g) => {
      const groupValues = (values[g] ?? '').split(',');
      const groupOperators = (operators[g] ?? '').split(',');
      return group.split(',').map((field, i) => ({ field, value: groupValues[i] ?? '', operator: OPERATORS[Number(groupOperators[i] ?? 1)] }));
    });
    for (const group of groups) {
      for (const c of group) {
        if (!fields.some((f) => f.id === c.field)) return profitError(500, `Connector field '${c.field}' not found`);
        if (!c.operator) return profitError(500, 'An unexpected error has occurred.');
      }
    }
    return rows.filter((row) => groups.some((group) => group.every((c) => c.operator(row[c.field], c.value.replace(/^"|"$/g, '')))));
  }

  function sorted(list: Row[], orderBy: string | null): Row[] | FakeResponse {
    if (!orderBy) {
      // The database picks an order, and it may change between requests (AFAS's warning).
      const turn = requestNumber++ % Math.max(1, list.length);
      return [...list.slice(turn), ...list.slice(0, turn)];
    }
    const keys = orderBy.split(',').map((k) => ({ field: k.replace(/^-/, ''), desc: k.startsWith('-') }));
    const unknown = keys.find((k) => !fields.some((f) => f.id === k.field));
    if (unknown) return profitError(500, `Connector field '${unknown.field}' not found`);
    return [...list].sort((a, b) => {
      for (const k of keys) {
        const order = compare(a[k.field], text(b[k.field]));
        if (order !== 0) return k.desc ? -order : order;
      }
      return 0;
    });
  }

  function listRows(req: FakeRequest, id: string): FakeResponse {
    if (!allowedConnectors.has(decodeURIComponent(id))) return notAuthorized();
    const query = req.url.searchParams;
    const skip = query.has('skip') ? Number(query.get('skip')) : 0;
    const take = query.has('take') ? Number(query.get('take')) : 100;
    const all = skip === -1 && take === -1;
    if (!Number.isInteger(skip) || !Number.isInteger(take) || (!all && (skip < 0 || take < 0))) return profitError(500, 'An unexpected error has occurred.');
    const matching = filtered(query);
    if (!Array.isArray(matching)) return matching;
    const ordered = sorted(matching, query.get('orderbyfieldids'));
    if (!Array.isArray(ordered)) return ordered;
    return { status: 200, body: { skip, take, rows: all ? ordered : ordered.slice(skip, skip + take).map((r) => ({ ...r })) } };
  }

  const handle = router(
    [
      ['GET', /^\/ProfitRestServices\/connectors\/([^/]+)$/, listRows],
      [
        'GET',
        /^\/ProfitRestServices\/metainfo\/get\/([^/]+)$/i,
        (_req, id) => (allowedConnectors.has(decodeURIComponent(id)) ? { status: 200, body: { name: decodeURIComponent(id), description: 'Medewerkers (benefits)', fields } } : notAuthorized()),
      ],
      [
        'GET',
        /^\/ProfitRestServices\/metainfo$/i,
        () => ({
          status: 200,
          body: { updateConnectors: [], getConnectors: [...allowedConnectors].map((c) => ({ id: c, description: c })), customConnectors: [], info: { envid: 'O12345AA', appName: 'Benefits', group: 'AuthorizationGroup 101 (12345.BENEFITS)', tokenExpiry: '0' } },
        }),
      ],
    ],
    { guard, trimSlash: true, notFound: () => empty(404) },
  );

  const listings = [{ path: /^\/ProfitRestServices\/connectors\/[^/]+$/, records: (body: unknown) => (body as { rows?: unknown[] } | undefined)?.rows }];
  const server = await serveVendorFake({ handle, dialect, listings, faults, log, port: options.port });
  return { url: server.url, faults, log, close: () => server.close(), state };
}
