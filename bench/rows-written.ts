// Rows written to a table, measured two ways:
// - PostgreSQL's counters (pg_stat_user_tables: inserted, updated, deleted tuples). Exact, and they
//   see a row written twice, but a backend publishes them up to 10 s after going idle
//   (PGSTAT_IDLE_INTERVAL), so a reading is only final once they have been still that long.
// - Row versions: rows whose current version was written by a transaction that began after the
//   mark (xmin ≥ the mark's next transaction id). Immediate; a row written twice counts once.
import type { Pool } from 'pg';

export interface TupleCounts {
  inserted: number;
  updated: number;
  deleted: number;
}

export interface WriteMark {
  counts: TupleCounts;
  /** Next transaction id at the mark (32-bit, as xmin is). */
  nextXid: string;
}

export interface RowsWritten extends TupleCounts {
  /** inserted + updated + deleted (pg_stat_user_tables). */
  total: number;
  /** False when the counters had not been still for the settle time (then total may be low). */
  settled: boolean;
  /** Rows whose current version is newer than the mark. */
  rowsWithNewVersion: number;
}

async function readCounts(pool: Pool, table: string): Promise<TupleCounts> {
  // Outside a transaction each statement sees fresh statistics (stats_fetch_consistency=cache).
  const { rows } = await pool.query<{ ins: string; upd: string; del: string }>(
    'SELECT n_tup_ins AS ins, n_tup_upd AS upd, n_tup_del AS del FROM pg_stat_user_tables WHERE relname = $1',
    [table],
  );
  const row = rows[0];
  return { inserted: Number(row?.ins ?? 0), updated: Number(row?.upd ?? 0), deleted: Number(row?.del ?? 0) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const same = (a: TupleCounts, b: TupleCounts) => a.inserted === b.inserted && a.updated === b.updated && a.deleted === b.deleted;

/** The counters once unchanged for `settleSeconds` (0: read at once). */
async function settledCounts(pool: Pool, table: string, settleSeconds: number): Promise<{ counts: TupleCounts; settled: boolean }> {
  let counts = await readCounts(pool, table);
  let stillSince = Date.now();
  const deadline = Date.now() + Math.max(60_000, settleSeconds * 4000);
  while (Date.now() - stillSince < settleSeconds * 1000) {
    if (Date.now() > deadline) return { counts, settled: false };
    await sleep(500);
    const current = await readCounts(pool, table);
    if (!same(counts, current)) {
      counts = current;
      stillSince = Date.now();
    }
  }
  return { counts, settled: settleSeconds > 0 };
}

export class WriteMeter {
  constructor(
    private readonly pool: Pool,
    private readonly table: string,
    private readonly settleSeconds: number,
  ) {}

  /** Call before the writes; waits for earlier writes' counters to settle first. */
  async mark(): Promise<WriteMark> {
    const { counts } = await settledCounts(this.pool, this.table, this.settleSeconds);
    const { rows } = await this.pool.query<{ next: string }>('SELECT (pg_snapshot_xmax(pg_current_snapshot())::text::bigint % 4294967296)::text AS next');
    return { counts, nextXid: rows[0]!.next };
  }

  async since(mark: WriteMark): Promise<RowsWritten> {
    const { counts, settled } = await settledCounts(this.pool, this.table, this.settleSeconds);
    const { rows } = await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${this.table} WHERE xmin::text::bigint >= $1::bigint`, [mark.nextXid]);
    const inserted = counts.inserted - mark.counts.inserted;
    const updated = counts.updated - mark.counts.updated;
    const deleted = counts.deleted - mark.counts.deleted;
    return { inserted, updated, deleted, total: inserted + updated + deleted, settled, rowsWithNewVersion: Number(rows[0]!.n) };
  }
}
