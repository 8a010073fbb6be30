// Checks run against the connect page in the browser: accessibility (axe-core), that the link's
// token leaks nowhere the admin or another script could read it, and the step screenshots.
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright-core';

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's violations of impact serious or critical on what the page shows now. */
export async function seriousAccessibilityViolations(page: Page | Frame): Promise<AxeFinding[]> {
  // Evaluated through the DevTools protocol: the page's CSP (script-src 'self') rightly refuses the
  // inline <script> page.addScriptTag would add.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.map(String).join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Every place in the browser where the link's token must not be: visible text, storage, cookies, the URL. */
export async function placesHoldingToken(page: Page, context: BrowserContext, token: string): Promise<string[]> {
  const inPage = await page.evaluate((secret) => {
    const found: string[] = [];
    if (document.body.innerText.includes(secret)) found.push('visible text');
    if (document.title.includes(secret)) found.push('title');
    // Hidden too: an attribute, a hidden input or a script a browser extension or screen reader could read.
    if (document.documentElement.outerHTML.includes(secret)) found.push('page HTML');
    for (const [name, storage] of [['localStorage', localStorage], ['sessionStorage', sessionStorage]] as const) {
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i)!;
        if (key.includes(secret) || (storage.getItem(key) ?? '').includes(secret)) found.push(name);
      }
    }
    if (document.cookie.includes(secret)) found.push('document.cookie');
    if (location.href.includes(secret)) found.push('location');
    return found;
  }, token);
  const cookies = await context.cookies();
  if (cookies.some((c) => c.value.includes(token) || c.name.includes(token))) inPage.push('cookies');
  if (page.url().includes(token)) inPage.push('page URL');
  return inPage;
}

export const SCREENSHOT_DIR = path.resolve(__dirname, '../../../docs/screenshots');

/**
 * docs/screenshots/connect-<step>.png, written only with SCREENSHOTS=1 so that an ordinary test run
 * leaves the committed images (and the working tree) alone.
 */
export async function screenshotStep(page: Page, step: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Caret and animations off: the same step gives the same picture.
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `connect-${step}.png`), fullPage: true, animations: 'disabled', caret: 'hide' });
}

/** Retries an assertion until it holds or the time is up (what Playwright's expect.poll does). */
export async function eventually<T>(check: () => Promise<T> | T, { timeoutMs = 30_000, intervalMs = 100 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
