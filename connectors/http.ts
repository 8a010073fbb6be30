// Shared HTTP plumbing for connectors: JSON requests with bounded retries of throttled and
// transient answers, honouring Retry-After / X-RateLimit-Reset. Which answers are throttling is
// decided in one place, connectors/kit/throttle.ts (429, 5xx, Google's 403 userRateLimitExceeded);
// any other vendor-specific meaning of a status is decided by the connector through `classify`.
import { CredentialsRejectedError, HrSystemResponseError, HrSystemUnavailableError, RateLimitedError } from './errors';
import { classifyThrottle, parseRetryAfter } from './kit/throttle';
import type { ConnectorContext } from './types';

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

export type ResponseVerdict = 'ok' | 'rate-limited' | 'unavailable' | 'credentials-rejected' | 'error';

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | URLSearchParams;
  /** Overrides the default status → verdict classification (throttling answers are recognised before it). */
  classify?: (res: HttpResponse) => ResponseVerdict | undefined;
  /** Human sentence for errors, e.g. "Personio". */
  hrSystemName: string;
  timeoutMs?: number;
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export { parseRetryAfter };

function defaultVerdict(res: HttpResponse): ResponseVerdict {
  if (res.status >= 200 && res.status < 300) return 'ok';
  if (res.status === 429) return 'rate-limited';
  if (res.status === 401) return 'credentials-rejected';
  if (res.status >= 500) return 'unavailable';
  return 'error';
}

/** The vendor's message in the usual places: error.message, error_description, message, error. */
export function vendorMessage(res: HttpResponse): string {
  const body = res.body as Record<string, unknown> | null;
  const candidates = [
    (body?.error as Record<string, unknown> | undefined)?.message,
    body?.error_description,
    body?.message,
    typeof body?.error === 'string' ? body.error : undefined,
  ];
  const found = candidates.find((c) => typeof c === 'string' && c.length > 0) as string | undefined;
  return found ?? `HTTP ${res.status}`;
}

/**
 * Default of HR_RETRY_MAX_WAIT_SECONDS: the most one call waits in-process, in total, for throttled or
 * unavailable answers. Kept below the sync listing's heartbeat timeout; a longer wait (a vendor's
 * Retry-After of minutes) is left to Temporal's retry of the activity, which resumes from the last
 * committed batch and holds no worker slot meanwhile.
 */
export const DEFAULT_MAX_RETRY_WAIT_MS = 10_000;

/**
 * Sends one request, retrying rate-limited and unavailable answers up to `maxAttempts` times with
 * exponential backoff (or the vendor's Retry-After) while the waits fit `maxRetryWaitMs`. Throws a
 * typed connector error otherwise (a RateLimitedError keeps the vendor's Retry-After for Temporal).
 * `context.signal` aborting (activity cancelled) ends the request or wait at once with its reason.
 * This is the one place connectors retry a throttled or failed call.
 */
export async function requestJson(url: string, options: RequestOptions, context: ConnectorContext = {}): Promise<HttpResponse> {
  const { signal } = context;
  const sleep = async (ms: number) => {
    await (context.sleep ?? defaultSleep)(ms, signal);
    signal?.throwIfAborted();
  };
  const maxAttempts = context.maxAttempts ?? 5;
  const waitBudgetMs = context.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS;
  let waitedMs = 0;
  /** Waits before the next attempt; false when there is none left or the wait would exceed the budget. */
  const waitForNextAttempt = async (attempt: number, ms: number): Promise<boolean> => {
    if (attempt >= maxAttempts || waitedMs + ms > waitBudgetMs) return false;
    waitedMs += ms;
    await sleep(ms);
    return true;
  };
  let lastError: Error | null = null;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    signal?.throwIfAborted();
    let res: HttpResponse;
    try {
      const timeout = AbortSignal.timeout(options.timeoutMs ?? 30_000);
      const raw = await fetch(url, {
        method: options.method ?? 'GET',
        headers: { accept: 'application/json', ...options.headers },
        body: options.body,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      const text = await raw.text();
      let body: unknown = null;
      try {
        body = text.length ? JSON.parse(text) : null;
      } catch {
        body = null;
      }
      res = { status: raw.status, headers: raw.headers, body, text };
    } catch (err) {
      if (signal?.aborted) throw signal.reason; // cancelled, not unreachable: no retry
      lastError = new HrSystemUnavailableError(`${options.hrSystemName} could not be reached (${(err as Error).message})`, options.hrSystemName);
      if (await waitForNextAttempt(attempt, backoffMs(attempt))) continue;
      break;
    }
    const throttle = classifyThrottle(res);
    const verdict = throttle?.verdict ?? options.classify?.(res) ?? defaultVerdict(res);
    if (verdict === 'ok') return res;
    if (verdict === 'credentials-rejected') {
      throw new CredentialsRejectedError(`${options.hrSystemName} refused the credentials: ${vendorMessage(res)}`, options.hrSystemName);
    }
    if (verdict === 'error') {
      throw new HrSystemResponseError(`${options.hrSystemName} answered ${res.status}: ${vendorMessage(res)}`, options.hrSystemName, res.status);
    }
    const retryAfterMs = throttle ? throttle.retryAfterMs : parseRetryAfter(res.headers.get('retry-after'));
    lastError =
      verdict === 'rate-limited'
        ? new RateLimitedError(`${options.hrSystemName} is rate limiting requests`, options.hrSystemName, retryAfterMs)
        : new HrSystemUnavailableError(`${options.hrSystemName} is unavailable (HTTP ${res.status})`, options.hrSystemName);
    if (!(await waitForNextAttempt(attempt, retryAfterMs ?? backoffMs(attempt)))) break;
  }
  throw lastError ?? new HrSystemUnavailableError(`${options.hrSystemName} request failed`, options.hrSystemName);
}

function backoffMs(attempt: number): number {
  return Math.min(30_000, 250 * 2 ** (attempt - 1));
}

/** Replaces the vendor host with the optional `baseUrl` credential (regional hosts, sandboxes, tests). */
export function apiBase(defaultBase: string, baseUrl: string | undefined): string {
  return (baseUrl ?? defaultBase).replace(/\/+$/, '');
}
