// What activities need from the outside world; built once per worker process.
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { ConnectorContext } from '../connectors/types';
import type { CredentialsCipher } from '../infra/credentials-cipher';
import type { Db } from '../infra/prisma';
import type { InviteMailer } from '../infra/invite-mailer';
import type { SyncMetrics } from '../infra/metrics/sync-metrics';

export interface ActivityDeps {
  db: Db;
  temporal: Client;
  cipher: CredentialsCipher;
  taskQueue: string;
  mailer: InviteMailer;
  logger: Logger;
  /** Test hook for connector retries (fast sleeps); the activity's cancellation signal is added to it. */
  connectorContext?: ConnectorContext;
  /** Test hook: the clock used for business rules. */
  now?: () => Date;
  /** Prometheus metrics of the worker process (syncs finished, employees written); none when METRICS_PORT is unset. */
  metrics?: SyncMetrics;
  /** Where HR systems reach the product (PUBLIC_URL): push subscriptions call <publicUrl>/hooks/<receiverId>; none: polling only. */
  publicUrl?: string;
  /** Test hook: how often a subscription workflow asks the vendor whether it still holds the subscription (default 6 h). */
  pushSubscriptionCheckMs?: number;
}

/**
 * The running activity's cancellation signal (aborted on cancellation, timeout, and at worker
 * shutdown once the grace time is over); undefined outside an activity (tests call some directly).
 * Long activities pass it to whatever waits, and stop between steps once it has aborted, throwing
 * `signal.reason` so that the attempt is recorded as cancelled and retried elsewhere.
 */
export function currentActivitySignal(): AbortSignal | undefined {
  try {
    return Context.current().cancellationSignal;
  } catch {
    return undefined;
  }
}
