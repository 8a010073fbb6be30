// The connect flow's links (issue 15): an employer's portal asks, with the company key, for a
// short-lived link to the product's connect page, where the admin sets up and manages the company's
// integration. The link's token reaches only the HR system catalog and the integrations
// (api/auth.ts connectLinkMayUse), expires (60 minutes by default) and can be revoked; only its hash
// is stored. The company also names the origins allowed to frame the page.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { companyKeyOf, generateConnectToken, hashApiKey } from '../auth';
import type { AppDeps } from '../deps';
import { ApiError } from '../errors';
import { errorResponses, idParams } from '../schemas/common';

const DEFAULT_LIFETIME_MINUTES = 60;

const createConnectLinkBody = z
  .object({
    expiresInMinutes: z.number().int().min(5).max(1440).default(DEFAULT_LIFETIME_MINUTES).describe('How long the link works (5 minutes to 24 hours; default 60)'),
  })
  .strict();

const connectLinkCreated = z.object({
  id: z.uuid(),
  url: z.string().describe('Open it for the admin (new tab or iframe); it carries the token, so hand it to nobody else'),
  expiresAt: z.string(),
});

// An origin as a browser sends it (scheme, host, port; https, or http only for local development),
// stated as a pattern so that the spec says exactly what the server takes: lowercase DNS names (IDNs
// in their xn-- form) whose last label starts with a letter (else a URL parser reads an IPv4
// address), no default port (a browser omits it), port 1-65535.
const DNS_LABEL = '(?:xn--)?[a-z0-9]+(?:-[a-z0-9]+)*';
const TOP_LABEL = '(?:xn--[a-z0-9]+(?:-[a-z0-9]+)*|[a-z][a-z0-9]*(?:-[a-z0-9]+)*)';
const PORT_1000_UP = '[1-9]\\d{3}|[1-5]\\d{4}|6[0-4]\\d{3}|65[0-4]\\d{2}|655[0-2]\\d|6553[0-5]';
const HTTPS_PORT = `(?::(?:[1-9]|[1-9]\\d|[1-35-9]\\d{2}|4[0-35-9]\\d|44[0-24-9]|${PORT_1000_UP}))?`; // not 443
const HTTP_PORT = `(?::(?:[1-9]|[1-79]\\d|8[1-9]|[1-9]\\d{2}|${PORT_1000_UP}))?`; // not 80
const ORIGIN_PATTERN = new RegExp(`^(?:https://(?:${DNS_LABEL}\\.)*${TOP_LABEL}${HTTPS_PORT}|http://(?:localhost|127\\.0\\.0\\.1)${HTTP_PORT})$`);
const origin = z
  .string()
  .max(200)
  .regex(ORIGIN_PATTERN, 'must be an origin such as https://portal.example.com (https, lowercase host, no path, no default port; http only for localhost)');

const embedOriginsBody = z.object({ origins: z.array(origin).max(20) }).strict();
const embedOrigins = z.object({ origins: z.array(z.string()) });

/** Where the admin's browser reaches the product: PUBLIC_URL, else the request's own address. */
function publicBaseUrl(deps: AppDeps, req: { protocol: string; host: string }): string {
  return (deps.config.PUBLIC_URL ?? `${req.protocol}://${req.host}`).replace(/\/+$/, '');
}

export function connectLinkRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/connect-links',
      {
        schema: {
          tags: ['connect'],
          summary: 'A short-lived link to the connect page for this company (company key only)',
          body: createConnectLinkBody,
          response: { 201: connectLinkCreated, 403: errorResponses[403] },
        },
      },
      async (req, reply) => {
        const { companyId } = companyKeyOf(req);
        const token = generateConnectToken();
        const expiresAt = new Date(Date.now() + req.body.expiresInMinutes * 60_000);
        const link = await deps.db.connectLink.create({ data: { companyId, tokenHash: hashApiKey(token), expiresAt } });
        const url = `${publicBaseUrl(deps, req)}/connect?link=${encodeURIComponent(token)}`;
        return reply.code(201).send({ id: link.id, url, expiresAt: expiresAt.toISOString() });
      },
    );

    app.delete(
      '/connect-links/:id',
      { schema: { tags: ['connect'], summary: 'Revoke a connect link at once', params: idParams, response: { 204: z.null(), 403: errorResponses[403], 404: errorResponses[404] } } },
      async (req, reply) => {
        const { companyId } = companyKeyOf(req);
        const revoked = await deps.db.connectLink.updateMany({ where: { id: req.params.id, companyId }, data: { revokedAt: new Date() } });
        if (revoked.count === 0) throw new ApiError(404, 'not_found', 'No such connect link.');
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/company/embed-origins',
      { schema: { tags: ['connect'], summary: 'The origins allowed to frame the connect page', querystring: z.object({}).strict(), response: { 200: embedOrigins, 403: errorResponses[403] } } },
      async (req) => {
        const { companyId } = companyKeyOf(req);
        const company = await deps.db.company.findUniqueOrThrow({ where: { id: companyId }, select: { embedOrigins: true } });
        return { origins: company.embedOrigins };
      },
    );

    app.put(
      '/company/embed-origins',
      {
        schema: {
          tags: ['connect'],
          summary: 'Set the origins allowed to frame the connect page (its Content-Security-Policy frame-ancestors)',
          body: embedOriginsBody,
          response: { 200: embedOrigins, 403: errorResponses[403] },
        },
      },
      async (req) => {
        const { companyId } = companyKeyOf(req);
        const origins = [...new Set(req.body.origins)];
        await deps.db.company.update({ where: { id: companyId }, data: { embedOrigins: origins } });
        return { origins };
      },
    );
  };
}
