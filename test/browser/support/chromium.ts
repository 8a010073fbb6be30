// Debian's Chromium driven by playwright-core (Playwright's own browser download is not reachable
// here). One browser per test file; each test opens a fresh context (no shared cookies or storage).
import { chromiumPath, NO_CHROMIUM } from '../../../bench/browser';

export { chromiumPath, launchChromium } from '../../../bench/browser';

/**
 * describe() when Chromium exists; otherwise, outside CI, the block is skipped and its title says
 * why, so a run without a browser reads "skipped: no Chromium …" instead of silently passing.
 */
export function describeInBrowser(title: string, body: () => void): void {
  if (chromiumPath) {
    describe(title, body);
    return;
  }
  // CI installs Chromium (.ci/run sets REQUIRE_CHROMIUM=1): there a missing browser is a failure, never a skip.
  if (process.env.REQUIRE_CHROMIUM === '1') throw new Error(`${title}: ${NO_CHROMIUM}, and REQUIRE_CHROMIUM=1 asks for the browser tests to run`);
  // Elsewhere (a laptop without Chromium) the block is skipped, once per file in the run's output:
  // jest prints skipped titles only in verbose mode.
  console.warn(`${title}: ${NO_CHROMIUM}`);
  describe.skip(`${title} (${NO_CHROMIUM})`, body);
}

