import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ApiError, outageApiError } from './errors';

export function registerErrorHandler(app: FastifyInstance): void {
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send({ error: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}.` });
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
        error: 'invalid_request',
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
