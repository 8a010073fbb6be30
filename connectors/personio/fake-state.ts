// The fake Personio's data and knobs. Generated employees are kept only as a list of ids in
// listing order; an employee is generated on demand unless a test edited it (then the edited copy
// wins). Tests and demos change data through the helpers below.
import { FaultScript, RequestLog, TokenStore } from '../kit/fake';
import type { PersonioAttributeDefinition } from './api-types';
import { FIRST_FAKE_ID, addDays, generateFakeEmployee, type FakePersonioEmployee } from './fake-data';
import { DEFAULT_CUSTOM_ATTRIBUTES, type MalformedKind } from './fake-records';

/** A canned answer for the next request(s); without `path` it hits the next non-auth request. */
export interface FakeFailure {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  path?: string;
}

export interface FakePersonioStateOptions {
  seed: number;
  employeeCount: number;
  referenceDate: string;
  clientId: string;
  clientSecret: string;
  tokenLifetimeSeconds: number;
}

/** An edit of an employee, as the fake's webhooks hear of it. */
export interface PersonioChange {
  kind: 'created' | 'updated' | 'deleted';
  employeeId: number;
  /** The fields the edit changed (every field for created and deleted). */
  changed: readonly (keyof FakePersonioEmployee)[];
}

/** A listing entry: an employee id, or (negative) the number of an injected malformed record. */
type Entry = number;

const LIMIT_LOG_SIZE = 1000;

export class FakePersonioState {
  /** Every request and its answer; the per-request fault script. */
  readonly log = new RequestLog();
  readonly faults = new FaultScript();
  readonly tokens: TokenStore;
  /** Recent GET /v1/company/employees as asked (offset, limit, updated_since), oldest first. */
  readonly employeeListRequests: { offset: number; limit: number; updatedSince: string | null; at: number }[] = [];
  /** `limit` asked on recent employee-list calls, oldest first. */
  readonly employeeLimitsAsked: number[] = [];
  readonly referenceDate: string;
  /** Answer every employee-list page this much later: a slow vendor (overlap tests, demos). */
  listingDelayMs = 0;

  private readonly order: Entry[];
  private readonly edited = new Map<number, FakePersonioEmployee>();
  private readonly removed = new Set<number>();
  private readonly malformed = new Map<number, MalformedKind>();
  private readonly customAttributes: PersonioAttributeDefinition[] = [...DEFAULT_CUSTOM_ATTRIBUTES];
  private readonly changeListeners: ((change: PersonioChange) => void)[] = [];
  private clientSecret: string;
  private nextId: number;

  constructor(private readonly options: FakePersonioStateOptions) {
    this.referenceDate = options.referenceDate;
    this.clientSecret = options.clientSecret;
    this.order = Array.from({ length: options.employeeCount }, (_, i) => FIRST_FAKE_ID + i);
    this.nextId = FIRST_FAKE_ID + options.employeeCount;
    this.tokens = new TokenStore(options.tokenLifetimeSeconds, 'papi-');
  }

  /** Requests per endpoint, faulted and throttled ones included (tests check how often the connector asked). */
  get requestCounts(): { auth: number; employees: number; attributes: number } {
    const attributes = this.log.totalFor('/v1/company/employees/attributes') + this.log.totalFor('/v1/company/employees/custom-attributes');
    return { auth: this.log.totalFor('/v1/auth'), employees: this.log.totalFor('/v1/company/employees'), attributes };
  }

  // --- reading -------------------------------------------------------------------------------

  /** Number of records in the listing (injected malformed ones included). */
  get listingSize(): number {
    return this.order.length;
  }

  getEmployee(id: number): FakePersonioEmployee | undefined {
    if (this.removed.has(id)) return undefined;
    const edited = this.edited.get(id);
    if (edited) return edited;
    const index = id - FIRST_FAKE_ID;
    if (!Number.isInteger(index) || index < 0 || index >= this.options.employeeCount) return undefined;
    return generateFakeEmployee(this.options.seed, index, this.referenceDate);
  }

  /** Every employee in listing order. Generates all of them: for tests with small companies. */
  listEmployees(): FakePersonioEmployee[] {
    return this.order.filter((e) => e > 0).map((id) => this.getEmployee(id)!);
  }

  /** A slice of the listing; a malformed entry comes with a generated employee to spoil. */
  listingEntries(offset: number, limit: number): Array<{ employee: FakePersonioEmployee; malformed?: MalformedKind }> {
    return this.order.slice(offset, offset + limit).map((entry) => {
      if (entry > 0) return { employee: this.getEmployee(entry)! };
      // Far outside the generated range, so the spoiled record never collides with a real one.
      const employee = generateFakeEmployee(this.options.seed, 9_000_000 - entry, this.referenceDate);
      return { employee, malformed: this.malformed.get(entry)! };
    });
  }

  /**
   * Employees modified at or after `since`, in listing order (`updated_since`). Generated employees
   * were all last modified before the reference date, so a recent `since` only looks at edited ones.
   */
  changedSince(since: Date): FakePersonioEmployee[] {
    const isChanged = (e: FakePersonioEmployee) => Date.parse(e.lastModifiedAt) >= since.getTime();
    if (since.getTime() >= Date.parse(`${this.referenceDate}T00:00:00Z`)) {
      return [...this.edited.values()].filter((e) => !this.removed.has(e.id) && isChanged(e)).sort((a, b) => a.id - b.id);
    }
    return this.order.filter((entry) => entry > 0).map((id) => this.getEmployee(id)!).filter(isChanged);
  }

  findByEmail(email: string): FakePersonioEmployee | undefined {
    const wanted = email.toLowerCase();
    for (const entry of this.order) {
      const employee = entry > 0 ? this.getEmployee(entry) : undefined;
      if (employee?.email.toLowerCase() === wanted) return employee;
    }
    return undefined;
  }

  attributeDefinitions(): readonly PersonioAttributeDefinition[] {
    return this.customAttributes;
  }

  // --- changing employees --------------------------------------------------------------------

  addEmployee(input: Partial<Omit<FakePersonioEmployee, 'id'>> = {}): FakePersonioEmployee {
    const id = this.nextId++;
    const template = generateFakeEmployee(this.options.seed, id - FIRST_FAKE_ID, this.referenceDate);
    const employee: FakePersonioEmployee = {
      ...template,
      status: 'active',
      hireDate: this.referenceDate,
      terminationDate: null,
      terminationType: null,
      terminationReason: null,
      ...input,
      id,
      custom: { ...template.custom, ...input.custom },
      lastModifiedAt: personioTimestamp(new Date()),
    };
    this.edited.set(id, employee);
    this.order.push(id);
    this.changed({ kind: 'created', employeeId: id, changed: Object.keys(employee) as (keyof FakePersonioEmployee)[] });
    return employee;
  }

  editEmployee(id: number, changes: Partial<Omit<FakePersonioEmployee, 'id'>>): FakePersonioEmployee {
    const current = this.requireEmployee(id);
    const employee: FakePersonioEmployee = {
      ...current,
      ...changes,
      id,
      custom: { ...current.custom, ...changes.custom },
      lastModifiedAt: personioTimestamp(new Date()),
    };
    this.edited.set(id, employee);
    const changed = (Object.keys(changes) as (keyof FakePersonioEmployee)[]).filter((key) => JSON.stringify(current[key]) !== JSON.stringify(employee[key]));
    this.changed({ kind: 'updated', employeeId: id, changed });
    return employee;
  }

  /** Sets the termination date; Personio turns the status inactive once that date has passed. */
  terminateEmployee(id: number, terminationDate: string, reason = 'New job'): FakePersonioEmployee {
    const current = this.requireEmployee(id);
    return this.editEmployee(id, {
      terminationDate,
      terminationType: 'employee',
      terminationReason: reason,
      status: terminationDate < this.referenceDate ? 'inactive' : current.status,
    });
  }

  removeEmployee(id: number): void {
    this.requireEmployee(id);
    this.order.splice(this.order.indexOf(id), 1);
    this.edited.delete(id);
    this.removed.add(id);
    this.changed({ kind: 'deleted', employeeId: id, changed: [] });
  }

  /** Called after every edit of an employee (the fake's webhooks listen here). */
  onChange(listener: (change: PersonioChange) => void): void {
    this.changeListeners.push(listener);
  }

  private changed(change: PersonioChange): void {
    for (const listener of this.changeListeners) listener(change);
  }

  /** Inserts an unreadable record at `position` of the listing (0 = first). */
  injectMalformedRecord(position: number, kind: MalformedKind = 'missing-id'): void {
    const marker = -(this.malformed.size + 1);
    this.malformed.set(marker, kind);
    this.order.splice(Math.min(Math.max(0, position), this.order.length), 0, marker);
  }

  /** A custom attribute the company just created in Personio (shows up in the attribute list). */
  addCustomAttribute(definition: Omit<PersonioAttributeDefinition, 'universal_id'> & { universal_id?: string | null }): void {
    this.customAttributes.push({ universal_id: null, ...definition });
  }

  // --- auth and failures ---------------------------------------------------------------------

  credentialsMatch(clientId: unknown, clientSecret: unknown): boolean {
    return clientId === this.options.clientId && clientSecret === this.clientSecret;
  }

  /** Simulates the admin rotating the secret in Personio: the old secret is refused from now on. */
  setClientSecret(secret: string): void {
    this.clientSecret = secret;
  }

  issueToken(now = Date.now()): string {
    return this.tokens.issue(undefined, now);
  }

  tokenState(token: string | null, now = Date.now()): 'valid' | 'expired' | 'unknown' {
    return this.tokens.state(token, now);
  }

  /** Lets every issued token expire now, as after 24 h. */
  expireTokens(): void {
    this.tokens.expireAll();
  }

  /** Canned answers for the next requests, through the fault script (without a path: the next non-auth request). */
  failNextRequests(...failures: FakeFailure[]): void {
    for (const f of failures) {
      const body = f.body ?? { success: false, error: { code: f.status, message: 'Injected failure' } };
      this.faults.add({ kind: 'answer', response: { status: f.status, headers: f.headers, body }, path: f.path ?? ((path) => path !== '/v1/auth') });
    }
  }

  recordListRequest(request: { offset: number; limit: number; updatedSince: string | null }): void {
    this.employeeLimitsAsked.push(request.limit);
    if (this.employeeLimitsAsked.length > LIMIT_LOG_SIZE) this.employeeLimitsAsked.shift();
    this.employeeListRequests.push({ ...request, at: Date.now() });
    if (this.employeeListRequests.length > LIMIT_LOG_SIZE) this.employeeListRequests.shift();
  }

  /** A date relative to the fake's reference date, for tests. */
  daysFromReference(days: number): string {
    return addDays(this.referenceDate, days);
  }

  private requireEmployee(id: number): FakePersonioEmployee {
    const employee = this.getEmployee(id);
    if (!employee) throw new Error(`The fake Personio has no employee ${id}`);
    return employee;
  }
}

/** Personio's timestamp form, e.g. 2026-11-27T10:15:00+00:00. */
function personioTimestamp(at: Date): string {
  return `${at.toISOString().slice(0, 19)}+00:00`;
}
