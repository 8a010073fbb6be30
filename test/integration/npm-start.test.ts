// `npm start` as a newcomer runs it: everything comes up on embedded defaults, /health is green,
// and Ctrl-C (SIGINT) stops every process it started.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../infra/ports';
import { readTestEnv } from '../support/test-env';

function descendants(pid: number): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' });
  const children = new Map<number, number[]>();
  for (const line of out.trim().split('\n')) {
    const [p, pp] = line.trim().split(/\s+/).map(Number) as [number, number];
    children.set(pp, [...(children.get(pp) ?? []), p]);
  }
  const result: number[] = [];
  const walk = (p: number) => (children.get(p) ?? []).forEach((c) => (result.push(c), walk(c)));
  walk(pid);
  return result;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start', () => {
  it('starts PostgreSQL, Temporal with its UI, the worker, the API and the sandbox, and stops them all on Ctrl-C', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-start-'));
    fs.chmodSync(dataDir, 0o755);
    const [port, pgPort, temporalPort, uiPort, sandboxPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
    const child = spawn(process.execPath, [path.resolve(__dirname, '../../node_modules/tsx/dist/cli.mjs'), 'scripts/start.ts'], {
      cwd: path.resolve(__dirname, '../..'),
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(port),
        EMBEDDED_POSTGRES_PORT: String(pgPort),
        TEMPORAL_DEV_PORT: String(temporalPort),
        TEMPORAL_UI_PORT: String(uiPort),
        SANDBOX_HR_PORT: String(sandboxPort),
        TEMPORAL_CLI_PATH: readTestEnv().temporalCliPath,
        LOG_LEVEL: 'warn',
        DATABASE_URL: '',
        TEMPORAL_ADDRESS: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    try {
      for (let waited = 0; !output.includes('Press Ctrl-C to stop.'); waited += 200) {
        if (waited > 90_000 || child.exitCode !== null) throw new Error(`npm start did not become ready:\n${output}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(output).toContain(`http://127.0.0.1:${port}/docs`);
      expect(output).toContain(`Temporal UI:      http://127.0.0.1:${uiPort}`);
      expect(output).toMatch(/Operator API key: op_/);
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${uiPort}/`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${sandboxPort}/api`)).status).toBe(200);

      const started = descendants(child.pid!);
      expect(started.length).toBeGreaterThanOrEqual(2); // the dev server and PostgreSQL at least
      child.kill('SIGINT');
      await new Promise<void>((resolve) => child.once('exit', () => resolve()));
      // tsx relays Ctrl-C to the product and reports it the conventional way (128 + SIGINT).
      expect([0, 130]).toContain(child.exitCode);
      // The product drains the worker and stops the dev server and PostgreSQL: give it time.
      for (let waited = 0; started.some(alive) && waited < 30_000; waited += 200) await new Promise((r) => setTimeout(r, 200));
      expect(started.filter(alive)).toEqual([]);
      await new Promise<void>((resolve, reject) => {
        const probe = net.createServer().once('error', reject);
        probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
      });
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
