import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { runReplicationMaintenance } from "./maintenance";
import { getReplicationHistory } from "./query-history";
import { getReplicationStatus } from "./query-status";
import { regionThresholdsSchema, resetRegionThresholds, setRegionThresholds } from "./thresholds";
import type { ReplicationStatus } from "./types";

// Retention, downsampling and the read side, on hand-made samples with a fixed clock.

const minute = 60_000;
const thisMinute = Math.floor(Date.now() / minute) * minute;
const now = new Date(thisMinute + 30_000);
const oldMinute = new Date(thisMinute - 25 * 3_600_000);
const recentMinute = new Date(thisMinute - 2 * 3_600_000);

let test: TestDatabase;
let endpointId: string;

type Row = { at: Date; lagMs: number | null; status: ReplicationStatus };
const row = (base: Date, second: number, lagMs: number | null, status: ReplicationStatus): Row => ({ at: new Date(base.getTime() + second * 1000), lagMs, status });

beforeAll(async () => {
  test = await createTestDatabase();
  await test.db.region.create({ data: { code: "ap-south-1", name: "Mumbai", latitude: 19.1, longitude: 72.9 } });
  endpointId = (await test.db.redisEndpoint.create({ data: { name: "replica", regionCode: "ap-south-1", role: "replica", url: "redis://127.0.0.1:1" } })).id;
  const rows: Row[] = [row(oldMinute, 0, 100, "ok"), row(oldMinute, 10, 700, "warning"), row(oldMinute, 20, 300, "ok")];
  // 59 lags 0..580 ms (500 and up are warnings), then one unreachable sample.
  for (let i = 0; i < 59; i++) rows.push(row(recentMinute, i, i * 10, i * 10 >= 500 ? "warning" : "ok"));
  rows.push(row(recentMinute, 59, null, "unreachable"));
  rows.push(row(new Date(thisMinute), 1, 40, "ok"), row(new Date(thisMinute), 2, 1_500, "critical"));
  await test.db.replicationSample.createMany({
    data: rows.map((r) => ({ endpointId, regionCode: "ap-south-1", sampledAt: r.at, status: r.status, lagMs: r.lagMs, link: "up" as const })),
  });
  await test.db.replicationSampleMinute.create({
    data: { endpointId, regionCode: "ap-south-1", minute: new Date(thisMinute - 31 * 86_400_000), samples: 1, okSamples: 1, unreachableSamples: 0, worstStatus: "ok" },
  });
});

afterAll(() => test?.drop());

const aggregates = () => test.db.replicationSampleMinute.findMany({ orderBy: { minute: "asc" } });
const rawCount = (from: Date, to: Date) => test.db.replicationSample.count({ where: { sampledAt: { gte: from, lt: to } } });

describe("retention and downsampling", () => {
  it("folds whole minutes, drops raw samples after 24 h and aggregates after 30 days", async () => {
    const result = await runReplicationMaintenance(test.db, { now });
    expect(result).toEqual({ aggregatedMinutes: 2, deletedSamples: 3, deletedAggregates: 1 });
    const [old, recent, ...rest] = await aggregates();
    expect(rest).toEqual([]);
    expect(old).toMatchObject({ minute: oldMinute, samples: 3, okSamples: 2, minLagMs: 100, maxLagMs: 700, worstStatus: "warning" });
    expect(old?.avgLagMs).toBeCloseTo(366.67, 1);
    expect(recent).toMatchObject({ minute: recentMinute, samples: 60, okSamples: 50, unreachableSamples: 1, minLagMs: 0, maxLagMs: 580, p95LagMs: 560, avgLagMs: 290, worstStatus: "unreachable" });
    expect(await rawCount(oldMinute, new Date(oldMinute.getTime() + minute))).toBe(0);
    expect(await rawCount(recentMinute, new Date(recentMinute.getTime() + minute))).toBe(60);
    // The current minute is still filling: left raw, not folded.
    expect(await rawCount(new Date(thisMinute), now)).toBe(2);
  });

  it("is idempotent", async () => {
    const before = await aggregates();
    const again = await runReplicationMaintenance(test.db, { now });
    expect(again.deletedSamples + again.deletedAggregates).toBe(0);
    expect(await aggregates()).toEqual(before);
  });

  it("serves long ranges per minute, the newest minutes straight from raw samples", async () => {
    const history = await getReplicationHistory(test.db, { from: new Date(thisMinute - 3 * 3_600_000), to: now, now });
    expect(history.resolution).toBe("minute");
    expect(history.series[0]?.points.map((p) => [p.t, p.lagMs, p.status])).toEqual([
      [recentMinute.toISOString(), 580, "unreachable"],
      [new Date(thisMinute).toISOString(), 1_500, "critical"],
    ]);
  });

  it("serves short recent ranges tick by tick", async () => {
    const history = await getReplicationHistory(test.db, { from: new Date(thisMinute), to: now, now });
    expect(history.resolution).toBe("raw");
    expect(history.series[0]?.points.map((p) => p.lagMs)).toEqual([40, 1_500]);
  });

  it("honours configured retention", async () => {
    const result = await runReplicationMaintenance(test.db, { now, rawRetentionMs: 3_600_000, aggregateRetentionMs: 86_400_000 });
    expect(result).toMatchObject({ deletedSamples: 60, deletedAggregates: 1 });
    expect((await aggregates()).map((a) => a.minute)).toEqual([recentMinute]);
    await expect(runReplicationMaintenance(test.db, { now, rawRetentionMs: 60_000 })).rejects.toThrow(/at least/);
  });
});

describe("current status", () => {
  it("reports the latest sample while fresh, and stale once the collector goes quiet", async () => {
    const fresh = await getReplicationStatus(test.db, { now: new Date(thisMinute + 3_000) });
    expect(fresh.regions).toMatchObject([{ region: "ap-south-1", status: "critical", lagMs: 1_500, link: "up", ageMs: 1_000 }]);
    const quiet = await getReplicationStatus(test.db, { now: new Date(thisMinute + 60_000) });
    expect(quiet.regions[0]).toMatchObject({ status: "stale", lagMs: 1_500 });
    expect(quiet.regions[0]?.endpoints[0]?.error).toMatch(/worker/);
  });
});

describe("thresholds", () => {
  it("validates, records who changed them, and resets to defaults", async () => {
    expect(regionThresholdsSchema.safeParse({ regionCode: "ap-south-1", warningMs: 2_000, criticalMs: 1_000 }).success).toBe(false);
    const first = await setRegionThresholds(test.db, { regionCode: "ap-south-1", warningMs: 2_000, criticalMs: 8_000 }, "user:admin@example.com");
    expect(first).toEqual({ before: null, after: { warningMs: 2_000, criticalMs: 8_000 }, result: { warningMs: 2_000, criticalMs: 8_000 } });
    const second = await setRegionThresholds(test.db, { regionCode: "ap-south-1", warningMs: 3_000, criticalMs: 9_000 }, "user:other@example.com");
    expect(second.before).toEqual({ warningMs: 2_000, criticalMs: 8_000 });
    expect(await test.db.replicationThreshold.findUnique({ where: { regionCode: "ap-south-1" } })).toMatchObject({ updatedBy: "user:other@example.com" });
    expect((await getReplicationStatus(test.db)).regions[0]?.thresholds).toEqual({ warningMs: 3_000, criticalMs: 9_000 });
    await expect(setRegionThresholds(test.db, { regionCode: "nowhere-1", warningMs: 1, criticalMs: 2 }, null)).rejects.toThrow(/not in the inventory/);
    expect(await resetRegionThresholds(test.db, "ap-south-1")).toEqual({ warningMs: 3_000, criticalMs: 9_000 });
    expect((await getReplicationStatus(test.db)).regions[0]?.thresholds).toEqual({ warningMs: 5_000, criticalMs: 10_000 });
  });

  it("works inside a caller's transaction, as the audited mutation will run it", async () => {
    await expect(
      test.db.$transaction(async (tx) => {
        await setRegionThresholds(tx, { regionCode: "ap-south-1", warningMs: 1_000, criticalMs: 2_000 }, "user:admin@example.com");
        throw new Error("audit failed");
      }),
    ).rejects.toThrow("audit failed");
    expect(await test.db.replicationThreshold.count()).toBe(0);
  });
});
