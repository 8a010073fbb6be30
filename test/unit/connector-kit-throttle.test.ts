import { HrSystemUnavailableError, RateLimitedError } from '../../connectors/errors';
import { requestJson } from '../../connectors/http';
import { classifyThrottle, parseRateLimitReset, parseRetryAfter, throttleWaitMs } from '../../connectors/kit';

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const res = (status: number, headers: Record<string, string> = {}, body: unknown = null) => ({ status, headers: new Headers(headers), body });
const googleError = (reason: string) => ({ error: { code: 403, message: 'Quota', errors: [{ domain: 'usageLimits', reason, message: 'Quota' }] } });

describe('connector kit: throttle classifier', () => {
  it('reads Retry-After as delta seconds or an HTTP date', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(new Date(NOW + 30_000).toUTCString(), NOW)).toBe(30_000);
    expect(parseRetryAfter(new Date(NOW - 30_000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseRetryAfter(null, NOW)).toBeNull();
  });

  it('reads X-RateLimit-Reset as epoch seconds when it is one, else as seconds from now', () => {
    expect(parseRateLimitReset(String(NOW / 1000 + 42), NOW)).toBe(42_000);
    expect(parseRateLimitReset(String(NOW / 1000 - 5), NOW)).toBe(0);
    expect(parseRateLimitReset('42', NOW)).toBe(42_000);
    expect(parseRateLimitReset('-1', NOW)).toBeNull();
    expect(parseRateLimitReset(null, NOW)).toBeNull();
  });

  it('prefers Retry-After over X-RateLimit-Reset', () => {
    expect(throttleWaitMs(new Headers({ 'retry-after': '3', 'x-ratelimit-reset': '60' }), NOW)).toBe(3_000);
    expect(throttleWaitMs(new Headers({ 'x-ratelimit-reset': '60' }), NOW)).toBe(60_000);
    // Okta's spelling, epoch seconds.
    expect(throttleWaitMs(new Headers({ 'x-rate-limit-reset': String(NOW / 1000 + 30) }), NOW)).toBe(30_000);
    expect(throttleWaitMs(new Headers(), NOW)).toBeNull();
  });

  it('classifies 429 and 5xx with their waits, and leaves other answers to the connector', () => {
    expect(classifyThrottle(res(429, { 'retry-after': '2' }), NOW)).toEqual({ verdict: 'rate-limited', retryAfterMs: 2_000 });
    expect(classifyThrottle(res(429), NOW)).toEqual({ verdict: 'rate-limited', retryAfterMs: null });
    expect(classifyThrottle(res(503, { 'retry-after': new Date(NOW + 10_000).toUTCString() }), NOW)).toEqual({ verdict: 'unavailable', retryAfterMs: 10_000 });
    expect(classifyThrottle(res(502), NOW)).toEqual({ verdict: 'unavailable', retryAfterMs: null });
    for (const status of [200, 400, 401, 404]) expect(classifyThrottle(res(status), NOW)).toBeUndefined();
  });

  it("reads Google's 403 rate-limit reasons as throttling, any other 403 not", () => {
    for (const reason of ['userRateLimitExceeded', 'rateLimitExceeded', 'quotaExceeded', 'dailyLimitExceeded']) {
      expect(classifyThrottle(res(403, {}, googleError(reason)), NOW)?.verdict).toBe('rate-limited');
    }
    expect(classifyThrottle(res(403, {}, { error: { status: 'RESOURCE_EXHAUSTED', message: 'x' } }), NOW)?.verdict).toBe('rate-limited');
    expect(classifyThrottle(res(403, {}, googleError('forbidden')), NOW)).toBeUndefined();
    expect(classifyThrottle(res(403, {}, { message: 'nope' }), NOW)).toBeUndefined();
  });
});

describe('requestJson with the throttle classifier', () => {
  afterEach(() => jest.restoreAllMocks());

  function answers(...list: Array<{ status: number; headers?: Record<string, string>; body?: unknown }>) {
    let n = 0;
    jest.spyOn(globalThis, 'fetch').mockImplementation(async () => {
      const a = list[Math.min(n++, list.length - 1)];
      return new Response(JSON.stringify(a.body ?? {}), { status: a.status, headers: a.headers });
    });
    return () => n;
  }

  it('retries a throttling 403 even where the connector reads other 403s itself', async () => {
    const calls = answers({ status: 403, body: googleError('userRateLimitExceeded') }, { status: 200, body: { ok: true } });
    const waits: number[] = [];
    const result = await requestJson('https://hr.test/x', { hrSystemName: 'Test HR', classify: (r) => (r.status === 403 ? 'ok' : undefined) }, { sleep: async (ms) => void waits.push(ms) });
    expect(result.body).toEqual({ ok: true });
    expect(calls()).toBe(2);
    expect(waits).toEqual([250]);
  });

  it('hands a long X-RateLimit-Reset to Temporal instead of hammering the vendor', async () => {
    const calls = answers({ status: 429, headers: { 'x-ratelimit-reset': '3600' } });
    const failure = requestJson('https://hr.test/x', { hrSystemName: 'Test HR' }, { sleep: async () => undefined });
    await expect(failure).rejects.toBeInstanceOf(RateLimitedError);
    await expect(failure).rejects.toMatchObject({ retryAfterMs: 3_600_000 });
    expect(calls()).toBe(1);
  });

  it('keeps a 503 an outage (not a rate limit), waiting its Retry-After', async () => {
    answers({ status: 503, headers: { 'retry-after': '1' } });
    const waits: number[] = [];
    await expect(requestJson('https://hr.test/x', { hrSystemName: 'Test HR' }, { sleep: async (ms) => void waits.push(ms), maxAttempts: 3 })).rejects.toBeInstanceOf(HrSystemUnavailableError);
    expect(waits).toEqual([1000, 1000]);
  });
});
