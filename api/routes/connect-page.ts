// The connect page (connect-page/, built by `npm run build:connect`): its HTML under /connect, with
// a Content-Security-Policy whose frame-ancestors are the allowed embedding origins of the company
// the link belongs to, and its hashed assets under /connect/assets/, cached for a year.
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { CONNECT_TOKEN_PREFIX, hashApiKey } from '../auth';
import { connectPageHeaders, withEmbedOrigins } from '../connect-page-html';
import type { AppDeps } from '../deps';

/** The built page: connect-page/dist from the sources, and the copy `npm run build` puts in dist/. */
export const CONNECT_PAGE_DIR = path.resolve(__dirname, '..', '..', 'connect-page', 'dist');

const NOT_BUILT = 'The connect page is not built. Run `npm run build:connect` (npm ci does it when the dev dependencies are installed).';

export function connectPageRoutes(deps: AppDeps, dir = CONNECT_PAGE_DIR) {
  /** The origins allowed to frame the page for this link; none for a missing, unknown, revoked or expired one. */
  async function embedOriginsOf(token: unknown): Promise<string[]> {
    if (typeof token !== 'string' || !token.startsWith(CONNECT_TOKEN_PREFIX)) return [];
    try {
      const link = await deps.db.connectLink.findUnique({ where: { tokenHash: hashApiKey(token) }, select: { expiresAt: true, revokedAt: true, company: { select: { embedOrigins: true } } } });
      if (!link || link.revokedAt || link.expiresAt.getTime() <= Date.now()) return [];
      return link.company.embedOrigins;
    } catch {
      // The database is down: the page is not framed; its own API calls then say what is wrong.
      return [];
    }
  }

  return async (app: FastifyInstance) => {
    const indexFile = path.join(dir, 'index.html');
    const built = fs.existsSync(indexFile);
    const page = async (req: { query: unknown }, reply: import('fastify').FastifyReply) => {
      if (!built) return reply.code(503).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(NOT_BUILT);
      const origins = await embedOriginsOf((req.query as Record<string, unknown> | undefined)?.link);
      const html = withEmbedOrigins(await fs.promises.readFile(indexFile, 'utf8'), origins);
      return reply.headers(connectPageHeaders(origins)).send(html);
    };
    app.get('/connect', { schema: { hide: true } }, page);
    app.get('/connect/', { schema: { hide: true } }, page);
    if (built) {
      await app.register(fastifyStatic, {
        root: path.join(dir, 'assets'),
        prefix: '/connect/assets/',
        decorateReply: false,
        schemaHide: true,
        index: false,
        // Names carry a content hash: a changed file is a new name.
        immutable: true,
        maxAge: '365d',
        setHeaders: (reply) => void reply.header('x-content-type-options', 'nosniff'),
      });
    }
  };
}
