// A tiny loopback HTTP server used by every vendor fake (tests, demo, benchmark). Vendor fakes are
// built on connectors/kit/fake/ (faults, request log, auth, paging); this is only the socket part.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Answer this much later (a slow page). */
  delayMs?: number;
  /** Announce the whole body but send only its first half, then drop the connection (a listing cut short). */
  cutShort?: boolean;
}

export interface RunningFakeServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startFakeHttpServer(
  handle: (req: FakeRequest) => FakeResponse | Promise<FakeResponse>,
  port = 0,
  host = '127.0.0.1',
  /** Told how long each answer took, from the whole request read to the answer written (fault delays left out). */
  onServed?: (ms: number) => void,
): Promise<RunningFakeServer> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const started = performance.now();
      let delayMs = 0;
      if (onServed) res.once('finish', () => onServed(performance.now() - started - delayMs));
      try {
        const out = await handle({
          method: req.method ?? 'GET',
          url: new URL(req.url ?? '/', `http://${host}`),
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        if (out.delayMs) {
          delayMs = out.delayMs;
          await new Promise((resolve) => setTimeout(resolve, out.delayMs));
        }
        const payload = Buffer.from(out.body === undefined ? '' : typeof out.body === 'string' ? out.body : JSON.stringify(out.body));
        res.writeHead(out.status, { 'content-type': 'application/json', 'content-length': String(payload.length), ...out.headers });
        if (out.cutShort) {
          res.write(payload.subarray(0, Math.floor(payload.length / 2)), () => res.destroy());
          return;
        }
        res.end(payload);
      } catch (err) {
        if (res.headersSent) return void res.destroy();
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: (err as Error).message } }));
      }
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${actual}`,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
