import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { CredentialsRejectedError, HrSystemResponseError } from '../../connectors/errors';
import {
  apiKeyHeaderAuth,
  basicAuth,
  clientCredentialsAuth,
  HrApi,
  serviceAccountAuth,
  TokenCache,
  tokenExchangeAuth,
  type AuthStrategy,
} from '../../connectors/kit';

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

/** Replaces fetch with a script: each call gets the next answer (or the function's). */
function scriptFetch(answer: (req: Seen, n: number) => { status: number; body?: unknown; headers?: Record<string, string> }): Seen[] {
  const seen: Seen[] = [];
  jest.spyOn(globalThis, 'fetch').mockImplementation(async (url, init) => {
    const req: Seen = { url: String(url), method: init?.method ?? 'GET', headers: { ...(init?.headers as Record<string, string>) }, body: String(init?.body ?? '') };
    seen.push(req);
    const { status, body, headers } = answer(req, seen.length);
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers });
  });
  return seen;
}

afterEach(() => jest.restoreAllMocks());

const context = { sleep: async () => undefined };

describe('connector kit: token cache', () => {
  it('shares one token request among parallel callers and reuses the token until shortly before expiry', async () => {
    let now = 0;
    let issued = 0;
    const cache = new TokenCache(async () => ({ accessToken: `t${++issued}`, lifetimeMs: 3_600_000 }), { now: () => now });
    expect(await Promise.all([cache.get(), cache.get(), cache.get()])).toEqual(['t1', 't1', 't1']);
    now = 3_600_000 - 5 * 60_000 - 1;
    expect(await cache.get()).toBe('t1');
    now += 1; // 5 minutes before expiry: renewed
    expect(await cache.get()).toBe('t2');
    expect(issued).toBe(2);
  });

  it('renews short-lived tokens at most half their lifetime early, and Personio-style a minute early', async () => {
    let now = 0;
    const short = new TokenCache(async () => ({ accessToken: 'short', lifetimeMs: 60_000 }), { now: () => now });
    await short.get();
    now = 29_999;
    expect(await short.get()).toBe('short');
    const personioLike = new TokenCache(async () => ({ accessToken: `p${now}`, lifetimeMs: 86_400_000 }), { now: () => now, marginMs: 60_000, maxMarginShare: 0.1 });
    now = 0;
    await personioLike.get();
    now = 86_400_000 - 60_001;
    expect(await personioLike.get()).toBe('p0');
    now = 86_400_000 - 60_000;
    expect(await personioLike.get()).toBe(`p${now}`);
  });

  it('forgets only the token that was refused', async () => {
    let issued = 0;
    const cache = new TokenCache(async () => ({ accessToken: `t${++issued}`, lifetimeMs: 3_600_000 }));
    await cache.get();
    cache.invalidate('t1');
    expect(await cache.get()).toBe('t2');
    cache.invalidate('t1'); // a late 401 to the old token keeps the renewed one
    expect(await cache.get()).toBe('t2');
    cache.invalidate();
    expect(await cache.get()).toBe('t3');
  });
});

describe('connector kit: token exchange (Personio POST /v1/auth)', () => {
  const personioAuth = (): AuthStrategy =>
    tokenExchangeAuth({
      hrSystemName: 'Test HR',
      url: 'https://hr.test/v1/auth',
      json: { client_id: 'id', client_secret: 'secret' },
      context,
      refusedStatuses: [400, 401, 403],
      refusedBody: (b) => b?.success === false,
      refusalReason: (b, res) => b?.error?.message ?? `HTTP ${res.status}`,
      read: (b) => ({ token: b?.data?.token, expiresInSeconds: b?.data?.expires_in }),
      defaultLifetimeSeconds: 86_400,
    });

  it('authenticates once for many requests and re-authenticates once when a call answers 401', async () => {
    let tokens = 0;
    let dataCalls = 0;
    const seen = scriptFetch((req) => {
      if (req.url.endsWith('/v1/auth')) return { status: 200, body: { success: true, data: { token: `tok${++tokens}` } } };
      dataCalls++;
      return req.headers.authorization === 'Bearer tok1' && dataCalls === 3 ? { status: 401, body: { error: { message: 'expired' } } } : { status: 200, body: { ok: req.headers.authorization } };
    });
    const api = new HrApi({ hrSystemName: 'Test HR', baseUrl: 'https://hr.test', auth: personioAuth(), context });
    await Promise.all([api.json('/a'), api.json('/b')]);
    expect(await api.json('/c')).toEqual({ ok: 'Bearer tok2' });
    expect(seen.filter((r) => r.url.endsWith('/v1/auth'))).toHaveLength(2);
    expect(JSON.parse(seen[0].body)).toEqual({ client_id: 'id', client_secret: 'secret' });
  });

  it('reports a second 401 as refused credentials with the vendor reason', async () => {
    scriptFetch((req) => (req.url.endsWith('/v1/auth') ? { status: 200, body: { success: true, data: { token: 't' } } } : { status: 401, body: { error: { message: 'no access' } } }));
    const api = new HrApi({ hrSystemName: 'Test HR', baseUrl: 'https://hr.test', auth: personioAuth(), context });
    await expect(api.json('/x')).rejects.toThrow(new CredentialsRejectedError('Test HR refused the credentials: no access', 'Test HR'));
  });

  it('refuses wrong credentials (status or success:false) and a token answer without a token', async () => {
    scriptFetch(() => ({ status: 401, body: { error: { message: 'The credentials are not correct' } } }));
    await expect(personioAuth().headers()).rejects.toThrow('Test HR refused the credentials: The credentials are not correct');
    jest.restoreAllMocks();
    scriptFetch(() => ({ status: 200, body: { success: false, error: { message: 'locked' } } }));
    await expect(personioAuth().headers()).rejects.toBeInstanceOf(CredentialsRejectedError);
    jest.restoreAllMocks();
    scriptFetch(() => ({ status: 200, body: { success: true, data: {} } }));
    await expect(personioAuth().headers()).rejects.toBeInstanceOf(HrSystemResponseError);
  });
});

describe('connector kit: static strategies', () => {
  it('sends Basic and API-key headers, and a 401 to them is final', async () => {
    expect(await basicAuth('key', 'x').headers()).toEqual({ authorization: `Basic ${Buffer.from('key:x').toString('base64')}` });
    expect(await apiKeyHeaderAuth('X-Api-Key', 'k').headers()).toEqual({ 'x-api-key': 'k' });
    const seen = scriptFetch(() => ({ status: 401, body: { message: 'Invalid API key' } }));
    const api = new HrApi({ hrSystemName: 'Test HR', baseUrl: 'https://hr.test', auth: apiKeyHeaderAuth('x-api-key', 'k'), context });
    await expect(api.json('/x')).rejects.toThrow('Test HR refused the credentials: Invalid API key');
    expect(seen).toHaveLength(1);
  });
});

describe('connector kit: OAuth2 client credentials', () => {
  it('posts the client-credentials form and renews the token after a 401', async () => {
    let issued = 0;
    const seen = scriptFetch((req, n) => {
      if (req.url.includes('/token')) return { status: 200, body: { access_token: `at${++issued}`, expires_in: 3599 } };
      return n === 2 ? { status: 401, body: {} } : { status: 200, body: { value: [] } };
    });
    const auth = clientCredentialsAuth({ hrSystemName: 'Test HR', tokenUrl: 'https://login.test/t/oauth2/v2.0/token', clientId: 'c', clientSecret: 's', scope: 'https://graph.test/.default', context });
    const api = new HrApi({ hrSystemName: 'Test HR', baseUrl: 'https://graph.test', auth, context });
    await api.json('/v1.0/users');
    expect(Object.fromEntries(new URLSearchParams(seen[0].body))).toEqual({ client_id: 'c', client_secret: 's', scope: 'https://graph.test/.default', grant_type: 'client_credentials' });
    expect(seen.map((r) => r.headers.authorization ?? 'token request')).toEqual(['token request', 'Bearer at1', 'token request', 'Bearer at2']);
  });

  it('refuses with the error_description, and names the access token on a second 401', async () => {
    scriptFetch(() => ({ status: 401, body: { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret' } }));
    const auth = clientCredentialsAuth({ hrSystemName: 'Test HR', tokenUrl: 'https://login.test/token', clientId: 'c', clientSecret: 's', scope: 'x', context });
    await expect(auth.headers()).rejects.toThrow('Test HR refused the credentials: AADSTS7000215: Invalid client secret');
    jest.restoreAllMocks();
    scriptFetch((req) => (req.url.includes('token') ? { status: 200, body: { access_token: 'a', expires_in: 3600 } } : { status: 401, body: { error: { message: 'revoked' } } }));
    const api = new HrApi({ hrSystemName: 'Test HR', baseUrl: 'https://graph.test', auth: clientCredentialsAuth({ hrSystemName: 'Test HR', tokenUrl: 'https://login.test/token', clientId: 'c', clientSecret: 's', scope: 'x', context }), context });
    await expect(api.json('/x')).rejects.toThrow('Test HR refused the access token: revoked');
  });
});

describe('connector kit: signed-JWT service accounts', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  it('exchanges an RS256 assertion for a token (JWT-bearer grant)', async () => {
    const seen = scriptFetch(() => ({ status: 200, body: { access_token: 'ya29', expires_in: 3600 } }));
    const auth = serviceAccountAuth({
      hrSystemName: 'Test HR',
      account: { issuer: 'sa@p.iam.test', privateKey: pem.replace(/\n/g, '\\n'), keyId: 'k1' },
      subject: 'admin@co.test',
      scopes: ['s1', 's2'],
      tokenUrl: 'https://oauth.test/token',
      context,
      now: () => 1_700_000_000_000,
    });
    expect(await auth.headers()).toEqual({ authorization: 'Bearer ya29' });
    const form = new URLSearchParams(seen[0].body);
    expect(form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    const [header, payload, signature] = form.get('assertion')!.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'k1' });
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toEqual({ iss: 'sa@p.iam.test', sub: 'admin@co.test', scope: 's1 s2', aud: 'https://oauth.test/token', iat: 1_700_000_000, exp: 1_700_003_600 });
    expect(verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), createPublicKey(publicKey.export({ type: 'spki', format: 'pem' })), Buffer.from(signature, 'base64url'))).toBe(true);
  });

  it('refuses an unreadable private key without quoting it', async () => {
    const seen = scriptFetch(() => ({ status: 200, body: {} }));
    const auth = serviceAccountAuth({ hrSystemName: 'Test HR', account: { issuer: 'sa@test', privateKey: '-----BEGIN PRIVATE KEY-----garbage' }, subject: 'a@test', scopes: [], tokenUrl: 'https://oauth.test/token', context });
    const failure = auth.headers();
    await expect(failure).rejects.toBeInstanceOf(CredentialsRejectedError);
    await expect(failure).rejects.toThrow(/^(?!.*garbage).*private_key/);
    expect(seen).toHaveLength(0);
  });
});
