// How a connector proves who it is on each request. Static strategies (Basic, an API-key header)
// only add headers; token strategies also renew their token once when the vendor answers 401.
export interface AuthStrategy {
  /** Headers for the next request; token strategies fetch or reuse their token here. */
  headers(): Promise<Record<string, string>>;
  /**
   * Present on token strategies: forgets the token the given headers carried after the vendor
   * answered 401 to it, so the next headers() gets a new one (one re-authentication per request).
   * Absent: a 401 is final.
   */
  renew?(used: Record<string, string>): void;
  /** Asks for a fresh token now (checkCredentials), sharing a request already under way. */
  authenticate?(): Promise<void>;
  /** What a second 401 refused, in the error message: "credentials" or "access token". */
  readonly refused?: string;
}
