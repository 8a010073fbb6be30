// The product as its own process (npm start / npm run worker / npm run api, from the sources or
// compiled), for tests of what only a real process shows: start-up, signals, exit codes, ports.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');

export interface ProductProcess {
  child: ChildProcess;
  output: () => string;
}

/**
 * Starts `entry` (a script of scripts/: `.ts` through tsx, `.js` on plain Node) with only `env`
 * (plus PATH and HOME) and resolves once it prints "Press Ctrl-C to stop."; rejects with its output
 * and exit code when it exits before.
 */
export function startProductProcess(entry: string, env: Record<string, string>, nodeArgs: string[] = []): Promise<ProductProcess> {
  const args = entry.endsWith('.ts') ? [...nodeArgs, '--import', 'tsx', entry] : [...nodeArgs, entry];
  const child = spawn(process.execPath, args, { cwd: REPO, env: { PATH: process.env.PATH!, HOME: process.env.HOME!, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes('Press Ctrl-C to stop.')) {
        clearInterval(timer);
        resolve({ child, output: () => output });
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(Object.assign(new Error(`${path.basename(entry)} exited with ${child.exitCode}:\n${output}`), { output, exitCode: child.exitCode }));
      }
    }, 100);
  });
}

/** SIGTERM, then the exit code (null if it was already gone without one). */
export async function stopProductProcess(proc: ProductProcess | undefined): Promise<number | null> {
  if (!proc || proc.child.exitCode !== null) return proc?.child.exitCode ?? null;
  proc.child.kill('SIGTERM');
  return new Promise((resolve) => proc.child.once('exit', (code) => resolve(code)));
}
