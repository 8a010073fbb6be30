// Bearer keys: the operator key may create companies; a company key sees only its own data.
// Company keys are random and high-entropy, so a SHA-256 hash is enough to store and look them up.
import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from './deps';
import { ApiError } from './errors';

export type Principal = { kind: 'operator' } | { kind: 'company'; companyId: string; timezone: string };

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

export const hashApiKey = (key: string) => crypto.createHash('sha256').update(key).digest('hex');
export const generateCompanyApiKey = () => `ck_${crypto.randomBytes(24).toString('base64url')}`;

function sameSecret(a: string, b: string): boolean {
  const ha = crypto.createHash('sha256').update(a).digest();
  const hb = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(ha, hb);
}

const unauthorized = (message: string) => new ApiError(401, 'unauthorized', message);

export function authenticate(deps: AppDeps) {
  return async (req: FastifyRequest): Promise<void> => {
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw unauthorized('Send your API key as "Authorization: Bearer <key>".');
    const key = match[1]!;
    if (sameSecret(key, deps.config.operatorApiKey)) {
      req.principal = { kind: 'operator' };
      return;
    }
    const company = await deps.db.company.findUnique({ where: { apiKeyHash: hashApiKey(key) }, select: { id: true, timezone: true } });
    if (!company) throw unauthorized('The API key is not valid.');
    req.principal = { kind: 'company', companyId: company.id, timezone: company.timezone };
  };
}

/** The company the request acts for; operator keys act only on operator routes. */
export function companyOf(req: FastifyRequest): { companyId: string; timezone: string } {
  const p = req.principal;
  if (p?.kind !== 'company') throw new ApiError(403, 'company_key_required', 'This endpoint needs a company API key, not the operator key.');
  return p;
}

export function requireOperator(req: FastifyRequest): void {
  if (req.principal?.kind !== 'operator') throw new ApiError(403, 'operator_key_required', 'Only the operator key may do this.');
}
