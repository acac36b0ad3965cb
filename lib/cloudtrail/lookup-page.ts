import { LookupEventsCommand, type CloudTrailClient, type Event } from "@aws-sdk/client-cloudtrail";
import type { Clock, RateLimiter } from "./rate-limiter";

// One LookupEvents page, paced by the account-region's limiter and retried with exponential
// backoff and jitter when CloudTrail throttles (HTTP 400 ThrottlingException, not 429) or
// fails transiently. LookupEvents is a read, so repeating it is always safe.

export type LookupWindow = { start: Date; end: Date; nextToken: string | null; maxResults: number };
export type LookupResult = { events: Event[]; nextToken: string | null; attempts: number; throttled: number };

export type BackoffOptions = { maxAttempts: number; baseDelayMs: number; maxDelayMs: number; random: () => number };
export const defaultBackoff: BackoffOptions = { maxAttempts: 8, baseDelayMs: 500, maxDelayMs: 20_000, random: Math.random };

/** The NextToken no longer fits the query (expired, or issued for other parameters): restart the window. */
export class StaleTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StaleTokenError";
  }
}

type AwsError = { name?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown; code?: string };

const THROTTLED = new Set(["ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded"]);
const NETWORK = new Set(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE", "EAI_AGAIN", "TimeoutError", "RequestTimeout"]);

export function isThrottle(error: unknown): boolean {
  return THROTTLED.has((error as AwsError)?.name ?? "");
}

function isTransient(error: unknown): boolean {
  const e = error as AwsError;
  const status = e?.$metadata?.httpStatusCode ?? 0;
  return status >= 500 || NETWORK.has(e?.name ?? "") || NETWORK.has(e?.code ?? "");
}

/** Delay before the next attempt: exponential, capped, with full jitter so retrying workers spread out. */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + options.random() * (ceiling / 2));
}

export async function lookupPage(
  client: CloudTrailClient,
  window: LookupWindow,
  deps: { limiter: RateLimiter; clock: Clock; signal?: AbortSignal; backoff?: BackoffOptions; onRetry?: (info: { reason: string; attempt: number; delayMs: number }) => void },
): Promise<LookupResult> {
  const backoff = deps.backoff ?? defaultBackoff;
  let throttled = 0;
  for (let attempt = 1; ; attempt++) {
    await deps.limiter.acquire(deps.signal);
    try {
      const page = await client.send(
        new LookupEventsCommand({
          StartTime: window.start,
          EndTime: window.end,
          MaxResults: window.maxResults,
          ...(window.nextToken ? { NextToken: window.nextToken } : {}),
        }),
        { abortSignal: deps.signal },
      );
      return { events: page.Events ?? [], nextToken: page.NextToken ?? null, attempts: attempt, throttled };
    } catch (error) {
      if (deps.signal?.aborted) throw error;
      if ((error as AwsError)?.name === "InvalidNextTokenException") throw new StaleTokenError((error as Error).message);
      const throttle = isThrottle(error);
      if (throttle) {
        throttled += 1;
        deps.limiter.drain();
      }
      if ((!throttle && !isTransient(error)) || attempt >= backoff.maxAttempts) throw error;
      const delayMs = backoffDelay(attempt, backoff);
      deps.onRetry?.({ reason: (error as AwsError)?.name ?? "error", attempt, delayMs });
      await deps.clock.sleep(delayMs, deps.signal);
    }
  }
}
