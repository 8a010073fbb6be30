// `npx tsx bench/connect-page.ts`: how fast the connect page is ready for the admin, in Debian's
// Chromium, and what it weighs. Prints figures (no thresholds): time to interactive (navigation
// start until the first step's controls are enabled and the catalog is listed), navigation timing,
// and the bytes transferred by type with their gzipped size.
//
// Without arguments it starts its own product on free ports (embedded PostgreSQL, Temporal dev
// server, the API; data in a temp folder, removed afterwards), creates a demo company and a link.
// `--link=<connect link URL>` measures a link of a running product instead (e.g. the one `npm start` prints).
// `--runs=N` (default 7): each run is a fresh browser context (cold cache), the median is printed;
// a last run in the same context shows the warm (cached) load.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { startProduct } from '../composition/product';
import { loadConfig } from '../infra/config';
import { startInfrastructure } from '../infra/infrastructure';
import { createLogger } from '../infra/logger';
import { freePort } from '../infra/ports';
import { chromiumPath } from './browser';
import { FIRST_STEP_READY } from '../test/browser/support/connect-page';

interface RunFigures {
  ttiMs: number;
  responseStartMs: number;
  domContentLoadedMs: number;
  loadMs: number;
  resources: Array<{ url: string; type: string; transferSize: number; encodedBodySize: number; decodedBodySize: number }>;
}

function argument(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function ownProduct(): Promise<{ link: string; stop(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'connect-page-bench-'));
  const [port, pgPort, temporalPort, uiPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: String(port),
    EMBEDDED_POSTGRES_PORT: String(pgPort),
    TEMPORAL_DEV_PORT: String(temporalPort),
    TEMPORAL_UI_PORT: String(uiPort),
    START_SANDBOX_HR: 'false',
    LOG_LEVEL: 'warn',
    TEMPORAL_CLI_PATH: process.env.TEMPORAL_CLI_PATH,
  });
  const log = createLogger('warn');
  const infra = await startInfrastructure(config, log);
  // The API alone: opening the page and listing the catalog need no worker.
  const product = await startProduct(config, infra, { worker: false, api: true }, log);
  const stop = async () => {
    await product.shutdown();
    await infra.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const post = async (url: string, key: string, body: unknown) => {
      const res = await fetch(`${product.apiUrl}${url}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<Record<string, string>>;
    };
    const company = await post('/v1/companies', product.operatorApiKey, { name: 'Bench GmbH' });
    const { url } = await post('/v1/connect-links', company.apiKey!, {});
    return { link: url!, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function measure(context: BrowserContext, link: string): Promise<RunFigures> {
  const page = await context.newPage();
  await page.goto(link, { waitUntil: 'commit' });
  // Polled on every animation frame: the first frame in which the admin could start.
  const tti = await page.waitForFunction(FIRST_STEP_READY, undefined, { polling: 'raf', timeout: 30_000 });
  const ttiMs = (await tti.jsonValue()) as number;
  await page.waitForLoadState('load');
  const figures = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const entries = [nav, ...(performance.getEntriesByType('resource') as PerformanceResourceTiming[])];
    return {
      responseStartMs: nav.responseStart,
      domContentLoadedMs: nav.domContentLoadedEventEnd,
      loadMs: nav.loadEventEnd,
      resources: entries.map((e) => ({ url: e.name, type: e.initiatorType, transferSize: e.transferSize, encodedBodySize: e.encodedBodySize, decodedBodySize: e.decodedBodySize })),
    };
  });
  await page.close();
  return { ttiMs, ...figures };
}

function kindOf(url: string, initiator: string): string {
  const pathname = new URL(url).pathname;
  if (pathname.startsWith('/v1/')) return 'api';
  if (/\.js$/.test(pathname)) return 'js';
  if (/\.css$/.test(pathname)) return 'css';
  if (initiator === 'navigation') return 'html';
  return 'other';
}

async function gzippedSize(url: string): Promise<number> {
  // The bytes the page loads, gzipped at the default level, whatever the server sends.
  const res = await fetch(url);
  return zlib.gzipSync(Buffer.from(await res.arrayBuffer())).length;
}

async function main(): Promise<void> {
  if (!chromiumPath) throw new Error('No Chromium: install Debian\'s chromium (apt-get install chromium) or set CHROMIUM_PATH.');
  const runs = Number(argument('runs') ?? 7);
  const given = argument('link');
  const product = given ? { link: given, stop: async () => undefined } : await ownProduct();
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
    const cold: RunFigures[] = [];
    let warm: RunFigures | null = null;
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
      cold.push(await measure(context, product.link));
      if (i === runs - 1) warm = await measure(context, product.link);
      await context.close();
    }
    const last = cold[cold.length - 1]!;
    const byKind = new Map<string, { files: number; transferred: number; decoded: number; gzipped: number }>();
    for (const r of last.resources) {
      const kind = kindOf(r.url, r.type);
      const row = byKind.get(kind) ?? { files: 0, transferred: 0, decoded: 0, gzipped: 0 };
      row.files++;
      row.transferred += r.transferSize;
      row.decoded += r.decodedBodySize;
      // The link's token is in the document's URL; the page's own assets are fetched without it.
      // The API answers need the link's token; their gzipped size is not computed.
      row.gzipped += kind === 'api' ? 0 : await gzippedSize(kind === 'html' ? product.link : r.url);
      byKind.set(kind, row);
    }
    const ms = (v: number) => `${Math.round(v)} ms`;
    const kb = (v: number) => `${(v / 1024).toFixed(1)} KiB`;
    console.log(`Connect page in Chromium ${browser.version()}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), ${runs} cold runs`);
    console.log(`  time to interactive (median, cold): ${ms(median(cold.map((r) => r.ttiMs)))}   (min ${ms(Math.min(...cold.map((r) => r.ttiMs)))}, max ${ms(Math.max(...cold.map((r) => r.ttiMs)))})`);
    console.log(`  time to interactive (warm cache):   ${ms(warm!.ttiMs)}`);
    console.log(`  first byte ${ms(median(cold.map((r) => r.responseStartMs)))}, DOMContentLoaded ${ms(median(cold.map((r) => r.domContentLoadedMs)))}, load ${ms(median(cold.map((r) => r.loadMs)))} (medians)`);
    console.log('  weight of the page (cold load):');
    let total = { transferred: 0, decoded: 0, gzipped: 0 };
    for (const [kind, row] of [...byKind.entries()].filter(([k]) => k !== 'api').sort()) {
      console.log(`    ${kind.padEnd(5)} ${String(row.files).padStart(2)} file(s)  transferred ${kb(row.transferred).padStart(10)}  uncompressed ${kb(row.decoded).padStart(10)}  gzipped ${kb(row.gzipped).padStart(9)}`);
      total = { transferred: total.transferred + row.transferred, decoded: total.decoded + row.decoded, gzipped: total.gzipped + row.gzipped };
    }
    console.log(`    total          transferred ${kb(total.transferred).padStart(10)}  uncompressed ${kb(total.decoded).padStart(10)}  gzipped ${kb(total.gzipped).padStart(9)}`);
    const api = byKind.get('api');
    if (api) console.log(`  and its API answers until interactive: ${api.files} request(s), transferred ${kb(api.transferred)} (as served)`);
  } finally {
    await browser?.close();
    await product.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
