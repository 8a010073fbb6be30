// Failure types: the `type` of every ApplicationFailure the product raises on purpose, named once.
// Activities create them, workflows list them in nonRetryableErrorTypes, and whoever reads a failure
// compares against these constants, never against a string literal. (A connector error that is not
// mapped to one of these, e.g. a 5xx HrSystemUnavailableError, keeps its class name as its type and
// is retried with backoff.)
export const FailureType = {
  /** The HR system refused the credentials (401/403): final, the integration goes to ERROR. */
  CredentialsRejected: 'CredentialsRejected',
  /** The integration has no credentials (never entered, or disconnected): final. */
  CredentialsMissing: 'CredentialsMissing',
  /** The integration's HR system has no connector (unknown, or only planned in the catalog): final. */
  NoConnector: 'NoConnector',
  /** What the HR system delivered cannot be believed (e.g. an HR file export cut short): final for the run, nothing used. */
  HrDataRejected: 'HrDataRejected',
  /** The HR system throttled us for longer than a call may wait: retried after its Retry-After. */
  RateLimited: 'RateLimited',
  /** A leaving-lifecycle update reached a lifecycle that has already ended. */
  LifecycleEnded: 'LifecycleEnded',
  /** A leaving plan with a bad shape or a deadline in the past. */
  InvalidLeavingPlan: 'InvalidLeavingPlan',
} as const;

export type FailureType = (typeof FailureType)[keyof typeof FailureType];
