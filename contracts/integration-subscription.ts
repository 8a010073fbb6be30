// Contract of the workflow that owns an integration's push subscription at its HR system
// (workflows/integration-subscription.ts): create on activation, renew before expiry, re-create when
// the vendor dropped it, delete on disconnect. Ids, instants and counts only: notification bodies
// and secrets stay in PostgreSQL.
import { defineSignal, defineUpdate } from '@temporalio/workflow';

export const INTEGRATION_SUBSCRIPTION_WORKFLOW_TYPE = 'integrationSubscriptionWorkflow';

export const SUBSCRIPTION_WORKFLOW_PREFIX = 'integration-subscription-';
/** One subscription workflow per push-capable integration. */
export const integrationSubscriptionWorkflowId = (integrationId: string) => `${SUBSCRIPTION_WORKFLOW_PREFIX}${integrationId}`;

/** The receiver heard from the vendor about the subscription itself (Graph's lifecycle notifications). */
export const subscriptionEventSignal = defineSignal<[{ event: 'renew' | 'recreate' }]>('subscriptionEvent');

/** Disconnect: delete the vendor subscription, then end. Answers once the vendor was asked. */
export const deleteSubscriptionUpdate = defineUpdate<SubscriptionDeletion, []>('deleteSubscription');

export interface SubscriptionDeletion {
  /** The vendor no longer holds it (deleted now, or it never held one). */
  deleted: boolean;
  /** Why not, when not. */
  reason?: string;
}

/**
 * The SubscriptionState search attribute: where the subscription stands, for the Temporal UI.
 * AWAITING_ADMIN: a subscription the admin creates in the HR system's UI (HiBob) is not set up yet, or
 * no signed delivery has arrived since its secret was entered; the schedule polls meanwhile.
 */
export type SubscriptionStateName = 'SUBSCRIBING' | 'ACTIVE' | 'AWAITING_ADMIN' | 'DOWN' | 'DELETED';

/** Absolute deadlines (epoch ms) carried over continue-as-new: timers do not survive it. */
export interface SubscriptionDeadlines {
  /** Renew at this instant; null: the subscription does not expire. */
  renewAt: number | null;
  /** Ask the vendor whether it still holds the subscription at this instant. */
  checkAt: number | null;
  /** After a failure: try to (re-)create at this instant. */
  retryAt: number | null;
  /** The subscription must be (re-)created. */
  needsCreate: boolean;
  /** Consecutive failures (for the backoff). */
  failures: number;
}

export interface IntegrationSubscriptionInput {
  integrationId: string;
  /** Started by a disconnect that found no workflow running: only delete. */
  deleteOnly?: boolean;
  /** Set by continue-as-new. */
  carried?: SubscriptionDeadlines;
}

export interface IntegrationSubscriptionResult {
  outcome: 'deleted' | 'inactive';
}

export type IntegrationSubscriptionWorkflow = (input: IntegrationSubscriptionInput) => Promise<IntegrationSubscriptionResult>;

/** What the subscription activities answer the workflow. */
export type SubscriptionStep =
  /** The vendor holds it: renew at renewAt (null: never expires), check again at checkAt. */
  | { outcome: 'active'; renewAt: number | null; checkAt: number }
  /** The vendor no longer holds it: re-create. */
  | { outcome: 'gone' }
  /**
   * A subscription the admin creates at the vendor (createdBy 'admin') is not proven yet: its secret is
   * not entered, or no signed delivery arrived since. Look again at checkAt (entering the secret and the
   * first delivery wake the workflow at once); not a failure: the schedule polls as usual.
   */
  | { outcome: 'awaiting-admin'; checkAt: number }
  /** Cannot subscribe now (no public address configured): try again at retryAt. */
  | { outcome: 'unavailable'; retryAt: number }
  /** The integration is disconnected or its HR system does not push: the workflow ends. */
  | { outcome: 'inactive' };
