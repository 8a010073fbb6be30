// Auth pieces vendor fakes share: Basic and Bearer headers, and issued access tokens with a lifetime.
import { randomUUID } from 'node:crypto';

/** user:password of a Basic header, or null. */
export function basicCredentials(header: string | string[] | undefined): { user: string; password: string } | null {
  if (typeof header !== 'string' || !/^Basic /i.test(header)) return null;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? { user: decoded, password: '' } : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function basicHeader(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** The token of a Bearer header, or null. */
export function bearerToken(header: string | string[] | undefined): string | null {
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match ? match[1] : null;
}

export type TokenState = 'valid' | 'expired' | 'unknown';

/** Access tokens a fake issued, each with its expiry and what the vendor attached to it. */
export class TokenStore<Grant = undefined> {
  private readonly issued = new Map<string, { expiresAt: number; grant: Grant }>();
  /** Tokens issued since start (renewals included). */
  issuedCount = 0;

  constructor(
    private readonly lifetimeSeconds: number,
    private readonly prefix = 'fake-token-',
  ) {}

  issue(grant: Grant, now = Date.now()): string {
    const token = `${this.prefix}${randomUUID()}`;
    this.issued.set(token, { expiresAt: now + this.lifetimeSeconds * 1000, grant });
    this.issuedCount++;
    return token;
  }

  state(token: string | null, now = Date.now()): TokenState {
    const found = token ? this.issued.get(token) : undefined;
    if (!found) return 'unknown';
    return found.expiresAt > now ? 'valid' : 'expired';
  }

  /** The grant of a valid token, else undefined. */
  grant(token: string | null, now = Date.now()): Grant | undefined {
    return this.state(token, now) === 'valid' ? this.issued.get(token!)!.grant : undefined;
  }

  /** Every token expires now (still known, so refused as expired). */
  expireAll(): void {
    for (const entry of this.issued.values()) entry.expiresAt = 0;
  }

  /** Every token is forgotten (refused as unknown), as after a revoked consent. */
  revokeAll(): void {
    this.issued.clear();
  }

  get size(): number {
    return this.issued.size;
  }

  /** The token strings issued and still known (they are secrets: none may leak into a history). */
  keys(): IterableIterator<string> {
    return this.issued.keys();
  }
}
