import { parseRetryAfter, requestJson } from '../../connectors/http';
import { startFakeHttpServer } from '../../connectors/fake-http-server';
import { CredentialsRejectedError, RateLimitedError } from '../../connectors/errors';

describe('connector HTTP plumbing', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter(null)).toBeNull();
  });

  it('retries a rate-limited answer after the vendor-given delay and then succeeds', async () => {
    let calls = 0;
    const server = await startFakeHttpServer(() => (++calls < 3 ? { status: 429, headers: { 'retry-after': '2' }, body: {} } : { status: 200, body: { ok: true } }));
    const waits: number[] = [];
    try {
      const res = await requestJson(`${server.url}/x`, { hrSystemName: 'Test HR' }, { sleep: async (ms) => void waits.push(ms) });
      expect(res.body).toEqual({ ok: true });
      expect(waits).toEqual([2000, 2000]);
    } finally {
      await server.close();
    }
  });

  it('gives up with a RateLimitedError, never a credentials error, when throttling persists', async () => {
    const server = await startFakeHttpServer(() => ({ status: 429, body: {} }));
    try {
      await expect(requestJson(`${server.url}/x`, { hrSystemName: 'Test HR' }, { sleep: async () => undefined, maxAttempts: 2 })).rejects.toBeInstanceOf(RateLimitedError);
    } finally {
      await server.close();
    }
  });

  it('never sleeps a long Retry-After in-process: it gives up at once and hands the wait to Temporal', async () => {
    let calls = 0;
    const server = await startFakeHttpServer(() => (++calls, { status: 429, headers: { 'retry-after': '3600' }, body: {} }));
    const waits: number[] = [];
    try {
      const failure = requestJson(`${server.url}/x`, { hrSystemName: 'Test HR' }, { sleep: async (ms) => void waits.push(ms) });
      await expect(failure).rejects.toBeInstanceOf(RateLimitedError);
      await expect(failure).rejects.toMatchObject({ retryAfterMs: 3_600_000 });
      expect(waits).toEqual([]);
      expect(calls).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('waits between retries at most maxRetryWaitMs in total (HR_RETRY_MAX_WAIT_SECONDS)', async () => {
    let calls = 0;
    const server = await startFakeHttpServer(() => (++calls, { status: 429, headers: { 'retry-after': '4' }, body: {} }));
    const waits: number[] = [];
    try {
      await expect(requestJson(`${server.url}/x`, { hrSystemName: 'Test HR' }, { sleep: async (ms) => void waits.push(ms), maxRetryWaitMs: 10_000 })).rejects.toBeInstanceOf(RateLimitedError);
      // 4 s + 4 s fit the 10 s budget, a third wait would not: three requests, then Temporal's turn.
      expect(waits).toEqual([4000, 4000]);
      expect(calls).toBe(3);
      // The default budget is 10 s as well; a budget of 0 never waits.
      waits.length = 0;
      await expect(requestJson(`${server.url}/x`, { hrSystemName: 'Test HR' }, { sleep: async (ms) => void waits.push(ms), maxRetryWaitMs: 0 })).rejects.toBeInstanceOf(RateLimitedError);
      expect(waits).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('turns a 401 into a CredentialsRejectedError carrying the vendor reason', async () => {
    const server = await startFakeHttpServer(() => ({ status: 401, body: { error: { message: 'invalid token' } } }));
    try {
      await expect(requestJson(`${server.url}/x`, { hrSystemName: 'Test HR' })).rejects.toThrow(new CredentialsRejectedError('Test HR refused the credentials: invalid token', 'Test HR'));
    } finally {
      await server.close();
    }
  });
});
