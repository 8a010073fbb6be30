// `npm run bench`: measured sync speed against the hardware floor, and the cost of scale (issue 6).
// Starts its own PostgreSQL and Temporal dev server on free ports; see bench/README.md.
import { runBenchmark } from './benchmark';
import { parseBenchOptions, USAGE } from './options';
import { formatResults, writeResults } from './report';

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log(USAGE);
    return;
  }
  const options = parseBenchOptions(process.argv.slice(2));
  const started = Date.now();
  const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
  const results = await runBenchmark(options, null, log, (partial) => writeResults(partial, options.resultsDir));
  console.log(`\n${formatResults(results)}`);
  console.log(`\nFigures written to ${writeResults(results, options.resultsDir)}`);
  if (results.invariants.some((v) => !v.met)) process.exitCode = 1;
}

main().then(
  // Temporal's native connection keeps the event loop alive after the last step.
  () => process.exit(process.exitCode ?? 0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
