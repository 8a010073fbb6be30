// A local PeopleHR for tests, demos and benchmarks, answering like the People API as its description
// publishes it: POST /Employee with a JSON body { APIKey, Action: "GetAllEmployeeDetail",
// IncludeLeavers: "true" | "false" }, every answer HTTP 200 with { IsError, Status, Message, Result }
// (Status 2 invalid API key, 5 API key does not exist, 4 invalid action, 9 invalid JSON), fields as
// { DisplayValue, FieldHistory } objects and LeavingDate / APIColumn1…5 as plain strings, no paging;
// 30 calls a minute per IP answered with an error message inside a 200 (its wording is not published:
// NOTES.md).
import { fakePerson, isoDay, listingAt, parseJson, RollingWindowLimit, serveFake, withCounters, type FakeCounters, type FakeRequest, type FakeResponse, type FaultDialect, type RunningFake } from '../kit/fake';

export interface FakePeopleHrOptions {
  apiKey?: string;
  /** Generated employees (every 5th a leaver in 2025, every 7th leaving 2030-06-30). */
  people?: number;
  /** Employee records without an EmployeeId. */
  malformedRecords?: number;
  /** Calls a minute from one IP (PeopleHR: 30); null switches it off. */
  callsPerMinute?: number | null;
  port?: number;
}

type Row = Record<string, unknown>;

export interface FakePeopleHrState extends FakeCounters {
  /** Employees in listing order; malformed ones as injected. */
  readonly employees: Row[];
  employee(id: string): Row;
  /** Marks a leaver as PeopleHR's "Mark as leaver" does. */
  markLeaver(id: string, leavingDate: string, reason?: string): void;
}

export const FAKE_PEOPLEHR_API_KEY = '5127e153-2c80-492b-a9e4-fb3e50af61a8';
export const INVALID_KEY_MESSAGE = 'Invalid API Key.';
export const UNKNOWN_KEY_MESSAGE = 'API key does not exists.';
export const RATE_LIMIT_MESSAGE = 'API rate limit exceeded: no more than 30 calls a minute are allowed from this IP address.';
export const COMPANIES = ['Northwind Ltd', 'Northwind Services Ltd', 'Northwind Retail Ltd'];

const display = (value: unknown) => ({ DisplayValue: value === null || value === undefined ? '' : String(value), FieldHistory: [] });
const answer = (isError: boolean, status: number, message: string, result: unknown = null, httpStatus = 200): FakeResponse => ({
  status: httpStatus,
  body: { IsError: String(isError), Status: status, Message: message, Result: result },
});

function generated(n: number): Row {
  const p = fakePerson(n);
  return {
    EmployeeId: display(`PW${n}`),
    Title: display(n % 2 ? 'Mr' : 'Ms'),
    FirstName: display(p.firstName),
    LastName: display(p.lastName),
    OtherName: display(''),
    KnownAs: display(p.firstName),
    EmailId: display(`${p.emailLocalPart}@example.co.uk`),
    StartDate: display(p.hireDate),
    DateOfBirth: display(isoDay(Date.UTC(1970, 0, 1), (n * 331) % 12000)),
    JobRole: display(['Developer', 'Analyst', 'Chef'][n % 3]),
    Company: display(COMPANIES[n % COMPANIES.length]),
    CompanyEffectiveDate: display(p.hireDate),
    Location: display(n % 2 ? 'London' : 'Leeds'),
    Department: display(['Engineering', 'Finance', 'Kitchen'][n % 3]),
    EmploymentType: display(n % 4 === 0 ? 'Part Time' : n % 13 === 6 ? 'Contractor' : 'Full Time'),
    EmployeeStatus: display(p.terminated ? 'Leaver' : 'Active'),
    Gender: display(n % 9 === 0 ? 'Prefer not to say' : n % 2 === 0 ? 'Female' : 'Male'),
    Nationality: display('British'),
    LeavingDate: p.terminationDate ?? '',
    ReasonForLeaving: p.terminationDate ? 'Resignation' : '',
    APIColumn1: n % 5 === 4 ? '' : String(n % 4),
    APIColumn2: n % 2 ? 'Vegetarian' : '',
    APIColumn3: '',
    APIColumn4: '',
    APIColumn5: '',
  };
}

export async function startFakePeopleHr(options: FakePeopleHrOptions = {}): Promise<RunningFake<FakePeopleHrState>> {
  const apiKey = options.apiKey ?? FAKE_PEOPLEHR_API_KEY;
  const perMinute = options.callsPerMinute === undefined ? 30 : options.callsPerMinute;
  const limit = perMinute === null ? null : new RollingWindowLimit(perMinute);
  const employees: Row[] = [];
  for (let n = 1; n <= (options.people ?? 20); n++) {
    employees.push(generated(n));
    if (n === 1) for (let i = 0; i < (options.malformedRecords ?? 0); i++) employees.push({ FirstName: display('Orphan'), LastName: display('Record') });
  }
  const idOf = (row: Row) => (row.EmployeeId as { DisplayValue?: string } | undefined)?.DisplayValue;

  const state = withCounters<FakePeopleHrState>({
    employees,
    employee(id) {
      const found = employees.find((e) => idOf(e) === id);
      if (!found) throw new Error(`fake PeopleHR has no employee ${id}`);
      return found;
    },
    markLeaver(id, leavingDate, reason = 'Resignation') {
      Object.assign(state.employee(id), { LeavingDate: leavingDate, ReasonForLeaving: reason, EmployeeStatus: display('Leaver') });
    },
  });

  const throttled = () => answer(true, 6, RATE_LIMIT_MESSAGE);
  const dialect: FaultDialect = {
    // PeopleHR's over-limit answer is an error message inside a 200, without Retry-After.
    throttled: () => throttled(),
    unavailable: (status) => answer(true, 6, 'Oops! Something went wrong.', null, status),
  };

  const handle = (req: FakeRequest): FakeResponse => {
    if (limit && !limit.allow()) return throttled();
    if (req.url.pathname !== '/Employee') return { status: 404, body: 'Not Found' };
    if (req.method !== 'POST') return answer(true, 8, 'Either empty or no Form Data.');
    if (req.body.trim() === '') return answer(true, 7, 'No json data found.');
    const body = parseJson<Row>(req.body);
    if (!body || typeof body.value !== 'object' || body.value === null) return answer(true, 9, 'Invalid json data.');
    const { APIKey, Action, IncludeLeavers } = body.value;
    if (typeof APIKey !== 'string' || !/^[0-9a-f-]{36}$/i.test(APIKey)) return answer(true, 2, INVALID_KEY_MESSAGE);
    if (APIKey !== apiKey) return answer(true, 5, UNKNOWN_KEY_MESSAGE);
    if (!Action) return answer(true, 4, 'Action cannot be empty.');
    if (Action !== 'GetAllEmployeeDetail') return answer(true, 4, 'Invalid Action.');
    const today = new Date().toISOString().slice(0, 10);
    const withLeavers = String(IncludeLeavers).toLowerCase() === 'true';
    const listed = employees.filter((e) => withLeavers || !(typeof e.LeavingDate === 'string' && e.LeavingDate !== '' && e.LeavingDate <= today));
    if (listed.length === 0) return answer(true, 10, 'No record found.');
    return answer(false, 0, 'Employee detail has been retrieved successfully.', listed.map((e) => structuredClone(e)));
  };

  return serveFake(state, { handle, dialect, listings: [listingAt('/Employee', 'Result')], port: options.port });
}
