// The Temporal SDK's own metrics (worker task slots, pollers, task latencies, gRPC requests of the
// worker's connection: the `temporal_` series Temporal's dashboards use). The SDK's Rust core
// exports them with a Prometheus server of its own; the product exposes one port per process, so
// the core binds a free loopback port and our /metrics appends its text on every scrape.
//
// SDK 1.24's alternative, the buffered exporter (telemetryOptions.metrics.buffer, MetricsBuffer),
// hands every metric update to JS, to be re-created in prom-client; it is marked experimental, drops
// updates when not drained often enough, and would re-bucket Temporal's histograms. The loopback
// exporter is the SDK's stable path and keeps Temporal's names, units and buckets.
import { Runtime } from '@temporalio/worker';
import type { Logger } from 'pino';
import { freePort } from '../ports';

export interface TemporalCoreMetrics {
  /** Where the core's exporter listens (loopback only; not for scraping directly). */
  bindAddress: string;
  /** The core's metrics in the Prometheus text format; empty when it does not answer (e.g. while the worker stops). */
  text(): Promise<string>;
}

const SCRAPE_TIMEOUT_MS = 2_000;

/**
 * Installs the SDK's runtime with the Prometheus exporter on a free loopback port. Must run before
 * the process creates any NativeConnection or Worker, and once per process. When the runtime was
 * already installed or instantiated (a test harness, an embedded server started through the SDK),
 * the product runs on without Temporal's metrics and says so; null then.
 */
export async function installTemporalCoreMetrics(log: Logger): Promise<TemporalCoreMetrics | null> {
  let bindAddress = '';
  for (let attempt = 1; ; attempt++) {
    bindAddress = `127.0.0.1:${await freePort('127.0.0.1')}`;
    try {
      Runtime.install({ telemetryOptions: { metrics: { prometheus: { bindAddress } } } });
      break;
    } catch (err) {
      if ((err as Error)?.name === 'IllegalStateError') {
        log.warn({ reason: (err as Error).message }, 'the Temporal SDK runtime was set up before the metrics: /metrics serves no temporal_ series');
        return null;
      }
      // The free port was taken between the probe and the core's bind: another one.
      if (attempt >= 3 || !/address already in use/i.test(String((err as Error)?.message))) throw err;
    }
  }
  const url = `http://${bindAddress}/metrics`;
  return {
    bindAddress,
    async text() {
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(SCRAPE_TIMEOUT_MS) });
        return res.ok ? await res.text() : '';
      } catch {
        return '';
      }
    },
  };
}
