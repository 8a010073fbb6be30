// One Prometheus registry per process: what its one /metrics endpoint serves (the API's and the
// worker's metrics when both run in it), with Node's default process metrics collected once.
import { collectDefaultMetrics, Registry } from 'prom-client';

/** The Prometheus text exposition format every part of /metrics is written in. */
export const PROMETHEUS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

/** Metric names of ours start with this; Temporal's own carry `temporal_`, Node's `process_` / `nodejs_`. */
export const METRIC_PREFIX = 'hr_benefits_';

export function createProcessMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

export type { Registry };
