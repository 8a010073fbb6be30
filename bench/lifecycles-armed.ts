// A started lifecycle is only waiting once the worker has run its first workflow task (the timer is
// armed). The handoff's starts return before that, so the bench waits until the task queue has no
// the lifecycles handed over last (the drain goes in id order, the task queue is first in, first out)
// show the timer in their history, and then for an empty workflow-task backlog.
import { temporal as proto } from '@temporalio/proto';
import type { Client } from '@temporalio/client';
import { leavingWorkflowId } from '../contracts/leaving-lifecycle';

/** Events up to the armed timer: started, task scheduled/started/completed, timer started. */
const ARMED_HISTORY_LENGTH = 5;
const LAST_HANDED_OVER_CHECKED = 5;
/** Polling costs the Temporal server CPU too: not more often than this. */
const POLL_MS = 500;
const BACKLOG_WAIT_MS = 15_000;

/**
 * Resolves with the instant the lifecycles handed over last had armed their timers; before resolving
 * it also waits for the workflow-task backlog to read 0 (a server statistic refreshed every few
 * seconds, so it is not the clock), so the next measurement starts on a quiet machine. The statistic
 * is approximate and can stay above 0 on a busy server: after BACKLOG_WAIT_MS it is not waited for.
 */
export async function waitUntilLifecyclesArmed(client: Client, taskQueue: string, employeeIds: readonly string[], timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  const lastHanded = [...employeeIds].sort().slice(-LAST_HANDED_OVER_CHECKED);
  const waitFor = async (done: () => Promise<boolean>, what: string) => {
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  };
  await waitFor(() => allArmed(client, lastHanded), 'lifecycles armed');
  const armedAt = Date.now();
  const backlogDeadline = Date.now() + BACKLOG_WAIT_MS;
  while (Date.now() < backlogDeadline && (await workflowTaskBacklog(client, taskQueue)) > 0) await new Promise((r) => setTimeout(r, POLL_MS));
  return armedAt;
}

async function workflowTaskBacklog(client: Client, taskQueue: string): Promise<number> {
  const response = await client.workflowService.describeTaskQueue({
    namespace: client.options.namespace,
    taskQueue: { name: taskQueue, kind: proto.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
    taskQueueType: proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    reportStats: true,
  });
  return Number(response.stats?.approximateBacklogCount ?? 0);
}

async function allArmed(client: Client, employeeIds: readonly string[]): Promise<boolean> {
  const lengths = await Promise.all(employeeIds.map(async (id) => (await client.workflow.getHandle(leavingWorkflowId(id)).describe()).historyLength));
  return lengths.every((n) => n >= ARMED_HISTORY_LENGTH);
}
