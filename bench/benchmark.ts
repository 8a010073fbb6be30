// One bench run: brings up the environment, runs the steps the options select, and judges the
// figures against the issue's goals and the invariants that must always hold.
import os from 'node:os';
import { startBenchEnvironment, type GivenServers } from './environment';
import type { BenchOptions } from './options';
import { runApiLoad, type ApiLoadResult } from './scenarios/api-load';
import { runCompanySync, type CompanySyncResult } from './scenarios/company-sync';
import { runManyIntegrations, type ManyIntegrationsResult } from './scenarios/many-integrations';
import { runWaitingLifecycles, type WaitingLifecyclesResult } from './scenarios/waiting-lifecycles';
import { runConnectorSyncs, type ConnectorSyncsResult } from './scenarios/connector-syncs';
import { runPushChanges, type PushChangesResult } from './scenarios/push-changes';
import type { RowsWritten } from './rows-written';
import { countOverlappingRuns } from './sync-runs';

export interface Skipped {
  skipped: string;
}

export interface Verdict {
  name: string;
  target: string;
  measured: string;
  met: boolean;
}

export interface BenchResults {
  /** False in the partial results written after each step. */
  complete: boolean;
  startedAt: string;
  finishedAt: string;
  /** loadAverage: 1-minute load at the start and at the end (other work on the machine skews the figures). */
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string; loadAverage: { start: number; end: number } };
  options: Omit<BenchOptions, 'resultsDir'>;
  sizes: Array<Omit<CompanySyncResult, 'company'>>;
  manyIntegrations: ManyIntegrationsResult | Skipped;
  waitingLifecycles: WaitingLifecyclesResult | Skipped;
  api: ApiLoadResult | Skipped;
  /** One first sync per available HR system from its own fake, next to the fake's floor. */
  connectors: ConnectorSyncsResult | Skipped;
  /** Changes within a minute: Personio's webhooks, change → row latency, HR requests per change, a notification burst. */
  push?: PushChangesResult | Skipped;
  /** Executed syncs of one integration that overlapped, over every sync of the run. */
  overlapsAllRuns: number;
  /** Must always hold, at any size. */
  invariants: Verdict[];
  /** The issue's performance goals. */
  goals: Verdict[];
}

// Issue 16's goals: a complete sync within 1.5× the fetch+COPY floor, the worker under 300 MB at the
// peak of a 100k sync and its handoff, the employee list at ≥ 2,000 req/s with p99 ≤ 50 ms.
const SYNC_TO_FLOOR_GOAL = 1.5;
const MEMORY_GOAL_MB = 300;
const API_GOAL = { requestsPerSecond: 2000, latencyP99Ms: 50 };
const MEMORY_GOAL_FROM_EMPLOYEES = 100_000;

export async function runBenchmark(
  options: BenchOptions,
  given: GivenServers | null,
  log: (line: string) => void,
  /** Called with the figures so far after each step, so a run that dies late keeps them. */
  onProgress: (partial: BenchResults) => void = () => undefined,
): Promise<BenchResults> {
  const startedAt = new Date();
  const loadAtStart = os.loadavg()[0]!;
  const env = await startBenchEnvironment(given, log);
  try {
    const selected = (step: BenchOptions['steps'][number]) => options.steps.includes(step);
    const notSelected = { skipped: 'not selected (--steps)' };

    const sizes: CompanySyncResult[] = [];
    let manyIntegrations: ManyIntegrationsResult | Skipped = notSelected;
    let waitingLifecycles: WaitingLifecyclesResult | Skipped = notSelected;
    let api: ApiLoadResult | Skipped = notSelected;
    let connectors: ConnectorSyncsResult | Skipped = notSelected;
    let push: PushChangesResult | Skipped = notSelected;
    const { resultsDir: _dir, ...shownOptions } = options;
    const results = async (complete: boolean): Promise<BenchResults> => {
      const overlapsAllRuns = await countOverlappingRuns(env.pool);
      return {
        complete,
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}`, loadAverage: { start: loadAtStart, end: os.loadavg()[0]! } },
        options: shownOptions,
        sizes: sizes.map(({ company: _company, ...figures }) => figures),
        manyIntegrations,
        waitingLifecycles,
        api,
        connectors,
        push,
        overlapsAllRuns,
        invariants: [...judgeInvariants(sizes, manyIntegrations, overlapsAllRuns), ...judgeConnectorSyncs(connectors), ...judgePushInvariants(push)],
        goals: [...judgeGoals(sizes, manyIntegrations), ...judgeApiGoals(api), ...judgePushGoals(push)],
      };
    };

    if (selected('sync')) {
      for (const size of options.sizes) {
        log(`Steps 1–4: a company of ${size} employees`);
        sizes.push(await runCompanySync(env, { employees: size, changedShare: options.changedShare, statsSettleSeconds: options.statsSettleSeconds }, log));
        onProgress(await results(false));
      }
    }

    if (selected('many')) {
      log(`Step 5: ${options.companies} companies × ${options.companyEmployees} employees activated at once`);
      manyIntegrations = await runManyIntegrations(
        env,
        { companies: options.companies, employeesPerCompany: options.companyEmployees, activationConcurrency: options.activationConcurrency, stallSeconds: options.stallSeconds },
        log,
      );
      onProgress(await results(false));
    }

    if (selected('lifecycles')) {
      log(`Step 6: ${options.lifecycles} waiting leaving lifecycles`);
      waitingLifecycles = await runWaitingLifecycles(env, options.lifecycles, options.lifecycleWaitSeconds, log);
      onProgress(await results(false));
    }

    if (selected('api')) {
      const largest = [...sizes].sort((a, b) => b.employees - a.employees)[0];
      if (largest) {
        log(`Step 7: GET /v1/employees for ${options.apiSeconds} s at ${options.apiConnections} connections`);
        api = await runApiLoad(env, { company: largest.company, employees: largest.employees }, { connections: options.apiConnections, durationSeconds: options.apiSeconds });
      } else {
        api = { skipped: 'needs a synced company: select the sync step too' };
      }
    }
    if (selected('connectors')) {
      log(`Step connectors: a first sync of ${options.connectorEmployees} employees from each available HR system's fake`);
      connectors = await runConnectorSyncs(env, { employees: options.connectorEmployees, systems: options.connectors, timeoutSeconds: 900 }, log);
      onProgress(await results(false));
    }
    if (selected('push')) {
      log(`Step push: Personio webhooks, ${options.pushChanges} changes and a burst of ${options.pushBurst} notifications`);
      push = await runPushChanges(env, { employees: options.pushEmployees, changes: options.pushChanges, changeIntervalMs: options.pushChangeIntervalMs, burst: options.pushBurst, isolated: options.pushIsolated }, log);
      onProgress(await results(false));
    }
    return await results(true);
  } finally {
    await env.close();
  }
}

const isSkipped = (r: object): r is Skipped => 'skipped' in r;

/** Both measures agree on `expected` rows (the counters only when they had settled). */
function writesExactly(w: RowsWritten, expected: number): boolean {
  return w.rowsWithNewVersion === expected && (!w.settled || w.total === expected);
}

function describeWrites(w: RowsWritten): string {
  return `${w.rowsWithNewVersion} rows with a new version, ${w.total} tuples written${w.settled ? '' : ' (counters not settled)'}`;
}
const times = (x: number) => `${x.toFixed(2)}×`;

function judgeInvariants(sizes: CompanySyncResult[], many: ManyIntegrationsResult | Skipped, overlapsAllRuns: number): Verdict[] {
  const verdicts: Verdict[] = [];
  for (const s of sizes) {
    const handoff = s.fullSync.leavingHandoff;
    if (handoff) {
      verdicts.push({
        name: `${s.employees}: every leaver of the first sync has a running lifecycle`,
        target: `${handoff.leavingPlannedInDatabase} started, 0 pending`,
        measured: `${handoff.counts.started} started, ${handoff.stillPending} pending`,
        met: handoff.counts.started === handoff.leavingPlannedInDatabase && handoff.stillPending === 0,
      });
    }
    verdicts.push({ name: `${s.employees}: no-change resync writes no employee row`, target: '0 rows', measured: describeWrites(s.resyncNoChange.rowsWritten), met: writesExactly(s.resyncNoChange.rowsWritten, 0) });
    verdicts.push({
      name: `${s.employees}: daily complete resync with no change reads everyone and writes no employee row`,
      target: `${s.employees} read, 0 rows`,
      measured: `${s.resyncNoChangeComplete.run.countRead} read, ${describeWrites(s.resyncNoChangeComplete.rowsWritten)}`,
      met: s.resyncNoChangeComplete.run.countRead === s.employees && writesExactly(s.resyncNoChangeComplete.rowsWritten, 0),
    });
    verdicts.push({
      name: `${s.employees}: changed resync writes exactly the changes`,
      target: `${s.resyncChanged.changed} rows`,
      measured: `${describeWrites(s.resyncChanged.rowsWritten)}, ${s.resyncChanged.run.countUpdated} counted as updated`,
      met: writesExactly(s.resyncChanged.rowsWritten, s.resyncChanged.changed) && s.resyncChanged.run.countUpdated === s.resyncChanged.changed,
    });
  }
  if (!isSkipped(many)) {
    verdicts.push({ name: 'many integrations: no integration ran two syncs at once', target: '0 overlaps', measured: `${many.overlaps} overlaps`, met: many.overlaps === 0 });
    verdicts.push({
      name: 'many integrations: every first sync finished',
      target: `${many.companies} finished`,
      measured: many.stalledForSeconds === null ? `${many.finishedFirstSyncs} finished` : `${many.finishedFirstSyncs} finished, then none for ${many.stalledForSeconds} s (stalled)`,
      met: many.finishedFirstSyncs === many.companies,
    });
  }
  verdicts.push({ name: 'whole run: no integration ran two syncs at once', target: '0 overlaps', measured: `${overlapsAllRuns} overlaps`, met: overlapsAllRuns === 0 });
  return verdicts;
}

function judgeGoals(sizes: CompanySyncResult[], many: ManyIntegrationsResult | Skipped): Verdict[] {
  const verdicts: Verdict[] = [];
  for (const s of sizes) {
    verdicts.push({ name: `${s.employees}: full sync within ${SYNC_TO_FLOOR_GOAL}× the floor`, target: `≤ ${SYNC_TO_FLOOR_GOAL.toFixed(2)}×`, measured: times(s.fullSyncToFloor), met: s.fullSyncToFloor <= SYNC_TO_FLOOR_GOAL });
    verdicts.push({
      name: `${s.employees}: no-change resync under a quarter of the full sync, writing nothing`,
      target: '< 0.25× and 0 rows',
      measured: `${times(s.resyncNoChange.toFullSync)}, ${s.resyncNoChange.rowsWritten.rowsWithNewVersion} rows`,
      met: s.resyncNoChange.toFullSync < 0.25 && writesExactly(s.resyncNoChange.rowsWritten, 0),
    });
    if (s.employees >= MEMORY_GOAL_FROM_EMPLOYEES) {
      // The handoff of the sync's leavers runs in the same worker right after: its memory counts too.
      const peak = Math.max(s.fullSync.workerPeakRssMb ?? 0, s.fullSync.leavingHandoff?.workerPeakRssMb ?? 0) || null;
      verdicts.push({ name: `${s.employees}: worker peak memory (sync and its leaving handoff)`, target: `< ${MEMORY_GOAL_MB} MB`, measured: `${peak ?? '?'} MB`, met: peak !== null && peak < MEMORY_GOAL_MB });
    }
  }
  if (!isSkipped(many)) {
    verdicts.push({
      name: `${many.companies} integrations at once: every first sync done, zero overlaps`,
      target: `${many.companies} done, 0 overlaps`,
      measured: `${many.finishedFirstSyncs} done${many.stalledForSeconds === null ? '' : ' (stalled)'}, ${many.overlaps} overlaps`,
      met: many.overlaps === 0 && many.finishedFirstSyncs === many.companies,
    });
  }
  return verdicts;
}

function judgeApiGoals(api: ApiLoadResult | Skipped): Verdict[] {
  if (isSkipped(api)) return [];
  return [
    {
      name: `API: GET /v1/employees of a ${api.companyEmployees}-employee company, ${api.connections} connections`,
      target: `≥ ${API_GOAL.requestsPerSecond} req/s, p99 ≤ ${API_GOAL.latencyP99Ms} ms`,
      measured: `${Math.round(api.requestsPerSecond)} req/s, p99 ${api.latencyP99Ms} ms`,
      met: api.requestsPerSecond >= API_GOAL.requestsPerSecond && api.latencyP99Ms <= API_GOAL.latencyP99Ms && api.non2xx === 0 && api.errors === 0,
    },
  ];
}

function judgeConnectorSyncs(connectors: ConnectorSyncsResult | Skipped): Verdict[] {
  if (isSkipped(connectors)) return [];
  const failed = connectors.systems.filter((s) => s.status !== 'SUCCEEDED');
  return [
    {
      name: `connectors: every first sync of ${connectors.employeesPerSystem} employees succeeded`,
      target: `${connectors.systems.length} SUCCEEDED`,
      measured: failed.length ? `${failed.length} not: ${failed.map((s) => `${s.hrSystem} ${s.status}`).join(', ')}` : `${connectors.systems.length} SUCCEEDED`,
      met: failed.length === 0,
    },
  ];
}

/** A burst never causes more than two syncs, and every genuine notification is taken. */
function judgePushInvariants(push: PushChangesResult | Skipped): Verdict[] {
  if (isSkipped(push)) return [];
  return [
    { name: `push: a burst of ${push.burst.notifications} notifications in 10 s causes at most 2 syncs`, target: '≤ 2', measured: String(push.burst.syncsCaused), met: push.burst.syncsCaused <= 2 },
    { name: 'push: every genuine notification of the burst is accepted (202)', target: String(push.burst.notifications), measured: String(push.burst.accepted), met: push.burst.accepted === push.burst.notifications },
  ];
}

/** Issue 14: a change reaches the product in under 60 s (p99), at no more HR requests than polling. */
function judgePushGoals(push: PushChangesResult | Skipped): Verdict[] {
  if (isSkipped(push)) return [];
  return [{ name: `push: change in Personio → employee row updated, p99 over ${push.changes} changes`, target: '< 60 s', measured: `${(push.latencyMs.p99 / 1000).toFixed(1)} s (p50 ${(push.latencyMs.p50 / 1000).toFixed(1)} s)`, met: push.latencyMs.p99 < 60_000 }];
}
