// Temporal calls around an integration's subscription workflow: start it (activation, reconciler),
// tell it what the vendor said about the subscription (receiver), and have it delete the
// subscription (disconnect). Shared by the API and the activities.
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowUpdateStage, type Client } from '@temporalio/client';
import {
  deleteSubscriptionUpdate,
  INTEGRATION_SUBSCRIPTION_WORKFLOW_TYPE,
  integrationSubscriptionWorkflowId,
  subscriptionEventSignal,
  type IntegrationSubscriptionInput,
  type IntegrationSubscriptionWorkflow,
  type SubscriptionDeletion,
} from '../contracts/integration-subscription';
import { CompanyIdKey, HrSystemKey, IntegrationIdKey, SubscriptionStateKey } from '../contracts/search-attributes';

export interface SubscribedIntegration {
  id: string;
  companyId: string;
  hrSystem: string;
}

function startOptions(taskQueue: string, integration: SubscribedIntegration, input: IntegrationSubscriptionInput) {
  return {
    workflowId: integrationSubscriptionWorkflowId(integration.id),
    taskQueue,
    args: [input] as [IntegrationSubscriptionInput],
    typedSearchAttributes: [
      { key: CompanyIdKey, value: integration.companyId },
      { key: IntegrationIdKey, value: integration.id },
      { key: HrSystemKey, value: integration.hrSystem },
      { key: SubscriptionStateKey, value: input.deleteOnly ? 'DELETED' : 'SUBSCRIBING' },
    ],
    staticSummary: `Keeps the ${integration.hrSystem} change notifications of integration ${integration.id} subscribed`,
  };
}

/** Starts the workflow unless it runs; 'started' or 'running'. */
export async function ensureSubscriptionWorkflow(client: Client, taskQueue: string, integration: SubscribedIntegration): Promise<'started' | 'running'> {
  try {
    await client.workflow.start<IntegrationSubscriptionWorkflow>(INTEGRATION_SUBSCRIPTION_WORKFLOW_TYPE, startOptions(taskQueue, integration, { integrationId: integration.id }));
    return 'started';
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return 'running';
    throw err;
  }
}

/** The vendor said the subscription needs renewing or was removed: the workflow acts now (started if none runs). */
export async function signalSubscriptionEvent(client: Client, taskQueue: string, integration: SubscribedIntegration, event: 'renew' | 'recreate'): Promise<void> {
  await client.workflow.signalWithStart<IntegrationSubscriptionWorkflow, [{ event: 'renew' | 'recreate' }]>(INTEGRATION_SUBSCRIPTION_WORKFLOW_TYPE, {
    ...startOptions(taskQueue, integration, { integrationId: integration.id }),
    signal: subscriptionEventSignal,
    signalArgs: [{ event }],
  });
}

/**
 * Disconnect: the workflow deletes the vendor subscription and ends (a run is started for it if none
 * runs). `untilAccepted` bounds reaching Temporal; the deletion itself is awaited at most `waitMs`.
 */
export async function deleteSubscriptionThroughWorkflow(
  client: Client,
  taskQueue: string,
  integration: SubscribedIntegration,
  phases: { untilAccepted<T>(call: () => Promise<T>): Promise<T> },
  waitMs: number,
): Promise<SubscriptionDeletion | null> {
  const update = await phases.untilAccepted(() =>
    client.workflow.startUpdateWithStart(deleteSubscriptionUpdate, {
      args: [],
      waitForStage: WorkflowUpdateStage.ACCEPTED,
      startWorkflowOperation: new WithStartWorkflowOperation<IntegrationSubscriptionWorkflow>(INTEGRATION_SUBSCRIPTION_WORKFLOW_TYPE, {
        ...startOptions(taskQueue, integration, { integrationId: integration.id, deleteOnly: true }),
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    }),
  );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs)));
  try {
    return await Promise.race([update.result(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
