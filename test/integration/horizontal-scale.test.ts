// The production shape scales out: TWO worker processes and TWO API processes of the product
// (scripts/worker.ts, scripts/api.ts) against ONE PostgreSQL and ONE Temporal server, same task
// queue, keys and data directory. 200 small companies are activated half through each API; every
// first sync succeeds exactly once, both workers do work, nobody is invited twice. Then "sync now"
// for all of them and SIGTERM to one worker while they run: it drains and exits 0 within its bound,
// the other finishes everything, no run is lost, nobody is invited twice.
//
// The scenario is bench/scenarios/horizontal-scale.ts (`npm run bench -- --steps=scale`), run here on
// the test suite's servers with a real SMTP receiver; its database is kept so the checks below read it
// themselves. Who did the work comes from Temporal: the ActivityTaskStarted events of every sync
// workflow name the polling worker's identity (`<pid>@<hostname>`, the SDK's default). No timings are
// asserted except the shutdown bound the product promises.
import { Pool } from 'pg';
import { DEFAULT_SHUTDOWN_TIMES } from '../../composition/worker';
import { runHorizontalScale, type HorizontalScaleResult } from '../../bench/scenarios/horizontal-scale';
import { readTestEnv } from '../support/test-env';
import { startTinySmtpServer, type ReceivedMail } from '../support/tiny-smtp-server';

const INTEGRATIONS = 200;
/** What stopping may take beyond the force time: closing connections and exiting. */
const EXIT_SLACK_MS = 5_000;

describe('horizontal scale: two workers and two APIs on one PostgreSQL and one Temporal', () => {
  let result: HorizontalScaleResult & { drop(): Promise<void> };
  let pool: Pool;
  let mails: ReceivedMail[];
  let closeSmtp: () => Promise<void>;

  beforeAll(async () => {
    const env = readTestEnv();
    const smtp = await startTinySmtpServer();
    mails = smtp.received;
    closeSmtp = smtp.close;
    result = await runHorizontalScale(
      { postgresAdminUrl: env.postgresAdminUrl, temporalAddress: env.temporalAddress, workflowBundlePath: env.workflowBundlePath },
      { integrations: INTEGRATIONS, minEmployees: 5, maxEmployees: 20, activationConcurrency: 8, stallSeconds: 120, smtpUrl: smtp.url, keepDatabase: true },
      // HORIZONTAL_SCALE_VERBOSE=1 shows the scenario's progress and figures.
      (line) => process.env.HORIZONTAL_SCALE_VERBOSE === '1' && process.stderr.write(`${line}\n`),
    );
    if (process.env.HORIZONTAL_SCALE_VERBOSE === '1') process.stderr.write(`${JSON.stringify(result, null, 2)}\n`);
    pool = new Pool({ connectionString: result.databaseUrl!, max: 2 });
  }, 400_000);

  afterAll(async () => {
    await pool?.end();
    await result?.drop();
    await closeSmtp?.();
  });

  it('syncs every integration once, activations taken by both APIs and the work shared by both workers', async () => {
    expect(result.firstSyncs.activationsPerApi).toEqual([INTEGRATIONS / 2, INTEGRATIONS / 2]);
    expect(result.firstSyncs.statuses).toEqual({ SUCCEEDED: INTEGRATIONS });
    expect(result.firstSyncs.integrationsWithOneFirstRun).toBe(INTEGRATIONS);
    const firstRuns = await pool.query<{ integration_id: string; n: string; succeeded: string }>(
      `SELECT integration_id, count(*) AS n, count(*) FILTER (WHERE status = 'SUCCEEDED') AS succeeded FROM sync_runs WHERE trigger = 'ACTIVATION' GROUP BY integration_id`,
    );
    expect(firstRuns.rows).toHaveLength(INTEGRATIONS);
    expect(firstRuns.rows.filter((r) => r.n !== '1' || r.succeeded !== '1')).toEqual([]);

    // Both workers polled and ran activity tasks of the first syncs; nobody else did.
    expect(result.firstSyncs.activityTasks.other).toBe(0);
    expect(result.firstSyncs.activityTasks.total).toBeGreaterThanOrEqual(INTEGRATIONS * 5);
    for (const n of result.firstSyncs.activityTasks.perWorker) expect(n).toBeGreaterThan(0);
    expect(result.overlaps).toBe(0);
  });

  it('drains the SIGTERMed worker: exit 0 within its bound, no error, no task of it after its exit', () => {
    // The SIGTERM came while runs were still running (the scenario's precondition).
    expect(result.resyncs.unfinishedAtSigterm).toBeGreaterThan(0);
    expect(result.resyncs.exitCode).toBe(0);
    expect(result.resyncs.shutdownErrors).toEqual([]);
    expect(result.resyncs.drainMs).toBeLessThanOrEqual(DEFAULT_SHUTDOWN_TIMES.forceTimeMs + EXIT_SLACK_MS);
    expect(result.resyncs.activityTasksAfterExit[0]).toBe(0);
    expect(result.resyncs.finishedOnWorker[1]).toBeGreaterThan(0);
    // Everything else stopped cleanly too.
    expect([...result.workers, ...result.apis].map((p) => p.exitCode)).toEqual([0, 0, 0, 0]);
  });

  it('loses no requested run and runs none twice: every "sync now" ends SUCCEEDED, each creating its one new hire', async () => {
    expect(result.resyncs.requestsPerApi).toEqual([INTEGRATIONS / 2, INTEGRATIONS / 2]);
    expect(result.resyncs.lost).toBe(0);
    expect(result.resyncs.statuses).toEqual({ SUCCEEDED: INTEGRATIONS });
    expect(result.resyncs.unfinishedAtSigtermSucceeded).toBeGreaterThan(0);
    expect(result.resyncs.runsCreatingExactlyOne).toBe(INTEGRATIONS);
    expect(result.unexpectedRuns).toBe(0);
    const perIntegration = await pool.query<{ runs: string; manual: string }>(
      `SELECT count(*) AS runs, count(*) FILTER (WHERE trigger = 'MANUAL' AND status = 'SUCCEEDED') AS manual FROM sync_runs GROUP BY integration_id`,
    );
    expect(perIntegration.rows).toHaveLength(INTEGRATIONS);
    expect(perIntegration.rows.filter((r) => r.runs !== '2' || r.manual !== '1')).toEqual([]);
    // Each integration holds what its first run created plus the one new hire: no employee written twice.
    const employees = await pool.query<{ integration_id: string; employees: string; created: string }>(
      `SELECT e.integration_id, count(*) AS employees,
              (SELECT sum(r.count_created) FROM sync_runs r WHERE r.integration_id = e.integration_id) AS created
       FROM employees e GROUP BY e.integration_id`,
    );
    expect(employees.rows).toHaveLength(INTEGRATIONS);
    expect(employees.rows.filter((r) => r.employees !== r.created)).toEqual([]);
    expect(result.overlaps).toBe(0);
  });

  it('invites each employee once: one invite row per employee and address, and one mail per invite', async () => {
    expect(result.invites.duplicates).toBe(0);
    expect(result.invites.mismatched).toBe(0);
    expect(result.invites.statuses).toEqual({ SENT: result.invites.total });
    // Every new hire of phase 2 was invited.
    const newHires = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM invites WHERE email LIKE 'nova.scale.%@scale.example'`);
    expect(Number(newHires.rows[0]!.n)).toBe(INTEGRATIONS);
    // The SMTP receiver got exactly one mail per sent invite (addresses repeat across companies that share a sandbox).
    const expected = await pool.query<{ email: string; n: string }>(`SELECT lower(email) AS email, count(*) AS n FROM invites WHERE status = 'SENT' GROUP BY 1`);
    const received = new Map<string, number>();
    for (const mail of mails) for (const to of mail.to) received.set(to.replace(/[<>]/g, '').toLowerCase(), (received.get(to.replace(/[<>]/g, '').toLowerCase()) ?? 0) + 1);
    const wrong = expected.rows.filter((r) => received.get(r.email) !== Number(r.n)).map((r) => `${r.email}: ${received.get(r.email) ?? 0} mails for ${r.n} invites`);
    expect(wrong).toEqual([]);
    expect(mails.length).toBe(result.invites.total);
  });
});
