// `npm run bench`: measured sync speed against the hardware floor, and the cost of scale (issue 6).
// Starts its own PostgreSQL and Temporal dev server on free ports; see bench/README.md. The scale
// step (two worker and two API processes, bench/scenarios/horizontal-scale.ts) runs last, on servers
// of its own.
import os from 'node:os';
import { runBenchmark, type BenchResults } from './benchmark';
import { parseBenchOptions, USAGE, type BenchOptions } from './options';
import { formatResults, writeResults, type BenchRunResults } from './report';
import { judgeHorizontalScale, runHorizontalScale } from './scenarios/horizontal-scale';

/** The frame of the results when only the scale step runs (runBenchmark's environment is not needed). */
function withoutBenchmarkSteps(options: BenchOptions, startedAt: Date, loadAtStart: number): BenchResults {
  const notSelected = { skipped: 'not selected (--steps)' };
  const { resultsDir: _dir, ...shownOptions } = options;
  return {
    complete: false,
    startedAt: startedAt.toISOString(),
    finishedAt: startedAt.toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}`, loadAverage: { start: loadAtStart, end: loadAtStart } },
    options: shownOptions,
    sizes: [],
    manyIntegrations: notSelected,
    waitingLifecycles: notSelected,
    api: notSelected,
    connectors: notSelected,
    push: notSelected,
    overlapsAllRuns: 0,
    invariants: [],
    goals: [],
  };
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log(USAGE);
    return;
  }
  const options = parseBenchOptions(process.argv.slice(2));
  const started = Date.now();
  const loadAtStart = os.loadavg()[0]!;
  const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
  const benchmarkSteps = options.steps.filter((s) => s !== 'scale');
  const base = benchmarkSteps.length ? await runBenchmark(options, null, log, (partial) => writeResults(partial, options.resultsDir)) : withoutBenchmarkSteps(options, new Date(started), loadAtStart);
  let results: BenchRunResults = { ...base, scale: { skipped: 'not selected (--steps)' } };
  if (options.steps.includes('scale')) {
    writeResults({ ...results, complete: false }, options.resultsDir);
    log(`Step scale: ${options.scaleIntegrations} integrations × ${options.scaleMinEmployees}–${options.scaleMaxEmployees} employees on 2 worker + 2 API processes`);
    try {
      const { drop: _drop, ...scale } = await runHorizontalScale(
        null,
        { integrations: options.scaleIntegrations, minEmployees: options.scaleMinEmployees, maxEmployees: options.scaleMaxEmployees, activationConcurrency: options.activationConcurrency, stallSeconds: options.stallSeconds },
        log,
      );
      results = { ...results, scale, invariants: [...results.invariants, ...judgeHorizontalScale(scale)] };
    } catch (err) {
      console.error(err);
      results = { ...results, scale: { skipped: `failed: ${(err as Error).message.split('\n')[0]}` }, invariants: [...results.invariants, { name: 'scale: the step ran', target: 'ran', measured: 'failed', met: false }] };
    }
  }
  results = { ...results, complete: true, finishedAt: new Date().toISOString(), machine: { ...results.machine, loadAverage: { ...results.machine.loadAverage, end: os.loadavg()[0]! } } };
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
