// How Flightdeck reads a failed Route 53 call. What matters is not the exact error but
// whether the request can have taken effect:
//   - "rejected": Route 53 answered that it did nothing (throttled, busy, invalid, …);
//   - "unknown": a 5xx, a timeout or a dropped connection — it may or may not have happened.
// Retrying a rejected request is always safe; retrying an unknown one only when the call
// is idempotent. Everything else decides the caller (see lib/traffic-control).

/** Route 53 asked us to slow down or wait for an earlier change: retry after a pause. */
export const RETRYABLE_CODES = new Set([
  "Throttling",
  "ThrottlingException",
  "TooManyRequestsException",
  "RequestThrottled",
  "PriorRequestNotComplete",
  // AWS: "Another user submitted a request … at the same time that you did. Retry the request."
  "ConcurrentModification",
]);

export type Outcome = "rejected" | "unknown";

export class Route53Error extends Error {
  constructor(
    readonly operation: string,
    readonly code: string,
    message: string,
    readonly outcome: Outcome,
    readonly httpStatus: number | undefined,
    readonly attempts: number,
  ) {
    super(message);
    this.name = "Route53Error";
  }

  /** The request may have been carried out although the call failed. */
  get ambiguous(): boolean {
    return this.outcome === "unknown";
  }

  /** AWS's code and message, e.g. for a version's failure record. */
  get summary(): string {
    return `${this.operation}: ${this.code}: ${this.message}`;
  }
}

type SdkError = Error & { $metadata?: { httpStatusCode?: number }; $fault?: "client" | "server"; code?: string };

function asSdkError(error: unknown): SdkError {
  return error instanceof Error ? (error as SdkError) : new Error(String(error));
}

export function httpStatusOf(error: unknown): number | undefined {
  return asSdkError(error).$metadata?.httpStatusCode;
}

export function errorCode(error: unknown): string {
  if (error instanceof Route53Error) return error.code;
  const e = asSdkError(error);
  return e.name && e.name !== "Error" ? e.name : (e.code ?? "UnknownError");
}

/** Whether the failed request can have taken effect. */
export function outcomeOf(error: unknown): Outcome {
  if (error instanceof Route53Error) return error.outcome;
  const status = httpStatusOf(error);
  // A 4xx is Route 53 refusing the request. Anything without a status (connection reset,
  // timeout) or a 5xx may have been processed before the answer was lost.
  if (status !== undefined && status >= 400 && status < 500) return "rejected";
  return "unknown";
}

export function isRetryable(error: unknown): boolean {
  return RETRYABLE_CODES.has(errorCode(error)) && outcomeOf(error) === "rejected";
}

export function isNotFound(error: unknown, ...codes: string[]): boolean {
  return error instanceof Route53Error && codes.includes(error.code);
}

export function toRoute53Error(operation: string, error: unknown, attempts: number): Route53Error {
  if (error instanceof Route53Error) return error;
  const e = asSdkError(error);
  const message = e.message && e.message !== "UnknownError" ? e.message : `HTTP ${httpStatusOf(error) ?? "?"} without a message`;
  return new Route53Error(operation, errorCode(error), message, outcomeOf(error), httpStatusOf(error), attempts);
}
