// Errors a connector throws. The sync activities translate them into Temporal failures:
// refused credentials are final, rate limits and outages are retried with backoff.

export class HrSystemError extends Error {
  constructor(
    message: string,
    readonly hrSystem: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The HR system refused the credentials (401/403 on auth): retrying cannot help. */
export class CredentialsRejectedError extends HrSystemError {}

/** The HR system throttled us; retry after `retryAfterMs` when the vendor said how long. */
export class RateLimitedError extends HrSystemError {
  constructor(
    message: string,
    hrSystem: string,
    readonly retryAfterMs: number | null,
  ) {
    super(message, hrSystem);
  }
}

/** 5xx, timeouts, connection failures: transient, retried. */
export class HrSystemUnavailableError extends HrSystemError {}

/** The HR system answered with something we cannot use (4xx other than auth, bad JSON). */
export class HrSystemResponseError extends HrSystemError {
  constructor(
    message: string,
    hrSystem: string,
    readonly httpStatus: number | null,
  ) {
    super(message, hrSystem);
  }
}

/**
 * What the HR system delivered was read but cannot be believed (an export cut short, a file that does
 * not parse or lacks a column): final for this run, nothing of it is used, so no change and no
 * removal follows from it; the message names the line and column where it can.
 */
export class HrDataRejectedError extends HrSystemError {}

/**
 * The vendor no longer accepts the change-listing checkpoint it issued (Graph answers 410 /
 * syncStateNotFound for an old deltaLink): the sync lists everyone instead.
 */
export class ChangesCheckpointExpiredError extends HrSystemError {}
