import { isRetryable, outcomeOf, toRoute53Error, errorCode } from "./errors";

// Retries with exponential backoff and jitter. The SDK's own retries are switched off
// (maxAttempts 1 in the client factory) so this is the only policy and it can tell
// idempotent calls from the rest: a 5xx on CreateTrafficPolicyVersion must not be
// retried blindly, or a lost answer would become two versions.

export type RetryOptions = {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  onRetry?: (info: { operation: string; code: string; attempt: number; delayMs: number }) => void;
};

export const defaultRetryOptions: RetryOptions = {
  // Route 53 allows 5 requests/second per account; eight attempts spread over ~10 s ride
  // out a burst from several Flightdeck processes without hammering the limit.
  maxAttempts: 8,
  baseDelayMs: 100,
  maxDelayMs: 3_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** Delay before attempt `attempt + 1`: half fixed, half random ("equal jitter"), so callers spread out but never spin. */
export function backoffDelay(attempt: number, options: Pick<RetryOptions, "baseDelayMs" | "maxDelayMs" | "random">): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (options.random() * ceiling) / 2);
}

/**
 * Runs `call`, retrying what Route 53 rejected as throttled or busy and — for idempotent
 * calls only — what may not have arrived (5xx, network). Throws a Route53Error.
 */
export async function withRetry<T>(operation: string, idempotent: boolean, call: () => Promise<T>, options: RetryOptions = defaultRetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const retry = isRetryable(error) || (idempotent && outcomeOf(error) === "unknown");
      if (!retry || attempt >= options.maxAttempts) throw toRoute53Error(operation, error, attempt);
      const delayMs = backoffDelay(attempt, options);
      options.onRetry?.({ operation, code: errorCode(error), attempt, delayMs });
      await options.sleep(delayMs);
    }
  }
}
