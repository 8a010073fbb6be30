// How every process reaches Temporal: the address plus, for a real cluster or Temporal Cloud, TLS
// (optionally mutual, with a client certificate) or an API key. One description serves the client
// connection (API, activities) and the worker's native connection.
import fs from 'node:fs';
import type { ConnectionOptions } from '@temporalio/client';
import type { NativeConnectionOptions } from '@temporalio/worker';
import { ConfigError, type AppConfig } from './config';

export type TemporalAccessConfig = Pick<AppConfig, 'TEMPORAL_TLS' | 'TEMPORAL_TLS_CERT' | 'TEMPORAL_TLS_KEY' | 'TEMPORAL_TLS_CA' | 'TEMPORAL_TLS_SERVER_NAME' | 'TEMPORAL_API_KEY'>;

export interface TemporalAccess {
  address: string;
  tls?: { serverNameOverride?: string; serverRootCACertificate?: Buffer; clientCertPair?: { crt: Buffer; key: Buffer } };
  apiKey?: string;
}

function readPem(variable: string, file: string): Buffer {
  try {
    const pem = fs.readFileSync(file);
    if (!pem.includes('-----BEGIN')) throw new Error('not a PEM file');
    return pem;
  } catch (err) {
    throw new ConfigError(`Invalid configuration:\n  ${variable}: cannot read ${file} as PEM (${(err as Error).message})`);
  }
}

/** The address and credentials for Temporal; without TLS settings, a plain connection (the dev server). */
export function temporalAccess(address: string, config: Partial<TemporalAccessConfig> = {}): TemporalAccess {
  const tlsOn = config.TEMPORAL_TLS === 'true' || Boolean(config.TEMPORAL_TLS_CERT || config.TEMPORAL_API_KEY || config.TEMPORAL_TLS_CA || config.TEMPORAL_TLS_SERVER_NAME);
  if (!tlsOn) return { address };
  const tls: NonNullable<TemporalAccess['tls']> = {};
  if (config.TEMPORAL_TLS_SERVER_NAME) tls.serverNameOverride = config.TEMPORAL_TLS_SERVER_NAME;
  if (config.TEMPORAL_TLS_CA) tls.serverRootCACertificate = readPem('TEMPORAL_TLS_CA', config.TEMPORAL_TLS_CA);
  if (config.TEMPORAL_TLS_CERT && config.TEMPORAL_TLS_KEY) {
    tls.clientCertPair = { crt: readPem('TEMPORAL_TLS_CERT', config.TEMPORAL_TLS_CERT), key: readPem('TEMPORAL_TLS_KEY', config.TEMPORAL_TLS_KEY) };
  }
  return { address, tls, ...(config.TEMPORAL_API_KEY ? { apiKey: config.TEMPORAL_API_KEY } : {}) };
}

/**
 * The Temporal client connection of the API and the activities. gRPC's reconnect backoff grows to
 * 2 minutes while Temporal is down; capped, requests succeed again within seconds of its return.
 * (Each API call carries its own deadline: api/temporal-calls.ts.)
 */
export function temporalClientConnectionOptions(access: TemporalAccess | string): ConnectionOptions {
  const { address, tls, apiKey } = typeof access === 'string' ? { address: access, tls: undefined, apiKey: undefined } : access;
  return { address, ...(tls ? { tls } : {}), ...(apiKey ? { apiKey } : {}), channelArgs: { 'grpc.max_reconnect_backoff_ms': 5_000 } };
}

/** The worker's native connection (the SDK's Rust core) to the same server. */
export function temporalWorkerConnectionOptions(access: TemporalAccess): NativeConnectionOptions {
  return { address: access.address, ...(access.tls ? { tls: access.tls } : {}), ...(access.apiKey ? { apiKey: access.apiKey } : {}) };
}
