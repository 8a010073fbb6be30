// The bench's child processes (worker, API, fakes) run compiled, as `npm run worker` / `npm run api`
// do in production: the product and the bench parts compiled once per run into .builds/ (inside the
// checkout, so that node_modules resolve). BENCH_FROM_SOURCES=1 runs the sources through tsx instead.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './processes/child';

export async function compileBenchParts(): Promise<{ root: string; remove(): void }> {
  const root = path.join(REPO_ROOT, '.builds', `bench-${crypto.randomBytes(4).toString('hex')}`);
  const tsc = require.resolve('typescript/bin/tsc');
  try {
    await promisify(execFile)(process.execPath, [tsc, '-p', path.join(REPO_ROOT, 'tsconfig.bench.json'), '--outDir', root], { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    fs.rmSync(root, { recursive: true, force: true });
    const out = (err as { stdout?: string }).stdout ?? '';
    throw new Error(`Compiling the bench parts failed (tsc -p tsconfig.bench.json):\n${out.slice(0, 4000)}`);
  }
  fs.cpSync(path.join(REPO_ROOT, 'prisma', 'migrations'), path.join(root, 'prisma', 'migrations'), { recursive: true });
  return { root, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}
