// Keeps an issued access token until a little before it expires. Parallel callers share one token
// request (token endpoints are rate limited too: Personio's allows 60 a minute).
export interface IssuedToken {
  accessToken: string;
  lifetimeMs: number;
}

export interface TokenCacheOptions {
  now?: () => number;
  /** Renew this long before expiry… */
  marginMs?: number;
  /** …but never more than this share of the lifetime early (short-lived tokens). */
  maxMarginShare?: number;
}

/** OAuth2 defaults: renew 5 minutes early, at most half the lifetime early. */
const DEFAULT_MARGIN_MS = 5 * 60_000;
const DEFAULT_MAX_MARGIN_SHARE = 0.5;

export class TokenCache {
  private cached: { token: string; renewAt: number } | null = null;
  private pending: Promise<string> | null = null;
  private readonly now: () => number;

  constructor(
    private readonly issue: () => Promise<IssuedToken>,
    private readonly options: TokenCacheOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /** The cached token while it is fresh, else a new one. */
  async get(): Promise<string> {
    if (this.cached && this.cached.renewAt > this.now()) return this.cached.token;
    return this.fresh();
  }

  /** A newly issued token (a request already under way is shared). */
  fresh(): Promise<string> {
    this.pending ??= this.refresh().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /**
   * Forgets the cached token after the API answered 401 to it. Given the refused token, only that
   * one is forgotten: a parallel caller's 401 does not throw away the token renewed meanwhile.
   */
  invalidate(token?: string): void {
    if (token === undefined || this.cached?.token === token) this.cached = null;
  }

  private async refresh(): Promise<string> {
    const { accessToken, lifetimeMs } = await this.issue();
    const lifetime = Math.max(0, lifetimeMs);
    const margin = Math.min(this.options.marginMs ?? DEFAULT_MARGIN_MS, lifetime * (this.options.maxMarginShare ?? DEFAULT_MAX_MARGIN_SHARE));
    this.cached = { token: accessToken, renewAt: this.now() + lifetime - margin };
    return accessToken;
  }
}
