// The Temporal worker: bundles workflows/ (or loads a prebuilt bundle) and registers the activities.
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
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

export async function createWorker(setup: WorkerSetup): Promise<Worker> {
  return Worker.create({
    connection: setup.connection,
    namespace: setup.namespace,
    taskQueue: setup.taskQueue,
    workflowBundle: setup.workflowBundle ?? (await loadWorkflowBundle()),
    activities: createActivities(setup.activityDeps),
    // Waiting lifecycles hold no slot; keep the cache modest so idle memory stays low.
    maxCachedWorkflows: 500,
    shutdownGraceTime: '10s',
    ...setup.options,
  });
}
