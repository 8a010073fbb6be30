import fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const servers = (globalThis as Record<string, unknown>).__HR_TEST_SERVERS__ as
    | { pg: { stop(): Promise<void> }; temporal: { stop(): Promise<void> }; dataDir: string }
    | undefined;
  if (!servers) return;
  await Promise.allSettled([servers.temporal.stop(), servers.pg.stop()]);
  fs.rmSync(servers.dataDir, { recursive: true, force: true });
  if (process.env.HR_TEST_ENV_FILE) fs.rmSync(process.env.HR_TEST_ENV_FILE, { force: true });
}
