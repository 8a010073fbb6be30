// Bearer keys: the operator key may create companies; a company key sees only its own data.
// Company keys are random and high-entropy, so a SHA-256 hash is enough to store and look them up.
import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from './deps';
import { ApiError } from './errors';

export type Principal =
  | { kind: 'operator' }
  | { kind: 'company'; companyId: string; timezone: string }
  /** A connect link (POST /v1/connect-links): the company's integration setup and management only. */
  | { kind: 'connect'; companyId: string; timezone: string; connectLinkId: string };

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

export const hashApiKey = (key: string) => crypto.createHash('sha256').update(key).digest('hex');
export const generateCompanyApiKey = () => `ck_${crypto.randomBytes(24).toString('base64url')}`;
export const CONNECT_TOKEN_PREFIX = 'cl_';
export const generateConnectToken = () => `${CONNECT_TOKEN_PREFIX}${crypto.randomBytes(32).toString('base64url')}`;

/**
 * What a connect link may reach: the HR system catalog and the company's integrations (setup,
 * syncs, removals held back, disconnect), nothing with employee data and no other route.
 */
export function connectLinkMayUse(routeUrl: string | undefined): boolean {
  return routeUrl === '/v1/hr-systems' || routeUrl === '/v1/integrations' || Boolean(routeUrl?.startsWith('/v1/integrations/'));
}

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
    if (key.startsWith(CONNECT_TOKEN_PREFIX)) {
      req.principal = await connectPrincipal(deps, key);
      if (!connectLinkMayUse(req.routeOptions.url)) {
        throw new ApiError(403, 'connect_link_scope', 'A connect link may only set up and manage the company’s integration; use the company API key for this endpoint.');
      }
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

async function connectPrincipal(deps: AppDeps, token: string): Promise<Principal> {
  const link = await deps.db.connectLink.findUnique({ where: { tokenHash: hashApiKey(token) }, select: { id: true, expiresAt: true, revokedAt: true, company: { select: { id: true, timezone: true } } } });
  if (!link) throw unauthorized('The connect link is not valid.');
  if (link.revokedAt) throw new ApiError(401, 'connect_link_revoked', 'This connect link was revoked; ask for a new one.');
  if (link.expiresAt.getTime() <= Date.now()) throw new ApiError(401, 'connect_link_expired', 'This connect link has expired; ask for a new one.');
  return { kind: 'connect', companyId: link.company.id, timezone: link.company.timezone, connectLinkId: link.id };
}

/** The company the request acts for (a company key or a connect link); operator keys act only on operator routes. */
export function companyOf(req: FastifyRequest): { companyId: string; timezone: string } {
  const p = req.principal;
  if (p?.kind !== 'company' && p?.kind !== 'connect') throw new ApiError(403, 'company_key_required', 'This endpoint needs a company API key, not the operator key.');
  return p;
}

/** The company the request acts for, with its own API key only (not a connect link). */
export function companyKeyOf(req: FastifyRequest): { companyId: string; timezone: string } {
  const p = req.principal;
  if (p?.kind !== 'company') throw new ApiError(403, 'company_key_required', 'This endpoint needs the company API key.');
  return p;
}

export function requireOperator(req: FastifyRequest): void {
  if (req.principal?.kind !== 'operator') throw new ApiError(403, 'operator_key_required', 'Only the operator key may do this.');
}
