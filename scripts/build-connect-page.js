// `npm run build:connect`: builds the connect page into connect-page/dist (served under /connect).
// Three steps, each failing the build: the API types from the app's OpenAPI document
// (connect-page/src/api-types.ts), the page's type check against them (a changed API breaks it
// here), the Vite build. Run by postinstall, so `npm ci` sets it up; without the dev dependencies
// (`npm ci --omit=dev`) there is no Vite and it skips, saying so.
// `--if-stale`: only when connect-page/dist is missing or older than the page's sources (prestart, pretest).
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const page = path.join(root, 'connect-page');
const builtIndex = path.join(page, 'dist', 'index.html');

/** A package's command-line script, or null when the package is not installed. */
function binOf(pkg, bin) {
  try {
    return path.join(path.dirname(require.resolve(`${pkg}/package.json`, { paths: [root] })), bin);
  } catch {
    return null;
  }
}

function newestSourceMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules' || entry.name === 'api-types.ts') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const upToDate = () => fs.existsSync(builtIndex) && fs.statSync(builtIndex).mtimeMs >= newestSourceMtime(page);

if (process.argv.includes('--if-stale') && upToDate()) process.exit(0);
const vite = binOf('vite', 'bin/vite.js');
const tsc = binOf('typescript', 'bin/tsc');
const tsx = binOf('tsx', 'dist/cli.mjs');
if (!vite || !tsc || !tsx) {
  console.log('connect page: not built (Vite, TypeScript or tsx not installed, e.g. npm ci --omit=dev); /connect answers 503 until `npm run build:connect` runs');
  process.exit(0);
}

const started = Date.now();
const run = (args, cwd = root) => execFileSync(process.execPath, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
try {
  run([tsx, path.join(root, 'scripts', 'connect-page-api-types.ts')]);
  run([tsc, '--noEmit', '-p', path.join(page, 'tsconfig.json')]);
  run([vite, 'build', '--logLevel', process.env.CONNECT_PAGE_BUILD_QUIET ? 'warn' : 'info'], page);
} catch {
  console.error('connect page: the build failed (see above); a type error in connect-page/src after an API change names what the page must follow');
  process.exit(1);
}
console.log(`connect page: built connect-page/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
