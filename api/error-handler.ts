import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ApiError, methodNotAllowed, outageApiError } from './errors';

/** Errors Fastify raises before routing (a malformed URL: 400, an over-long path parameter: 414), in the one error shape. */
export function frameworkErrorHandler(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  void reply.code(status).send({ error: err.code?.toLowerCase() ?? 'bad_request', message: err.message });
}

/**
 * A request no route takes, on a path some route has: 405 with the path's methods in Allow (HEAD
 * with GET); on any other path the 404. Both are answered before any body is read.
 */
export function registerMethodNotAllowed(app: FastifyInstance): void {
  const paths: { pattern: RegExp; methods: Set<string> }[] = [];
  app.addHook('onRoute', (route) => {
    const parts = route.url.split('/').map((part) => (part.startsWith(':') ? '[^/]+' : part === '*' ? '.*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    const source = `^${parts.join('/')}$`;
    let entry = paths.find((p) => p.pattern.source === new RegExp(source).source);
    if (!entry) paths.push((entry = { pattern: new RegExp(source), methods: new Set() }));
    for (const m of [route.method].flat()) entry.methods.add(m);
  });
  app.addHook('onRequest', async (req, reply) => {
    if (!req.is404) return;
    const path = req.url.split('?')[0]!;
    const allowed = new Set<string>();
    for (const p of paths) if (p.pattern.test(path)) for (const m of p.methods) allowed.add(m);
    // No such path: 404 here too, before a body method's body is read (QUERY without a Content-Type).
    if (allowed.size === 0 || allowed.has(req.method)) return reply.code(404).send(notFoundBody(req));
    const allow = [...allowed].sort().join(', ');
    const err = methodNotAllowed(req.method, path, allow);
    return reply.code(405).header('allow', allow).send({ error: err.code, message: err.message });
  });
}

const notFoundBody = (req: FastifyRequest) => ({ error: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}.` });

export function registerErrorHandler(app: FastifyInstance): void {
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send(notFoundBody(req));
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof ApiError) {
      if (err.statusCode === 503 && err.cause !== undefined) req.log.warn({ err: err.cause, error: err.code }, 'service unavailable');
      return reply.code(err.statusCode).send({ error: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        field: [err.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
        message: v.message,
      }));
      const first = issues[0];
      return reply.code(400).send({
        // The list's own cursor check (api/pagination.ts), made by its query schema.
        error: first?.field === 'querystring.cursor' ? 'invalid_cursor' : 'invalid_request',
        message: first ? `Invalid ${first.field}: ${first.message}` : 'The request is invalid.',
        details: issues,
      });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err }, 'response did not match its schema');
      return reply.code(500).send({ error: 'internal_error', message: 'The server produced an invalid response.' });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Fastify's own 4xx (bad JSON, body too large, unsupported media type).
      return reply.code(err.statusCode).send({ error: err.code?.toLowerCase() ?? 'bad_request', message: err.message });
    }
    // PostgreSQL or Temporal unreachable, on any route: a 503 naming the service, not a 500.
    const outage = outageApiError(err);
    if (outage) {
      req.log.warn({ err, error: outage.code }, 'service unavailable');
      return reply.code(outage.statusCode).send({ error: outage.code, message: outage.message });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send({ error: 'internal_error', message: 'Something went wrong on our side; it has been logged.' });
  });
}
