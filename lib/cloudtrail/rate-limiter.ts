// Paces requests to a rate limit: a token bucket that waits for a token rather than failing.
// LookupEvents allows 2 requests/second per account and region; one limiter per
// account-region keeps a worker under it, and backoff (lookup-page.ts) handles the times
// something else in the account spends the same budget.

export type Clock = { now(): number; sleep(ms: number, signal?: AbortSignal): Promise<void> };

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason ?? new Error("aborted"));
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason ?? new Error("aborted"));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};

export class RateLimiter {
  private tokens: number;
  private at: number;

  constructor(
    readonly perSecond: number,
    private readonly clock: Clock = realClock,
    private readonly capacity = Math.max(1, perSecond),
  ) {
    this.tokens = this.capacity;
    this.at = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.at) / 1000) * this.perSecond);
    this.at = now;
  }

  /** Waits until a request may go out, then spends its token. */
  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.clock.sleep(Math.ceil(((1 - this.tokens) / this.perSecond) * 1000), signal);
    }
  }

  /** After a throttling answer the budget is evidently spent: start from empty. */
  drain(): void {
    this.refill();
    this.tokens = Math.min(this.tokens, 0);
  }
}

/**
 * A limiter for an AWS per-second quota. Requests sent exactly at the limit arrive with
 * network jitter, and two that land closer than 1/N s apart are throttled; pacing at 90 %
 * without a burst leaves AWS's bucket a little slack that absorbs the jitter.
 */
export function quotaLimiter(perSecond: number, clock: Clock = realClock): RateLimiter {
  return new RateLimiter(perSecond * 0.9, clock, 1);
}

/** One quota limiter per key (account:region), kept for the life of the process. */
export class RateLimiters {
  private readonly limiters = new Map<string, RateLimiter>();

  constructor(
    private readonly perSecond: number,
    private readonly clock: Clock = realClock,
  ) {}

  for(key: string): RateLimiter {
    let limiter = this.limiters.get(key);
    if (!limiter) this.limiters.set(key, (limiter = quotaLimiter(this.perSecond, this.clock)));
    return limiter;
  }
}
