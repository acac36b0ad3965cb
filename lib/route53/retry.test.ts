import { describe, expect, it } from "vitest";
import { Route53Error, outcomeOf } from "./errors";
import { backoffDelay, withRetry, type RetryOptions } from "./retry";

// Which failures are retried, and how long the pauses are: table-driven, with SDK-shaped errors.

function sdkError(name: string, status?: number): Error {
  const error = new Error(`${name} happened`) as Error & { $metadata?: { httpStatusCode?: number } };
  error.name = name;
  if (status !== undefined) error.$metadata = { httpStatusCode: status };
  return error;
}

const noSleep: RetryOptions = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000, sleep: async () => {}, random: () => 0.5 };

async function attemptsFor(error: Error, idempotent: boolean): Promise<{ attempts: number; thrown?: Route53Error }> {
  let attempts = 0;
  try {
    await withRetry("Op", idempotent, async () => {
      attempts++;
      throw error;
    }, noSleep);
  } catch (thrown) {
    return { attempts, thrown: thrown as Route53Error };
  }
  return { attempts };
}

describe("withRetry", () => {
  const cases: [string, Error, boolean, number, "rejected" | "unknown"][] = [
    ["Throttling (400) is retried", sdkError("Throttling", 400), false, 5, "rejected"],
    ["PriorRequestNotComplete (400) is retried", sdkError("PriorRequestNotComplete", 400), false, 5, "rejected"],
    ["ConcurrentModification (400) is retried", sdkError("ConcurrentModification", 400), false, 5, "rejected"],
    ["InvalidInput (400) is not", sdkError("InvalidInput", 400), true, 1, "rejected"],
    ["NoSuchTrafficPolicy (404) is not", sdkError("NoSuchTrafficPolicy", 404), true, 1, "rejected"],
    ["a 500 on an idempotent call is retried", sdkError("InternalFailure", 500), true, 5, "unknown"],
    ["a 500 on a create is not (it may have happened)", sdkError("InternalFailure", 500), false, 1, "unknown"],
    ["a dropped connection on an idempotent call is retried", sdkError("ECONNRESET"), true, 5, "unknown"],
    ["a dropped connection on a create is not", sdkError("ECONNRESET"), false, 1, "unknown"],
  ];
  it.each(cases)("%s", async (_, error, idempotent, attempts, outcome) => {
    const result = await attemptsFor(error, idempotent);
    expect(result.attempts).toBe(attempts);
    expect(result.thrown).toBeInstanceOf(Route53Error);
    expect(result.thrown?.outcome).toBe(outcome);
    expect(result.thrown?.attempts).toBe(attempts);
    expect(result.thrown?.summary).toBe(`Op: ${error.name}: ${error.name} happened`);
  });

  it("returns as soon as a retry succeeds, reporting each retry", async () => {
    const seen: string[] = [];
    let calls = 0;
    const value = await withRetry("Op", false, async () => {
      calls++;
      if (calls < 3) throw sdkError("Throttling", 400);
      return "ok";
    }, { ...noSleep, onRetry: ({ code, attempt }) => seen.push(`${code}#${attempt}`) });
    expect(value).toBe("ok");
    expect(seen).toEqual(["Throttling#1", "Throttling#2"]);
  });
});

describe("backoffDelay", () => {
  const table: [number, number, number][] = [
    // attempt, random, expected ms (base 100, cap 1000: half fixed, half jitter)
    [1, 0, 50],
    [1, 1, 100],
    [2, 0.5, 150],
    [3, 1, 400],
    [5, 1, 1000],
    [9, 0, 500],
  ];
  it.each(table)("attempt %i with random %f waits %i ms", (attempt, random, expected) => {
    expect(backoffDelay(attempt, { baseDelayMs: 100, maxDelayMs: 1000, random: () => random })).toBe(expected);
  });
});

describe("outcomeOf", () => {
  it("reads 4xx as rejected and everything else as unknown", () => {
    expect(outcomeOf(sdkError("X", 409))).toBe("rejected");
    expect(outcomeOf(sdkError("X", 503))).toBe("unknown");
    expect(outcomeOf(new Error("socket hang up"))).toBe("unknown");
  });
});
