// The API's Temporal calls run under a deadline: with Temporal unreachable, the client would retry
// UNAVAILABLE for ~20 s before failing; a request answers 503 within 5 s instead (api/errors.ts
// decides which 503). Only the wait until Temporal has accepted a request is bounded; the wait for
// the outcome of what it accepted (an Update's result, a workflow's result) is not, as before.
import type { Client } from '@temporalio/client';
import type { CallPhases } from '../infra/leaving-lifecycle-client';
import { TemporalDeadlineReached, temporalOutageApiError } from './errors';

/** Budget for all Temporal calls of one request until Temporal has accepted it (answers stay below 5 s). */
export const TEMPORAL_ACCEPT_DEADLINE_MS = 3_500;
/** Reads that only decorate an answer (the next scheduled sync) give up sooner. */
export const TEMPORAL_READ_DEADLINE_MS = 1_500;

const GRPC_CHANNEL_READY = 2; // @grpc/grpc-js connectivityState.READY

/** Whether the client's gRPC channel is connected; null when the connection does not tell (not a grpc-js one). */
function channelReady(client: Client): boolean | null {
  const grpcClient = (client.connection as { client?: { getChannel?: () => { getConnectivityState(tryToConnect: boolean): number } } }).client;
  const state = grpcClient?.getChannel?.().getConnectivityState(false);
  return state === undefined ? null : state === GRPC_CHANNEL_READY;
}

/**
 * Runs `call` with every gRPC request in it bounded by one deadline `ms` from now. The SDK's retry
 * interceptor can sleep past a deadline between attempts (its next attempt then fails at once), so
 * a timer settles the answer at the deadline itself.
 */
export async function withTemporalDeadline<T>(client: Client, ms: number, call: () => Promise<T>): Promise<T> {
  const work = client.withDeadline(Date.now() + ms, call);
  work.catch(() => undefined); // may settle after the timer decided
  let timer: NodeJS.Timeout | undefined;
  const reached = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TemporalDeadlineReached(ms)), ms);
  });
  try {
    return await Promise.race([work, reached]);
  } finally {
    clearTimeout(timer);
  }
}

export interface TemporalCalls extends CallPhases {
  readonly client: Client;
}

/** The two phases of the API's Temporal calls, with outages turned into the 503s of api/errors.ts. */
export function temporalCalls(client: Client, acceptDeadlineMs = TEMPORAL_ACCEPT_DEADLINE_MS): TemporalCalls {
  return {
    client,
    async untilAccepted(call) {
      try {
        return await withTemporalDeadline(client, acceptDeadlineMs, call);
      } catch (err) {
        throw temporalOutageApiError(err, { accepted: false, channelReady: channelReady(client) }) ?? err;
      }
    },
    async afterAccepted(call) {
      try {
        return await call();
      } catch (err) {
        throw temporalOutageApiError(err, { accepted: true, channelReady: channelReady(client) }) ?? err;
      }
    },
  };
}
