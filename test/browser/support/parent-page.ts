// A stand-in for the employer's portal: a tiny page on its own origin (another loopback port) that
// frames the connect page and records what reaches it: the frame's load event and every postMessage.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ParentPortal {
  /** e.g. http://127.0.0.1:40211, the origin the connect page sees as its ancestor */
  origin: string;
  /** The portal page that frames `src`. */
  pageUrl(src: string): string;
  /** A portal page without a frame, to open the connect page in a new window (window.open). */
  openerUrl(): string;
  close(): Promise<void>;
}

export interface ReceivedMessage {
  origin: string;
  data: unknown;
}

/** What the portal page exposes on window for the test to read. */
export interface PortalWindow {
  frameLoaded: boolean;
  messages: ReceivedMessage[];
}

const escapeAttr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function portalHtml(src: string | null): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Employer portal</title></head>
<body>
<h1>Employer portal</h1>
<script>
  window.frameLoaded = false;
  window.messages = [];
  window.addEventListener('message', (event) => { window.messages.push({ origin: event.origin, data: event.data }); });
</script>
${src === null ? '' : `<iframe id="connect" title="Connect your HR system" width="1200" height="860" src="${escapeAttr(src)}" onload="window.frameLoaded = true"></iframe>`}
</body></html>`;
}

export async function startParentPortal(): Promise<ParentPortal> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const src = url.searchParams.get('src');
    if (!(url.pathname === '/portal' && src) && url.pathname !== '/opener') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(portalHtml(url.pathname === '/portal' ? src : null));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    pageUrl: (src) => `${origin}/portal?src=${encodeURIComponent(src)}`,
    openerUrl: () => `${origin}/opener`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
