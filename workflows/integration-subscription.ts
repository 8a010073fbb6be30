// Owns one integration's push subscription at its HR system: creates it, renews it on a durable timer
// before it expires, asks the vendor now and then whether it still holds it and re-creates it when
// dropped (or when the receiver heard so from the vendor), deletes it on disconnect and ends.
// Orchestration only: the activities talk to the vendor and record the state in PostgreSQL. History
// carries ids and instants; continue-as-new passes the absolute deadlines on.
import { ApplicationFailure, allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  deleteSubscriptionUpdate,
  subscriptionEventSignal,
  type IntegrationSubscriptionWorkflow,
  type SubscriptionDeadlines,
  type SubscriptionDeletion,
  type SubscriptionStateName,
  type SubscriptionStep,
} from '../contracts/integration-subscription';
import { FailureType } from '../contracts/failures';
import { SubscriptionStateKey } from '../contracts/search-attributes';

// Vendor calls: a few quick retries here; beyond that the workflow waits (backoff) and tries again.
const vendor = proxyActivities<Activities>({
  startToCloseTimeout: '2m',
  retry: { initialInterval: '2s', maximumInterval: '30s', maximumAttempts: 4, nonRetryableErrorTypes: [FailureType.CredentialsRejected, FailureType.CredentialsMissing, FailureType.NoConnector] },
});
const bookkeeping = proxyActivities<Activities>({ startToCloseTimeout: '1m', retry: { maximumAttempts: 10 } });

/** After a failed step: wait 1 min, doubling, at most 1 h, then try again (polling covers the gap). */
const retryDelayMs = (failures: number) => Math.min(3600_000, 60_000 * 2 ** Math.max(0, failures - 1));
/** Bounds the history between continue-as-new even where the server suggests none. */
const MAX_STEPS_PER_RUN = 200;

function failureReason(err: unknown): string {
  let cause: unknown = err;
  while (cause && typeof cause === 'object' && 'cause' in cause && (cause as { cause?: unknown }).cause) cause = (cause as { cause: unknown }).cause;
  return cause instanceof ApplicationFailure || cause instanceof Error ? cause.message : 'The HR system could not be reached.';
}

export const integrationSubscriptionWorkflow: IntegrationSubscriptionWorkflow = async (input) => {
  const { integrationId } = input;
  const d: SubscriptionDeadlines = input.carried ?? { renewAt: null, checkAt: null, retryAt: null, needsCreate: true, failures: 0 };
  let stopRequested = input.deleteOnly === true;
  let renewRequested = false;
  /** A re-create asked for while a step ran: an 'awaiting-admin' answer must not put it off to checkAt. */
  let recreateAskedDuringStep = false;
  let deletion: SubscriptionDeletion | null = null;

  setHandler(subscriptionEventSignal, ({ event }) => {
    if (event === 'recreate') {
      Object.assign(d, { needsCreate: true, retryAt: null });
      recreateAskedDuringStep = true;
    }
    else renewRequested = true;
  });
  setHandler(deleteSubscriptionUpdate, async () => {
    stopRequested = true;
    await condition(() => deletion !== null);
    return deletion!;
  });

  let published: SubscriptionStateName | null = null;
  const publish = (state: SubscriptionStateName) => {
    if (state === published) return;
    published = state;
    upsertSearchAttributes([{ key: SubscriptionStateKey, value: state }]);
  };

  /** Applies a step's outcome to the deadlines; false when the workflow should end. */
  const apply = (step: SubscriptionStep): boolean => {
    switch (step.outcome) {
      case 'active':
        Object.assign(d, { renewAt: step.renewAt, checkAt: step.checkAt, retryAt: null, needsCreate: false, failures: 0 });
        publish('ACTIVE');
        return true;
      case 'gone':
        Object.assign(d, { needsCreate: true, retryAt: null });
        publish('DOWN');
        return true;
      case 'unavailable':
        Object.assign(d, { needsCreate: true, retryAt: step.retryAt });
        publish('DOWN');
        return true;
      case 'awaiting-admin':
        // Not a failure: no backoff. The create step runs again at checkAt, or at once when signalled.
        Object.assign(d, { needsCreate: true, retryAt: recreateAskedDuringStep ? null : step.checkAt, failures: 0 });
        publish('AWAITING_ADMIN');
        return true;
      case 'inactive':
        return false;
    }
  };

  const failed = async (err: unknown) => {
    d.failures++;
    Object.assign(d, { needsCreate: true, retryAt: Date.now() + retryDelayMs(d.failures) });
    publish('DOWN');
    // Best effort: the vendor step already recorded its failure; this run must go on regardless.
    await bookkeeping.recordPushSubscriptionDown({ integrationId, reason: failureReason(err) }).catch(() => undefined);
  };

  const due = (at: number | null) => at !== null && Date.now() >= at;

  let steps = 0;
  let active = true;
  while (!stopRequested && active) {
    recreateAskedDuringStep = false;
    try {
      if (d.needsCreate && (d.retryAt === null || due(d.retryAt))) {
        renewRequested = false;
        publish('SUBSCRIBING');
        active = apply(await vendor.createPushSubscription({ integrationId }));
      } else if (!d.needsCreate && (renewRequested || due(d.renewAt))) {
        renewRequested = false;
        active = apply(await vendor.renewPushSubscription({ integrationId }));
      } else if (!d.needsCreate && due(d.checkAt)) {
        active = apply(await vendor.checkPushSubscription({ integrationId }));
      }
    } catch (err) {
      await failed(err);
    }
    if (!active || stopRequested) break;
    // A re-create asked for right after a step runs at once, except while waiting out a failure.
    if (d.needsCreate && d.retryAt === null) continue;

    if (++steps >= MAX_STEPS_PER_RUN || workflowInfo().continueAsNewSuggested) {
      // A deletion that arrives now is answered by this run (its handler waits for the deletion).
      await condition(() => stopRequested || allHandlersFinished());
      if (stopRequested) break;
      await continueAsNew<typeof integrationSubscriptionWorkflow>({ integrationId, carried: d });
    }
    const next = [d.needsCreate ? d.retryAt : d.renewAt, d.needsCreate ? null : d.checkAt].filter((t): t is number => t !== null);
    // A renewal asked for while a (re-)creation is due is answered by that creation.
    const wake = () => stopRequested || (!d.needsCreate && renewRequested) || (d.needsCreate && d.retryAt === null);
    if (next.length === 0) await condition(wake);
    else await condition(wake, Math.max(1, Math.min(...next) - Date.now()));
  }

  deletion = await vendor.deletePushSubscription({ integrationId }).catch((err: unknown) => ({ deleted: false, reason: failureReason(err) }));
  publish(deletion.deleted ? 'DELETED' : 'DOWN');
  await condition(allHandlersFinished);
  return { outcome: stopRequested ? 'deleted' : 'inactive' };
};
