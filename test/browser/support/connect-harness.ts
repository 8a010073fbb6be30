// The product as the connect page's admin meets it: the real API listening on a loopback port (the
// page and its API calls come from there), a worker on the shared Temporal dev server, a fresh
// PostgreSQL database, the Sandbox HR system and the Personio fake, and one Chromium per test file.
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startFakePersonio, type FakePersonioOptions, type RunningFakePersonio } from '../../../connectors/personio/fake-server';
import { SANDBOX_DEMO_API_KEY } from '../../../connectors/sandbox/api-types';
import { startSandboxHrServer, type RunningSandboxHrServer, type SandboxHrServerOptions } from '../../../connectors/sandbox/fake-server';
import { CONNECT_PAGE_DIR } from '../../../api/routes/connect-page';
import { bearer, createCompany } from '../../support/api';
import { startProductUnderTest, stopProductUnderTest, type ProductUnderTest } from '../../support/product-under-test';
import { launchChromium } from './chromium';

export interface ConnectLink {
  id: string;
  url: string;
  expiresAt: string;
  /** The link's secret, to check that the page never shows or stores it. */
  token: string;
}

export interface CompanyWithLink {
  id: string;
  apiKey: string;
  link: ConnectLink;
}

export interface ConnectHarness {
  product: ProductUnderTest;
  /** Where the admin's browser reaches the product, e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  sandbox: RunningSandboxHrServer | null;
  personio: RunningFakePersonio | null;
  browser: Browser;
  /** A new company with a fresh connect link (and the origins allowed to frame the page). */
  createCompanyWithLink(name: string, options?: { embedOrigins?: string[] }): Promise<CompanyWithLink>;
  createLink(companyKey: string, expiresInMinutes?: number): Promise<ConnectLink>;
  revokeLink(companyKey: string, linkId: string): Promise<void>;
  /** The public API with the company key, for what the test prepares or checks outside the page. */
  api(companyKey: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object): Promise<{ status: number; body: any }>;
  /** A sandbox integration set up through the API up to its credentials (the page then opens at step 4). */
  sandboxDraftWithCredentials(companyKey: string): Promise<string>;
  /** A fresh browser context (no cookies, no storage) at a fixed size, in English unless told, and a page in it. */
  newPage(options?: { locale?: string }): Promise<{ context: BrowserContext; page: Page }>;
  stop(): Promise<void>;
}

export interface ConnectHarnessOptions {
  sandbox?: SandboxHrServerOptions | false;
  personio?: FakePersonioOptions | false;
}

export async function startConnectHarness(options: ConnectHarnessOptions = {}): Promise<ConnectHarness> {
  const started: { product?: ProductUnderTest; sandbox?: RunningSandboxHrServer; personio?: RunningFakePersonio; browser?: Browser } = {};
  const contexts = new Set<BrowserContext>();
  const stop = async () => {
    await Promise.allSettled([...contexts].map((c) => c.close()));
    await started.browser?.close().catch(() => undefined);
    if (started.product) await stopProductUnderTest(started.product);
    await Promise.allSettled([started.sandbox?.close(), started.personio?.close()]);
  };
  if (!fs.existsSync(path.join(CONNECT_PAGE_DIR, 'index.html'))) throw new Error(`The connect page is not built (${CONNECT_PAGE_DIR}): run \`npm run build:connect\`.`);
  try {
    const [product, sandbox, personio, browser] = await Promise.all([
      startProductUnderTest(),
      options.sandbox === false ? null : startSandboxHrServer({ employeeCount: 24, seed: 7, ...options.sandbox }),
      options.personio === false ? null : startFakePersonio({ employeeCount: 30, seed: 5, ...options.personio }),
      launchChromium(),
    ]);
    Object.assign(started, { product, sandbox: sandbox ?? undefined, personio: personio ?? undefined, browser });
    await product.app.listen({ host: '127.0.0.1', port: 0 });
    const baseUrl = `http://127.0.0.1:${(product.app.server.address() as AddressInfo).port}`;
    const { app } = product;

    const createLink = async (companyKey: string, expiresInMinutes?: number): Promise<ConnectLink> => {
      const res = await app.inject({ method: 'POST', url: '/v1/connect-links', headers: { ...bearer(companyKey), host: new URL(baseUrl).host }, payload: expiresInMinutes ? { expiresInMinutes } : {} });
      if (res.statusCode !== 201) throw new Error(`connect link refused: ${res.statusCode} ${res.body}`);
      const link = res.json() as Omit<ConnectLink, 'token'>;
      // The link names the address the request came to; the browser must reach the listening server.
      const url = new URL(link.url);
      if (url.origin !== baseUrl) throw new Error(`connect link ${link.url} does not point at ${baseUrl}`);
      return { ...link, token: url.searchParams.get('link')! };
    };

    return {
      product,
      baseUrl,
      sandbox,
      personio,
      browser,
      createLink,
      async createCompanyWithLink(name, { embedOrigins } = {}) {
        const company = await createCompany(app, name);
        if (embedOrigins) {
          const res = await app.inject({ method: 'PUT', url: '/v1/company/embed-origins', headers: bearer(company.apiKey), payload: { origins: embedOrigins } });
          if (res.statusCode !== 200) throw new Error(`embed origins refused: ${res.statusCode} ${res.body}`);
        }
        return { ...company, link: await createLink(company.apiKey) };
      },
      async revokeLink(companyKey, linkId) {
        const res = await app.inject({ method: 'DELETE', url: `/v1/connect-links/${linkId}`, headers: bearer(companyKey) });
        if (res.statusCode !== 204) throw new Error(`revoking the link failed: ${res.statusCode} ${res.body}`);
      },
      async api(companyKey, method, url, payload) {
        const res = await app.inject({ method, url, headers: bearer(companyKey), ...(payload ? { payload: payload as Record<string, unknown> } : {}) });
        return { status: res.statusCode, body: res.body ? res.json() : null };
      },
      async sandboxDraftWithCredentials(companyKey) {
        if (!sandbox) throw new Error('this harness runs no sandbox');
        const created = await app.inject({ method: 'POST', url: '/v1/integrations', headers: bearer(companyKey), payload: { hrSystem: 'sandbox' } });
        if (created.statusCode !== 201) throw new Error(`integration refused: ${created.statusCode} ${created.body}`);
        const id = created.json().id as string;
        const credentials = await app.inject({ method: 'PUT', url: `/v1/integrations/${id}/credentials`, headers: bearer(companyKey), payload: { apiKey: SANDBOX_DEMO_API_KEY, baseUrl: sandbox.url } });
        if (credentials.statusCode !== 200) throw new Error(`credentials refused: ${credentials.statusCode} ${credentials.body}`);
        return id;
      },
      async newPage({ locale = 'en-US' } = {}) {
        const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 }, timezoneId: 'Europe/Berlin' });
        contexts.add(context);
        context.on('close', () => contexts.delete(context));
        return { context, page: await context.newPage() };
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
