import { LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { ListHostedZonesCommand } from "@aws-sdk/client-route-53";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "./test-support";

// AWS's limits: Route 53 5 requests/s per account, CloudTrail LookupEvents 2 requests/s per
// account and region, the excess answered with HTTP 400 (Throttling / ThrottlingException).
//
// The sandbox's clock is held still while a test spends the token bucket, so how fast this
// machine happens to be cannot change which call gets refused; it then runs on in real time
// so that the SDK's real backoff meets a real refill.

let offset = 0;
let frozenAt: number | undefined;
const clock = () => frozenAt ?? Date.now() + offset;
/** Stops the sandbox clock far enough ahead that every bucket is full again. */
const freezeWithFullBuckets = () => {
  frozenAt = clock() + 10_000;
};
/** Lets the clock run on in real time from `ms` after the frozen instant. */
const resumeAt = (ms: number) => {
  offset = (frozenAt ?? clock()) + ms - Date.now();
  frozenAt = undefined;
};

let t: TestSandbox;

beforeAll(async () => {
  t = await startTestSandbox({ throttle: true, clock });
});
afterAll(() => t.close());

async function outcomes(calls: number, call: () => Promise<unknown>) {
  const results: (Error & { $metadata?: { httpStatusCode?: number } })[] = [];
  for (let i = 0; i < calls; i++) {
    const error = await call().then(
      () => undefined,
      (e: unknown) => e as Error & { $metadata?: { httpStatusCode?: number } },
    );
    if (error) results.push(error);
  }
  return results;
}

describe("Route 53 throttling", () => {
  it("answers the sixth request within a second with HTTP 400 Throttling when retries are off", async () => {
    const route53 = t.route53({ maxAttempts: 1 });
    freezeWithFullBuckets();
    const errors = await outcomes(6, () => route53.send(new ListHostedZonesCommand({})));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.name).toBe("Throttling");
    expect(errors[0]?.message).toBe("Rate exceeded");
    expect(errors[0]?.$metadata?.httpStatusCode).toBe(400);
  });

  it("is only slower, not failing, for the SDK with its default retries", async () => {
    const route53 = t.route53({ maxAttempts: "sdk-default" });
    freezeWithFullBuckets();
    for (let i = 0; i < 5; i++) await route53.send(new ListHostedZonesCommand({}));
    // 150 ms on, the bucket holds 0.75 of a token: the sixth call is refused once, and the
    // SDK's backoff (up to 1 s, then 2 s) almost surely lands after the refill 50 ms later.
    resumeAt(150);
    const sixth = await route53.send(new ListHostedZonesCommand({}));
    expect(sixth.$metadata.attempts).toBeGreaterThan(1);
    expect(sixth.$metadata.totalRetryDelay).toBeGreaterThan(0);
    expect(sixth.HostedZones).toEqual([]);
  });

  it("can be switched off", async () => {
    const free = await startTestSandbox({ throttle: false });
    try {
      const route53 = free.route53({ maxAttempts: 1 });
      expect(await outcomes(20, () => route53.send(new ListHostedZonesCommand({})))).toEqual([]);
    } finally {
      await free.close();
    }
  });
});

describe("CloudTrail throttling", () => {
  it("limits LookupEvents to 2 requests/s per region with HTTP 400 ThrottlingException", async () => {
    const east = t.cloudTrail({ region: "us-east-1" });
    freezeWithFullBuckets();
    const errors = await outcomes(3, () => east.send(new LookupEventsCommand({ MaxResults: 1 })));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.name).toBe("ThrottlingException");
    expect(errors[0]?.$metadata?.httpStatusCode).toBe(400);
    // The limit is per region: another region's history is still available.
    const west = await t.cloudTrail({ region: "eu-west-1" }).send(new LookupEventsCommand({ MaxResults: 1 }));
    expect(west.$metadata.httpStatusCode).toBe(200);
    resumeAt(0);
  });

  it("lets the SDK's default retries through", async () => {
    const cloudTrail = t.cloudTrail({ region: "ap-southeast-1", maxAttempts: "sdk-default" });
    freezeWithFullBuckets();
    for (let i = 0; i < 2; i++) await cloudTrail.send(new LookupEventsCommand({ MaxResults: 1 }));
    resumeAt(430); // 0.86 of a token: refused once, through after the refill 70 ms later
    const third = await cloudTrail.send(new LookupEventsCommand({ MaxResults: 1 }));
    expect(third.$metadata.attempts).toBeGreaterThan(1);
    expect(third.Events).toHaveLength(1);
  });
});
