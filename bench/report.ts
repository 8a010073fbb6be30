// The figures as a table on stdout and as JSON under bench/results/<timestamp>.json.
import fs from 'node:fs';
import path from 'node:path';
import type { BenchResults, Skipped, Verdict } from './benchmark';
import type { HorizontalScaleResult } from './scenarios/horizontal-scale';

/** What `npm run bench` writes: the steps of runBenchmark plus the scale step (run after them, on servers of its own). */
export type BenchRunResults = BenchResults & { scale?: HorizontalScaleResult | Skipped };

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const count = (n: number) => n.toLocaleString('en-US');
const mb = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(0)} MB`);
const ratio = (x: number) => `${x.toFixed(2)}×`;
const isSkipped = (r: object): r is Skipped => 'skipped' in r;

const cpuLine = (c: Record<string, number>) => ['worker', 'postgres', 'temporal', 'fakeHr'].map((k) => (c[k] === undefined ? '–' : c[k]!.toFixed(1))).join(' / ');

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('   ')).join('\n');
}

function verdictLines(title: string, verdicts: Verdict[]): string {
  return [title, ...verdicts.map((v) => `  ${v.met ? 'MET   ' : 'MISSED'}  ${v.name}: ${v.measured} (target ${v.target})`)].join('\n');
}

function handoffLine(h: BenchResults['sizes'][number]['fullSync']['leavingHandoff']): string {
  if (!h) return 'none';
  const lifecycles = h.counts.started + h.counts.updated;
  return `${count(lifecycles)} in +${seconds(h.afterSyncMs)} (${Math.round((lifecycles / Math.max(h.afterSyncMs, 1)) * 1000)}/s; all running ${seconds(h.totalMs)} after start)`;
}

export function formatResults(r: BenchRunResults): string {
  const out: string[] = [];
  out.push(`Benchmark ${r.startedAt} on ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGb} GB, Node ${r.machine.node} (load ${r.machine.loadAverage.start.toFixed(1)} → ${r.machine.loadAverage.end.toFixed(1)})`);
  if (r.sizes.length) {
    const rows: string[][] = [['Steps 1–4: one company', ...r.sizes.map((s) => `${count(s.employees)} employees`)]];
    const row = (label: string, cell: (s: BenchResults['sizes'][number]) => string) => rows.push([label, ...r.sizes.map(cell)]);
    row('1 full first sync: wall time', (s) => seconds(s.fullSync.wallMs));
    row('  employees per second', (s) => count(s.fullSync.employeesPerSecond));
    row('  worker peak RSS (idle before)', (s) => `${mb(s.fullSync.workerPeakRssMb)} (${mb(s.workerIdleRssMb)})`);
    row('  CPU s: worker/postgres/temporal/fake', (s) => cpuLine(s.fullSync.cpuSeconds));
    row('  employee rows written (ins/upd)', (s) => `${count(s.fullSync.rowsWritten.total)} (${count(s.fullSync.rowsWritten.inserted)}/${count(s.fullSync.rowsWritten.updated)})${s.fullSync.rowsWritten.settled ? '' : '*'}`);
    row('  leaving lifecycles handed off after', (s) => handoffLine(s.fullSync.leavingHandoff));
    row('  worker peak RSS incl. handoff', (s) => mb(s.fullSync.leavingHandoff?.workerPeakRssMb ?? s.fullSync.workerPeakRssMb));
    row('2 floor: fetch all pages', (s) => `${seconds(s.floor.fetchMs)} (${count(s.floor.fetchPages)} pages)`);
    row('  floor: COPY the rows', (s) => seconds(s.floor.copyMs));
    row('  floor total', (s) => seconds(s.floor.totalMs));
    row('  full sync / floor', (s) => ratio(s.fullSyncToFloor));
    row('3 no-change resync: wall time', (s) => `${seconds(s.resyncNoChange.wallMs)} (${s.resyncNoChange.run.listing}, ${count(s.resyncNoChange.run.countRead)} read)`);
    row('  rows written', (s) => `${count(s.resyncNoChange.rowsWritten.total)}${s.resyncNoChange.rowsWritten.settled ? '' : '*'}`);
    row('  / full sync', (s) => ratio(s.resyncNoChange.toFullSync));
    row('3b daily complete resync, no change', (s) => `${seconds(s.resyncNoChangeComplete.wallMs)} (${count(s.resyncNoChangeComplete.run.countRead)} read)`);
    row('  rows written', (s) => `${count(s.resyncNoChangeComplete.rowsWritten.total)}${s.resyncNoChangeComplete.rowsWritten.settled ? '' : '*'}`);
    row('  / full sync', (s) => ratio(s.resyncNoChangeComplete.toFullSync));
    row('4 changed resync: wall time', (s) => `${seconds(s.resyncChanged.wallMs)} (${s.resyncChanged.run.listing}, ${count(s.resyncChanged.run.countRead)} read)`);
    row('  changed / rows written', (s) => `${count(s.resyncChanged.changed)} / ${count(s.resyncChanged.rowsWritten.total)}${s.resyncChanged.rowsWritten.settled ? '' : '*'}`);
    row('  / full sync', (s) => ratio(s.resyncChanged.toFullSync));
    out.push('', table(rows));
    if (r.sizes.some((s) => !s.fullSync.rowsWritten.settled)) out.push('* PostgreSQL counters read before they settled (--stats-settle-seconds=0): a lower bound; see the row-version counts in the JSON.');
  }

  const rows: string[][] = [['Steps 5–7', '']];
  const m = r.manyIntegrations;
  if (isSkipped(m)) rows.push(['5 many integrations', `skipped: ${m.skipped}`]);
  else {
    rows.push([
      `5 ${count(m.companies)} integrations × ${m.employeesPerCompany}: all first syncs done`,
      m.allFirstSyncsMs === null ? `STALLED: ${count(m.finishedFirstSyncs)} finished, then none for ${m.stalledForSeconds} s` : seconds(m.allFirstSyncsMs),
    ]);
    rows.push(['  sync workflows per second', String(m.syncWorkflowsPerSecond)]);
    rows.push(['  activation requests took', seconds(m.activationRequestsMs)]);
    rows.push(['  run statuses', Object.entries(m.statuses).map(([k, v]) => `${k} ${v}`).join(', ')]);
    rows.push(['  overlapping syncs', String(m.overlaps)]);
    rows.push(['  their leavers handed off, all done after', m.allHandoffsMs === null ? `${count(m.leavers)}, not drained` : `${count(m.leavers)}, ${seconds(m.allHandoffsMs)}`]);
    rows.push(['  worker peak RSS', mb(m.workerPeakRssMb)]);
    rows.push(['  CPU s: worker/postgres/temporal/fake', cpuLine(m.cpuSeconds)]);
  }
  const w = r.waitingLifecycles;
  if (isSkipped(w)) rows.push(['6 waiting lifecycles', `skipped: ${w.skipped}`]);
  else {
    rows.push([`6 ${count(w.lifecycles)} waiting lifecycles: start all`, `${seconds(w.startAllMs)} (${count(w.lifecyclesPerSecond)}/s)`]);
    rows.push(['  worker RSS idle / peak starting / waiting', `${mb(w.workerIdleRssMb)} / ${mb(w.workerPeakRssMbWhileStarting)} / ${mb(w.workerRssMbWhileWaiting)}`]);
    rows.push(['  CPU s: worker/postgres/temporal/fake', cpuLine(w.cpuSeconds)]);
  }
  const a = r.api;
  if (isSkipped(a)) rows.push(['7 API', `skipped: ${a.skipped}`]);
  else {
    rows.push([`7 GET /v1/employees, ${a.connections} conn, ${a.durationSeconds} s (${count(a.companyEmployees)}-employee company)`, `${count(a.requestsPerSecond)} req/s`]);
    rows.push(['  latency p50 / p99', `${a.latencyP50Ms} ms / ${a.latencyP99Ms} ms`]);
    rows.push(['  non-2xx / errors', `${a.non2xx} / ${a.errors}`]);
    if (a.cpuSeconds) rows.push(['  CPU s: api/postgres/bench (autocannon)', `${a.cpuSeconds.api ?? '?'} / ${a.cpuSeconds.postgres ?? '?'} / ${a.cpuSeconds.bench ?? '?'}`]);
  }
  out.push('', table(rows));
  const c = r.connectors;
  if (c && !isSkipped(c)) {
    const lines: string[][] = [[`Connectors: first sync of ${count(c.employeesPerSystem)} employees`, 'employees/s', 'fake floor/s', 'sync/floor', 'requests', 'status']];
    for (const s of c.systems) lines.push([s.name, count(s.employeesPerSecond), count(s.fakeFloorEmployeesPerSecond), ratio(s.toFakeFloor), count(s.requests), s.status]);
    out.push('', table(lines));
  }
  const p = r.push;
  if (p && !isSkipped(p)) {
    out.push(
      '',
      table([
        [`Push: Personio webhooks, ${count(p.changes)} changes (one every ${p.changeIntervalMs} ms), ${count(p.employees)}-employee company`, ''],
        ['  change in the fake → employee row updated, p50 / p99 / max', `${seconds(p.latencyMs.p50)} / ${seconds(p.latencyMs.p99)} / ${seconds(p.latencyMs.max)}`],
        ['  a single change on a quiet integration → row', p.isolatedLatencyMs.map(seconds).join(', ') || '–'],
        ['  HR requests per change / syncs for the changes', `${p.hrRequestsPerChange} / ${p.syncsForChanges}`],
        [`  burst of ${count(p.burst.notifications)} in 10 s: accepted / syncs caused`, `${count(p.burst.accepted)} / ${p.burst.syncsCaused}`],
        ['  burst: all answered after / syncs settled after', `${seconds(p.burst.answeredInMs)} / ${seconds(p.burst.settledInMs)}`],
      ]),
    );
  }
  if (r.scale) out.push('', table(scaleRows(r.scale)));
  out.push('', verdictLines('Goals', r.goals), '', verdictLines('Invariants', r.invariants));
  return out.join('\n');
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

function scaleRows(s: HorizontalScaleResult | Skipped): string[][] {
  const rows: string[][] = [['Step scale: 2 worker + 2 API processes, 1 PostgreSQL, 1 Temporal', '']];
  if (isSkipped(s)) return [...rows, ['scale', `skipped: ${s.skipped}`]];
  const f = s.firstSyncs;
  const r = s.resyncs;
  rows.push([`${count(s.integrations)} integrations × ${s.employeesPerCompany.min}–${s.employeesPerCompany.max}: all first syncs done`, f.wallMs === null ? 'STALLED' : seconds(f.wallMs)]);
  rows.push(['  syncs per second', String(f.syncsPerSecond)]);
  rows.push(['  503 answers (Temporal slower than 3.5 s), checked and repeated: activate / sync now', `${f.retried503} / ${r.retried503}`]);
  rows.push(['  500 answers (handled alike): activate / sync now', `${f.answered500} / ${r.answered500}`]);
  rows.push(['  first runs: exactly one per integration / statuses', `${count(f.integrationsWithOneFirstRun)} / ${Object.entries(f.statuses).map(([k, v]) => `${k} ${v}`).join(', ')}`]);
  rows.push(['  activity tasks per worker A / B (share)', `${f.activityTasks.perWorker.map(count).join(' / ')} (${f.share.map(percent).join(' / ')})${f.activityTasks.other ? `, ${f.activityTasks.other} other` : ''}`]);
  rows.push([`  sync now × ${count(r.requested)}, SIGTERM to worker A after ${r.finishedAtSigterm} finished`, `drained in ${seconds(r.drainMs)}, exit ${r.exitCode} (bound ${seconds(r.drainBoundMs)})${r.shutdownErrors.length ? `, ${r.shutdownErrors.length} error lines` : ''}`]);
  rows.push(['  all requested runs final after SIGTERM', r.allFinalMs === null ? 'STALLED' : seconds(r.allFinalMs)]);
  rows.push(['  run statuses / lost runs', `${Object.entries(r.statuses).map(([k, v]) => `${k} ${v}`).join(', ')} / ${r.lost}`]);
  rows.push(['  runs A had worked on, finished by B / last task on A / B', `${count(r.handedOver)} / ${r.finishedOnWorker.map(count).join(' / ')}`]);
  rows.push(['  failed activity attempts (retried)', count(r.failedActivityAttempts)]);
  rows.push(['  invites sent / duplicate invites', `${count(s.invites.statuses.SENT ?? 0)} of ${count(s.invites.total)} / ${s.invites.duplicates}`]);
  rows.push(['  overlapping syncs / unexpected runs', `${s.overlaps} / ${s.unexpectedRuns}`]);
  return rows;
}

/** Writes (or rewrites, for partial results of the same run) bench/results/<startedAt>.json. */
export function writeResults(r: BenchRunResults, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${r.startedAt.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify(r, null, 2)}\n`);
  return file;
}
