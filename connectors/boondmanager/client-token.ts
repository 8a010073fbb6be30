// BoondManager's "client token" authentication: every request carries X-Jwt-Client-Boondmanager, a
// JWT (HS256) over { userToken, clientToken, time, mode: "normal" } signed with the client key, so
// it is made afresh for each request (`time` is the current epoch second).
import { createHmac } from 'node:crypto';
import type { AuthStrategy } from '../kit';

export const CLIENT_TOKEN_HEADER = 'x-jwt-client-boondmanager';

const base64url = (input: string | Buffer) => Buffer.from(input).toString('base64url');

export interface ClientTokenCredentials {
  userToken: string;
  clientToken: string;
  clientKey: string;
}

export function signClientToken(credentials: ClientTokenCredentials, nowSeconds = Math.floor(Date.now() / 1000)): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify({ userToken: credentials.userToken, clientToken: credentials.clientToken, time: nowSeconds, mode: 'normal' }));
  const signature = base64url(createHmac('sha256', credentials.clientKey).update(`${header}.${payload}`).digest());
  return `${header}.${payload}.${signature}`;
}

export function clientTokenAuth(credentials: ClientTokenCredentials): AuthStrategy {
  return { headers: async () => ({ [CLIENT_TOKEN_HEADER]: signClientToken(credentials) }) };
}
