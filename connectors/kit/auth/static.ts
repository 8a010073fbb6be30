// Strategies whose credentials never change during a connector's life.
import type { AuthStrategy } from './strategy';

export function headerAuth(headers: Record<string, string>): AuthStrategy {
  return { headers: async () => headers };
}

/** HTTP Basic (RFC 7617): BambooHR (API key as user, any password), HiBob (service user id + token). */
export function basicAuth(user: string, password: string): AuthStrategy {
  return headerAuth({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
}

/** An API key in a header of the vendor's choosing, e.g. Factorial's `x-api-key`. */
export function apiKeyHeaderAuth(header: string, key: string): AuthStrategy {
  return headerAuth({ [header.toLowerCase()]: key });
}

/** A long-lived bearer key, e.g. the Sandbox HR system's API key. */
export function staticBearerAuth(token: string): AuthStrategy {
  return headerAuth({ authorization: `Bearer ${token}` });
}
