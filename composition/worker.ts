// Composition root, worker half: runs the workflow bundle (composition/workflow-bundle.ts) and registers the
// activities built from their dependencies (infra adapters).
import { NativeConnection, Worker, type State, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import { syncListingTaskQueue } from '../contracts/integration-sync';
import { loadWorkflowBundle } from './workflow-bundle';

export interface WorkerSetup {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activityDeps: ActivityDeps;
  workflowBundle?: { code: string };
  /** Options of the main worker (tests, bench); the shutdown times below apply to both workers. */
  options?: Partial<WorkerOptions>;
  shutdown?: ShutdownTimes;
}

/**
 * How long a shutdown may take, both counted from the shutdown request (the SDK's shutdownGraceTime
 * and shutdownForceTime). Within the grace time running activities may finish; then they are
 * cancelled (their cancellation signal aborts, see currentActivitySignal in activities/deps.ts) and
 * each attempt is recorded on the server as failed by the shutdown, so it is retried at once
 * elsewhere. At the force time the worker stops even if an activity ignored its cancellation (that
 * attempt is then left to its timeouts on the server) and run() rejects with WorkerShutdownForcedError.
 */
export interface ShutdownTimes {
  graceTimeMs: number;
  forceTimeMs: number;
}

export const DEFAULT_SHUTDOWN_TIMES: ShutdownTimes = { graceTimeMs: 10_000, forceTimeMs: 30_000 };

const STATE_ORDER: readonly State[] = ['INITIALIZED', 'RUNNING', 'STOPPING', 'DRAINING', 'DRAINED', 'STOPPED'];

/**
 * The product's worker: one Temporal worker for workflows and short activities, and one on a queue of
 * its own for the long sync listings. Listings wait on leaving lifecycles whose activities run on
 * the main queue; with a shared slot pool, many concurrent syncs could occupy every slot and wait
 * forever for activities that can no longer run.
 *
 * The two run and stop together: shutdown() stops both, and when one stops for any reason (a fatal
 * error, the SDK's own SIGINT/SIGTERM handling) the other is shut down too, so run() always settles.
 */
export class ProductWorker {
  private running: Promise<void> | null = null;
  private shutdownRequested = false;

  constructor(readonly workers: readonly Worker[]) {}

  /** Resolves once every worker has stopped; rejects with the first failure (after all have stopped). */
  run(): Promise<void> {
    this.running ??= Promise.allSettled(this.workers.map((w) => this.runOne(w))).then((outcomes) => {
      const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
      if (failed) throw failed.reason;
    });
    return this.running;
  }

  private async runOne(worker: Worker): Promise<void> {
    try {
      await worker.run();
    } catch (err) {
      if (!this.shutdownRequested) throw err;
      // The SDK's own error after the force time ("Worker still in use") does not say what happened.
      throw new WorkerShutdownForcedError(worker.options.taskQueue, err);
    } finally {
      this.shutdown();
    }
  }

  /** Each worker's state, main queue first. */
  getStates(): State[] {
    return this.workers.map((w) => w.getState());
  }

  /**
   * The state of the whole: RUNNING only while every worker runs, STOPPED once every one has stopped,
   * FAILED if any failed; while they differ, the least advanced (a running one then counts as STOPPING).
   */
  getState(): State {
    const states = this.getStates();
    if (states.includes('FAILED')) return 'FAILED';
    const least = states.reduce((a, b) => (STATE_ORDER.indexOf(b) < STATE_ORDER.indexOf(a) ? b : a));
    return least === 'RUNNING' && states.some((s) => s !== 'RUNNING') ? 'STOPPING' : least;
  }

  /** Starts the bounded shutdown of every worker still running; safe to call at any time, and again. */
  shutdown(): void {
    this.shutdownRequested = true;
    for (const w of this.workers) if (w.getState() === 'RUNNING') w.shutdown();
  }
}

/** A worker that did not stop cleanly once shut down, typically an activity that ignored its cancellation past the force time. */
export class WorkerShutdownForcedError extends Error {
  constructor(
    readonly taskQueue: string,
    cause: unknown,
  ) {
    super(`The worker of task queue ${taskQueue} did not stop cleanly (${cause instanceof Error ? cause.message : String(cause)}): an activity that ignored its cancellation may still be running until its timeout`, { cause });
    this.name = 'WorkerShutdownForcedError';
  }
}

// Concurrent listings per worker process: each holds a database connection while it writes.
const MAX_CONCURRENT_LISTINGS = 8;

export async function createWorker(setup: WorkerSetup): Promise<ProductWorker> {
  const activities = createActivities(setup.activityDeps);
  const { graceTimeMs, forceTimeMs } = setup.shutdown ?? DEFAULT_SHUTDOWN_TIMES;
  const shutdownOptions = { shutdownGraceTime: graceTimeMs, shutdownForceTime: forceTimeMs };
  const main = await Worker.create({
    connection: setup.connection,
    namespace: setup.namespace,
    taskQueue: setup.taskQueue,
    workflowBundle: setup.workflowBundle ?? (await loadWorkflowBundle()),
    activities,
    // Lifecycles wait for weeks and sync workflows are short: caching many buys nothing and costs
    // memory and evictions (bench: 5,000 lifecycles started at 92/s and 361 MB with 25, 76/s and 390 MB with 100).
    maxCachedWorkflows: 25,
    // A killed worker's cached workflows get their next task elsewhere after this (SDK default 10 s):
    // part of how fast a sync resumes after a worker dies (test/integration/sync-worker-killed.test.ts).
    stickyQueueScheduleToStartTimeout: '4s',
    ...shutdownOptions,
    ...setup.options,
  });
  const listings = await Worker.create({
    connection: setup.connection,
    namespace: setup.namespace,
    taskQueue: syncListingTaskQueue(setup.taskQueue),
    activities: { syncEmployees: activities.syncEmployees },
    maxConcurrentActivityTaskExecutions: MAX_CONCURRENT_LISTINGS,
    ...shutdownOptions,
  });
  return new ProductWorker([main, listings]);
}
