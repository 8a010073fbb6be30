// Last resort when no Temporal CLI exists and no Go toolchain can build one: the SDK downloads the
// dev server itself (works wherever its download host is reachable; not on this project's CI).
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { CUSTOM_SEARCH_ATTRIBUTES } from '../contracts/search-attributes';
import type { RunningDevServer } from './temporal-dev-server';

export async function startSdkDownloadedDevServer(options: { port: number; uiPort: number; dbFile: string; namespace: string }): Promise<Omit<RunningDevServer, 'process'>> {
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      ip: '127.0.0.1',
      port: options.port,
      ui: true,
      uiPort: options.uiPort,
      dbFilename: options.dbFile,
      namespace: options.namespace,
      searchAttributes: [...CUSTOM_SEARCH_ATTRIBUTES],
    },
  });
  return { address: `127.0.0.1:${options.port}`, uiUrl: `http://127.0.0.1:${options.uiPort}`, stop: () => env.teardown() };
}
