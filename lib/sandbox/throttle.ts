// AWS publishes its API limits as "N requests per second per account". A token bucket with
// capacity N that refills N tokens per second matches that: a burst of N passes, then calls
// are admitted at the steady rate, and a rejected call costs nothing (so the SDK's own backoff
// and retry gets through once a token is back, as it does against AWS).

export interface RateLimiter {
  /** true when the call may proceed; false when it must be answered with a throttling error. */
  take(key: string): boolean;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class TokenBucketLimiter implements RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly perSecond: number,
    private readonly clock: () => number,
    private readonly capacity: number = perSecond,
  ) {}

  take(key: string): boolean {
    const now = this.clock();
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    const elapsed = Math.max(0, now - bucket.at) / 1000;
    bucket.tokens = Math.min(this.capacity, bucket.tokens + elapsed * this.perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}

export const unlimited: RateLimiter = { take: () => true };
