import { describe, expect, it } from "vitest";
import { downsamplePoints, downsampleSeries } from "./downsample";
import type { HistoryPoint } from "./query-history";
import type { ReplicationStatus } from "./types";

const point = (i: number, lagMs: number | null, status: ReplicationStatus = "ok"): HistoryPoint => ({
  t: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
  lagMs,
  avgLagMs: lagMs,
  p95LagMs: lagMs,
  lagBytes: lagMs === null ? null : lagMs * 10,
  status,
});

describe("downsamplePoints", () => {
  it("keeps short series as they are", () => {
    const points = [point(0, 1), point(1, 2)];
    expect(downsamplePoints(points, 2)).toEqual(points);
  });

  it("merges consecutive points into at most maxPoints buckets, starting at each bucket's first time", () => {
    const points = Array.from({ length: 10 }, (_, i) => point(i, i));
    const merged = downsamplePoints(points, 4);
    expect(merged).toHaveLength(4); // buckets of 3: 0-2, 3-5, 6-8, 9
    expect(merged.map((p) => p.t)).toEqual([0, 3, 6, 9].map((i) => point(i, 0).t));
    expect(merged.map((p) => p.lagMs)).toEqual([2, 5, 8, 9]);
    expect(merged.map((p) => p.avgLagMs)).toEqual([1, 4, 7, 9]);
    expect(merged.map((p) => p.lagBytes)).toEqual([20, 50, 80, 90]);
  });

  it("keeps a spike and the worst status of its bucket", () => {
    const points = [point(0, 1), point(1, 12_000, "critical"), point(2, 3, "unreachable"), point(3, 1), point(4, 2), point(5, 1)];
    const merged = downsamplePoints(points, 2);
    expect(merged.map((p) => [p.lagMs, p.status])).toEqual([
      [12_000, "unreachable"],
      [2, "ok"],
    ]);
  });

  it("keeps gaps: a bucket with no measurement stays null", () => {
    const merged = downsamplePoints([point(0, null, "unreachable"), point(1, null, "unreachable"), point(2, 5), point(3, 6)], 2);
    expect(merged.map((p) => [p.lagMs, p.avgLagMs, p.status])).toEqual([
      [null, null, "unreachable"],
      [6, 6, "ok"],
    ]);
  });

  it("refuses a maxPoints below one", () => {
    expect(() => downsamplePoints([point(0, 1)], 0)).toThrow("at least 1");
  });
});

describe("downsampleSeries", () => {
  it("leaves series untouched without maxPoints and downsamples each region otherwise", () => {
    const series = [{ region: "a", points: Array.from({ length: 6 }, (_, i) => point(i, i)) }, { region: "b", points: [point(0, 1)] }];
    expect(downsampleSeries(series, undefined)).toEqual(series);
    expect(downsampleSeries(series, 3).map((s) => s.points.length)).toEqual([3, 1]);
  });
});
