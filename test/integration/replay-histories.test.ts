// Every recorded history (test/replay-histories/*.json) must replay against today's workflow code:
// a change that would break running workflows (they live for weeks) fails here. Such a change goes
// behind patched(); see test/integration/record-histories.test.ts for recording new histories.
import fs from 'node:fs';
import { Worker } from '@temporalio/worker';
import { recordedHistories } from '../support/replay-histories';
import { readTestEnv } from '../support/test-env';

describe('replay of recorded workflow histories', () => {
  const histories = recordedHistories();

  it('has recorded histories of each long-lived workflow type', () => {
    const types = new Set(histories.map((h) => h.file.split('--')[0]));
    expect([...types]).toEqual(expect.arrayContaining(['leavingLifecycleWorkflow', 'leavingHandoffWorkflow', 'reconcileSchedulesWorkflow', 'integrationSubscriptionWorkflow']));
  });

  it('replays all of them without nondeterminism', async () => {
    const failures: string[] = [];
    const results = Worker.runReplayHistories(
      { workflowBundle: { code: fs.readFileSync(readTestEnv().workflowBundlePath, 'utf8') }, replayName: 'recorded-histories' },
      histories.map(({ workflowId, history }) => ({ workflowId, history })),
    );
    let replayed = 0;
    for await (const result of results) {
      replayed++;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(histories.length);
  });
});
