// The state plumbing of a fake directory whose people are generated (Entra ID, Google Workspace):
// raw records in listing order (malformed ones as injected), new hires, edits, deletions, and the
// request log, fault script and issued tokens tests read.
import { FaultScript } from './faults';
import { RequestLog } from './request-log';
import type { TokenStore } from './auth';

export class GeneratedDirectory<User extends { id: string }, Grant = undefined> {
  /** Raw records in listing order; malformed ones are stored as injected. */
  readonly users: unknown[] = [];
  /** Every request and its answer; the per-request fault script. */
  readonly log = new RequestLog();
  readonly faults = new FaultScript();
  private nextPerson: number;

  constructor(
    people: number,
    private readonly generate: (n: number) => User,
    /** Issued access tokens. */
    readonly tokens: TokenStore<Grant>,
    /** What a new hire has on top of a generated person. */
    private readonly newHire: Partial<User>,
    private readonly vendor: string,
  ) {
    for (let n = 1; n <= people; n++) this.users.push(generate(n));
    this.nextPerson = people + 1;
  }

  /** A new hire at the end of the listing (generated person, with overrides). */
  addUser(overrides: Partial<User> = {}): User {
    const user = { ...this.generate(this.nextPerson++), ...this.newHire, ...overrides };
    this.users.push(user);
    return user;
  }

  editUser(id: string, patch: Record<string, unknown>): void {
    Object.assign(this.user(id), patch);
  }

  /** Hard deletion: the user disappears from the listing. */
  removeUser(id: string): void {
    this.users.splice(this.users.indexOf(this.user(id)), 1);
  }

  /** Appends a record as-is (e.g. without id, or with a broken shape). */
  injectMalformed(record: unknown): void {
    this.users.push(record);
  }

  get requests(): Array<{ method: string; path: string }> {
    return this.log.entries.map(({ method, path }) => ({ method, path }));
  }

  get tokensIssued(): number {
    return this.tokens.issuedCount;
  }

  /** Invalidates every issued token, as a secret rotation, key deletion or revoked consent would. */
  revokeTokens(): void {
    this.tokens.revokeAll();
  }

  protected user(id: string): User {
    const found = this.users.find((u): u is User => !!u && typeof u === 'object' && (u as User).id === id);
    if (!found) throw new Error(`fake ${this.vendor} has no user ${id}`);
    return found;
  }
}
