// Planday counts every request against 10 a second and 500 a minute per portal and says on each
// answer how many are left (x-ratelimit-remaining) and when the window resets (x-ratelimit-reset,
// seconds). The per-employee reads would run into that limit on every sync, so the connector waits
// for the reset once the window is used up instead of provoking 429s (which are still retried).
import type { HttpResponse } from '../http';
import type { ConnectorContext } from '../types';

/** Planday's advice: no retry before the counter resets; past this, a 429 and its retry take over. */
const MAX_PACING_WAIT_MS = 60_000;

export class RateLimitPacer {
  private resumeAt = 0;

  constructor(
    private readonly context: ConnectorContext = {},
    private readonly now: () => number = Date.now,
  ) {}

  /** Waits until the window the last answer reported as used up has reset. */
  async beforeRequest(): Promise<void> {
    const wait = this.resumeAt - this.now();
    if (wait <= 0) return;
    const sleep = this.context.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    await sleep(Math.min(wait, MAX_PACING_WAIT_MS), this.context.signal);
  }

  /** Reads the rate-limit headers of an answer. */
  afterResponse(res: Pick<HttpResponse, 'headers'>): void {
    const remaining = Number(res.headers.get('x-ratelimit-remaining'));
    const reset = Number(res.headers.get('x-ratelimit-reset'));
    if (res.headers.get('x-ratelimit-remaining') === null || !Number.isFinite(remaining) || remaining > 0) return;
    if (!Number.isFinite(reset) || reset < 0) return;
    this.resumeAt = Math.max(this.resumeAt, this.now() + reset * 1000);
  }
}
