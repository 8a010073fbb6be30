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

  it('turns a 401 into a CredentialsRejectedError carrying the vendor reason', async () => {
    const server = await startFakeHttpServer(() => ({ status: 401, body: { error: { message: 'invalid token' } } }));
    try {
      await expect(requestJson(`${server.url}/x`, { hrSystemName: 'Test HR' })).rejects.toThrow(new CredentialsRejectedError('Test HR refused the credentials: invalid token', 'Test HR'));
    } finally {
      await server.close();
    }
  });
});
