// A tiny loopback HTTP server used by every vendor fake (tests, demo, benchmark).
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
): Promise<RunningFakeServer> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      try {
        const out = await handle({
          method: req.method ?? 'GET',
          url: new URL(req.url ?? '/', `http://${host}`),
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        const payload = out.body === undefined ? '' : typeof out.body === 'string' ? out.body : JSON.stringify(out.body);
        res.writeHead(out.status, { 'content-type': 'application/json', ...out.headers });
        res.end(payload);
      } catch (err) {
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
