// `npm run worker` / `npm run api`: the compiled product (dist/, from `npm run build`) on plain Node,
// no TypeScript loader in the process. A missing build is named, not a stack trace.
const fs = require('node:fs');
const path = require('node:path');

const part = process.argv[2];
const entry = path.resolve(__dirname, '..', 'dist', 'scripts', `${part}.js`);
if (!['worker', 'api'].includes(part)) {
  console.error(`usage: node scripts/compiled.js worker|api`);
  process.exit(2);
}
if (!fs.existsSync(entry)) {
  console.error(`${path.relative(process.cwd(), entry)} is missing: run \`npm run build\` first (it compiles the product into dist/)`);
  process.exit(2);
}
require(entry);
