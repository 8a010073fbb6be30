// Options of the Temporal client connection the API and the activities use.
import type { ConnectionOptions } from '@temporalio/client';

/**
 * The Temporal client connection of the API and the activities. gRPC's reconnect backoff grows to
 * 2 minutes while Temporal is down; capped, requests succeed again within seconds of its return.
 * (Each API call carries its own deadline: api/temporal-calls.ts.)
 */
export function temporalClientConnectionOptions(address: string): ConnectionOptions {
  return { address, channelArgs: { 'grpc.max_reconnect_backoff_ms': 5_000 } };
}
