// Waiting for sync runs and reading what Temporal recorded, for the integration tests.
import type { Client } from '@temporalio/client';
import type { LeavingHandoffCounts } from '../../contracts/leaving-handoff';
import type { Db } from '../../infra/prisma';
import { leavingHandoffWorkflowId } from '../../contracts/leaving-handoff';

export async function waitForSyncRun(db: Db, syncRunId: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await db.syncRun.findUnique({ where: { id: syncRunId } });
    if (run && run.status !== 'RUNNING') return run;
    if (Date.now() > deadline) throw new Error(`sync run ${syncRunId} did not finish within ${timeoutMs} ms (status ${run?.status ?? 'not yet recorded'})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until no sync of the integration is running and the newest run has finished. */
export async function waitForIdleIntegration(db: Db, integrationId: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [running, followUp] = await Promise.all([
      db.syncRun.count({ where: { integrationId, status: 'RUNNING' } }),
      db.integration.count({ where: { id: integrationId, followUpRequested: true } }),
    ]);
    if (running === 0 && followUp === 0) return;
    if (Date.now() > deadline) throw new Error(`integration ${integrationId} still busy after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every event of every workflow on a task queue, as one string (to search for leaked data). */
export async function allHistoriesText(client: Client, query: string): Promise<string> {
  const parts: string[] = [];
  for await (const wf of client.workflow.list({ query })) {
    const history = await client.workflow.getHandle(wf.workflowId, wf.runId).fetchHistory();
    parts.push(JSON.stringify(history, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : typeof v === 'bigint' ? String(v) : v)));
  }
  return parts.join('\n');
}

/** Waits until the company's leaving handoff has drained (nothing pending, its workflow closed); its last run's counts. */
export async function waitForLeavingHandoff(db: Db, client: Client, companyId: string, timeoutMs = 60_000): Promise<LeavingHandoffCounts> {
  const deadline = Date.now() + timeoutMs;
  const handle = client.workflow.getHandle(leavingHandoffWorkflowId(companyId));
  for (;;) {
    const pending = await db.employee.count({ where: { companyId, leavingHandoffPending: true } });
    const described = await handle.describe().catch(() => null);
    if (pending === 0 && described && described.status.name !== 'RUNNING') return (await handle.result()) as LeavingHandoffCounts;
    if (Date.now() > deadline) throw new Error(`the leaving handoff of company ${companyId} did not drain within ${timeoutMs} ms (${pending} pending, workflow ${described?.status.name ?? 'not started'})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
