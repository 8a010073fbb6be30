// `npm run build`: the production shape in dist/. Compiles the product (tsconfig.build.json), copies
// the SQL migrations the migrator applies at start, and writes the workflow bundle once, from the
// compiled workflows, so a production worker loads a file instead of running webpack. The connect
// page's built files are copied in too.
// Plain Node (no tsx): production machines run dist/ with node alone. BUILD_OUT_DIR builds elsewhere (tests).
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const outDir = path.resolve(root, process.env.BUILD_OUT_DIR || 'dist');
const started = Date.now();

fs.rmSync(outDir, { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json'), '--outDir', outDir], { cwd: root, stdio: 'inherit' });
fs.cpSync(path.join(root, 'prisma', 'migrations'), path.join(outDir, 'prisma', 'migrations'), { recursive: true });
// The connect page's static files, where the compiled api/routes/connect-page.js looks for them.
execFileSync(process.execPath, [path.join(root, 'scripts', 'build-connect-page.js'), '--if-stale'], { cwd: root, stdio: 'inherit' });
if (fs.existsSync(path.join(root, 'connect-page', 'dist'))) fs.cpSync(path.join(root, 'connect-page', 'dist'), path.join(outDir, 'connect-page', 'dist'), { recursive: true });

const { writeWorkflowBundle, WORKFLOWS_PATH, PREBUILT_BUNDLE } = require(path.join(outDir, 'composition', 'workflow-bundle.js'));
writeWorkflowBundle(PREBUILT_BUNDLE, WORKFLOWS_PATH).then(
  ({ bytes }) => console.log(`built ${path.relative(root, outDir) || outDir}/ in ${((Date.now() - started) / 1000).toFixed(1)} s (workflow bundle ${(bytes / 1024).toFixed(0)} KiB)`),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
