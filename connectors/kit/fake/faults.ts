// A per-request fault script for vendor fakes: each step names which requests it hits (method,
// path, how many matching ones to let through first, how many to hit) and what goes wrong. The
// vendor's dialect says how that vendor answers a throttle, an outage or an expired token.
import type { FakeRequest, FakeResponse } from '../../fake-http-server';

export type Fault =
  /** The vendor's rate-limit answer; Retry-After only where given (and where the vendor sends one). */
  | { kind: 'throttle'; retryAfterSeconds?: number; /** vendor detail, e.g. Google's reason */ detail?: string }
  /** A 5xx answer (default 503). */
  | { kind: 'unavailable'; status?: number }
  /** The real answer, this much later. */
  | { kind: 'slow'; delayMs: number }
  /** Every issued token stops working now; this request is refused as expired. */
  | { kind: 'expired-token' }
  /** The real answer with one of its records replaced by an unreadable one. */
  | { kind: 'malformed-record' }
  /** The real answer, but the connection drops half-way through the body. */
  | { kind: 'cut-short' }
  /** A canned answer. */
  | { kind: 'answer'; response: FakeResponse };

export type FaultStep = Fault & {
  method?: string;
  /** Exact path, a pattern, or a predicate; default: every request. */
  path?: string | RegExp | ((path: string) => boolean);
  /** Matching requests to let through before the first hit (default 0). */
  after?: number;
  /** How many matching requests to hit (default 1). */
  times?: number;
  /** A name to forget the step by (clear(tag)). */
  tag?: string;
};

export interface FaultHandle {
  /** Requests this step has hit so far. */
  readonly hits: number;
  /** True once every planned hit happened. */
  readonly done: boolean;
}

/** How one vendor answers the faults (its published error shapes). */
export interface FaultDialect {
  throttled(retryAfterSeconds: number | undefined, detail?: string): FakeResponse;
  unavailable(status: number): FakeResponse;
  /** Vendors with access tokens: expire them all and answer the vendor's 401 for an expired token. */
  expiredToken?(): FakeResponse;
}

interface ArmedStep {
  step: FaultStep;
  skip: number;
  remaining: number;
  hits: number;
}

export class FaultScript {
  private readonly steps: ArmedStep[] = [];

  /** Plans a fault; the handle tells whether (and how often) it happened. */
  add(step: FaultStep): FaultHandle {
    const armed: ArmedStep = { step, skip: step.after ?? 0, remaining: step.times ?? 1, hits: 0 };
    this.steps.push(armed);
    return {
      get hits() {
        return armed.hits;
      },
      get done() {
        return armed.remaining <= 0;
      },
    };
  }

  /** Plans the same fault for the next `count` matching requests. */
  next(count: number, step: FaultStep): FaultHandle {
    return this.add({ ...step, times: count });
  }

  /** Forgets the planned faults (only those with this tag, when given). */
  clear(tag?: string): void {
    for (let i = this.steps.length - 1; i >= 0; i--) if (tag === undefined || this.steps[i].step.tag === tag) this.steps.splice(i, 1);
  }

  /** Plans `count` hits of a fault instead of the ones planned earlier under the same tag. */
  replace(tag: string, count: number, step: FaultStep): FaultHandle {
    this.clear(tag);
    return this.add({ ...step, tag, times: count });
  }

  get pending(): number {
    return this.steps.reduce((n, s) => n + Math.max(0, s.remaining), 0);
  }

  /**
   * The fault for this request, if any. Every matching step counts the request (so steps planned for
   * request 2 and 3 hit 2 and 3); the first one due hits it.
   */
  take(req: Pick<FakeRequest, 'method' | 'url'>): Fault | undefined {
    let due: ArmedStep | undefined;
    for (const armed of this.steps) {
      if (armed.remaining <= 0 || !matches(armed.step, req)) continue;
      if (armed.skip > 0) armed.skip--;
      else due ??= armed;
    }
    if (!due) return undefined;
    due.remaining--;
    due.hits++;
    if (due.remaining <= 0) this.steps.splice(this.steps.indexOf(due), 1);
    return due.step;
  }
}

function matches(step: FaultStep, req: Pick<FakeRequest, 'method' | 'url'>): boolean {
  if (step.method !== undefined && step.method !== req.method) return false;
  const path = req.url.pathname;
  if (step.path === undefined) return true;
  if (typeof step.path === 'string') return step.path === path;
  if (step.path instanceof RegExp) return step.path.test(path);
  return step.path(path);
}

/** The Retry-After header of a throttle answer, when the script gave a delay. */
export function retryAfterHeader(seconds: number | undefined): Record<string, string> {
  return seconds === undefined ? {} : { 'retry-after': String(seconds) };
}
