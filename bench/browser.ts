// Debian's Chromium driven by playwright-core (Playwright's own browser download is not reachable
// here): where it is and how to start it, for the browser tests and bench/connect-page.ts.
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);

/** The Chromium binary to drive, or null when the machine has none. */
export const chromiumPath: string | null = CANDIDATES.find((p) => fs.existsSync(p)) ?? null;

export const NO_CHROMIUM = `skipped: no Chromium (looked at ${CANDIDATES.join(', ')}); .ci/run installs Debian's chromium, or set CHROMIUM_PATH`;

export async function launchChromium(): Promise<Browser> {
  if (!chromiumPath) throw new Error(NO_CHROMIUM);
  const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return chromium.launch({
    executablePath: chromiumPath,
    // Chromium's sandbox refuses to run as root; the pages are our own, served on loopback.
    args: runningAsRoot ? ['--no-sandbox'] : [],
    timeout: 60_000,
  });
}
