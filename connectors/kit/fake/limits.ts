// A vendor's documented rate limit: at most `max` requests per rolling window.
export class RollingWindowLimit {
  private readonly times: number[] = [];

  constructor(
    private readonly max: number,
    private readonly windowMs = 60_000,
  ) {}

  /** Counts this request; false when it exceeds the limit (and is not counted). */
  allow(now = Date.now()): boolean {
    while (this.times.length && now - this.times[0] >= this.windowMs) this.times.shift();
    if (this.times.length >= this.max) return false;
    this.times.push(now);
    return true;
  }
}
