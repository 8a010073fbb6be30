// HTTP metrics of the API, from Fastify's hooks: requests and their latency by method, route pattern
// and status, and server errors (5xx) by route. The route is the pattern Fastify matched
// (`/v1/integrations/:id`), never the URL with its ids; requests that match no route count as
// `unmatched`, and unusual methods as `OTHER`, so the label sets stay bounded.
import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, type Registry } from 'prom-client';
import { METRIC_PREFIX as PREFIX } from '../infra/metrics/registry';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Seconds; the API answers most requests in milliseconds, a live credential check can take seconds. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const labelNames = ['method', 'route', 'status_code'] as const;
type Label = (typeof labelNames)[number];

/** The registry's HTTP metrics, made on first use: apps built on the same registry share them. */
function httpMetrics(registry: Registry) {
  const existing = <M>(name: string) => registry.getSingleMetric(`${PREFIX}${name}`) as M | undefined;
  return {
    requests:
      existing<Counter<Label>>('http_requests_total') ??
      new Counter({ name: `${PREFIX}http_requests_total`, help: 'HTTP requests answered by the API, by method, route pattern and status code', labelNames, registers: [registry] }),
    duration:
      existing<Histogram<Label>>('http_request_duration_seconds') ??
      new Histogram({
        name: `${PREFIX}http_request_duration_seconds`,
        help: 'Time from receiving an API request to sending its answer, by method, route pattern and status code',
        labelNames,
        buckets: LATENCY_BUCKETS,
        registers: [registry],
      }),
    serverErrors:
      existing<Counter<Label>>('http_server_errors_total') ??
      new Counter({ name: `${PREFIX}http_server_errors_total`, help: 'API answers with a 5xx status, by method, route pattern and status code', labelNames, registers: [registry] }),
  };
}

export function registerHttpMetrics(app: FastifyInstance, registry: Registry): void {
  const { requests, duration, serverErrors } = httpMetrics(registry);
  app.addHook('onResponse', async (req, reply) => {
    const labels = {
      method: METHODS.has(req.method) ? req.method : 'OTHER',
      route: req.is404 ? 'unmatched' : (req.routeOptions.url ?? 'unmatched'),
      status_code: String(reply.statusCode),
    };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
    if (reply.statusCode >= 500) serverErrors.inc(labels);
  });
}
