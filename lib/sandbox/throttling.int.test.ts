import { LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { ListHostedZonesCommand } from "@aws-sdk/client-route-53";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sleep, startTestSandbox, type TestSandbox } from "./test-support";

// AWS's limits: Route 53 5 requests/s per account, CloudTrail LookupEvents 2 requests/s per
// account and region, the excess answered with HTTP 400 (Throttling / ThrottlingException).

let t: TestSandbox;

beforeAll(async () => {
  t = await startTestSandbox({ throttle: true });
});
afterAll(() => t.close());

async function firstError(calls: number, call: () => Promise<unknown>): Promise<(Error & { $metadata?: { httpStatusCode?: number } }) | undefined> {
  for (let i = 0; i < calls; i++) {
    const error = await call().then(
      () => undefined,
      (e: unknown) => e as Error & { $metadata?: { httpStatusCode?: number } },
    );
    if (error) return error;
  }
  return undefined;
}

describe("Route 53 throttling", () => {
  it("answers the sixth quick request of a second with HTTP 400 Throttling when retries are off", async () => {
    const route53 = t.route53({ maxAttempts: 1 });
    const error = await firstError(10, () => route53.send(new ListHostedZonesCommand({})));
    expect(error?.name).toBe("Throttling");
    expect(error?.message).toBe("Rate exceeded");
    expect(error?.$metadata?.httpStatusCode).toBe(400);
  });

  it("is only slower, not failing, for the SDK with its default retries", async () => {
    const route53 = t.route53({ maxAttempts: "sdk-default" });
    await route53.send(new ListHostedZonesCommand({}));
    await sleep(1100); // the bucket refills to its burst of 5
    const start = Date.now();
    for (let i = 0; i < 5; i++) await route53.send(new ListHostedZonesCommand({}));
    // 150 ms after the burst began the bucket holds 0.75 of a token: the next call is refused
    // once and the SDK's backoff gets it through; retrying this close to the refill keeps the
    // chance that every retry still lands too early negligible.
    await sleep(Math.max(0, start + 150 - Date.now()));
    const sixth = await route53.send(new ListHostedZonesCommand({}));
    expect(sixth.$metadata.attempts).toBeGreaterThan(1);
    expect(sixth.$metadata.totalRetryDelay).toBeGreaterThan(0);
    expect(sixth.HostedZones).toEqual([]);
  });

  it("can be switched off", async () => {
    const free = await startTestSandbox({ throttle: false });
    try {
      const route53 = free.route53({ maxAttempts: 1 });
      expect(await firstError(20, () => route53.send(new ListHostedZonesCommand({})))).toBeUndefined();
    } finally {
      await free.close();
    }
  });
});

describe("CloudTrail throttling", () => {
  it("limits LookupEvents to 2 requests/s per region with HTTP 400 ThrottlingException", async () => {
    const east = t.cloudTrail({ region: "us-east-1" });
    await east.send(new LookupEventsCommand({ MaxResults: 1 })); // warms the background history
    await sleep(1100);
    const error = await firstError(6, () => east.send(new LookupEventsCommand({ MaxResults: 1 })));
    expect(error?.name).toBe("ThrottlingException");
    expect(error?.$metadata?.httpStatusCode).toBe(400);
    // The limit is per region: another region's history is still available.
    const west = await t.cloudTrail({ region: "eu-west-1" }).send(new LookupEventsCommand({ MaxResults: 1 }));
    expect(west.$metadata.httpStatusCode).toBe(200);
  });

  it("lets the SDK's default retries through", async () => {
    const cloudTrail = t.cloudTrail({ region: "ap-southeast-1", maxAttempts: "sdk-default" });
    await cloudTrail.send(new LookupEventsCommand({ MaxResults: 1 }));
    await sleep(1100);
    const start = Date.now();
    for (let i = 0; i < 2; i++) await cloudTrail.send(new LookupEventsCommand({ MaxResults: 1 }));
    await sleep(Math.max(0, start + 430 - Date.now())); // 0.86 of a token: refused once, then through
    const third = await cloudTrail.send(new LookupEventsCommand({ MaxResults: 1 }));
    expect(third.$metadata.attempts).toBeGreaterThan(1);
    expect(third.Events).toHaveLength(1);
  });
});
