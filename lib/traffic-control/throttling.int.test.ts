import { GetTrafficPolicyInstanceCommand } from "@aws-sdk/client-route-53";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SLUG, startTrafficHarness, type TrafficHarness } from "@/lib/test/traffic-harness";
import { publishVersion } from "./publish";

// The sandbox's real rate limit (Route 53's 5 requests/second per account), with someone
// else using up the budget at the same time: Flightdeck's calls are throttled, back off,
// and every publish still ends Applied with a consistent record.

let h: TrafficHarness;
const retried: string[] = [];

beforeAll(async () => {
  h = await startTrafficHarness({
    sandbox: { throttle: true },
    retry: { baseDelayMs: 100, maxDelayMs: 1_000, maxAttempts: 10, onRetry: ({ code }) => retried.push(code) },
  });
});
afterAll(() => h?.close());

describe("Route 53 throttling", () => {
  it("is retried with backoff until every publish is Applied", async () => {
    const instanceId = (await h.db.trafficPolicy.findFirstOrThrow()).route53InstanceId!;
    let flooding = true;
    // Another tool polling the same account as fast as it can (its own errors are ignored).
    const flood = (async () => {
      while (flooding) {
        await h.outside.send(new GetTrafficPolicyInstanceCommand({ Id: instanceId })).catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    try {
      let base = 1;
      for (const percent of [20, 30, 40]) {
        const result = await publishVersion(h.ctx(), h.deps, SLUG, { baseVersion: base, multiRegionPercent: percent, reason: `Throttled ${percent}` });
        expect(result.version.state).toBe("applied");
        base = result.version.version!;
      }
      expect(base).toBe(4);
    } finally {
      flooding = false;
      await flood;
    }
    expect(retried.filter((code) => code === "Throttling").length).toBeGreaterThan(0);
    expect(await h.db.trafficPolicy.findFirstOrThrow()).toMatchObject({ activeVersion: 4, pendingOperationId: null });
  });
});
