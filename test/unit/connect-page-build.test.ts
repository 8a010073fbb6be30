// The connect page's build (scripts/build-connect-page.js): a change of the API that the page does
// not follow fails its type check, and a machine without the dev dependencies (npm ci --omit=dev)
// skips the build instead of failing the install.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repo = path.resolve(__dirname, '../..');
const tsc = path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
const tsx = path.join(repo, 'node_modules', 'tsx', 'dist', 'cli.mjs');

describe('the connect page build', () => {
  // Inside the checkout (.builds/ is ignored), so the copy resolves preact and openapi-fetch.
  const copy = path.join(repo, '.builds', `connect-page-${crypto.randomBytes(4).toString('hex')}`);
  afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

  const typeCheck = () => spawnSync(process.execPath, [tsc, '--noEmit', '-p', path.join(copy, 'tsconfig.json')], { encoding: 'utf8' });

  it('fails the type check when the API stops giving a field the page shows', () => {
    fs.cpSync(path.join(repo, 'connect-page'), copy, { recursive: true, filter: (src) => !src.includes(`${path.sep}dist`) });
    const types = path.join(copy, 'src', 'api-types.ts');
    expect(spawnSync(process.execPath, [tsx, path.join(repo, 'scripts', 'connect-page-api-types.ts'), types], { cwd: repo, encoding: 'utf8' }).status).toBe(0);
    expect(typeCheck().status).toBe(0);

    // As if the sync run's pendingRemovals (the held-back removals the page offers to confirm) were dropped.
    fs.writeFileSync(types, fs.readFileSync(types, 'utf8').replace(/^\s*pendingRemovals: number;$/gm, ''));
    const broken = typeCheck();
    expect(broken.status).not.toBe(0);
    expect(broken.stdout).toMatch(/integration-page\.tsx.*pendingRemovals/);
  }, 120_000);

  it('skips, saying so, where Vite is not installed (npm ci --omit=dev)', () => {
    const bare = fs.mkdtempSync(path.join(os.tmpdir(), 'connect-page-omit-dev-'));
    try {
      fs.mkdirSync(path.join(bare, 'scripts'));
      fs.mkdirSync(path.join(bare, 'connect-page'));
      fs.copyFileSync(path.join(repo, 'scripts', 'build-connect-page.js'), path.join(bare, 'scripts', 'build-connect-page.js'));
      const run = spawnSync(process.execPath, [path.join(bare, 'scripts', 'build-connect-page.js')], { cwd: bare, encoding: 'utf8' });
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('connect page: not built');
      expect(fs.existsSync(path.join(bare, 'connect-page', 'dist'))).toBe(false);
    } finally {
      fs.rmSync(bare, { recursive: true, force: true });
    }
  });
});
