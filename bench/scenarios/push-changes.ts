// Step push: changes within a minute (issue 14), with Personio's webhooks. A worker that knows the
// API's address subscribes at the Personio fake (in this process), which posts its dataless events to
// /hooks/<receiverId>. Measured: the time from a change in the fake to the employee row updated (200
// changes at a steady rate, each waited for on its own), the HR requests per change, and a burst of
// 1,000 notifications in 10 s (accepted, syncs caused, how long it took).
import type { Pool } from 'pg';
import { startFakePersonio } from '../../connectors/personio/fake-server';
import type { BenchEnvironment } from '../environment';
import { waitForSyncRun } from '../sync-runs';

export interface PushChangesResult {
  employees: number;
  changes: number;
  changeIntervalMs: number;
  latencyMs: { p50: number; p99: number; max: number };
  /** Changes made one at a time on a quiet integration (no sync in the last 30 s): what a single edit waits. */
  isolatedLatencyMs: number[];
  /** Requests the Personio fake answered while the changes were synced, per change. */
  hrRequestsPerChange: number;
  syncsForChanges: number;
  burst: { notifications: number; accepted: number; sentInMs: number; answeredInMs: number; syncsCaused: number; settledInMs: number };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function until<T>(what: string, probe: () => Promise<T | null>, timeoutMs: number, everyMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`push step: timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** Until no sync runs, none is asked for and none waits to start, for `quietMs`. */
async function settled(pool: Pool, integrationId: string, quietMs: number, timeoutMs: number): Promise<void> {
  let quietSince = Date.now();
  await until(
    'the syncs to settle',
    async () => {
      const { rows } = await pool.query(
        `SELECT (SELECT count(*) FROM sync_runs WHERE integration_id = $1 AND status = 'RUNNING')::int AS running,
                (follow_up_requested OR push_sync_requested_at IS NOT NULL) AS asked FROM integrations WHERE id = $1`,
        [integrationId],
      );
      if (rows[0].running > 0 || rows[0].asked) quietSince = Date.now();
      return Date.now() - quietSince >= quietMs ? true : null;
    },
    timeoutMs,
    100,
  );
}

const pushSyncs = async (pool: Pool, integrationId: string, since: Date) =>
  Number((await pool.query(`SELECT count(*)::int AS n FROM sync_runs WHERE integration_id = $1 AND trigger = 'PUSH' AND status <> 'SKIPPED' AND started_at >= $2`, [integrationId, since])).rows[0].n);

export async function runPushChanges(
  env: BenchEnvironment,
  options: { employees: number; changes: number; changeIntervalMs: number; burst: number; isolated: number },
  log: (line: string) => void,
): Promise<PushChangesResult> {
  const worker = await env.startWorker({ PUBLIC_URL: env.api.baseUrl });
  const fake = await startFakePersonio({ employeeCount: options.employees, seed: 14 });
  try {
    const company = await env.api.createCompany('Push bench GmbH');
    const integrationId = await env.api.connectPersonio(company, fake.url);
    await waitForSyncRun(env.pool, await env.api.activate(company, integrationId), 600_000);
    const receiverId = await until(
      'the webhook subscription',
      async () => (await env.pool.query(`SELECT receiver_id FROM push_subscriptions WHERE integration_id = $1 AND status = 'ACTIVE'`, [integrationId])).rows[0]?.receiver_id ?? null,
      120_000,
      200,
    );
    await settled(env.pool, integrationId, 1_000, 120_000);
    const people: { id: string; remote_id: string }[] = (await env.pool.query(`SELECT id, remote_id FROM employees WHERE integration_id = $1 ORDER BY remote_id`, [integrationId])).rows;
    log(`  subscribed (receiver ${receiverId.slice(0, 8)}…); ${options.changes} changes, one every ${options.changeIntervalMs} ms`);

    // Changes at a steady rate; each one's latency is from its edit in Personio to its row updated.
    const requestsBefore = fake.state.log.total;
    const changesStart = new Date();
    const latencies = await Promise.all(
      Array.from({ length: options.changes }, async (_, i) => {
        await sleep(i * options.changeIntervalMs);
        const person = people[i % people.length]!;
        const lastName = `Push-${i}`;
        const changedAt = Date.now();
        fake.state.editEmployee(Number(person.remote_id), { lastName });
        await until(`change ${i}`, async () => ((await env.pool.query(`SELECT 1 FROM employees WHERE id = $1 AND last_name = $2`, [person.id, lastName])).rowCount ? true : null), 300_000, 50);
        return Date.now() - changedAt;
      }),
    );
    await settled(env.pool, integrationId, 1_000, 120_000);
    const hrRequests = fake.state.log.total - requestsBefore;
    const syncsForChanges = await pushSyncs(env.pool, integrationId, changesStart);
    const sorted = [...latencies].sort((a, b) => a - b);
    log(`  change → row: p50 ${percentile(sorted, 50)} ms, p99 ${percentile(sorted, 99)} ms; ${hrRequests} HR requests, ${syncsForChanges} syncs`);

    // Single edits on a quiet integration (past the spacing of the last notification-driven sync).
    const isolatedLatencyMs: number[] = [];
    for (let i = 0; i < options.isolated; i++) {
      await sleep(31_000);
      const person = people[i % people.length]!;
      const lastName = `Alone-${i}`;
      const changedAt = Date.now();
      fake.state.editEmployee(Number(person.remote_id), { lastName });
      await until(`isolated change ${i}`, async () => ((await env.pool.query(`SELECT 1 FROM employees WHERE id = $1 AND last_name = $2`, [person.id, lastName])).rowCount ? true : null), 120_000);
      isolatedLatencyMs.push(Date.now() - changedAt);
    }
    if (options.isolated) log(`  isolated changes → row: ${isolatedLatencyMs.join(', ')} ms`);

    // The burst: as Personio would send them (the webhook's token), one every 10 ms.
    await sleep(31_000); // past the spacing of the last sync: the burst starts on a quiet integration
    const token = fake.webhooks.list()[0]!.token!;
    const url = `${env.api.baseUrl}/hooks/${receiverId}`;
    const burstStart = new Date();
    const statuses = await Promise.all(
      Array.from({ length: options.burst }, async (_, i) => {
        await sleep(i * (10_000 / options.burst));
        const body = JSON.stringify({ company_id: fake.webhooks.companyId, event_name: 'person.updated', occurred_at: new Date(burstStart.getTime() + i).toISOString(), payload: { id: Number(people[i % people.length]!.remote_id) } });
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body });
        await res.arrayBuffer();
        return res.status;
      }),
    );
    const answeredInMs = Date.now() - burstStart.getTime();
    await settled(env.pool, integrationId, 3_000, 180_000);
    const settledInMs = Date.now() - burstStart.getTime();
    const burst = { notifications: options.burst, accepted: statuses.filter((s) => s === 202).length, sentInMs: 10_000, answeredInMs, syncsCaused: await pushSyncs(env.pool, integrationId, burstStart), settledInMs };
    log(`  burst: ${burst.accepted}/${burst.notifications} accepted, answered within ${answeredInMs} ms, ${burst.syncsCaused} syncs, settled after ${settledInMs} ms`);
    return {
      employees: options.employees,
      changes: options.changes,
      changeIntervalMs: options.changeIntervalMs,
      latencyMs: { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1]! },
      isolatedLatencyMs,
      hrRequestsPerChange: Number((hrRequests / options.changes).toFixed(3)),
      syncsForChanges,
      burst,
    };
  } finally {
    await fake.close();
    await worker.stop();
  }
}
