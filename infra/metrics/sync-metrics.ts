// What the worker counts about syncs: finished runs by outcome and the employees they wrote. Labels
// are the HR system's catalog id and enums only (bounded): never company or integration ids, never
// names or e-mails.
import { Counter, type Registry } from 'prom-client';
import { METRIC_PREFIX } from './registry';

export type SyncOutcome = 'SUCCEEDED' | 'FAILED' | 'NEEDS_REVIEW' | 'CANCELLED' | 'SKIPPED';

export interface FinishedSync {
  /** The catalog id of the integration's HR system (e.g. `personio`). */
  hrSystem: string;
  outcome: SyncOutcome;
  /** What the run wrote; absent for a run that failed or was skipped before writing anything. */
  counts?: { created: number; updated: number; removed: number };
}

/** Handed to the activities (ActivityDeps.metrics); called once a sync run's outcome is recorded. */
export interface SyncMetrics {
  syncFinished(sync: FinishedSync): void;
}

export function createSyncMetrics(registry: Registry): SyncMetrics {
  const syncs = new Counter({
    name: `${METRIC_PREFIX}syncs_finished_total`,
    help: 'Sync runs finished, by HR system and outcome (SUCCEEDED, NEEDS_REVIEW, FAILED, CANCELLED, SKIPPED)',
    labelNames: ['hr_system', 'outcome'] as const,
    registers: [registry],
  });
  const written = new Counter({
    name: `${METRIC_PREFIX}sync_employees_written_total`,
    help: 'Employees written by finished sync runs, by HR system and change (created, updated, removed)',
    labelNames: ['hr_system', 'change'] as const,
    registers: [registry],
  });
  return {
    syncFinished({ hrSystem, outcome, counts }) {
      syncs.inc({ hr_system: hrSystem, outcome });
      if (!counts) return;
      for (const change of ['created', 'updated', 'removed'] as const) written.inc({ hr_system: hrSystem, change }, counts[change]);
    },
  };
}
