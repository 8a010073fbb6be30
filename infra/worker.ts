// The Temporal worker: bundles workflows/ (or loads a prebuilt bundle) and registers the activities.
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, NativeConnection, Worker, type State, type WorkerOptions } from '@temporalio/worker';
import { syncListingTaskQueue } from '../workflows/ids';
import { createActivities, type ActivityDeps } from '../activities';

export const WORKFLOWS_PATH = path.resolve(__dirname, '..', 'workflows', 'index.ts');
export const PREBUILT_BUNDLE = path.resolve(__dirname, '..', 'dist', 'workflow-bundle.js');

export async function loadWorkflowBundle(): Promise<{ code: string }> {
  if (process.env.NODE_ENV === 'production' && fs.existsSync(PREBUILT_BUNDLE)) {
    return { code: fs.readFileSync(PREBUILT_BUNDLE, 'utf8') };
  }
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietBundlerLogger });
}

const noop = () => undefined;
const quietBundlerLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };

export interface WorkerSetup {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activityDeps: ActivityDeps;
  workflowBundle?: { code: string };
  options?: Partial<WorkerOptions>;
}

/**
 * The product's worker: one Temporal worker for workflows and short activities, and one on a queue of
 * its own for the long sync listings. Listings wait on leaving lifecycles whose activities run on
 * the main queue; with a shared slot pool, many concurrent syncs could occupy every slot and wait
 * forever for activities that can no longer run.
 */
export class ProductWorker {
  constructor(private readonly workers: readonly Worker[]) {}

  run(): Promise<void> {
    return Promise.all(this.workers.map((w) => w.run())).then(() => undefined);
  }

  getState(): State {
    return this.workers[0]!.getState();
  }

  shutdown(): void {
    for (const w of this.workers) if (w.getState() === 'RUNNING') w.shutdown();
  }
}

// Concurrent listings per worker process: each holds a database connection while it writes.
const MAX_CONCURRENT_LISTINGS = 8;

export async function createWorker(setup: WorkerSetup): Promise<ProductWorker> {
  const activities = createActivities(setup.activityDeps);
  const main = await Worker.create({
    connection: setup.connection,
    namespace: setup.namespace,
    taskQueue: setup.taskQueue,
    workflowBundle: setup.workflowBundle ?? (await loadWorkflowBundle()),
    activities,
    // Lifecycles wait for weeks and sync workflows are short: caching many buys nothing and costs
    // memory and evictions (bench: 5,000 lifecycles started at 92/s and 361 MB with 25, 76/s and 390 MB with 100).
    maxCachedWorkflows: 25,
    shutdownGraceTime: '10s',
    ...setup.options,
  });
  const listings = await Worker.create({
    connection: setup.connection,
    namespace: setup.namespace,
    taskQueue: syncListingTaskQueue(setup.taskQueue),
    activities: { syncEmployees: activities.syncEmployees },
    maxConcurrentActivityTaskExecutions: MAX_CONCURRENT_LISTINGS,
    shutdownGraceTime: '10s',
  });
  return new ProductWorker([main, listings]);
}
