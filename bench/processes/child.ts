// Runs a bench part (worker, API, fake HR system) as its own Node process, so its memory can be
// read from /proc and its CPU does not share an event loop with the load it serves. Started compiled
// (bench/compiled.ts) with plain `node`, or from the sources with `node --import tsx` (not the tsx
// CLI, which would put a relay process in between and hide the pid).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

// Where the compiled bench parts are (bench/compiled.ts), so that the figures are those of the
// production shape (plain Node, no TypeScript loader); null: run the sources through tsx.
let compiledRoot: string | null = null;

export function runChildrenCompiled(root: string | null): void {
  compiledRoot = root;
}

function childCommand(file: string, nodeArgs: string[]): string[] {
  if (compiledRoot) return [...nodeArgs, path.join(compiledRoot, 'bench', 'processes', file.replace(/\.ts$/, '.js'))];
  return [...nodeArgs, '--import', 'tsx', path.join(__dirname, file)];
}

/** Messages children send to the bench over the IPC channel. */
export type ChildMessage = { type: 'ready'; [key: string]: unknown } | { type: 'reply'; id: number; result?: unknown; error?: string };

export interface BenchChild<Ready> {
  pid: number;
  ready: Ready;
  /** Sends a command and resolves with the child's reply (fake HR system state edits). */
  call<T>(command: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

export async function startChild<Ready extends Record<string, unknown>>(
  name: string,
  file: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
  readyTimeoutMs = 120_000,
): Promise<BenchChild<Ready>> {
  const child = spawn(process.execPath, childCommand(file, nodeArgs), {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(chunk.toString());
    if (tail.length > 40) tail.shift();
    if (process.env.BENCH_VERBOSE === '1') process.stderr.write(`[${name}] ${chunk.toString()}`);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : -1))));

  let failStartup: (code: number | null) => void = () => undefined;
  const onStartupExit = (code: number | null) => failStartup(code);
  child.once('exit', onStartupExit);
  const ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not become ready within ${readyTimeoutMs} ms:\n${tail.join('')}`)), readyTimeoutMs);
    failStartup = (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with code ${code} during start-up:\n${tail.join('').slice(-4000)}`));
    };
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'ready') {
        clearTimeout(timer);
        resolve(m as unknown as Ready);
      }
    });
  }).catch(async (err) => {
    child.kill('SIGKILL');
    throw err;
  });
  child.off('exit', onStartupExit);

  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  child.on('message', (m: ChildMessage) => {
    if (m.type !== 'reply') return;
    const waiter = pending.get(m.id);
    pending.delete(m.id);
    if (m.error) waiter?.reject(new Error(`${name}: ${m.error}`));
    else waiter?.resolve(m.result);
  });

  return {
    pid: child.pid!,
    ready,
    call: <T>(command: Record<string, unknown>) =>
      new Promise<T>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ ...command, id });
      }),
    stop: () => stopChild(child, exited),
  };
}

async function stopChild(child: ChildProcess, exited: Promise<number>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** For the child side: tells the bench it is ready (no-op when run by hand without IPC). */
export function announceReady(details: Record<string, unknown> = {}): void {
  process.send?.({ type: 'ready', ...details });
}

/** For the child side: answers commands sent with call(). */
export function answerCommands(handle: (command: Record<string, unknown>) => Promise<unknown> | unknown): void {
  process.on('message', async (m: Record<string, unknown> & { id: number }) => {
    try {
      process.send?.({ type: 'reply', id: m.id, result: await handle(m) });
    } catch (err) {
      process.send?.({ type: 'reply', id: m.id, error: (err as Error).message });
    }
  });
}

/** For the child side: run `stop` on SIGTERM/SIGINT or when the bench goes away, then exit. */
export function exitOnStop(stop: () => Promise<void>): void {
  let stopping = false;
  const run = () => {
    if (stopping) return;
    stopping = true;
    stop()
      .catch((err) => console.error(err))
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', run);
  process.on('SIGINT', run);
  process.on('disconnect', run);
}
