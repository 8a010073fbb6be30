import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createTimeSkippingEnv } from '../support/time-skipping';

describe('time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('runs a workflow with a 40-day timer to completion in seconds of real time', async () => {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'long-timer',
      workflowsPath: path.resolve(__dirname, '../fixtures/long-timer-workflow.ts'),
    });
    const startedAt = Date.now();
    const result = await worker.runUntil(
      env.client.workflow.execute('fortyDayTimerWorkflow', { taskQueue: 'long-timer', workflowId: 'forty-days' }),
    );
    expect(new Date(result).getTime()).toBeGreaterThanOrEqual(40 * 24 * 3600 * 1000);
    // Real time stays far below the simulated 40 days (generous bound: a slow CI machine).
    expect(Date.now() - startedAt).toBeLessThan(60_000);
  });
});
