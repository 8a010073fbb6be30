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
