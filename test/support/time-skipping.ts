// Temporal's Java time-skipping test server (fetched by scripts/install-test-server.sh).
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { findTestServer } from '../../infra/temporal-cli';

export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const path = findTestServer();
  if (!path) throw new Error('Temporal test server not found: run `bash scripts/install-test-server.sh`.');
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
}
