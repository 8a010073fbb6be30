// One error shape for every 4xx/5xx: {error: <machine code>, message: <sentence for a person>, details?}.
import { isGrpcServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { Prisma } from '../generated/prisma/client';

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} was not found.`);
export const conflict = (code: string, message: string, details?: unknown) => new ApiError(409, code, message, details);
export const badRequest = (code: string, message: string, details?: unknown) => new ApiError(400, code, message, details);
export const methodNotAllowed = (method: string, path: string, allow: string) =>
  new ApiError(405, 'method_not_allowed', `${path} does not answer ${method}; it answers ${allow}.`);

// ---- Outages: Temporal or PostgreSQL unreachable. The three answers below are the only ones. ----

/** Temporal could not be reached: the request was not taken on (the API undoes what it wrote first). */
export const workflowServiceUnavailable = () =>
  new ApiError(503, 'workflow_service_unavailable', 'The workflow service is unavailable; nothing was changed; try again in a moment.');

/** Temporal is reachable but did not confirm in time, or went away after it had accepted the request. */
export const workflowServiceTimeout = () =>
  new ApiError(
    503,
    'workflow_service_timeout',
    'The workflow service did not confirm the change in time; it may still take effect. Check the result in a moment before you repeat the request.',
  );

export const databaseUnavailable = () => new ApiError(503, 'database_unavailable', 'The database is unavailable; try again in a moment.');

/** Our own deadline for a group of Temporal calls passed (see api/temporal-calls.ts). */
export class TemporalDeadlineReached extends Error {
  constructor(ms: number) {
    super(`Temporal did not answer within ${ms} ms`);
  }
}

// gRPC status codes (@grpc/grpc-js `status`): the client retries UNAVAILABLE until its deadline.
const GRPC_CANCELLED = 1;
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

function* causeChain(err: unknown): Generator<unknown> {
  const seen = new Set<unknown>();
  while (err && typeof err === 'object' && !seen.has(err)) {
    seen.add(err);
    yield err;
    err = (err as { cause?: unknown }).cause;
  }
}

/**
 * A Temporal call failed because Temporal was unreachable or gave no answer in time: gRPC UNAVAILABLE
 * (connection refused or lost), DEADLINE_EXCEEDED, or CANCELLED by the API's own deadline, wrapped or not by the SDK.
 */
export function isTemporalOutage(err: unknown): boolean {
  for (const e of causeChain(err)) {
    if (e instanceof TemporalDeadlineReached || e instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
    // CANCELLED: the API's own deadline (api/temporal-calls.ts) cut a call Temporal had not answered yet.
    if (isGrpcServiceError(e) && (e.code === GRPC_UNAVAILABLE || e.code === GRPC_DEADLINE_EXCEEDED || e.code === GRPC_CANCELLED)) return true;
  }
  return false;
}

/** Only UNAVAILABLE says for certain that Temporal was not reached; a deadline leaves it open. */
export function isTemporalUnreachable(err: unknown): boolean {
  for (const e of causeChain(err)) if (isGrpcServiceError(e) && e.code === GRPC_UNAVAILABLE) return true;
  return false;
}

// Prisma: P1001 can't reach, P1002 timed out, P1003 database does not exist, P1008 operation timed
// out, P1017 server closed the connection, P2024 timed out waiting for a pooled connection.
const PRISMA_UNREACHABLE = new Set(['P1001', 'P1002', 'P1003', 'P1008', 'P1017', 'P2024']);
// What @prisma/adapter-pg reports in meta.driverAdapterError.cause.kind.
const ADAPTER_UNREACHABLE = new Set(['DatabaseNotReachable', 'DatabaseDoesNotExist', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
// SQLSTATE: connection exceptions (08…), too many connections, server shutting down / starting up.
const SQLSTATE_UNREACHABLE = /^(08\d{3}|53300|57P0[1-3])$/;
// node-postgres errors without a code, which Prisma passes on as they are: a dropped connection, a
// client left broken by one, the connect timeout of infra/prisma.ts, a pool checkout timeout.
const SOCKET_UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);
const PG_CONNECTION_MESSAGE = /Connection terminated|encountered a connection error and is not queryable|^timeout expired$|timeout exceeded when trying to connect|Can't reach database server/i;

/** A database call failed because PostgreSQL could not be reached (down, restarting, refusing connections). */
export function isDatabaseOutage(err: unknown): boolean {
  for (const e of causeChain(err)) {
    if (e instanceof Prisma.PrismaClientInitializationError) return true;
    if (e instanceof Prisma.PrismaClientKnownRequestError) {
      if (PRISMA_UNREACHABLE.has(e.code)) return true;
      const cause = (e.meta as { driverAdapterError?: { cause?: { kind?: string; code?: string; originalCode?: string } } } | undefined)?.driverAdapterError?.cause;
      if (cause?.kind && ADAPTER_UNREACHABLE.has(cause.kind)) return true;
      if (SQLSTATE_UNREACHABLE.test(cause?.originalCode ?? cause?.code ?? '')) return true;
      continue;
    }
    if (e instanceof Prisma.PrismaClientUnknownRequestError) {
      if (PG_CONNECTION_MESSAGE.test(e.message)) return true;
      continue;
    }
    // Socket errors reach us as P1001 & co (the adapter converts them); what it does not convert
    // comes raw: a node-postgres DatabaseError (SQLSTATE + severity) or one of the messages above.
    const { code, kind, severity } = e as { code?: unknown; kind?: unknown; severity?: unknown };
    if (typeof kind === 'string' && ADAPTER_UNREACHABLE.has(kind)) return true; // a bare DriverAdapterError cause
    if (typeof code === 'string' && typeof severity === 'string' && SQLSTATE_UNREACHABLE.test(code)) return true;
    if (e instanceof Error && !(e instanceof ApiError) && PG_CONNECTION_MESSAGE.test(e.message)) return true;
    // node-postgres used directly (infra/repositories/employee-pages.ts): the socket's own error.
    if (typeof code === 'string' && SOCKET_UNREACHABLE.has(code) && typeof (e as { syscall?: unknown }).syscall === 'string') return true;
  }
  return false;
}

/**
 * The 503 for a Temporal outage, or null for other errors. `accepted`: Temporal had already taken the
 * request on (only its outcome was awaited). `channelReady`: whether the client's gRPC channel was
 * connected when the call failed (null: unknown); a deadline passing on a connected channel means
 * Temporal was reached but did not confirm (e.g. no worker took an Update), so something may happen.
 */
export function temporalOutageApiError(err: unknown, context: { accepted: boolean; channelReady: boolean | null }): ApiError | null {
  if (!isTemporalOutage(err)) return null;
  const unreachable = !context.accepted && (isTemporalUnreachable(err) || context.channelReady === false);
  return Object.assign(unreachable ? workflowServiceUnavailable() : workflowServiceTimeout(), { cause: err });
}

/** The 503 for an outage, or null: the error handler's mapping of whatever a route did not map itself. */
export function outageApiError(err: unknown): ApiError | null {
  return temporalOutageApiError(err, { accepted: false, channelReady: null }) ?? (isDatabaseOutage(err) ? Object.assign(databaseUnavailable(), { cause: err }) : null);
}
