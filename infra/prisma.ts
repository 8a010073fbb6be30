// The Prisma 7 client over node-postgres (no Rust engine).
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client';

export type Db = PrismaClient;

/**
 * How long opening a connection may take. A stopped PostgreSQL refuses at once, but an unreachable
 * host (no answer at all) would otherwise hang until the OS gives up, minutes later: with this the
 * API answers 503 database_unavailable within seconds.
 */
export const DATABASE_CONNECT_TIMEOUT_MS = 3_000;

/**
 * The timeout on the connection itself. pg-pool's own `connectionTimeoutMillis` would also bound the
 * wait for a free pooled connection, which a busy worker (many activities, 10 connections) may
 * legitimately need for longer.
 */
function clientWithConnectTimeout(connectTimeoutMs: number): typeof pg.Client {
  return class ClientWithConnectTimeout extends pg.Client {
    constructor(config?: pg.ClientConfig) {
      super({ ...config, connectionTimeoutMillis: connectTimeoutMs });
    }
  };
}

export function createPrismaClient(databaseUrl: string, maxConnections = 10, options: { connectTimeoutMs?: number } = {}): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: databaseUrl,
    max: maxConnections,
    // (the adapter's copy of @types/pg types this option differently from ours)
    Client: clientWithConnectTimeout(options.connectTimeoutMs ?? DATABASE_CONNECT_TIMEOUT_MS) as never,
  });
  return new PrismaClient({ adapter });
}
