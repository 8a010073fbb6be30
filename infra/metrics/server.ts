// The process's one metrics endpoint: a tiny HTTP server answering GET /metrics with the text of
// every source (our registry, then Temporal's core), anything else 404.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PortInUseError } from '../ports';
import { PROMETHEUS_CONTENT_TYPE } from './registry';

/** One part of the exposition, in the Prometheus text format. */
export type MetricsSource = () => Promise<string>;

export interface RunningMetricsServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startMetricsServer(options: { host: string; port: number; sources: MetricsSource[] }): Promise<RunningMetricsServer> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found: metrics are at GET /metrics\n');
      return;
    }
    Promise.all(options.sources.map((source) => source()))
      .then((parts) => {
        const body = parts
          .filter((p) => p.trim() !== '')
          .map((p) => (p.endsWith('\n') ? p : `${p}\n`))
          .join('\n');
        res.writeHead(200, { 'content-type': PROMETHEUS_CONTENT_TYPE, 'content-length': Buffer.byteLength(body) });
        res.end(req.method === 'HEAD' ? undefined : body);
      })
      .catch((err: Error) => {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(`metrics collection failed: ${err.message}\n`);
      });
  });
  server.keepAliveTimeout = 65_000; // longer than Prometheus' idle connections, so a scrape never meets a closing socket
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new PortInUseError(`Port ${options.port} (metrics) is already in use on ${options.host}. Stop what uses it or set METRICS_PORT to another port.`)
          : err,
      ),
    );
    server.listen(options.port, options.host, () => {
      server.removeAllListeners('error');
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  return {
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}/metrics`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
