// Runs `temporal server start-dev` (the real Temporal server with its Web UI) as a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { Connection } from '@temporalio/client';
import { CUSTOM_SEARCH_ATTRIBUTES } from '../contracts/search-attributes';
import { freePort } from './ports';

export interface DevServerOptions {
  cliPath: string;
  port: number;
  /** null = headless (tests). */
  uiPort: number | null;
  /** null = in memory (tests); a file keeps workflows across restarts. */
  dbFile: string | null;
  namespace: string;
  ip?: string;
  extraArgs?: string[];
  /** Register the product's custom search attributes at start (default true). */
  registerSearchAttributes?: boolean;
  log?: (line: string) => void;
}

export interface RunningDevServer {
  address: string;
  uiUrl: string | null;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startTemporalDevServer(options: DevServerOptions): Promise<RunningDevServer> {
  const ip = options.ip ?? '127.0.0.1';
  // The HTTP API port would default to port + 1000, which nobody checked was free: choose a free one.
  const httpPort = await freePort();
  const args = ['server', 'start-dev', '--ip', ip, '--port', String(options.port), '--http-port', String(httpPort), '--namespace', options.namespace, '--log-level', 'warn'];
  if (options.uiPort === null) args.push('--headless');
  else args.push('--ui-port', String(options.uiPort));
  if (options.dbFile) args.push('--db-filename', options.dbFile);
  if (options.registerSearchAttributes !== false) {
    for (const key of CUSTOM_SEARCH_ATTRIBUTES) args.push('--search-attribute', `${key.name}=Keyword`);
  }
  args.push(...(options.extraArgs ?? []));

  const child = spawn(options.cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  let firstOutput = ''; // a Go panic names its cause first, before a long stack
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    if (firstOutput.length < 1000) firstOutput += text.slice(0, 1000 - firstOutput.length);
    output.push(text);
    if (output.length > 50) output.shift();
    for (const line of text.split('\n')) if (line.trim()) options.log?.(line);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited: number | null = null;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exited = code ?? -1;
      resolve();
    }),
  );

  const address = `${ip}:${options.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) throw new Error(`Temporal dev server exited with code ${exited} during start-up:\n${firstOutput}\n…\n${output.join('').slice(-1000)}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.describeNamespace({ namespace: options.namespace });
        break;
      } finally {
        await connection.close();
      }
    } catch (err) {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`Temporal dev server did not become ready at ${address} within 60 s: ${(err as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  return {
    address,
    uiUrl: options.uiPort === null ? null : `http://${ip}:${options.uiPort}`,
    process: child,
    stop: async () => {
      if (exited !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    },
  };
}
