// Starting sync runs from the API: the id of the run is chosen here so the caller gets it at once.
import crypto from 'node:crypto';
import type { Client } from '@temporalio/client';
import { INTEGRATION_SYNC_WORKFLOW_TYPE, integrationSyncWorkflowId, type IntegrationSyncWorkflow } from '../contracts/integration-sync';
import { CompanyIdKey, HrSystemKey, IntegrationIdKey } from '../contracts/search-attributes';

export async function startSyncWorkflow(
  client: Client,
  taskQueue: string,
  integration: { id: string; companyId: string; hrSystem: string },
  trigger: 'MANUAL' | 'ACTIVATION',
  /** Only names the run in the UI; the request itself is recorded on the integration. */
  fullListing = false,
): Promise<string> {
  const syncRunId = crypto.randomUUID();
  await client.workflow.start<IntegrationSyncWorkflow>(INTEGRATION_SYNC_WORKFLOW_TYPE, {
    taskQueue,
    workflowId: integrationSyncWorkflowId(integration.id, syncRunId),
    args: [{ integrationId: integration.id, trigger, syncRunId }],
    typedSearchAttributes: [
      { key: CompanyIdKey, value: integration.companyId },
      { key: IntegrationIdKey, value: integration.id },
      { key: HrSystemKey, value: integration.hrSystem },
    ],
    memo: { trigger },
    staticSummary: trigger === 'ACTIVATION' ? 'First sync after activation' : fullListing ? 'Complete sync requested through the API' : 'Manual sync requested through the API',
    workflowExecutionTimeout: '6h',
  });
  return syncRunId;
}
