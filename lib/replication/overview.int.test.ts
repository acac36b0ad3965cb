import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { historyRequestSchema, searchParamsObject } from "./api-schemas";
import { demoStateFile } from "./demo-state";
import { getHistoryForApi, getPublicReplicationStatus, loadReplicationConsoleData } from "./overview";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";

// What the replication routes serve, on hand-made samples: GET /api/v1/replication's exact
// shape, the console's detail (names, thresholds, breaches, demo replicas) and history
// parsed from a query string and downsampled.

const now = new Date();
const settings = { staleAfterMs: 5_000, defaultThresholds: { warningMs: 5_000, criticalMs: 10_000 }, retention: { rawRetentionMs: 86_400_000, aggregateRetentionMs: 30 * 86_400_000 } };
const demoDir = mkdtempSync(path.join(tmpdir(), "fd-overview-"));
let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
  await test.db.region.createMany({
    data: [
      { code: "ap-southeast-1", name: "Singapore", latitude: 1.3, longitude: 103.8 },
      { code: "ap-south-1", name: "Mumbai", latitude: 19.1, longitude: 72.9 },
    ],
  });
  const primary = await test.db.redisEndpoint.create({ data: { name: "sg-primary", regionCode: "ap-southeast-1", role: "primary", url: "redis://127.0.0.1:1" } });
  const replica = await test.db.redisEndpoint.create({ data: { name: "bom-replica", regionCode: "ap-south-1", role: "replica", url: "redis://127.0.0.1:2" } });
  await test.db.replicationThreshold.create({ data: { regionCode: "ap-south-1", warningMs: 500, criticalMs: 1_000, updatedBy: "user:test" } });
  // 120 ticks, one a second, ending a second ago: the replica's lag climbs 0 → 1,190 ms.
  const ticks = Array.from({ length: 120 }, (_, i) => new Date(now.getTime() - (120 - i) * 1_000));
  await test.db.replicationSample.createMany({
    data: ticks.flatMap((at, i) => [
      { endpointId: primary.id, regionCode: "ap-southeast-1", sampledAt: at, status: "ok" as const, lagMs: null },
      { endpointId: replica.id, regionCode: "ap-south-1", sampledAt: at, status: i * 10 >= 1_000 ? ("critical" as const) : i * 10 >= 500 ? ("warning" as const) : ("ok" as const), lagMs: i * 10, lagBytes: BigInt(i), link: "up" as const },
    ]),
  });
  await test.db.replicationBreach.create({ data: { regionCode: "ap-south-1", level: "critical", thresholdMs: 1_000, startedAt: ticks[100]!, peakLagMs: 1_190 } });
  await test.db.replicationBreach.create({ data: { regionCode: "ap-south-1", level: "warning", thresholdMs: 500, startedAt: new Date(now.getTime() - 3 * 86_400_000), endedAt: new Date(now.getTime() - 2 * 86_400_000) } });
  writeFileSync(demoStateFile(demoDir), JSON.stringify({ nodes: [{ name: "n", region: "ap-south-1", role: "replica", url: "redis://127.0.0.1:2", port: 2, pid: 999_999_999 }] }));
});

afterAll(async () => {
  await test?.drop();
  rmSync(demoDir, { recursive: true, force: true });
});

describe("GET /api/v1/replication", () => {
  it("has exactly the documented fields per region", async () => {
    // It reads the real clock: a wide freshness window keeps a slow machine from calling the samples stale.
    const body = await getPublicReplicationStatus(test.db, { ...settings, staleAfterMs: 600_000 });
    expect(body).toEqual({
      regions: [
        { region: "ap-south-1", status: "critical", lagMs: 1_190, lagBytes: 119, link: "up", sampledAt: expect.any(String) },
        { region: "ap-southeast-1", status: "ok", lagMs: null, lagBytes: null, link: null, sampledAt: expect.any(String) },
      ],
    });
  });
});

describe("the console's data", () => {
  it("adds names, thresholds, the breaches of the last day and the demo replicas", async () => {
    const data = await loadReplicationConsoleData(test.db, { now, settings, demoDir });
    expect(data.regions.map((r) => [r.region, r.name, r.thresholds])).toEqual([
      ["ap-south-1", "Mumbai", { warningMs: 500, criticalMs: 1_000 }],
      ["ap-southeast-1", "Singapore", { warningMs: 5_000, criticalMs: 10_000 }],
    ]);
    expect(data.regions[0]?.ageMs).toBeGreaterThanOrEqual(1_000);
    // The warning breach ended two days ago: outside the window.
    expect(data.breaches.map((b) => [b.region, b.level, b.endedAt])).toEqual([["ap-south-1", "critical", null]]);
    // The state file names a PID that is no redis-server: listed, not running, never signalled.
    expect(data.demo).toEqual({ replicas: [{ region: "ap-south-1", url: "redis://127.0.0.1:2", running: false, paused: false }] });
    expect(data.defaults).toEqual(settings.defaultThresholds);
  });

  it("outside demo mode has no demo section", async () => {
    expect((await loadReplicationConsoleData(test.db, { now, settings, demoDir: null })).demo).toBeNull();
  });
});

describe("GET /api/v1/replication/history", () => {
  const request = (query: string) => historyRequestSchema(now).parse(searchParamsObject(new URLSearchParams(query)));

  it("serves the last five minutes tick by tick for one region", async () => {
    const history = await getHistoryForApi(test.db, request("range=5m&region=ap-south-1"), settings);
    expect(history.resolution).toBe("raw");
    expect(history.series.map((s) => [s.region, s.points.length])).toEqual([["ap-south-1", 120]]);
    expect(history.series[0]?.points.at(-1)).toMatchObject({ lagMs: 1_190, status: "critical" });
  });

  it("downsamples to maxPoints, keeping the peak and the worst status", async () => {
    const history = await getHistoryForApi(test.db, request("range=5m&region=ap-south-1&maxPoints=10"), settings);
    const points = history.series[0]!.points;
    expect(points).toHaveLength(10);
    expect(points.at(-1)).toMatchObject({ lagMs: 1_190, status: "critical" });
  });

  it("serves a day as minutes, including the minutes not folded yet", async () => {
    const history = await getHistoryForApi(test.db, request("range=24h"), settings);
    expect(history.resolution).toBe("minute");
    const south = history.series.find((s) => s.region === "ap-south-1")!;
    expect(south.points.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...south.points.map((p) => p.lagMs ?? 0))).toBe(1_190);
  });
});
