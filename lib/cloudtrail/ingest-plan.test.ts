import { describe, expect, it } from "vitest";
import { backfillFloor, completeChunk, defaultPlanConfig, nextChunk, progressOf, type IngestProgress } from "./ingest-plan";
import { planTargets } from "./ingest-targets";
import { backoffDelay } from "./lookup-page";
import { RateLimiter, type Clock } from "./rate-limiter";

const H = 3600_000;
const D = 24 * H;
const now = new Date(Date.UTC(2026, 10, 21, 12));
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);
const config = { ...defaultPlanConfig, overlapMs: 10 * 60_000, chunkMs: D };

function progress(p: Partial<IngestProgress>): IngestProgress {
  return { backfillFrom: at(-3 * D), lowWatermark: null, highWatermark: null, chunk: null, ...p };
}

describe("nextChunk", () => {
  const cases: [string, IngestProgress, ReturnType<typeof nextChunk>][] = [
    ["first time: the last day, live", progress({}), { kind: "live", start: at(-D), end: now, nextToken: null }],
    ["a chunk in progress is resumed as saved", progress({ chunk: { kind: "backfill", start: at(-2 * D), end: at(-D), nextToken: "t" } }), { kind: "backfill", start: at(-2 * D), end: at(-D), nextToken: "t" }],
    ["behind the present: from the watermark minus the overlap", progress({ lowWatermark: at(-D), highWatermark: at(-H) }), { kind: "live", start: at(-H - 10 * 60_000), end: now, nextToken: null }],
    ["up to date: a day further back", progress({ lowWatermark: at(-D), highWatermark: at(-100) }), { kind: "backfill", start: at(-2 * D), end: at(-D), nextToken: null }],
    ["the last backfill chunk stops at the horizon", progress({ lowWatermark: at(-2.5 * D), highWatermark: at(-100) }), { kind: "backfill", start: at(-3 * D), end: at(-2.5 * D), nextToken: null }],
    ["done", progress({ lowWatermark: at(-3 * D), highWatermark: at(-100) }), null],
    ["down for longer than CloudTrail keeps: never before its 90 days", progress({ backfillFrom: at(-200 * D), lowWatermark: at(-150 * D), highWatermark: at(-120 * D) }), { kind: "live", start: at(-90 * D + 60_000), end: now, nextToken: null }],
  ];
  for (const [name, p, expected] of cases) it(name, () => expect(nextChunk(p, now, config)).toEqual(expected));
});

describe("completeChunk and progressOf", () => {
  it("moves the high watermark after a live chunk and the low one after a backfill chunk", () => {
    const first = completeChunk(progress({}), { kind: "live", start: at(-D), end: now, nextToken: null });
    expect(first).toEqual({ lowWatermark: at(-D), highWatermark: now });
    const back = completeChunk(progress(first), { kind: "backfill", start: at(-2 * D), end: at(-D), nextToken: null });
    expect(back).toEqual({ lowWatermark: at(-2 * D), highWatermark: now });
    const live = completeChunk(progress(back), { kind: "live", start: at(-H), end: at(H), nextToken: null });
    expect(live).toEqual({ lowWatermark: at(-2 * D), highWatermark: at(H) });
  });

  it("reports backfill share, lag and whether it has caught up", () => {
    expect(progressOf(progress({}), now, config)).toEqual({ backfill: 0, lagMs: null, caughtUp: false });
    expect(progressOf(progress({ lowWatermark: at(-1.5 * D), highWatermark: at(-60_000) }), now, config)).toMatchObject({ lagMs: 60_000, caughtUp: false });
    expect(progressOf(progress({ lowWatermark: at(-3 * D), highWatermark: now }), now, config)).toEqual({ backfill: 1, lagMs: 0, caughtUp: true });
    expect(backfillFloor(progress({ backfillFrom: at(-365 * D) }), now, config)).toEqual(at(-90 * D + 60_000));
  });
});

describe("planTargets", () => {
  it("crosses accounts with the inventory's regions and us-east-1, or with the configured regions", () => {
    const accounts = [{ accountId: "2", assumeRoleArn: null }, { accountId: "1", assumeRoleArn: "arn:role" }];
    expect(planTargets(accounts, ["ap-south-1", "us-east-1"], null).map((t) => `${t.accountId}/${t.region}`)).toEqual(["1/ap-south-1", "1/us-east-1", "2/ap-south-1", "2/us-east-1"]);
    expect(planTargets(accounts, ["ap-south-1"], ["eu-west-1"]).map((t) => `${t.accountId}/${t.region}`)).toEqual(["1/eu-west-1", "2/eu-west-1"]);
  });
});

describe("pacing and backoff", () => {
  it("waits for tokens instead of failing", async () => {
    let t = 0;
    const slept: number[] = [];
    const clock: Clock = { now: () => t, sleep: async (ms) => { slept.push(ms); t += ms; } };
    const limiter = new RateLimiter(2, clock, 1);
    for (let i = 0; i < 5; i++) await limiter.acquire();
    expect(t).toBe(2000);
    expect(slept).toEqual([500, 500, 500, 500]);
    limiter.drain();
    await limiter.acquire();
    expect(t).toBe(2500);
  });

  it("backs off exponentially with jitter, capped", () => {
    const options = { maxAttempts: 8, baseDelayMs: 500, maxDelayMs: 20_000 };
    expect([1, 2, 3, 7, 10].map((a) => backoffDelay(a, { ...options, random: () => 0 }))).toEqual([250, 500, 1000, 10_000, 10_000]);
    expect([1, 2, 3, 7, 10].map((a) => backoffDelay(a, { ...options, random: () => 1 }))).toEqual([500, 1000, 2000, 20_000, 20_000]);
  });
});
