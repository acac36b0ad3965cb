import { describe, expect, it } from "vitest";
import { rollupRegion, rollupRegions, statusFromLag, worstLink, worstStatus } from "./status";
import type { ReplicationStatus, Sample } from "./types";

const thresholds = { warningMs: 500, criticalMs: 1000 };

describe("statusFromLag", () => {
  it.each([
    [0, "ok"],
    [499, "ok"],
    [500, "warning"],
    [999, "warning"],
    [1000, "critical"],
    [86_400_000, "critical"],
  ] as const)("%i ms → %s", (lag, want) => {
    expect(statusFromLag(lag, thresholds)).toBe(want);
  });
});

describe("worstStatus", () => {
  it.each([
    [[], "ok"],
    [["ok", "skewed"], "skewed"],
    [["stale", "skewed"], "stale"],
    [["warning", "stale"], "warning"],
    [["critical", "warning", "ok"], "critical"],
    [["critical", "unreachable"], "unreachable"],
  ] as [ReplicationStatus[], ReplicationStatus][])("%j → %s", (statuses, want) => {
    expect(worstStatus(statuses)).toBe(want);
  });
});

describe("worstLink", () => {
  it.each([
    [[null], null],
    [[null, "up"], "up"],
    [["up", "external"], "external"],
    [["sync", "up"], "sync"],
    [["unknown", "down", "up"], "down"],
  ] as const)("%j → %s", (links, want) => {
    expect(worstLink(links)).toBe(want);
  });
});

const sample = (regionCode: string, status: ReplicationStatus, lagMs: number | null, lagBytes: number | null = null): Sample => ({
  endpointId: `${regionCode}-${status}`,
  regionCode,
  status,
  lagMs,
  lagBytes,
  link: lagMs === null ? "unknown" : "up",
  lastIoSecondsAgo: null,
  syncInProgress: false,
  clockSkew: false,
  clockSkewMs: null,
  heartbeatSeq: null,
  probeMs: 1,
  error: null,
});

describe("rollupRegion", () => {
  it("takes the worst status, the largest lag and the worst link", () => {
    expect(rollupRegion("eu", [sample("eu", "ok", 10, 5), sample("eu", "critical", 1200, 900), sample("eu", "unreachable", null)])).toEqual({
      region: "eu",
      status: "unreachable",
      lagMs: 1200,
      lagBytes: 900,
      link: "unknown",
    });
  });

  it("groups samples by region, sorted", () => {
    const regions = rollupRegions([sample("b", "ok", 1), sample("a", "warning", 600), sample("b", "ok", 3)]);
    expect(regions.map((r) => [r.region, r.status, r.lagMs])).toEqual([
      ["a", "warning", 600],
      ["b", "ok", 3],
    ]);
  });
});
