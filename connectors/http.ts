// Shared HTTP plumbing for connectors: JSON requests with bounded retries of throttled and
// transient answers, honouring Retry-After. Vendor-specific meaning of a status (e.g. Google's
// 403 userRateLimitExceeded) is decided by the connector through `classify`.
import { CredentialsRejectedError, HrSystemResponseError, HrSystemUnavailableError, RateLimitedError } from './errors';
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
  /** Overrides the default status → verdict classification. */
  classify?: (res: HttpResponse) => ResponseVerdict | undefined;
  /** Human sentence for errors, e.g. "Personio". */
  hrSystemName: string;
  timeoutMs?: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function defaultVerdict(res: HttpResponse): ResponseVerdict {
  if (res.status >= 200 && res.status < 300) return 'ok';
  if (res.status === 429) return 'rate-limited';
  if (res.status === 401) return 'credentials-rejected';
  if (res.status >= 500) return 'unavailable';
  return 'error';
}

function vendorMessage(res: HttpResponse): string {
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
 * Sends one request, retrying rate-limited and unavailable answers up to `maxAttempts` times with
 * exponential backoff (or the vendor's Retry-After). Throws a typed connector error otherwise.
 */
export async function requestJson(url: string, options: RequestOptions, context: ConnectorContext = {}): Promise<HttpResponse> {
  const sleep = context.sleep ?? defaultSleep;
  const maxAttempts = context.maxAttempts ?? 5;
  let lastError: Error | null = null;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    let res: HttpResponse;
    try {
      const raw = await fetch(url, {
        method: options.method ?? 'GET',
        headers: { accept: 'application/json', ...options.headers },
        body: options.body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
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
      lastError = new HrSystemUnavailableError(`${options.hrSystemName} could not be reached (${(err as Error).message})`, options.hrSystemName);
      if (attempt < maxAttempts) await sleep(backoffMs(attempt));
      continue;
    }
    const verdict = options.classify?.(res) ?? defaultVerdict(res);
    if (verdict === 'ok') return res;
    if (verdict === 'credentials-rejected') {
      throw new CredentialsRejectedError(`${options.hrSystemName} refused the credentials: ${vendorMessage(res)}`, options.hrSystemName);
    }
    if (verdict === 'error') {
      throw new HrSystemResponseError(`${options.hrSystemName} answered ${res.status}: ${vendorMessage(res)}`, options.hrSystemName, res.status);
    }
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
    lastError =
      verdict === 'rate-limited'
        ? new RateLimitedError(`${options.hrSystemName} is rate limiting requests`, options.hrSystemName, retryAfterMs)
        : new HrSystemUnavailableError(`${options.hrSystemName} is unavailable (HTTP ${res.status})`, options.hrSystemName);
    if (attempt < maxAttempts) await sleep(retryAfterMs ?? backoffMs(attempt));
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
