// Reading sync runs straight from PostgreSQL: when they finished, what they counted, and whether any
// integration ever had two runs at once.
import type { Pool } from 'pg';

export interface FinishedRun {
  id: string;
  status: string;
  /** FULL or CHANGES. */
  listing: string | null;
  startedAt: Date;
  finishedAt: Date;
  countRead: number;
  countCreated: number;
  countUpdated: number;
  countUnchanged: number;
  countRemoved: number;
  /** Listed people who had left before the first complete listing: counted, not imported. */
  countFormerEmployees: number;
  error: string | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitForSyncRun(pool: Pool, syncRunId: string, timeoutMs: number): Promise<FinishedRun> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await pool.query(
      `SELECT id, status, listing, started_at, finished_at, count_read, count_created, count_updated, count_unchanged, count_removed, count_former_employees, error
       FROM sync_runs WHERE id = $1`,
      [syncRunId],
    );
    const r = rows[0];
    if (r && r.status !== 'RUNNING') {
      return {
        id: r.id,
        status: r.status,
        listing: r.listing,
        startedAt: r.started_at,
        finishedAt: r.finished_at,
        countRead: r.count_read,
        countCreated: r.count_created,
        countUpdated: r.count_updated,
        countUnchanged: r.count_unchanged,
        countRemoved: r.count_removed,
        countFormerEmployees: r.count_former_employees,
        error: r.error,
      };
    }
    if (Date.now() > deadline) throw new Error(`sync run ${syncRunId} did not finish within ${timeoutMs} ms (${r?.status ?? 'not recorded yet'})`);
    await sleep(50);
  }
}

export interface RunsOutcome {
  statuses: Record<string, number>;
  finished: number;
  lastFinishedAt: Date | null;
  /** Set when no run finished for `stallSeconds` while some had not: the system stopped making progress. */
  stalledForSeconds: number | null;
}

/**
 * Waits until every listed run has finished, or until none has finished for `stallSeconds` (then it
 * reports the stall instead of waiting forever).
 */
export async function waitForSyncRuns(pool: Pool, syncRunIds: string[], stallSeconds: number): Promise<RunsOutcome> {
  let finishedBefore = -1;
  let progressAt = Date.now();
  for (;;) {
    const { rows } = await pool.query<{ status: string; n: string; last: Date | null }>(
      `SELECT status, count(*) AS n, max(finished_at) AS last FROM sync_runs WHERE id = ANY($1::uuid[]) GROUP BY status`,
      [syncRunIds],
    );
    const statuses = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    const finishedRows = rows.filter((r) => r.status !== 'RUNNING');
    const finished = finishedRows.reduce((n, r) => n + Number(r.n), 0);
    const last = Math.max(0, ...finishedRows.map((r) => r.last?.getTime() ?? 0));
    const outcome = { statuses, finished, lastFinishedAt: last ? new Date(last) : null, stalledForSeconds: null };
    if (finished === syncRunIds.length) return outcome;
    if (finished !== finishedBefore) {
      finishedBefore = finished;
      progressAt = Date.now();
    } else if (Date.now() - progressAt > stallSeconds * 1000) {
      return { ...outcome, stalledForSeconds: Math.round((Date.now() - progressAt) / 1000) };
    }
    await sleep(200);
  }
}

/**
 * Pairs of executed (not SKIPPED) runs of the same integration whose [started, finished] intervals
 * intersect; a run still RUNNING counts as open-ended. Must always be 0 (single flight).
 */
export async function countOverlappingRuns(pool: Pool, integrationIds?: string[]): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(*) AS n
     FROM sync_runs a JOIN sync_runs b ON a.integration_id = b.integration_id AND a.id < b.id
     WHERE a.status <> 'SKIPPED' AND b.status <> 'SKIPPED'
       AND a.started_at < coalesce(b.finished_at, 'infinity') AND b.started_at < coalesce(a.finished_at, 'infinity')
       AND ($1::uuid[] IS NULL OR a.integration_id = ANY($1::uuid[]))`,
    [integrationIds ?? null],
  );
  return Number(rows[0]!.n);
}
