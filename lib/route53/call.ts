import type { Route53Client } from "@aws-sdk/client-route-53";
import { defaultRetryOptions, withRetry, type RetryOptions } from "./retry";

// What every wrapper needs: an SDK client and the retry policy to send through.

export type Route53Context = { client: Route53Client; retry: RetryOptions };

export function route53Context(client: Route53Client, retry: Partial<RetryOptions> = {}): Route53Context {
  return { client, retry: { ...defaultRetryOptions, ...retry } };
}

/**
 * Sends one request through the retry policy. `idempotent` says whether repeating it after
 * an answer was lost is harmless (reads, updates to a fixed target, creates with a caller reference).
 */
export function send<T>(ctx: Route53Context, operation: string, idempotent: boolean, call: (client: Route53Client) => Promise<T>): Promise<T> {
  return withRetry(operation, idempotent, () => call(ctx.client), ctx.retry);
}
