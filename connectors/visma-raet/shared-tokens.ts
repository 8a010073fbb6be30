// Youforce allows 400 token requests a month per application, while a connector instance lives for
// one activity only: a token per sync (6 a day, several integrations) would use that up. Tokens are
// therefore kept for the whole worker process, keyed by token URL + client id + tenant + a
// fingerprint of the secret (so a wrong secret is never answered from the cache), reused by every
// later connector instance, and renewed only shortly before they expire or after a 401. Each worker
// process holds its own cache (NOTES.md). Only the token is shared: each caller requests with its own
// context (abort signal, retry waits).
import { createHash } from 'node:crypto';
import type { AuthStrategy, IssuedToken } from '../kit';

/** Renew this long before expiry (Youforce tokens last an hour). */
const RENEW_MARGIN_MS = 5 * 60_000;
const MAX_ENTRIES = 1000;

interface Entry {
  token: string;
  renewAt: number;
}

const tokens = new Map<string, Entry>();
const pending = new Map<string, Promise<string>>();

export function tokenCacheKey(parts: { tokenUrl: string; clientId: string; tenantId: string; clientSecret: string }): string {
  const secret = createHash('sha256').update(parts.clientSecret).digest('base64url').slice(0, 16);
  return JSON.stringify([parts.tokenUrl, parts.clientId, parts.tenantId, secret]);
}

/** The process-wide token for `key`, issued by `issue` when there is none fresh (parallel callers share one request). */
export async function sharedToken(key: string, issue: () => Promise<IssuedToken>, now = Date.now): Promise<string> {
  const entry = tokens.get(key);
  if (entry && entry.renewAt > now()) return entry.token;
  let request = pending.get(key);
  if (!request) {
    request = issue()
      .then(({ accessToken, lifetimeMs }) => {
        if (tokens.size >= MAX_ENTRIES) for (const [k, e] of tokens) if (e.renewAt <= now()) tokens.delete(k);
        tokens.set(key, { token: accessToken, renewAt: now() + lifetimeMs - Math.min(RENEW_MARGIN_MS, lifetimeMs / 2) });
        return accessToken;
      })
      .finally(() => pending.delete(key));
    pending.set(key, request);
  }
  return request;
}

/** Forgets the token of `key` if it is the one refused (a 401), so the next caller gets a new one. */
export function forgetToken(key: string, token: string | undefined): void {
  if (token === undefined || tokens.get(key)?.token === token) tokens.delete(key);
}

/** For tests: an empty cache. */
export function clearSharedTokens(): void {
  tokens.clear();
}

export function sharedBearerAuth(key: string, issue: () => Promise<IssuedToken>): AuthStrategy {
  return {
    refused: 'access token',
    headers: async () => ({ authorization: `Bearer ${await sharedToken(key, issue)}` }),
    renew: (used) => forgetToken(key, used.authorization?.replace(/^Bearer /, '')),
  };
}
