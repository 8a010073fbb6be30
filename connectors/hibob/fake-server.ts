// A local HiBob for tests, demos and benchmarks, answering like Bob's public API: Basic auth with the
// service user's id and token, field metadata, named lists, and POST /v1/people/search returning
// everyone in one answer (active only unless showInactive), each requested field both nested and
// under its slash key, unknown fields silently left out, humanReadable APPEND/REPLACE, and the
// 50-requests-a-minute limit of the people search. Webhooks (added by an admin in Bob's UI, then
// their signed v2 events after each edit) are in fake-webhooks.ts.
import { basicHeader, fakePerson, headerGuard, listingAt, parseJson, retryAfterHeader, RollingWindowLimit, router, scheduleThrottles, serveFake, withCounters, type FakeEmployees, type FakeRequest, type FakeResponse, type FaultDialect, type GeneratedFakeOptions, type RunningFake } from '../kit/fake';
import { FakeBobWebhooks } from './fake-webhooks';

/** malformedRecords: people-search records without an id, appended after the real ones. */
export interface FakeHiBobOptions extends GeneratedFakeOptions {
  serviceUserId?: string;
  token?: string;
  /** People-search requests allowed per rolling minute (Bob: 50). */
  peopleSearchPerMinute?: number;
  /** Throttle these request numbers (1-based, all endpoints counted). */
  rateLimit?: { requestNumbers: number[] };
}

type MachineValue = string | number | boolean | null;
/** One person: field id → machine value (list fields hold list item ids). */
type Person = Record<string, MachineValue>;

interface FakeField {
  id: string;
  name: string;
  type: string;
  category: string;
  listId?: string;
}

/** addCustomField creates the field in a custom category, as an admin would in Bob. */
export interface FakeHiBobState extends FakeEmployees<Person> {
  /** Answer the next `count` requests with 429. */
  throttleNext(count: number): void;
  /** An admin deletes an employee in Bob. */
  deleteEmployee(id: string): void;
  /** The company's webhooks (Bob's Webhooks page) and what they were sent. */
  readonly webhooks: FakeBobWebhooks;
}

export type RunningFakeHiBob = RunningFake<FakeHiBobState>;

export const FAKE_HIBOB_SERVICE_USER = 'SERVICE-1234';
export const FAKE_HIBOB_TOKEN = 'fake-hibob-token';
export const SHIRT_SIZE_FIELD = 'custom.field_1696948109629';

const FIELDS: FakeField[] = [
  { id: 'root.id', name: 'Employee ID', type: 'text', category: 'root' },
  { id: 'root.firstName', name: 'First name', type: 'text', category: 'root' },
  { id: 'root.surname', name: 'Last name', type: 'text', category: 'root' },
  { id: 'root.email', name: 'Email', type: 'text', category: 'root' },
  { id: 'work.employeeIdInCompany', name: 'Employee ID in company', type: 'number', category: 'work' },
  { id: 'work.startDate', name: 'Start date', type: 'date', category: 'work' },
  { id: 'work.title', name: 'Job title', type: 'text', category: 'work' },
  { id: 'work.site', name: 'Site', type: 'text', category: 'work' },
  { id: 'work.siteId', name: 'Site ID', type: 'number', category: 'work' },
  { id: 'internal.status', name: 'Status', type: 'text', category: 'internal' },
  { id: 'internal.lifecycleStatus', name: 'Lifecycle status', type: 'list', category: 'internal', listId: 'lifecycleStatus' },
  { id: 'internal.terminationDate', name: 'Termination date', type: 'date', category: 'internal' },
  { id: 'home.legalGender', name: 'Legal gender', type: 'list', category: 'home', listId: 'legalGender' },
  { id: 'home.familyStatus', name: 'Marital status', type: 'list', category: 'home', listId: 'familystatus' },
  { id: 'home.numberOfKids', name: 'Number of children', type: 'number', category: 'home' },
  { id: 'payroll.employment.type', name: 'Employment type', type: 'list', category: 'payroll', listId: 'employmentType' },
  { id: SHIRT_SIZE_FIELD, name: 'Shirt size', type: 'list', category: 'category_1696948100000', listId: 'shirtSize' },
];

const LISTS: Record<string, { id: string; name: string }[]> = {
  site: [{ id: '101', name: 'Example GmbH Berlin' }, { id: '102', name: 'Example GmbH Munich' }, { id: '103', name: 'Example Ltd London' }],
  lifecycleStatus: [{ id: 'employed', name: 'Employed' }, { id: 'terminated', name: 'Terminated' }],
  legalGender: [{ id: '1', name: 'Male' }, { id: '2', name: 'Female' }, { id: '3', name: 'Non-binary' }],
  familystatus: [{ id: '11', name: 'Single' }, { id: '12', name: 'Married' }, { id: '13', name: 'Civil partnership' }, { id: '14', name: 'Divorced' }],
  employmentType: [{ id: '201', name: 'Full-time' }, { id: '202', name: 'Part-time' }, { id: '203', name: 'Working student' }, { id: '204', name: 'Contractor' }],
  shirtSize: [{ id: '301', name: 'S' }, { id: '302', name: 'M' }, { id: '303', name: 'L' }],
};

/** Bob ids are long numeric strings. */
export function fakeBobId(n: number): string {
  return String(3332883884017700000n + BigInt(n));
}

function generatedPerson(n: number): Person {
  const { firstName, lastName, emailLocalPart, terminated, hireDate, terminationDate } = fakePerson(n);
  const site = LISTS.site[n % LISTS.site.length];
  return {
    'root.id': fakeBobId(n),
    'root.firstName': firstName,
    'root.surname': lastName,
    'root.email': `${emailLocalPart}@example.com`,
    'work.employeeIdInCompany': 2000 + n,
    'work.startDate': hireDate,
    'work.title': 'Specialist',
    'work.site': site.name,
    'work.siteId': Number(site.id),
    'internal.status': terminated ? 'Inactive' : 'Active',
    'internal.lifecycleStatus': terminated ? 'terminated' : 'employed',
    'internal.terminationDate': terminationDate,
    'home.legalGender': n % 2 === 0 ? '2' : '1',
    'home.familyStatus': LISTS.familystatus[n % LISTS.familystatus.length].id,
    'home.numberOfKids': n % 4,
    'payroll.employment.type': n % 3 === 0 ? '202' : '201',
    [SHIRT_SIZE_FIELD]: LISTS.shirtSize[n % 3].id,
  };
}

export async function startFakeHiBob(options: FakeHiBobOptions = {}): Promise<RunningFakeHiBob> {
  const expectedAuth = basicHeader(options.serviceUserId ?? FAKE_HIBOB_SERVICE_USER, options.token ?? FAKE_HIBOB_TOKEN);
  const fields = [...FIELDS];
  let created = options.employees ?? 20;
  const employees = new Map(Array.from({ length: created }, (_, i): [string, Person] => [fakeBobId(i + 1), generatedPerson(i + 1)]));
  const searchLimit = new RollingWindowLimit(options.peopleSearchPerMinute ?? 50);
  const webhooks = new FakeBobWebhooks(804211, fakeBobId(999));
  const today = () => new Date().toISOString().slice(0, 10);

  const state: FakeHiBobState = withCounters<FakeHiBobState>({
    employees,
    webhooks,
    addEmployee(values) {
      const id = fakeBobId(1_000_000 + ++created);
      employees.set(id, { 'internal.status': 'Active', 'internal.lifecycleStatus': 'employed', ...values, 'root.id': id });
      webhooks.send('employee.created', { employeeId: id });
      // Lifecycle events follow once the entry is effective: here, a start date that has come.
      const startDate = employees.get(id)!['work.startDate'];
      if (typeof startDate === 'string' && startDate <= today()) webhooks.send('employee.joined', { employeeId: id });
      return id;
    },
    editEmployee(id, values) {
      const current = employees.get(id);
      if (!current) throw new Error(`fake HiBob has no employee ${id}`);
      employees.set(id, { ...current, ...values, 'root.id': id });
      // v2 names the changed fields, never their values.
      const changed = Object.keys(values).filter((fieldId) => fieldId !== 'root.id' && current[fieldId] !== values[fieldId]);
      if (changed.length > 0) webhooks.send('employee.updated', { employeeId: id, fieldUpdates: changed.map((fieldId) => ({ fieldId })) });
    },
    terminateEmployee(id, terminationDate) {
      state.editEmployee(id, { 'internal.status': 'Inactive', 'internal.lifecycleStatus': 'terminated', 'internal.terminationDate': terminationDate });
      if (terminationDate <= today()) {
        webhooks.send('employee.left', { employeeId: id });
        webhooks.send('employee.inactivated', { employeeId: id });
      }
    },
    deleteEmployee(id) {
      if (!employees.delete(id)) throw new Error(`fake HiBob has no employee ${id}`);
      webhooks.send('employee.deleted', { employeeId: id });
    },
    addCustomField(name, type = 'text') {
      const stamp = 1700000000000 + fields.length;
      const id = `category_1700000000000.field_${stamp}`;
      fields.push({ id, name, type, category: 'category_1700000000000' });
      return id;
    },
    throttleNext(count) {
      state.faults.replace('throttleNext', count, { kind: 'throttle' });
    },
  });
  scheduleThrottles(state.faults, options.rateLimit?.requestNumbers);

  // Bob throttles with 429 and documents no Retry-After; the script may still give one.
  const dialect: FaultDialect = {
    throttled: (seconds) => ({ ...tooManyRequests(), headers: retryAfterHeader(seconds) }),
    unavailable: (status) => bobError(status, 'Service Unavailable', 'Bob is temporarily unavailable'),
  };

  const handle = router(
    [
      ['GET', '/v1/company/people/fields', () => ({ status: 200, body: fields.map(metadataOf) })],
      ['GET', /^\/v1\/company\/named-lists\/([^/]+)$/, (_req, name) => namedList(decodeURIComponent(name))],
      ['POST', '/v1/people/search', peopleSearch],
    ],
    {
      guard: headerGuard('authorization', expectedAuth, () => bobError(401, 'Unauthorized', 'Invalid service user credentials')),
      notFound: (req, path) => bobError(404, 'Not Found', `No route ${req.method} ${path}`),
      trimSlash: true,
    },
  );

  function namedList(name: string): FakeResponse {
    const items = LISTS[name];
    if (!items) return bobError(404, 'Not Found', `List ${name} not found`);
    return { status: 200, body: { name, values: items.map((i) => ({ id: i.id, value: i.name, name: i.name, archived: false, children: [] })) } };
  }

  function peopleSearch(req: FakeRequest): FakeResponse {
    if (!searchLimit.allow()) return tooManyRequests();
    const body = parseJson<{ fields?: unknown; showInactive?: unknown; humanReadable?: unknown; filters?: unknown }>(req.body || '{}');
    if (!body) return bobError(400, 'Bad Request', 'Malformed JSON body');
    const request = body.value;
    const requested = Array.isArray(request.fields) ? request.fields.map(String) : ['root.id', 'root.firstName', 'root.surname', 'root.email'];
    if (requested.length > 400) return bobError(400, 'Bad Request', 'At most 400 fields may be requested');
    const fieldsById = new Map(fields.map((f) => [f.id, f]));
    const known = requested.filter((id) => fieldsById.has(id)).map((id) => fieldsById.get(id)!); // others: silently omitted
    const filter = Array.isArray(request.filters) ? (request.filters[0] as { fieldPath?: string; values?: unknown[] } | undefined) : undefined;

    const out: unknown[] = [];
    for (const person of employees.values()) {
      if (request.showInactive !== true && person['internal.status'] !== 'Active') continue;
      if (filter?.fieldPath && Array.isArray(filter.values) && !filter.values.map(String).includes(String(person[filter.fieldPath]))) continue;
      out.push(renderPerson(person, known, request.humanReadable));
    }
    for (let i = 0; i < (options.malformedRecords ?? 0); i++) out.push({ firstName: 'Orphan', surname: 'Record', '/root/firstName': { value: 'Orphan' } });
    return { status: 200, body: { employees: out } };
  }

  function renderPerson(person: Person, requested: FakeField[], humanReadable: unknown): Record<string, unknown> {
    const machine: Record<string, unknown> = {};
    const human: Record<string, unknown> = {};
    for (const field of requested) {
      const id = field.id;
      const value = person[id] ?? null;
      const display = displayValue(field, value);
      const shown = humanReadable === 'REPLACE' ? display : value;
      setNested(machine, id, shown);
      machine[`/${id.split('.').join('/')}`] = { value: shown };
      if (value !== null) setNested(human, id, display);
    }
    return humanReadable === 'APPEND' ? { ...machine, humanReadable: human } : machine;
  }

  return serveFake(state, { handle, dialect, listings: [listingAt('/v1/people/search', 'employees')], port: options.port });
}

const bobError = (status: number, error: string, message: string): FakeResponse => ({ status, body: { error, message } });
const tooManyRequests = () => bobError(429, 'Too Many Requests', 'Rate limit exceeded');

function metadataOf(field: FakeField) {
  return {
    id: field.id,
    category: field.category,
    categoryDisplayName: field.category.startsWith('category_') ? 'Benefits' : field.category,
    name: field.name,
    description: field.name,
    jsonPath: field.id,
    type: field.type,
    typeData: field.listId ? { listId: field.listId } : null,
    historical: field.category === 'work',
  };
}

/** What humanReadable shows: list item names, dd/MM/yyyy dates, "Yes"/"No", numbers as text. */
function displayValue(field: FakeField, value: MachineValue): MachineValue {
  if (value === null) return null;
  if (field.listId) return LISTS[field.listId]?.find((i) => i.id === String(value))?.name ?? String(value);
  if (field.type === 'date' && typeof value === 'string') return value.split('-').reverse().join('/');
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

/** Root fields sit at the top level of an answer, the others under their category. */
function setNested(target: Record<string, unknown>, fieldId: string, value: unknown): void {
  const parts = fieldId.split('.');
  const path = parts[0] === 'root' ? parts.slice(1) : parts;
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}
