// Temporal's Java time-skipping test server (fetched by scripts/install-test-server.sh).
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { findTestServer } from '../../infra/temporal-cli';

// The SDK gives the server 5 s to open its port; a JVM on a busy 2-core machine can miss that once.
const START_ATTEMPTS = 3;

export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const path = findTestServer();
  if (!path) throw new Error('Temporal test server not found: run `bash scripts/install-test-server.sh`.');
  let lastError: unknown;
  for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
    try {
      return await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
    } catch (err) {
      lastError = err;
      if (!/did not start within/.test(String((err as Error)?.message))) throw err;
    }
  }
  throw lastError;
}
