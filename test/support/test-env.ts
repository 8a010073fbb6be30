// Where the servers started by global-setup.ts live, shared with every test file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestEnv {
  postgresAdminUrl: string;
  templateDatabase: string;
  temporalAddress: string;
  temporalCliPath: string;
  workflowBundlePath: string;
  dataDir: string;
}

/** Set by global setup; test workers inherit it. */
export function testEnvFile(runId: string): string {
  return path.join(os.tmpdir(), `hr-benefits-test-env-${runId}.json`);
}

export function writeTestEnv(env: TestEnv, file: string): void {
  fs.writeFileSync(file, JSON.stringify(env));
  process.env.HR_TEST_ENV_FILE = file;
}

export function readTestEnv(): TestEnv {
  const file = process.env.HR_TEST_ENV_FILE;
  if (!file || !fs.existsSync(file)) throw new Error(`No test servers: ${file} is missing (run the suite through jest's global setup).`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as TestEnv;
}
