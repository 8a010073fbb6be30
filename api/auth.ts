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

/**
 * Company keys looked up in the last seconds, by key hash: most requests come in bursts from the same
 * few keys, and the lookup (a Prisma query) cost more than the page it guards. A key's company and
 * time zone never change, and companies are not deleted, so a short TTL only bounds memory and
 * staleness; unknown keys are never cached (random keys cannot fill it).
 */
class CompanyKeyCache {
  private readonly entries = new Map<string, { company: { id: string; timezone: string }; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  get(hash: string, now: number): { id: string; timezone: string } | undefined {
    const hit = this.entries.get(hash);
    if (!hit) return undefined;
    if (hit.expiresAt > now) return hit.company;
    this.entries.delete(hash);
    return undefined;
  }

  set(hash: string, company: { id: string; timezone: string }, now: number): void {
    // Oldest first out (Map keeps insertion order).
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(hash, { company, expiresAt: now + this.ttlMs });
  }
}

export const COMPANY_KEY_CACHE_TTL_MS = 10_000;

export function authenticate(deps: AppDeps) {
  const cache = new CompanyKeyCache(COMPANY_KEY_CACHE_TTL_MS, 10_000);
  return async (req: FastifyRequest): Promise<void> => {
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw unauthorized('Send your API key as "Authorization: Bearer <key>".');
    const key = match[1]!;
    if (sameSecret(key, deps.config.operatorApiKey)) {
      req.principal = { kind: 'operator' };
      return;
    }
    const hash = hashApiKey(key);
    const now = Date.now();
    let company = cache.get(hash, now);
    if (!company) {
      const found = await deps.db.company.findUnique({ where: { apiKeyHash: hash }, select: { id: true, timezone: true } });
      if (!found) throw unauthorized('The API key is not valid.');
      cache.set(hash, found, now);
      company = found;
    }
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
