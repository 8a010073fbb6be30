// Auth guards for vendor fakes, each answering with the vendor's own refusal.
import { basicCredentials, bearerToken, type TokenState, type TokenStore } from './auth';
import type { FakeRequest, FakeResponse } from '../../fake-http-server';
import type { Guard } from './routes';

/** A header that must hold exactly this value (an API key header, a fixed Basic or Bearer header). */
export const headerGuard = (header: string, value: string, refusal: () => FakeResponse): Guard => (req) => (req.headers[header] === value ? undefined : refusal());

/** Basic auth with this user name (any password), as with an API key sent as the user. */
export const basicUserGuard = (user: string, refusal: () => FakeResponse): Guard => (req) =>
  basicCredentials(req.headers.authorization)?.user === user ? undefined : refusal();

export type TokenRefusal = 'missing' | Exclude<TokenState, 'valid'>;

/** A Bearer token that must be one the fake issued and still valid. */
export const tokenGuard = (stateOf: (token: string) => TokenState, refusal: (why: TokenRefusal) => FakeResponse): Guard => (req) => {
  const token = bearerToken(req.headers.authorization);
  const state = token === null ? 'missing' : stateOf(token);
  return state === 'valid' ? undefined : refusal(state);
};

/** A valid issued Bearer token whose grant (non-undefined) passes `check`; handlers read it back with grantOf. */
export function grantGuard<Grant>(tokens: TokenStore<Grant>, refusal: () => FakeResponse, check: (grant: Grant) => FakeResponse | undefined) {
  const grants = new WeakMap<FakeRequest, Grant>();
  const guard: Guard = (req) => {
    const grant = tokens.grant(bearerToken(req.headers.authorization));
    if (grant === undefined) return refusal();
    grants.set(req, grant);
    return check(grant);
  };
  return { guard, grantOf: (req: FakeRequest): Grant => grants.get(req)! };
}

/** The first refusal of these guards, in order. */
export const firstRefusal = (...guards: Guard[]): Guard => (req) => {
  for (const guard of guards) {
    const refused = guard(req);
    if (refused) return refused;
  }
  return undefined;
};
