// The one throttle classifier requestJson uses: which answers mean "slow down" (or "down for now")
// and how long the vendor asked us to wait. Checked before a connector's own `classify`, so a
// vendor-specific throttle body (Google's 403 userRateLimitExceeded) is never read as a refusal.
export interface ThrottleAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface ThrottleVerdict {
  verdict: 'rate-limited' | 'unavailable';
  /** The wait the vendor asked for, null when it said nothing usable. */
  retryAfterMs: number | null;
}

/** Reasons Google APIs (and others on the Google error format) give to a throttling 403/429. */
export const RATE_LIMIT_REASONS: ReadonlySet<string> = new Set(['userRateLimitExceeded', 'rateLimitExceeded', 'quotaExceeded', 'dailyLimitExceeded']);

/**
 * X-RateLimit-Reset values at or above this are epoch seconds, below it seconds from now. Vendors
 * disagree (GitHub, Okta, Zendesk send epoch seconds; Personio, Atlassian, some Microsoft APIs send
 * a delta). A delta of 10^9 seconds (31 years) is never meant, and no epoch second is below it
 * (2001-09-09), so the size alone tells them apart.
 */
export const EPOCH_SECONDS_THRESHOLD = 1_000_000_000;

/** Retry-After as delta seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const seconds = Number(trimmed);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** X-RateLimit-Reset as epoch seconds or seconds from now (see EPOCH_SECONDS_THRESHOLD). */
export function parseRateLimitReset(value: string | null, now = Date.now()): number | null {
  if (!value || value.trim() === '') return null;
  const n = Number(value.trim());
  if (!Number.isFinite(n) || n < 0) return null;
  return n >= EPOCH_SECONDS_THRESHOLD ? Math.max(0, n * 1000 - now) : n * 1000;
}

/** The wait a throttled answer asks for: Retry-After first (the standard), else X-RateLimit-Reset / X-Rate-Limit-Reset. */
export function throttleWaitMs(headers: Headers, now = Date.now()): number | null {
  // Okta spells it X-Rate-Limit-Reset (epoch seconds); most others X-RateLimit-Reset.
  return parseRetryAfter(headers.get('retry-after'), now) ?? parseRateLimitReset(headers.get('x-ratelimit-reset') ?? headers.get('x-rate-limit-reset'), now);
}

/** `error.errors[].reason` (Google JSON error format) and `error.status` of an answer body. */
function errorReasons(body: unknown): string[] {
  const error = (body as { error?: { errors?: unknown; status?: unknown } } | null)?.error;
  if (!error || typeof error !== 'object') return [];
  const reasons = Array.isArray(error.errors) ? error.errors.map((e) => (e as { reason?: unknown } | null)?.reason) : [];
  return [...reasons, error.status].filter((r): r is string => typeof r === 'string');
}

/**
 * A throttled or temporarily unavailable answer, or undefined for every other one:
 * - 429, and 403 whose body gives a rate-limit reason (Google): rate-limited, waiting Retry-After or X-RateLimit-Reset;
 * - 5xx: unavailable, waiting Retry-After when sent (a 503 often carries one).
 */
export function classifyThrottle(res: ThrottleAnswer, now = Date.now()): ThrottleVerdict | undefined {
  if (res.status === 429 || (res.status === 403 && errorReasons(res.body).some((r) => RATE_LIMIT_REASONS.has(r) || r === 'RESOURCE_EXHAUSTED'))) {
    return { verdict: 'rate-limited', retryAfterMs: throttleWaitMs(res.headers, now) };
  }
  if (res.status >= 500 && res.status < 600) return { verdict: 'unavailable', retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), now) };
  return undefined;
}
