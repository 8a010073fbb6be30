// Finds the real Temporal CLI: TEMPORAL_CLI_PATH, then PATH, then the tool cache that
// scripts/install-temporal.sh fills.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const TEMPORAL_CLI_VERSION = 'v1.5.1';
export const TEST_SERVER_VERSION = '1.31.0';

export function toolsCacheDir(): string {
  return process.env.TOOLS_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'hr-benefits-tools');
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export function findTemporalCli(explicit?: string): string | null {
  if (explicit) {
    if (!isExecutable(explicit)) throw new Error(`TEMPORAL_CLI_PATH=${explicit} is not an executable file`);
    return explicit;
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'temporal');
    if (dir && isExecutable(candidate)) return candidate;
  }
  const cached = path.join(toolsCacheDir(), 'temporal-cli', TEMPORAL_CLI_VERSION, 'temporal');
  return isExecutable(cached) ? cached : null;
}

export function findTestServer(): string | null {
  const explicit = process.env.TEMPORAL_TEST_SERVER_PATH;
  if (explicit && isExecutable(explicit)) return explicit;
  const cached = path.join(toolsCacheDir(), 'temporal-test-server', TEST_SERVER_VERSION, 'temporal-test-server');
  return isExecutable(cached) ? cached : null;
}
