// Keeps `npm run bench` from rotting: the whole benchmark, tiny, on the test suite's own PostgreSQL
// and Temporal dev server (its own database and task queue; worker, API and Personio fake as child
// processes on free ports). Checks that every figure is there and that the invariants hold; it
// never asserts on timings.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runBenchmark, type BenchResults } from '../../bench/benchmark';
import { parseBenchOptions } from '../../bench/options';
import { formatResults, writeResults } from '../../bench/report';
import { readTestEnv } from '../support/test-env';

describe('npm run bench (smoke: a few hundred employees, a few companies, 1 s of load)', () => {
  let results: BenchResults;
  let written: BenchResults;
  let table: string;
  const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-smoke-'));

  beforeAll(async () => {
    const env = readTestEnv();
    const options = parseBenchOptions([], {
      BENCH_SIZES: '300',
      BENCH_COMPANIES: '3',
      BENCH_COMPANY_EMPLOYEES: '20',
      BENCH_LIFECYCLES: '20',
      BENCH_LIFECYCLE_WAIT_SECONDS: '1',
      BENCH_API_SECONDS: '1',
      BENCH_API_CONNECTIONS: '5',
      BENCH_CONNECTORS: 'workday,hr-file-export,planday',
      BENCH_CONNECTOR_EMPLOYEES: '60',
      // The invariants are checked on row versions, which need no waiting for PostgreSQL's counters.
      BENCH_STATS_SETTLE_SECONDS: '0',
      BENCH_RESULTS_DIR: resultsDir,
      // The push step waits out its 30 s sync spacing (minutes even when tiny); test/integration/push-*.test.ts cover it.
      BENCH_STEPS: 'sync,many,lifecycles,api,connectors',
    });
    results = await runBenchmark(options, { postgresAdminUrl: env.postgresAdminUrl, temporalAddress: env.temporalAddress, workflowBundlePath: env.workflowBundlePath }, () => undefined);
    written = JSON.parse(fs.readFileSync(writeResults(results, options.resultsDir), 'utf8')) as BenchResults;
    table = formatResults(results);
  }, 240_000);
  afterAll(() => fs.rmSync(resultsDir, { recursive: true, force: true }));

  it('syncs each chosen HR system from its own fake and sets each figure next to the fake’s floor', () => {
    const connectors = written.connectors as Exclude<BenchResults['connectors'], { skipped: string }>;
    expect(connectors.systems.map((s) => [s.hrSystem, s.status])).toEqual([
      ['hr-file-export', 'SUCCEEDED'],
      ['planday', 'SUCCEEDED'],
      ['workday', 'SUCCEEDED'],
    ]);
    for (const s of connectors.systems) {
      expect(s.employees).toBeGreaterThanOrEqual(55);
      expect(s.read).toBeGreaterThanOrEqual(s.employees);
      expect(s.requests).toBeGreaterThan(0);
      expect([s.hrSystem, s.fakeServiceMs > 0]).toEqual([s.hrSystem, true]);
      expect(s.fakeFloorEmployeesPerSecond).toBeGreaterThan(0);
    }
    expect(table).toMatch(/Connectors: first sync of 60 employees/);
  });

  it('writes every figure of steps 1–4 to the JSON file', () => {
    expect(written.sizes).toHaveLength(1);
    const size = written.sizes[0]!;
    expect(size.employees).toBe(300);
    expect(size.warmUp.employees).toBe(200);
    expect(size.warmUp.wallMs).toBeGreaterThan(0);
    for (const sync of [size.fullSync, size.resyncNoChange, size.resyncNoChangeComplete, size.resyncChanged]) {
      expect(sync.wallMs).toBeGreaterThan(0);
      expect(sync.employeesPerSecond).toBeGreaterThan(0);
      expect(sync.workerPeakRssMb).toBeGreaterThan(0);
      expect(sync.run.status).toBe('SUCCEEDED');
    }
    // First and daily syncs list everyone; the resyncs in between read only what changed.
    expect([size.fullSync, size.resyncNoChange, size.resyncNoChangeComplete, size.resyncChanged].map((s) => [s.run.listing, s.run.countRead])).toEqual([
      ['FULL', 300],
      ['CHANGES', 0],
      ['FULL', 300],
      ['CHANGES', 3],
    ]);
    // Former staff (left in a month ended before this first listing) are counted, not imported.
    const imported = 300 - size.fullSync.run.countFormerEmployees;
    expect(size.fullSync.run.countFormerEmployees).toBeGreaterThan(0);
    expect(size.fullSync.run.countCreated).toBe(imported);
    // The leavers' lifecycles were handed off after the listing, every one of them.
    const handoff = size.fullSync.leavingHandoff!;
    expect(handoff.counts.started).toBeGreaterThan(0);
    expect(handoff.counts.started).toBe(handoff.leavingPlannedInDatabase);
    expect(handoff.stillPending).toBe(0);
    expect(handoff.afterSyncMs).toBeGreaterThanOrEqual(0);
    expect(size.fullSync.rowsWritten.rowsWithNewVersion).toBe(imported);
    // Three full pages, then the empty one that tells the listing has ended (as the connector reads it).
    expect(size.floor.fetchPages).toBe(4);
    expect(size.floor.copyRows).toBe(imported);
    expect(size.floor.totalMs).toBeGreaterThan(0);
    expect(size.fullSyncToFloor).toBeGreaterThan(0);
    expect(size.resyncNoChange.toFullSync).toBeGreaterThan(0);
  });

  it('holds the invariants: a no-change resync writes nothing, a changed one exactly the changes', () => {
    const size = written.sizes[0]!;
    expect(size.resyncNoChange.rowsWritten.rowsWithNewVersion).toBe(0);
    expect(size.resyncNoChangeComplete.rowsWritten.rowsWithNewVersion).toBe(0);
    expect(size.resyncNoChangeComplete.run.countUnchanged).toBe(300 - size.fullSync.run.countFormerEmployees);
    expect(size.resyncChanged.changed).toBe(3);
    expect(size.resyncChanged.rowsWritten.rowsWithNewVersion).toBe(3);
    expect(size.resyncChanged.run.countUpdated).toBe(3);
    expect(written.invariants.length).toBeGreaterThanOrEqual(3);
    expect(written.invariants.filter((v) => !v.met)).toEqual([]);
  });

  it('activates the small companies at once without any integration running two syncs at once', () => {
    const many = written.manyIntegrations;
    if ('skipped' in many) throw new Error(`step 5 was skipped: ${many.skipped}`);
    expect(many.companies).toBe(3);
    expect(many.statuses).toEqual({ SUCCEEDED: 3 });
    expect(many.employeesWritten).toBeGreaterThan(40); // 3 × 20 listed, less their former staff
    expect(many.employeesWritten).toBeLessThan(60);
    expect(many.overlaps).toBe(0);
    expect(written.overlapsAllRuns).toBe(0);
    expect(many.syncWorkflowsPerSecond).toBeGreaterThan(0);
  });

  it('starts the waiting lifecycles and reads the worker memory while they wait', () => {
    const lifecycles = written.waitingLifecycles;
    if ('skipped' in lifecycles) throw new Error(`step 6 was skipped: ${lifecycles.skipped}`);
    expect(lifecycles.lifecycles).toBe(20);
    expect(lifecycles.leavingPlannedInDatabase).toBe(20);
    expect(Date.parse(lifecycles.benefitsEndAt)).toBeGreaterThan(Date.now() + 14 * 86_400_000);
    expect(lifecycles.workerRssMbWhileWaiting).toBeGreaterThan(0);
  });

  it('loads GET /v1/employees with autocannon and reports throughput and latency', () => {
    const api = written.api;
    if ('skipped' in api) throw new Error(`step 7 was skipped: ${api.skipped}`);
    expect(api.requestsPerSecond).toBeGreaterThan(0);
    expect(api.latencyP99Ms).toBeGreaterThanOrEqual(api.latencyP50Ms);
    expect(api.distinctPages).toBe(6);
    expect(api.non2xx).toBe(0);
  });

  it('prints the table with every step and the verdicts', () => {
    for (const text of ['1 full first sync', 'full sync / floor', '3 no-change resync', '4 changed resync', '5 3 integrations', '6 20 waiting lifecycles', '7 GET /v1/employees', 'Goals', 'Invariants']) {
      expect(table).toContain(text);
    }
  });
});
